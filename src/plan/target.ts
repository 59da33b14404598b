/**
 * `--target ID`: limit a plan to the named resources and what they depend on. A configuration set's id
 * selects the set and its event destinations; a destination's id (`set/destination`) selects it and its
 * set (a new destination needs its set to exist). Tenants tie to sets both ways: a set's delete needs the
 * change that frees it from the stack's tenants (AWS refuses to delete an associated set), and a tenant's
 * association needs the set it names to be created first.
 */
import type { Change } from '../model/change.js';
import type { Plan } from '../model/plan.js';
import { summaryOf } from './safety.js';
import { orderChanges } from './order.js';

export function targetPlan(plan: Plan, targets: readonly string[]): { plan: Plan; unmatched: string[] } {
  if (targets.length === 0) return { plan, unmatched: [] };
  const setOf = (c: Change) => (c.kind === 'eventDestination' ? c.id.split('/')[0] : c.id);
  const keep = (c: Change) => targets.some((t) => c.id === t || setOf(c) === t || (c.kind === 'configurationSet' && t.split('/')[0] === c.id));
  const direct = plan.changes.filter(keep);
  const deletedSets = new Set(direct.flatMap((c) => c.steps.flatMap((st) => (st.op === 'DeleteConfigurationSet' ? [st.name] : []))));
  const associated = new Set(direct.flatMap((c) => c.steps.flatMap((st) => (st.op === 'AssociateTenantResource' && st.resource.type === 'configurationSet' ? [st.resource.name] : []))));
  const frees = (c: Change): boolean =>
    c.kind === 'tenant' &&
    c.steps.some(
      (st) =>
        (st.op === 'DisassociateTenantResource' && st.resource.type === 'configurationSet' && deletedSets.has(st.resource.name)) ||
        (st.op === 'DeleteTenant' && c.before?.kind === 'tenant' && c.before.configurationSets.some((n) => deletedSets.has(n))),
    );
  const needed = (c: Change): boolean => frees(c) || (c.kind === 'configurationSet' && c.action === 'create' && associated.has(c.id));
  const kept = plan.changes.filter((c) => direct.includes(c) || needed(c));
  const unmatched = targets.filter((t) => !plan.changes.some((c) => c.id === t || setOf(c) === t || t.split('/')[0] === c.id));
  const ordered = orderChanges(kept);
  return {
    plan: { ...plan, changes: ordered.changes, waves: ordered.waves, summary: summaryOf(ordered.changes) },
    unmatched,
  };
}
