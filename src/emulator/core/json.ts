/**
 * JSON bodies, shared by the three JSON protocols (rest-json.ts, json-rpc.ts): reading a request body as
 * one JSON object, and writing output with timestamps as epoch seconds, the JSON codecs' default
 * (`timestampFormat` epoch-seconds; docs/aws-behaviour.md, "Wire protocols").
 */
import type { ServiceErrors } from './errors.js';

/** The body as a JSON object (`{}` when empty); the service's serialization error when it is not one. */
export function parseJsonObject(body: Buffer, errors: Pick<ServiceErrors, 'serialization'>): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  let parsed: unknown;
  try {
    parsed = text === '' ? {} : JSON.parse(text);
  } catch (err) {
    throw errors.serialization(`The request body is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw errors.serialization('The request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** Dates as epoch seconds; fractions keep milliseconds. */
function replacer(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  return raw instanceof Date ? raw.getTime() / 1000 : value;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value, replacer);
}
