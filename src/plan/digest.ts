/**
 * Stable sha256 digests (octoDNS's plan checksum): of the live state a plan was computed from, limited to
 * the resources it touches, so `apply PLANFILE` can tell whether anything it would change has changed since.
 */
import { createHash } from 'node:crypto';
import { dropUndefined } from '../model/canonical.js';
import type { Plan } from '../model/plan.js';
import type { State } from '../model/state.js';

/** JSON with object keys sorted: equal values, equal text, whatever order they were built in. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(dropUndefined(value as Record<string, unknown>)).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The live state of every resource the plan touches (absent ones as null). */
export function liveDigest(plan: Plan, live: State): string {
  const keys = [...new Set(plan.changes.map((c) => c.key))].sort();
  return sha256(stableJson(keys.map((k) => [k, live.get(k) ?? null])));
}
