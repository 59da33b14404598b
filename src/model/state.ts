import { compareKeys, keyOf, type ResourceKey } from './key.js';
import type { Resource } from './resources.js';

/** Desired and actual state share this shape. Iteration order is compareKeys order. */
export type State = ReadonlyMap<ResourceKey, Resource>;

export function stateOf(resources: Iterable<Resource>): State {
  const entries = [...resources].map((r) => [keyOf(r), r] as const);
  entries.sort((a, b) => compareKeys(a[0], b[0]));
  return new Map(entries);
}
