/**
 * Safety checks on a plan, before apply (octoDNS raise_if_unsafe): deletes need --allow-deletes and stay
 * within --max-deletes; a conflict (a resource of the file's name this stack does not own) needs --adopt,
 * or is never allowed when another stack owns it; and no call may act on a resource the stack does not
 * own. Deletes and ownership are judged by the calls a change makes (plan/roots.ts), not by its label.
 * A refused plan is still printed in full with the blocked rows marked; the message says the measured
 * number, the limit and the flag that overrides it.
 */
import type { Blocked, Change } from '../model/change.js';
import type { Plan, PlanSummary } from '../model/plan.js';
import type { Resource } from '../model/resources.js';
import type { State } from '../model/state.js';
import { describeStep, type Step } from '../model/step.js';
import { isDeleteStep, stepRoot } from './roots.js';

export interface SafetyOptions {
  /** @default false */
  readonly allowDeletes: boolean;
  /** @default unlimited */
  readonly maxDeletes?: number;
}


/** A destination deleted and created again by the next call of the same change is a replace, not a delete. */
function isReplaced(steps: readonly Step[], i: number): boolean {
  const s = steps[i];
  const next = steps[i + 1];
  return (
    s?.op === 'DeleteConfigurationSetEventDestination' &&
    next?.op === 'CreateConfigurationSetEventDestination' &&
    next.destination.configurationSet === s.configurationSet &&
    next.destination.name === s.name
  );
}

/** Deletes a change makes: its delete calls, plus what AWS deletes with a deleted set (Change.cascade). */
export function deleteCount(c: Change): number {
  let n = 0;
  c.steps.forEach((s, i) => {
    if (isDeleteStep(s) && !isReplaced(c.steps, i)) n++;
  });
  if (c.steps.some((s) => s.op === 'DeleteConfigurationSet')) n += c.cascade?.length ?? 0;
  return n;
}

/**
 * The plan's counts, from the same facts the refusal counts (issue: "counts, refusal messages and rows
 * agree"): a change counts by its action unless it is blocked for a reason other than being a delete (a
 * conflict is not something apply would do); deletes count their calls and cascades (deleteCount), so
 * "4 to delete" and "4 deletes exceed --max-deletes 1" say the same number.
 */
export function summaryOf(changes: readonly Change[]): PlanSummary {
  const counted = changes.filter((c) => !c.blocked || c.action === 'delete');
  const count = (a: Change['action']) => counted.filter((c) => c.action === a).length;
  const deletes = counted.filter((c) => c.action === 'delete').reduce((n, c) => n + Math.max(1, deleteCount(c)), 0);
  return { create: count('create'), update: count('update'), replace: count('replace'), delete: deletes };
}

export function checkSafety(changes: readonly Change[], o: SafetyOptions): { changes: Change[]; refused?: string } {
  const deletes = changes.reduce((n, c) => n + deleteCount(c), 0);
  const reasons: string[] = [];
  let blockDeletes: Blocked | undefined;
  if (deletes > 0 && !o.allowDeletes) {
    blockDeletes = { kind: 'delete-refused', message: 'deletes need --allow-deletes' };
    reasons.push(`the plan deletes ${deletes} resource${deletes === 1 ? '' : 's'}; deletes need --allow-deletes`);
  } else if (o.maxDeletes !== undefined && deletes > o.maxDeletes) {
    blockDeletes = { kind: 'delete-refused', message: `${deletes} deletes exceed --max-deletes ${o.maxDeletes}` };
    reasons.push(`${deletes} deletes exceed --max-deletes ${o.maxDeletes}; re-run with --max-deletes ${deletes}`);
  }
  const conflicts = changes.filter((c) => c.blocked?.kind === 'conflict');
  if (conflicts.length > 0)
    reasons.push(`${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'}: ${conflicts.map((c) => `${c.id} (${c.blocked?.message})`).join(', ')}`);
  // A set delete AWS would refuse: a tenant the stack does not own holds it (plan/build.ts).
  const held = changes.filter((c) => c.blocked?.kind === 'not-owned');
  if (held.length > 0) reasons.push(held.map((c) => `${c.id}: ${c.blocked?.message}`).join('; '));
  const out = changes.map((c) => (blockDeletes && deleteCount(c) > 0 && !c.blocked ? { ...c, blocked: blockDeletes } : c));
  return reasons.length > 0 ? { changes: out, refused: reasons.join('; ') } : { changes: out };
}

/**
 * The last word before any call: every call of every runnable change must act on a resource that does
 * not exist yet, or that this stack owns (or, with --adopt, that no stack owns). The planner only makes
 * such calls; this holds even if it did not, or if a plan file was edited. `owner` says who owns a live
 * resource (diff/ownership.ts).
 */
export function guardOwnership(plan: Plan, live: State, owner: (r: Resource) => string | undefined, o: { readonly stack: string; readonly adopt: boolean }): Plan {
  const refusals: string[] = [];
  const changes = plan.changes.map((c) => {
    if (c.blocked) return c;
    for (const step of c.steps) {
      const target = live.get(stepRoot(step));
      if (!target) continue;
      const who = owner(target);
      if (who === o.stack || (who === undefined && o.adopt)) continue;
      const [stack, region] = (who ?? '').split('@');
      const why = who === undefined ? 'carries no stack tag (re-run with --adopt to adopt it)' : `is owned by stack "${stack}"${region ? ` in ${region}` : ''}`;
      refusals.push(`${describeStep(step)} acts on ${target.kind} ${target.name}, which ${why}`);
      return { ...c, blocked: { kind: 'not-owned' as const, message: `${describeStep(step)} acts on ${target.kind} ${target.name}, which ${why}` } };
    }
    return c;
  });
  if (refusals.length === 0) return plan;
  const refused = [plan.refused, `${refusals.length} call${refusals.length === 1 ? '' : 's'} on resources this stack does not own: ${refusals.join('; ')}`].filter(Boolean).join('; ');
  return { ...plan, changes, refused, summary: summaryOf(changes) };
}
