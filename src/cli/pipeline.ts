/**
 * The plan pipeline, composed: desired + live -> Plan (STYLE: loadDesired -> readLive -> removeUnowned ->
 * diffStates -> buildPlan -> checkSafety). Pure; the commands do the I/O around it.
 */
import { diffStates } from '../diff/diff.js';
import { removeUnowned } from '../diff/ownership.js';
import type { Plan } from '../model/plan.js';
import { stateOf, type State } from '../model/state.js';
import { buildPlan, RECONCILED_KINDS, type PlanOptions } from '../plan/build.js';
import { resolveDashboards } from '../plan/dashboard-body.js';
import { withDigests } from '../plan/reason.js';
import { resolveTopicRefs } from '../plan/resolve.js';

export interface PipelineOptions extends PlanOptions {
  /** @default false */
  readonly adopt: boolean;
}

export function computePlan(desiredAll: State, actualAll: State, o: PipelineOptions): Plan {
  const reconciled = (s: State) => stateOf([...s.values()].filter((r) => RECONCILED_KINDS.includes(r.kind)));
  const skipped = [...desiredAll.values()].filter((r) => !RECONCILED_KINDS.includes(r.kind));
  const resolved = o.accountId ? resolveDashboards(resolveTopicRefs(reconciled(desiredAll), o.region, o.accountId), o.stack, o.region, o.accountId) : reconciled(desiredAll);
  const desired = withDigests(resolved);
  const owned = removeUnowned(desired, reconciled(actualAll), o.stack, { adopt: o.adopt });
  const diffs = diffStates(owned.desired, owned.actual);
  return buildPlan({ diffs, conflicts: owned.conflicts, skipped, actual: owned.actual.values(), desired: owned.desired.values() }, o);
}
