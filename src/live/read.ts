/**
 * readLive(readers, scopes): the live state of what the scopes name, one reader per kind, read
 * concurrently (different services, different rate limits; the adapters' pacer keeps each service at its
 * own). Pure composition over the port (port.ts): which adapters read is cli/'s choice.
 */
import { stateOf, type State } from '../model/state.js';
import type { LiveReaders } from './port.js';
import type { ReadScopes } from './scope.js';

export interface LiveState {
  /** What was read, plus the file's stand-ins for what `--refresh changed` did not read. */
  readonly state: State;
  readonly calls: Record<string, number>;
  /** Subscriptions pending confirmation, as `<topic> <protocol>:<endpoint>`. */
  readonly pending: readonly string[];
  /** Resources not read because the file's definition stood in for them (`--refresh changed`). */
  readonly notRead: number;
  /** Name -> ARN as AWS reported it, per kind, for the step runners (port.ts LiveRead.arns). */
  readonly arns: { readonly alarms: ReadonlyMap<string, string>; readonly dashboards: ReadonlyMap<string, string>; readonly tenants: ReadonlyMap<string, string> };
}

/** Call counts of several reads; two of them (alarms and dashboards) share the cloudwatch: prefix. */
export function sumCalls(all: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const calls of all) for (const [k, n] of Object.entries(calls)) out[k] = (out[k] ?? 0) + n;
  return out;
}

export async function readLive(readers: LiveReaders, scopes: ReadScopes): Promise<LiveState> {
  const [sets, alarms, topics, dashboards, tenants] = await Promise.all([
    readers.configurationSets.read(scopes.configurationSets),
    readers.alarms.read(scopes.alarms),
    readers.topics.read(scopes.topics),
    readers.dashboards.read(scopes.dashboards),
    readers.tenants.read(scopes.tenants),
  ]);
  const reads = [sets, alarms, topics, dashboards, tenants];
  return {
    state: stateOf([...reads.flatMap((r) => [...r.state.values()]), ...scopes.standIns]),
    calls: sumCalls(reads.map((r) => r.calls)),
    pending: reads.flatMap((r) => r.pending ?? []),
    notRead: scopes.standIns.filter((r) => r.kind !== 'eventDestination').length,
    arns: { alarms: alarms.arns ?? new Map(), dashboards: dashboards.arns ?? new Map(), tenants: tenants.arns ?? new Map() },
  };
}
