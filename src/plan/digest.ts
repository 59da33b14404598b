/**
 * Stable sha256 digests (octoDNS's plan checksum): of a plan file's content (plan/planfile.ts) and of the
 * file's definition of a resource (plan/reason.ts). Equal values hash equal whatever order they were built in.
 */
import { createHash } from 'node:crypto';
import { jsonValue } from '../model/json.js';

/** JSON with object keys sorted: equal values, equal text, whatever order they were built in. */
export function stableJson(value: unknown): string {
  return JSON.stringify(jsonValue(value));
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
