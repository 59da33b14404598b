import type { Resource, ResourceKind } from './resources.js';

/**
 * `${kind}:${id}`. The id is what the plan shows: a name, or `set/destination` for an event destination
 * (docs/architecture.md, "Plans"). One sort order, used for rendering, hashing and applying alike.
 */
export type ResourceKey = `${ResourceKind}:${string}`;

/** Dependency order (docs/architecture.md, "Plans"): topics, then sets, then destinations, then alarms and dashboards; tenants last (they only refer to sets). */
export const KIND_RANK: Readonly<Record<ResourceKind, number>> = {
  topic: 0,
  configurationSet: 1,
  eventDestination: 2,
  alarm: 3,
  dashboard: 4,
  tenant: 5,
};

export function resourceId(r: Resource): string {
  return r.kind === 'eventDestination' ? `${r.configurationSet}/${r.name}` : r.name;
}

export function keyOf(r: Resource): ResourceKey {
  return `${r.kind}:${resourceId(r)}`;
}

export function splitKey(key: ResourceKey): { kind: ResourceKind; id: string } {
  const i = key.indexOf(':');
  return { kind: key.slice(0, i) as ResourceKind, id: key.slice(i + 1) };
}

/**
 * The root key a resource's ownership lives on (diff/ownership.ts): itself, or an event destination's set
 * (`configurationSet:`, `alarm:`, `topic:`, `dashboard:`).
 */
export function rootOf(key: ResourceKey): ResourceKey {
  const { kind, id } = splitKey(key);
  return kind === 'eventDestination' ? `configurationSet:${id.split('/')[0] as string}` : key;
}

export function compareKeys(a: ResourceKey, b: ResourceKey): number {
  const ka = splitKey(a);
  const kb = splitKey(b);
  const byRank = KIND_RANK[ka.kind] - KIND_RANK[kb.kind];
  if (byRank !== 0) return byRank;
  return ka.id < kb.id ? -1 : ka.id > kb.id ? 1 : 0;
}
