/**
 * buildPlan: differences -> a Plan. Each difference becomes a Change with its steps and reason, then the
 * changes are ordered into waves and checked for safety. The composition (reading, ownership, diff) is
 * the caller's: plan/compute.ts.
 */
import type { Change, ChangeReason, Conflict, ResourceDiff } from '../model/change.js';
import { compareKeys, keyOf, resourceId, rootOf, type ResourceKey } from '../model/key.js';
import { PLAN_FORMAT_VERSION, type Plan, type RefreshNote } from '../model/plan.js';
import { STACK_TAG, type Alarm, type ConfigurationSet, type Resource, type Tenant, type Topic } from '../model/resources.js';
import { planCost, withCosts, type CostHints } from './cost.js';
import { orderChanges } from './order.js';
import { fieldReasons, recordDigests, updateReason } from './reason.js';
import { checkSafety, summaryOf, type SafetyOptions } from './safety.js';
import { createSteps, deleteSteps, needsReplace, updateSteps } from './steps.js';


export interface PlanOptions extends SafetyOptions {
  readonly stack: string;
  readonly region: string;
  readonly accountId?: string;
  /** Warnings to carry into the plan (e.g. validation warnings). */
  readonly warnings?: readonly string[];
  /** `expectedValues` of dimensions, for the cost estimate. */
  readonly costHints?: CostHints;
  /** `--refresh changed`: what was not read, for the plan's header. */
  readonly refresh?: RefreshNote;
}

export interface PlanInput {
  readonly diffs: readonly ResourceDiff[];
  readonly conflicts: readonly Conflict[];
  /** The live resources of the managed scope (for what a set delete takes with it, and reasons). */
  readonly actual: Iterable<Resource>;
  /** The desired resources of the managed scope (for reasons). */
  readonly desired: Iterable<Resource>;
  /** Roots taken over with `--adopt` (diff/ownership.ts): their changes carry the reason `adopted`. @default none */
  readonly adopted?: ReadonlySet<ResourceKey>;
}

function withoutName(r: Resource): string {
  const { name: _n, ...rest } = r;
  return JSON.stringify(rest);
}

/**
 * Delete + create of an identical destination in one set reads as a rename (docs/architecture.md, "The
 * file format": shown as such): both changes, by key, with the two ids.
 */
function renames(diffs: readonly ResourceDiff[]): Map<ResourceKey, { readonly from: string; readonly to: string }> {
  const pairs = new Map<ResourceKey, { readonly from: string; readonly to: string }>();
  const created = diffs.filter((d): d is Extract<ResourceDiff, { kind: 'create' }> => d.kind === 'create' && d.after.kind === 'eventDestination');
  for (const d of diffs) {
    if (d.kind !== 'delete' || d.before.kind !== 'eventDestination') continue;
    const before = d.before;
    const twin = created.find(
      (c) => c.after.kind === 'eventDestination' && c.after.configurationSet === before.configurationSet && withoutName(c.after) === withoutName(before),
    );
    if (twin) {
      const pair = { from: resourceId(before), to: resourceId(twin.after) };
      pairs.set(d.key, pair);
      pairs.set(twin.key, pair);
    }
  }
  return pairs;
}

function conflictText(owner: string | undefined, name: string): string {
  if (owner === undefined) return 'exists in AWS without this stack\'s tag; re-run apply with --adopt to manage it';
  const [stack, region] = owner.split('@');
  if (region !== undefined)
    return `dashboards are global, and this one belongs to stack "${stack}" in ${region}; give each Region its own dashboard by writing {region} in its name (${name}-{region})`;
  return `owned by stack "${owner}"; two stacks never touch each other's resources`;
}

function conflictChange(c: Conflict): Change {
  return {
    action: 'update',
    key: c.key,
    kind: c.desired.kind,
    id: resourceId(c.desired),
    // Unowned: the row `--adopt` would take over; owned by another stack: someone else's resource.
    reason: c.owner === undefined ? 'adopted' : 'changed outside ses-reconcile',
    before: c.actual,
    after: c.desired,
    diff: [],
    steps: [],
    notes: [],
    blocked: { kind: 'conflict', message: conflictText(c.owner, c.desired.name) },
  };
}

/**
 * The tenants a set to delete is associated with (read for it: ConfigurationSet.tenants) that are not the
 * stack's: the stack's own tenants give up the association in their own change (the file cannot keep a set
 * it deletes), or are deleted with it; anyone else's would make AWS refuse the delete.
 */
function foreignTenants(set: ConfigurationSet, actual: readonly Resource[], stack: string): string[] {
  const ours = new Set(actual.filter((r) => r.kind === 'tenant' && r.tags[STACK_TAG] === stack).map((r) => r.name));
  return (set.tenants ?? []).filter((t) => !ours.has(t));
}

export function buildPlan(input: PlanInput, o: PlanOptions): Plan {
  const { diffs, conflicts } = input;
  const actual = [...input.actual];
  const desired = [...input.desired];
  const desiredSets = new Map(desired.filter((r): r is ConfigurationSet => r.kind === 'configurationSet').map((r) => [r.name, r]));
  const liveSets = new Map(actual.filter((r): r is ConfigurationSet => r.kind === 'configurationSet').map((r) => [r.name, r]));
  const renamed = renames(diffs);
  const deletedSets = new Set(diffs.filter((d) => d.kind === 'delete' && d.before.kind === 'configurationSet').map((d) => d.key.slice('configurationSet:'.length)));

  const changes: Change[] = conflicts.map(conflictChange);
  for (const d of diffs) {
    const base = { key: d.key, notes: [] as string[] };
    if (d.kind === 'create') {
      if (d.after.kind === 'dashboard')
        base.notes.push(`dashboards are global: this one is tagged for stack ${o.stack} in ${o.region}, and the stack applied in another Region leaves it alone`);
      const rename = renamed.get(d.key);
      changes.push({ ...base, action: 'create', kind: d.after.kind, id: resourceId(d.after), reason: rename ? 'rename' : 'new in file', before: null, after: d.after, diff: [], steps: createSteps(d.after), ...(rename ? { renamed: rename } : {}) });
    } else if (d.kind === 'delete') {
      const r = d.before;
      // Deleting a set deletes its destinations (AWS): they are the set's change's cascade, not calls.
      if (r.kind === 'eventDestination' && deletedSets.has(r.configurationSet)) continue;
      const cascade = r.kind === 'configurationSet' ? actual.filter((x) => x.kind === 'eventDestination' && x.configurationSet === r.name).map(keyOf).sort(compareKeys) : [];
      const rename = renamed.get(d.key);
      const held = r.kind === 'configurationSet' ? foreignTenants(r, actual, o.stack) : [];
      changes.push({
        ...base,
        action: 'delete',
        kind: r.kind,
        id: resourceId(r),
        reason: rename ? 'rename' : 'removed from file',
        before: r,
        after: null,
        diff: [],
        steps: deleteSteps(r),
        ...(cascade.length > 0 ? { cascade } : {}),
        ...(rename ? { renamed: rename } : {}),
        ...(held.length > 0
          ? {
              blocked: {
                kind: 'not-owned' as const,
                message: `associated with tenant${held.length === 1 ? '' : 's'} ${held.join(', ')}, which this stack does not own, and AWS refuses to delete an associated set; remove the association${held.length === 1 ? '' : 's'} first (DeleteTenantResourceAssociation), or keep the set in the file`,
              },
            }
          : {}),
      });
    } else {
      const notes: string[] = [];
      if (d.before.kind === 'configurationSet' && d.after.kind === 'configurationSet' && d.before.sendingEnabled === false && d.after.sendingEnabled === true)
        notes.push('resumes sending on a configuration set that was paused outside ses-reconcile (by SES or your own automation)');
      const setName = d.after.kind === 'configurationSet' ? d.after.name : d.after.kind === 'eventDestination' ? d.after.configurationSet : '';
      if (d.before.kind === 'tenant' && d.after.kind === 'tenant' && d.before.sendingEnabled === false && d.after.sendingEnabled === true)
        notes.push(
          d.before.pausedBySes
            ? `resumes sending on a tenant SES paused${d.before.pausedBySes.cause ? ` (${d.before.pausedBySes.cause})` : ''}: REINSTATED lets it send despite the open reputation findings`
            : 'resumes sending on a tenant that was paused outside ses-reconcile',
        );
      const ownCarrier = d.after.kind === d.before.kind && (d.after.kind === 'alarm' || d.after.kind === 'topic' || d.after.kind === 'tenant');
      const carrier = ownCarrier ? (d.after as Alarm | Topic | Tenant) : desiredSets.get(setName);
      const liveCarrier = ownCarrier ? (d.before as Alarm | Topic | Tenant) : liveSets.get(setName);
      const adopted = input.adopted?.has(rootOf(d.key)) === true;
      const whole = updateReason(carrier, liveCarrier);
      // Field by field only when the digest says the file changed: an equal digest means every difference is an outside one.
      const fields = adopted || whole !== 'changed in file' ? d.fields : fieldReasons(d.fields, d.after, carrier, liveCarrier);
      const reason: ChangeReason = adopted ? 'adopted' : fields.some((f) => f.reason !== undefined) ? (fields.some((f) => f.reason === 'changed in file') ? 'changed in file' : 'changed outside ses-reconcile') : whole;
      changes.push({
        ...base,
        notes,
        action: needsReplace(d.before, d.after) ? 'replace' : 'update',
        kind: d.after.kind,
        id: resourceId(d.after),
        reason,
        before: d.before,
        after: d.after,
        diff: fields,
        steps: updateSteps(d.before, d.after),
      });
    }
  }

  const ordered = orderChanges(recordDigests(changes, desired, actual));
  const liveByKey = new Map(actual.map((r) => [keyOf(r), r]));
  const hints = o.costHints ?? new Map();
  const checked = checkSafety(ordered.changes, o);
  const safe = { ...checked, changes: withCosts(checked.changes, liveByKey, hints) };
  const warnings = [...(o.warnings ?? [])];
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    stack: o.stack,
    region: o.region,
    ...(o.accountId ? { accountId: o.accountId } : {}),
    changes: safe.changes,
    waves: ordered.waves,
    summary: summaryOf(safe.changes),
    topics: desired.filter((r) => r.kind === 'topic').map((r) => r.name).sort(),
    warnings,
    ...(safe.refused ? { refused: safe.refused } : {}),
    ...(o.refresh ? { refresh: o.refresh } : {}),
    cost: planCost(safe.changes, liveByKey, hints),
  };
}
