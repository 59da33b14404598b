/**
 * Structured logs: pino, JSON, on stderr (human output is stdout's). Bound once per run with
 * `{ stack, region }`. Credentials, signed headers and subscription endpoints never appear: they are
 * redacted by path, whatever a caller passes.
 */
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

export const REDACT_PATHS = [
  'credentials',
  '*.credentials',
  'accessKeyId',
  'secretAccessKey',
  'sessionToken',
  '*.secretAccessKey',
  '*.sessionToken',
  'headers.authorization',
  '*.headers.authorization',
  'endpoint',
  '*.endpoint',
];

export function createLogger(level: string, destination: pino.DestinationStream): Logger {
  return pino({ level, base: undefined, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, destination);
}
