/**
 * Safety checks on a plan, before apply (octoDNS raise_if_unsafe): deletes need --allow-deletes and stay
 * within --max-deletes; a conflict (a set of the file's name this stack does not own) needs --adopt, or
 * is never allowed when another stack owns it. A refused plan is still printed in full with the blocked
 * rows marked; the message says the measured number, the limit and the flag that overrides it.
 */
import type { Change } from '../model/change.js';
import type { Plan } from '../model/plan.js';

export interface SafetyOptions {
  /** @default false */
  readonly allowDeletes: boolean;
  /** @default unlimited */
  readonly maxDeletes?: number;
}

const DELETE_REFUSED = 'delete refused: ';

/**
 * A saved plan is checked again with the flags apply runs with: delete refusals are the apply's to make
 * (plan --out may have been run without --allow-deletes); conflicts stay refused.
 */
export function recheckSafety(plan: Plan, o: SafetyOptions): Plan {
  const unblocked = plan.changes.map((c) => {
    if (!c.blocked?.startsWith(DELETE_REFUSED)) return c;
    const { blocked: _b, ...rest } = c;
    return rest;
  });
  const safe = checkSafety(unblocked, o);
  const { refused: _r, ...rest } = plan;
  return { ...rest, changes: safe.changes, ...(safe.refused ? { refused: safe.refused } : {}) };
}

/** Deletes a change makes: the resource, plus destinations deleted with their set. */
export function deleteCount(c: Change): number {
  if (c.action !== 'delete') return 0;
  return 1 + (c.notes.filter((n) => n.startsWith('deletes event destination')).length);
}

export function checkSafety(changes: readonly Change[], o: SafetyOptions): { changes: Change[]; refused?: string } {
  const deletes = changes.reduce((n, c) => n + deleteCount(c), 0);
  const reasons: string[] = [];
  let blockDeletes: string | undefined;
  if (deletes > 0 && !o.allowDeletes) {
    blockDeletes = DELETE_REFUSED + 're-run with --allow-deletes';
    reasons.push(`the plan deletes ${deletes} resource${deletes === 1 ? '' : 's'}; deletes need --allow-deletes`);
  } else if (o.maxDeletes !== undefined && deletes > o.maxDeletes) {
    blockDeletes = `${DELETE_REFUSED}${deletes} deletes exceed --max-deletes ${o.maxDeletes}`;
    reasons.push(`${deletes} deletes exceed --max-deletes ${o.maxDeletes}; re-run with --max-deletes ${deletes}`);
  }
  const blocked = changes.filter((c) => c.blocked);
  if (blocked.length > 0) reasons.push(`${blocked.length} conflict${blocked.length === 1 ? '' : 's'}: ${blocked.map((c) => c.id).join(', ')}`);
  const out = changes.map((c) => (blockDeletes && c.action === 'delete' && !c.blocked ? { ...c, blocked: blockDeletes } : c));
  return reasons.length > 0 ? { changes: out, refused: reasons.join('; ') } : { changes: out };
}
