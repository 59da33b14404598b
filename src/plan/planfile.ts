/**
 * The plan file (`plan --out`, `apply PLANFILE`; docs/architecture.md, "Saved plans"): the plan JSON a reviewer reads, plus what apply needs
 * to prove, before it calls anything, that it runs only what was reviewed. In CI the file is an artifact
 * passed between jobs, so it is a trust boundary (README, "Plan files"):
 *
 * - `inputs`: what the plan was computed from, for the resources it touches (their roots: a set with all
 *   its destinations, an alarm, a topic, a dashboard): the resolved desired state, the live state read,
 *   and the options that shaped it. apply recomputes the plan from these and refuses unless every change
 *   and every call is identical (`sameCalls`), then re-reads the live state of those roots and refuses
 *   unless it is still what was stored (stale). Execution runs the recomputed plan, never the stored one.
 * - `checksum`: sha256 over everything else, so an accidental edit is a clear "modified plan file" before
 *   any AWS call. It is not a signature: whoever can rewrite the file can rewrite the checksum, and what
 *   stops them is the recomputation, ownership and the delete flags apply checks itself.
 *
 * - No password: an SNS endpoint's literal password is stored masked, `${env:NAME}` references as they
 *   are (model/endpoint.ts), so apply resolves them from its own environment at the Subscribe call.
 *   `plan --out` refuses a plan whose Subscribe call would need a literal password, and apply refuses a
 *   stored one.
 *
 * Versioned: other versions are refused (changesets' publish plan: "expected 1, received X").
 */
import { keyOf, rootOf, type ResourceKey } from '../model/key.js';
import { PLAN_FORMAT_VERSION, type Plan, type RefreshNote } from '../model/plan.js';
import type { Resource, ResourceKind } from '../model/resources.js';
import { stateOf, type State } from '../model/state.js';
import type { Change } from '../model/change.js';
import { sha256, stableJson } from './digest.js';
import { withoutLiteralPasswords } from '../model/endpoint.js';
import { stepRoot } from './roots.js';

export const PLAN_FILE_KIND = 'ses-reconcile-plan';
/** The shape of `inputs` and `checksum`; 2 since plans carry what they were computed from. */
export const PLAN_FILE_VERSION = 2;

/** What a plan was computed from, limited to the roots it touches. */
export interface PlanInputs {
  readonly stack: string;
  readonly region: string;
  readonly accountId?: string;
  readonly adopt: boolean;
  readonly targets: readonly string[];
  readonly refresh?: RefreshNote;
  readonly warnings: readonly string[];
  /** The resolved desired state (topic references as ARNs, dashboards generated, digests filled in). */
  readonly desired: State;
  /** The live state the plan was computed from. */
  readonly live: State;
  readonly costHints: ReadonlyMap<ResourceKey, Readonly<Record<string, number>>>;
}

export interface PlanFile {
  readonly plan: Plan;
  readonly inputs: PlanInputs;
}

/** A parsed plan file: also the plan JSON it shows a reviewer (docs/architecture.md, "Plans"), which must be the executable plan's. */
export interface SavedPlan extends PlanFile {
  readonly readable: Readonly<Record<string, unknown>>;
}

/** The roots a plan touches: its changes' resources and every call's target. */
export function rootsOf(changes: readonly Change[]): Set<ResourceKey> {
  const roots = new Set<ResourceKey>();
  for (const c of changes) {
    roots.add(rootOf(c.key));
    for (const s of c.steps) roots.add(stepRoot(s));
  }
  return roots;
}

/** The resources of `state` under those roots. */
export function underRoots(state: State, roots: ReadonlySet<ResourceKey>): State {
  return stateOf([...state.values()].filter((r) => roots.has(rootOf(keyOf(r)))));
}

/**
 * The inputs to save for `plan`: the resolved desired state, the live state and the cost hints, each
 * limited to the roots the plan touches (a 10,000-set stack with one change saves one set).
 */
export function inputsOf(plan: Plan, o: Omit<PlanInputs, 'refresh'>): PlanInputs {
  const roots = rootsOf(plan.changes);
  return {
    ...o,
    ...(plan.refresh ? { refresh: plan.refresh } : {}),
    desired: underRoots(o.desired, roots),
    live: underRoots(o.live, roots),
    costHints: new Map([...o.costHints].filter(([k]) => roots.has(rootOf(k)))),
  };
}

/** The file's text. `readable` is the plan's JSON (docs/architecture.md, "Plans"). */
export function planFileText(readable: object, file: PlanFile): string {
  const i = file.inputs;
  const body = withoutLiteralPasswords({
    ...readable,
    kind: PLAN_FILE_KIND,
    planFileVersion: PLAN_FILE_VERSION,
    inputs: {
      stack: i.stack,
      region: i.region,
      ...(i.accountId ? { accountId: i.accountId } : {}),
      adopt: i.adopt,
      targets: i.targets,
      ...(i.refresh ? { refresh: i.refresh } : {}),
      warnings: i.warnings,
      desired: [...i.desired.values()],
      live: [...i.live.values()],
      costHints: Object.fromEntries(i.costHints),
    },
    executable: file.plan,
  });
  return JSON.stringify({ ...body, checksum: checksumOf(body) }, null, 2) + '\n';
}

function checksumOf(body: object): string {
  return sha256(stableJson(body));
}

/** A plan file this version cannot read: exit 3 (like a configuration error, nothing was called). */
export class PlanFileFormatError extends Error {}
/** A plan file whose content is not what `plan --out` wrote: exit 4. */
export class ModifiedPlanFileError extends Error {}

/** Every kind a plan file may hold: a record over ResourceKind, so a new kind cannot be left out. */
const KIND_NAMES: Readonly<Record<ResourceKind, true>> = { configurationSet: true, eventDestination: true, alarm: true, topic: true, dashboard: true, tenant: true };
const KINDS: ReadonlySet<string> = new Set(Object.keys(KIND_NAMES));

function resources(value: unknown, what: string): State {
  if (!Array.isArray(value)) throw new ModifiedPlanFileError(`inputs.${what} is not a list of resources`);
  for (const r of value as unknown[]) {
    const x = r as { kind?: unknown; name?: unknown };
    if (typeof x !== 'object' || x === null || !KINDS.has(x.kind as string) || typeof x.name !== 'string')
      throw new ModifiedPlanFileError(`inputs.${what} holds something that is not a resource ses-reconcile wrote`);
  }
  return stateOf(value as Resource[]);
}

/**
 * The plan file, checked for format and checksum. Throws PlanFileFormatError (not a plan file of this
 * version) or ModifiedPlanFileError (edited since `plan --out` wrote it).
 */
export function parsePlanFile(text: string): SavedPlan {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new PlanFileFormatError(`not a plan file: ${(err as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || data.kind !== PLAN_FILE_KIND) throw new PlanFileFormatError('not a plan file written by `ses-reconcile plan --out`');
  if (data.formatVersion !== PLAN_FORMAT_VERSION)
    throw new PlanFileFormatError(`unsupported plan file formatVersion: expected ${PLAN_FORMAT_VERSION}, received ${JSON.stringify(data.formatVersion)}`);
  if (data.planFileVersion !== PLAN_FILE_VERSION)
    throw new PlanFileFormatError(
      `unsupported planFileVersion: expected ${PLAN_FILE_VERSION}, received ${JSON.stringify(data.planFileVersion)} (written by another version of ses-reconcile); run plan --out again`,
    );
  const { checksum, ...body } = data;
  if (typeof checksum !== 'string' || checksum !== checksumOf(body))
    throw new ModifiedPlanFileError('modified plan file: its checksum does not match its content, so it is not what `plan --out` wrote; run plan --out again');
  const i = data.inputs as Record<string, unknown> | undefined;
  const plan = data.executable as Plan | undefined;
  if (typeof i !== 'object' || i === null || typeof plan !== 'object' || plan === null || !Array.isArray(plan.changes) || !Array.isArray(plan.waves))
    throw new ModifiedPlanFileError('the plan file has no inputs or executable plan');
  if (typeof i.stack !== 'string' || typeof i.region !== 'string' || typeof i.adopt !== 'boolean' || !Array.isArray(i.targets) || !Array.isArray(i.warnings))
    throw new ModifiedPlanFileError('the plan file\'s inputs are not what `plan --out` writes');
  const { kind: _k, planFileVersion: _v, inputs: _i, executable: _e, ...readable } = body;
  const hints = (i.costHints ?? {}) as Record<string, Readonly<Record<string, number>>>;
  return {
    plan,
    readable,
    inputs: {
      stack: i.stack,
      region: i.region,
      ...(typeof i.accountId === 'string' ? { accountId: i.accountId } : {}),
      adopt: i.adopt,
      targets: (i.targets as unknown[]).map(String),
      ...(i.refresh ? { refresh: i.refresh as RefreshNote } : {}),
      warnings: (i.warnings as unknown[]).map(String),
      desired: resources(i.desired, 'desired'),
      live: resources(i.live, 'live'),
      costHints: new Map(Object.entries(hints) as [ResourceKey, Readonly<Record<string, number>>][]),
    },
  };
}

/** What must be identical between the reviewed plan and the recomputed one: every change and every call. */
function calls(plan: Plan): string[] {
  return plan.changes.map((c) => stableJson({ action: c.action, kind: c.kind, key: c.key, id: c.id, steps: c.steps }));
}

/**
 * undefined when both plans make the same changes with the same calls in the same waves; else the first
 * difference, for the refusal message.
 */
export function sameCalls(reviewed: Plan, recomputed: Plan): string | undefined {
  const a = calls(reviewed);
  const b = calls(recomputed);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    const label = (p: Plan) => {
      const c = p.changes[i];
      return c ? `${c.action} ${c.kind} ${c.id}` : 'nothing';
    };
    if (a[i] !== undefined && b[i] !== undefined && label(reviewed) === label(recomputed)) return `change ${i + 1} (${label(reviewed)}) makes other calls than the plan computed from the file's own inputs`;
    return `change ${i + 1} is ${label(reviewed)} in the file, but ${label(recomputed)} when recomputed from its inputs`;
  }
  if (stableJson(reviewed.waves) !== stableJson(recomputed.waves)) return 'its waves (the order of the calls) differ from the recomputed plan\'s';
  return undefined;
}
