/**
 * What each reader reads, from the file and the tag index (`--refresh`: docs/architecture.md, "Commands and exit codes", "Ownership and deletes"). Pure.
 *
 * Terms: the *index* is the stack's resources as the tag index lists them (port.ts StackIndex); a
 * *digest* is the `ses-reconcile:digest` tag each set, alarm and topic carries, the digest of the file's
 * definition of it at its last apply (plan/reason.ts).
 *
 * Premise: the index is a list of candidates. It lags (a resource tagged a moment ago may be missing, a
 * tag changed a moment ago may show its old value) and it lists deleted resources for a while
 * (docs/aws-behaviour.md, "The tag index"). So:
 *   - every name of the file is read whatever the index says, and every index hit is read too (its
 *     service's read confirms it exists: NotFound means gone);
 *   - the index's tags of an alarm or a topic replace ListTagsForResource only when they are exactly the
 *     tags the file wants. A stale tag can then only hide a tag change made outside ses-reconcile within
 *     the index's lag; it can never cause a delete (a resource the file no longer names is read afresh)
 *     nor a spurious change (a resource whose index tags differ from the file's is read afresh);
 *   - with `--refresh changed`, a resource whose index digest equals the file's is not read at all: the
 *     file's definition stands in for it, so drift made outside ses-reconcile on it is not looked for.
 *     That is what the mode promises (the plan header says so); `apply PLANFILE` re-reads what it touches.
 * Without an index (`--discovery scan`) the readers list the account as before and nothing is skipped.
 */
import { DIGEST_TAG, type Resource, type Tags } from '../model/resources.js';
import type { State } from '../model/state.js';
import type { DashboardScope, NamedScope, SetScope, StackIndex } from './port.js';

export type RefreshMode = 'all' | 'changed';

export interface ReadScopes {
  readonly configurationSets: SetScope;
  readonly alarms: NamedScope;
  readonly topics: NamedScope;
  readonly dashboards: DashboardScope;
  readonly tenants: NamedScope;
  /** The file's resources that stand in for the live ones not read (`--refresh changed`). */
  readonly standIns: readonly Resource[];
}

function sameTags(a: Tags, b: Tags): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

/**
 * `desired` must be the state the plan compares against: topic references resolved and digests filled
 * in (plan/compute.ts resolveDesired), or the digests would never match.
 */
export function readScopes(stack: string, desired: State, index: StackIndex | undefined, refresh: RefreshMode): ReadScopes {
  const all = [...desired.values()];
  const named = <K extends Resource['kind']>(kind: K) => all.filter((r): r is Extract<Resource, { kind: K }> => r.kind === kind);
  const sets = named('configurationSet');
  const alarms = named('alarm');
  const topics = named('topic');
  const dashboards = { names: new Set(named('dashboard').map((d) => d.name)) };
  const tenants = named('tenant');
  if (index === undefined) {
    return {
      configurationSets: { stack, configurationSets: new Set(sets.map((s) => s.name)) },
      alarms: { stack, names: new Set(alarms.map((a) => a.name)) },
      topics: { stack, names: new Set(topics.map((t) => t.name)) },
      dashboards,
      tenants: { stack, names: new Set(tenants.map((t) => t.name)) },
      standIns: [],
    };
  }
  const changedOnly = refresh === 'changed';
  const unchangedOf = (wanted: readonly { name: string; tags: Tags }[], indexed: StackIndex['alarms']): Set<string> =>
    new Set(changedOnly ? wanted.filter((r) => r.tags[DIGEST_TAG] !== undefined && indexed.get(r.name)?.tags[DIGEST_TAG] === r.tags[DIGEST_TAG]).map((r) => r.name) : []);
  const trustedOf = (wanted: readonly { name: string; tags: Tags }[], indexed: StackIndex['alarms']): Map<string, Tags> =>
    new Map(wanted.flatMap((r) => {
      const hit = indexed.get(r.name);
      return hit && sameTags(hit.tags, r.tags) ? [[r.name, r.tags] as const] : [];
    }));
  const arnsOf = (indexed: StackIndex['alarms']) => new Map([...indexed.values()].map((r) => [r.name, r.arn]));

  const unchangedSets = unchangedOf(sets, index.configurationSets);
  const unchangedAlarms = unchangedOf(alarms, index.alarms);
  const unchangedTopics = unchangedOf(topics, index.topics);
  const unchangedTenants = unchangedOf(tenants, index.tenants);
  const standIns = all.filter(
    (r) =>
      (r.kind === 'configurationSet' && unchangedSets.has(r.name)) ||
      (r.kind === 'eventDestination' && unchangedSets.has(r.configurationSet)) ||
      (r.kind === 'alarm' && unchangedAlarms.has(r.name)) ||
      (r.kind === 'topic' && unchangedTopics.has(r.name)) ||
      (r.kind === 'tenant' && unchangedTenants.has(r.name)),
  );
  return {
    configurationSets: {
      stack,
      configurationSets: new Set(sets.map((s) => s.name)),
      discovered: new Set(index.configurationSets.keys()),
      unchanged: unchangedSets,
    },
    alarms: { stack, names: new Set(alarms.map((a) => a.name)), discovered: arnsOf(index.alarms), unchanged: unchangedAlarms, trustedTags: trustedOf(alarms, index.alarms) },
    topics: { stack, names: new Set(topics.map((t) => t.name)), discovered: arnsOf(index.topics), unchanged: unchangedTopics, trustedTags: trustedOf(topics, index.topics) },
    dashboards,
    // An unchanged tenant is not read either: a pause SES made since is not looked for, as no outside
    // change is in this mode (`status` reports pauses).
    tenants: { stack, names: new Set(tenants.map((t) => t.name)), discovered: arnsOf(index.tenants), unchanged: unchangedTenants },
    standIns,
  };
}
