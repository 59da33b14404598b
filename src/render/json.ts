/**
 * Plan -> the JSON object of docs/architecture.md, "Plans" (`plan --format json`; the plan file shares this serializer). Pure, as
 * aws-cdk's render-json.ts: a separate function producing readonly `*Json` shapes, one doc line per field.
 *
 * Determinism: the same plan gives byte-identical text, and so does an equal plan built in
 * another order. Change order is the plan's (execution order, already sorted by the planner); inside
 * resource and diff values, object keys are written in code-unit order, because a resource read from AWS
 * and the same resource read from the file are built field by field in different orders, and the digest
 * of a plan file must not depend on that. Arrays keep their order: canonicalize() already sorted the ones
 * AWS treats as sets, and the others (steps, waves) are ordered on purpose.
 */
import type { Action, BlockKind, Change, ChangeReason } from '../model/change.js';
import { splitKey } from '../model/key.js';
import { fileView, formatPath, generatedField, viewContext, type ViewContext } from '../model/view.js';
import type { Plan } from '../model/plan.js';
import type { ResourceKind } from '../model/resources.js';
import { jsonValue, type JsonValue } from '../model/json.js';
import { describeStep } from '../model/step.js';


export interface PlanJson {
  /** Version of this object's shape; readers refuse versions they do not know (changesets publish plan). */
  readonly formatVersion: number;
  /** The stack whose ownership tag scopes the plan (docs/architecture.md, "Ownership and deletes"). */
  readonly stack: string;
  /** The AWS region the plan was computed for. */
  readonly region: string;
  /** The AWS account the live state was read from; absent when not known. */
  readonly accountId?: string;
  /** Why safety refuses the whole plan (measured value, limit, overriding flag); absent when not refused. */
  readonly refused?: string;
  /** Every change, in the order apply runs them. */
  readonly changes: readonly ChangeJson[];
  /** Groups of indexes into `changes`; each wave runs after the previous one, its changes concurrently. */
  readonly waves: readonly (readonly number[])[];
  /** How many changes of each action. */
  readonly summary: SummaryJson;
  /** Plan-level warnings, in order. */
  readonly warnings: readonly string[];
  /** `--refresh changed`: how many resources were not read (their drift is not in this plan). */
  readonly refresh?: { readonly mode: 'changed'; readonly notRead: number };
  /** Monthly CloudWatch cost (USD, list prices of `region` as of `asOf`) the plan adds and removes. */
  readonly cost?: {
    readonly added: number;
    readonly removed: number;
    /** The same sums per item CloudWatch bills: `custom metrics`, `alarm metrics`, `dashboards`. */
    readonly breakdown: readonly { readonly item: string; readonly added: number; readonly removed: number }[];
    readonly asOf: string;
    readonly region: string;
  };
}

export interface ChangeJson {
  /** What happens to the resource. */
  readonly action: Action;
  /** The resource kind. */
  readonly type: ResourceKind;
  /** The resource as the plan names it: a name, or `set/destination`. */
  readonly id: string;
  /** Why the change exists (docs/architecture.md, "Plans"). */
  readonly reason: ChangeReason;
  /** The live resource in the file's shape (model/view.ts); null for a create. */
  readonly before: JsonValue;
  /** The desired resource in the file's shape; null for a delete. */
  readonly after: JsonValue;
  /** The fields that differ, as paths into `before` and `after`; empty for create and delete. An absent side is null. */
  readonly diff: readonly FieldDiffJson[];
  /** A rename: the old and the new id, on both the delete and the create. */
  readonly renamed?: { readonly from: string; readonly to: string };
  /** What AWS deletes with this change without a call of its own (a deleted set's event destinations). */
  readonly cascade?: readonly { readonly type: ResourceKind; readonly id: string }[];
  /** The API calls that make the change, in order, as `Operation target`. */
  readonly steps: readonly string[];
  /** Warnings about this change; empty when none. */
  readonly notes: readonly string[];
  /** Why a safety rule refuses this change; absent when it is not blocked. */
  readonly blocked?: { readonly kind: BlockKind; readonly message: string };
  /** This change's share of the monthly CloudWatch cost, USD (+ adds, - saves); absent when none. */
  readonly monthly?: number;
}

export interface FieldDiffJson {
  /** Path into `before` and `after`: identifiers joined by `.`, other keys as `["key"]` (model/view.ts formatPath). */
  readonly path: string;
  /** The live value; null when absent. */
  readonly before: JsonValue;
  /** The desired value; null when absent. */
  readonly after: JsonValue;
  /** Why this field differs, when the plan can tell field by field and it is not the change's `reason`. */
  readonly reason?: ChangeReason;
  /** True for a field ses-reconcile writes itself (ownership tags, a topic's policy, a preset's description). */
  readonly generated?: true;
}

export interface SummaryJson {
  /** Changes that create a resource. */
  readonly create: number;
  /** Changes that update a resource in place. */
  readonly update: number;
  /** Changes that delete and re-create a resource. */
  readonly replace: number;
  /** Changes that delete a resource. */
  readonly delete: number;
}


export function changeToJson(change: Change, ctx: ViewContext): ChangeJson {
  return {
    action: change.action,
    type: change.kind,
    id: change.id,
    reason: change.reason,
    before: change.before === null ? null : jsonValue(fileView(change.before, ctx)),
    after: change.after === null ? null : jsonValue(fileView(change.after, ctx)),
    diff: change.diff.map((d) => ({
      path: formatPath(d.path),
      before: jsonValue(d.before),
      after: jsonValue(d.after),
      ...(d.reason !== undefined && d.reason !== change.reason ? { reason: d.reason } : {}),
      ...(generatedField(change.kind, d.path, d.after ?? d.before) ? { generated: true as const } : {}),
    })),
    ...(change.renamed !== undefined ? { renamed: { ...change.renamed } } : {}),
    ...(change.cascade !== undefined ? { cascade: change.cascade.map((k) => { const { kind, id } = splitKey(k); return { type: kind, id }; }) } : {}),
    steps: change.steps.map(describeStep),
    notes: [...change.notes],
    ...(change.blocked !== undefined ? { blocked: { kind: change.blocked.kind, message: change.blocked.message } } : {}),
    ...(change.monthly !== undefined ? { monthly: change.monthly } : {}),
  };
}

export function planToJson(plan: Plan): PlanJson {
  return {
    formatVersion: plan.formatVersion,
    stack: plan.stack,
    region: plan.region,
    ...(plan.accountId !== undefined ? { accountId: plan.accountId } : {}),
    ...(plan.refused !== undefined ? { refused: plan.refused } : {}),
    changes: plan.changes.map((c) => changeToJson(c, viewContext(plan.topics, plan.region, plan.accountId))),
    waves: plan.waves.map((w) => [...w]),
    summary: {
      create: plan.summary.create,
      update: plan.summary.update,
      replace: plan.summary.replace,
      delete: plan.summary.delete,
    },
    warnings: [...plan.warnings],
    ...(plan.refresh ? { refresh: { ...plan.refresh } } : {}),
    ...(plan.cost ? { cost: { ...plan.cost, breakdown: plan.cost.breakdown.map((l) => ({ ...l })) } } : {}),
  };
}

/** Two-space indented, one trailing newline. */
export function renderPlanJson(plan: Plan): string {
  return `${JSON.stringify(planToJson(plan), null, 2)}\n`;
}
