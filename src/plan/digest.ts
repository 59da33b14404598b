/**
 * Stable sha256 digests (octoDNS's plan checksum): of the live state a plan was computed from, limited to
 * the resources it touches, so `apply PLANFILE` can tell whether anything it would change has changed since.
 */
import { createHash } from 'node:crypto';
import { jsonValue } from '../model/json.js';
import type { Plan } from '../model/plan.js';
import type { State } from '../model/state.js';

/** JSON with object keys sorted: equal values, equal text, whatever order they were built in. */
export function stableJson(value: unknown): string {
  return JSON.stringify(jsonValue(value));
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The live state of every resource the plan touches (absent ones as null). */
export function liveDigest(plan: Plan, live: State): string {
  const keys = [...new Set(plan.changes.map((c) => c.key))].sort();
  return sha256(stableJson(keys.map((k) => [k, live.get(k) ?? null])));
}
