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

/** A URL's password, as in model/endpoint.ts maskEndpoint (log.ts imports only pino, so it is repeated here). */
const URL_PASSWORD = /(https?:\/\/[^\s"'<>/?#:@]*:)[^\s"'<>/?#]*@/gi;

/** Every string of a log line with any URL's password as `****`, whatever the field (SDK errors, messages). */
export function maskLogValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(URL_PASSWORD, '$1****@');
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskLogValue(v, depth + 1));
  if (value instanceof Error) {
    const copy: Record<string, unknown> = { type: value.name, message: maskLogValue(value.message), stack: maskLogValue(value.stack) };
    for (const [k, v] of Object.entries(value)) copy[k] = maskLogValue(v, depth + 1);
    return copy;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskLogValue(v, depth + 1)]));
}

export function createLogger(level: string, destination: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { log: (o) => maskLogValue(o) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? maskLogValue(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
