/**
 * computePlan: desired + live -> Plan, the pure middle of the flow (docs/architecture.md, "The flow":
 * loadDesired -> readLive -> removeUnowned -> diffStates -> buildPlan -> checkSafety -> guardOwnership).
 * The one file of plan/ that imports diff/: it composes the two rooms, downstream of the diff as the flow
 * runs. The commands do the I/O around it.
 */
import { diffStates } from '../diff/diff.js';
import { ownerOf, removeUnowned } from '../diff/ownership.js';
import type { Plan } from '../model/plan.js';
import type { State } from '../model/state.js';
import { viewContext } from '../model/view.js';
import { buildPlan, type PlanOptions } from './build.js';
import { resolveDashboards } from './dashboard-body.js';
import type { PlanInputs } from './planfile.js';
import { withDigests } from './reason.js';
import { resolveTopicRefs } from './resolve.js';
import { guardOwnership, type SafetyOptions } from './safety.js';
import { targetPlan } from './target.js';

export interface PipelineOptions extends PlanOptions {
  /** @default false */
  readonly adopt: boolean;
}

/**
 * The desired state as the plan compares it: topic references as ARNs, dashboard bodies generated, digests
 * filled in. Also what decides what `--refresh changed` may skip (live/scope.ts), so both see one digest.
 */
export function resolveDesired(desiredAll: State, o: Pick<PipelineOptions, 'stack' | 'region' | 'accountId'>): State {
  const resolved = o.accountId ? resolveDashboards(resolveTopicRefs(desiredAll, o.region, o.accountId), o.stack, o.region, o.accountId) : desiredAll;
  return withDigests(resolved);
}

export function computePlan(desiredAll: State, actualAll: State, o: PipelineOptions): Plan {
  return planResolved(resolveDesired(desiredAll, o), actualAll, o);
}

/** computePlan for a desired state resolveDesired already made (plan resolves it before reading, for the scopes). */
export function planResolved(desired: State, actualAll: State, o: PipelineOptions): Plan {
  const owned = removeUnowned(desired, actualAll, o.stack, { adopt: o.adopt, region: o.region });
  const topics = [...owned.desired.values()].filter((r) => r.kind === 'topic').map((r) => r.name);
  const diffs = diffStates(owned.desired, owned.actual, viewContext(topics, o.region, o.accountId));
  const plan = buildPlan({ diffs, conflicts: owned.conflicts, adopted: owned.adopted, actual: owned.actual.values(), desired: owned.desired.values() }, o);
  return guardOwnership(plan, actualAll, (r) => ownerOf(r, o.region), o);
}

/**
 * The plan a plan file's inputs make against `live` (its stored live state, or the one read again), with
 * `o`'s safety flags: what `apply PLANFILE` compares with the reviewed plan, and then runs.
 */
export function replan(inputs: PlanInputs, live: State, o: SafetyOptions & { readonly adopt: boolean }): Plan {
  const full = planResolved(inputs.desired, live, {
    stack: inputs.stack,
    region: inputs.region,
    ...(inputs.accountId ? { accountId: inputs.accountId } : {}),
    adopt: o.adopt,
    allowDeletes: o.allowDeletes,
    ...(o.maxDeletes !== undefined ? { maxDeletes: o.maxDeletes } : {}),
    warnings: inputs.warnings,
    costHints: inputs.costHints,
    ...(inputs.refresh ? { refresh: inputs.refresh } : {}),
  });
  return targetPlan(full, inputs.targets).plan;
}
