/**
 * `--target ID`: limit a plan to the named resources and what they depend on. A configuration set's id
 * selects the set and its event destinations; a destination's id (`set/destination`) selects it and its
 * set (a new destination needs its set to exist).
 */
import type { Change } from '../model/change.js';
import type { Plan } from '../model/plan.js';
import { summaryOf } from './safety.js';
import { orderChanges } from './order.js';

export function targetPlan(plan: Plan, targets: readonly string[]): { plan: Plan; unmatched: string[] } {
  if (targets.length === 0) return { plan, unmatched: [] };
  const setOf = (c: Change) => (c.kind === 'eventDestination' ? c.id.split('/')[0] : c.id);
  const keep = (c: Change) => targets.some((t) => c.id === t || setOf(c) === t || (c.kind === 'configurationSet' && t.split('/')[0] === c.id));
  const kept = plan.changes.filter(keep);
  const unmatched = targets.filter((t) => !plan.changes.some((c) => c.id === t || setOf(c) === t || t.split('/')[0] === c.id));
  const ordered = orderChanges(kept);
  return {
    plan: { ...plan, changes: ordered.changes, waves: ordered.waves, summary: summaryOf(ordered.changes) },
    unmatched,
  };
}
