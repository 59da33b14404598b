/**
 * What an export takes from what it read: the configuration sets `--select` names and no other stack
 * owns, the SES alarms and dashboards that belong to them, and the topics those use. Pure.
 *
 * Belonging: an alarm belongs to a set when one of its metrics has a dimension whose value is the set's
 * name (SES publishes a set's metrics with its `ses:configuration-set` value, docs/aws-behaviour.md,
 * "Dimensions and message tags") or when it is named as the stack's preset for that set
 * (`<stack>/<set>/…`). An alarm that belongs to no set of the account is an account alarm, exported
 * without `--select`. A resource tagged with another stack is never exported: that stack owns it.
 */
import type { Alarm, Dashboard, Resource, TopicRef } from '../../model/resources.js';
import { STACK_TAG } from '../../model/resources.js';
import { SES_NAMESPACE } from '../../model/ses.js';

/** `prod-*`, `eu-?-mail`: `*` any run of characters, `?` one; the whole name must match. */
export function globMatcher(globs: readonly string[]): (name: string) => boolean {
  if (globs.length === 0) return () => true;
  const res = globs.map((g) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`));
  return (name) => res.some((re) => re.test(name));
}

/** Owned by a stack other than `stack` (tagged with it). */
export function ownedElsewhere(r: Resource, stack: string): boolean {
  const owner = 'tags' in r ? r.tags[STACK_TAG] : undefined;
  return owner !== undefined && owner !== stack;
}

/** The stacks the resources are tagged with, sorted. */
export function stacksOf(resources: readonly Resource[]): string[] {
  return [...new Set(resources.flatMap((r) => ('tags' in r && r.tags[STACK_TAG] !== undefined ? [r.tags[STACK_TAG]] : [])))].sort();
}

function dimensionValues(a: Alarm): string[] {
  const q = a.query;
  const metrics = q.type === 'metric' ? [q.metric] : q.metrics.flatMap((m) => (m.kind === 'metric' ? [m.metric] : []));
  return metrics.filter((m) => m.namespace === SES_NAMESPACE).flatMap((m) => m.dimensions.map((d) => d.value));
}

/** The sets of `names` an alarm belongs to (see the header). */
export function setsOfAlarm(a: Alarm, stack: string, names: ReadonlySet<string>): string[] {
  const byName = a.name.startsWith(`${stack}/`) ? a.name.slice(stack.length + 1).split('/')[0] : undefined;
  return [...new Set([...dimensionValues(a), ...(byName !== undefined ? [byName] : [])])].filter((n) => names.has(n)).sort();
}

/**
 * The alarms to export: not owned elsewhere, and belonging to a kept set, or to no set of the account at
 * all when nothing was selected (account alarms).
 */
export function alarmsToExport(alarms: readonly Alarm[], o: { stack: string; kept: ReadonlySet<string>; all: ReadonlySet<string>; selected: boolean }): Alarm[] {
  return alarms.filter((a) => {
    if (ownedElsewhere(a, o.stack)) return false;
    if (setsOfAlarm(a, o.stack, o.kept).length > 0) return true;
    return !o.selected && setsOfAlarm(a, o.stack, o.all).length === 0;
  });
}

/** Topic ARNs the resources use (SNS destinations, alarm actions) in this Region and account: name -> ARN. */
export function topicsUsed(resources: readonly Resource[], region: string, accountId: string): Map<string, string> {
  const refs: TopicRef[] = resources.flatMap((r) =>
    r.kind === 'eventDestination' && r.target.type === 'sns' ? [r.target.topic] : r.kind === 'alarm' ? [...r.alarmActions, ...r.okActions, ...r.insufficientDataActions] : [],
  );
  const local = new RegExp(`^arn:[^:]+:sns:${region}:${accountId}:([^:]+)$`);
  const out = new Map<string, string>();
  for (const ref of refs) {
    const name = 'arn' in ref ? local.exec(ref.arn)?.[1] : undefined;
    if (name !== undefined && 'arn' in ref) out.set(name, ref.arn);
  }
  return out;
}

/**
 * A dashboard charts SES when its body names the namespace; with a selection, also one of the kept sets.
 * Without one, the stack's own dashboards whatever they chart: plan reads dashboards by the file's names
 * only, so one left out would be orphaned without a word.
 */
export function dashboardToExport(d: Dashboard, o: { stack: string; kept: ReadonlySet<string>; selected: boolean }): boolean {
  if (ownedElsewhere(d, o.stack)) return false;
  if (!o.selected && d.tags[STACK_TAG] === o.stack) return true;
  const body = d.source.type === 'literal' ? JSON.stringify(d.source.body) : '';
  if (!body.includes(SES_NAMESPACE)) return false;
  return !o.selected || [...o.kept].some((s) => body.includes(JSON.stringify(s)));
}
