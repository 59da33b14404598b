/**
 * A Change is plain data with one serialisable shape (octoDNS Change, dnscontrol Correction): what is to
 * happen to one resource, why, the fields that differ, and the exact API calls (steps) that make it, so
 * the text a reviewer reads is the list of calls apply runs.
 */
import type { ResourceKey } from './key.js';
import type { Resource, ResourceKind } from './resources.js';
import type { Step } from './step.js';
import type { FieldPath } from './view.js';

export type Action = 'create' | 'update' | 'replace' | 'delete';

/** What the diff found for one resource, before the planner turns it into a Change. */
export type ResourceDiff =
  | { readonly kind: 'create'; readonly key: ResourceKey; readonly after: Resource }
  | { readonly kind: 'delete'; readonly key: ResourceKey; readonly before: Resource }
  | { readonly kind: 'update'; readonly key: ResourceKey; readonly before: Resource; readonly after: Resource; readonly fields: readonly FieldDiff[] };

/** A resource of the file that exists in AWS but is not this stack's (docs/architecture.md, "Ownership and deletes"). */
export interface Conflict {
  readonly key: ResourceKey;
  readonly desired: Resource;
  readonly actual: Resource;
  /** The other stack, or undefined for an untagged (hand-made) resource. */
  readonly owner: string | undefined;
}

/** Every change says why it exists (docs/architecture.md, "Plans"). */
export type ChangeReason =
  | 'new in file'
  | 'removed from file'
  | 'changed in file'
  | 'changed outside ses-reconcile'
  | 'AWS default differs'
  | 'rename'
  /** A resource that existed without the stack's tag, taken over with `--adopt`. */
  | 'adopted';

export interface FieldDiff {
  /** Where in the resource's file view (model/view.ts), e.g. `cloudWatch`, `dimensions`, `Campaign`, `default`. */
  readonly path: FieldPath;
  readonly before: unknown;
  readonly after: unknown;
  /**
   * Why this field differs, when the plan can tell field by field (plan/reason.ts); absent, the change's
   * reason holds for it.
   */
  readonly reason?: ChangeReason;
}

/**
 * Why a safety rule refuses a change: a delete without `--allow-deletes` or over `--max-deletes`, a
 * resource of the file's name that the stack does not own (`--adopt` takes an untagged one), or a call on
 * a resource that is not the stack's (the last check before any call: plan/safety.ts guardOwnership).
 */
export type BlockKind = 'delete-refused' | 'conflict' | 'not-owned';

export interface Blocked {
  readonly kind: BlockKind;
  readonly message: string;
}

export interface Change {
  readonly action: Action;
  readonly key: ResourceKey;
  readonly kind: ResourceKind;
  /** What the plan shows: a name, or `set/destination`. */
  readonly id: string;
  readonly reason: ChangeReason;
  readonly before: Resource | null;
  readonly after: Resource | null;
  /** Empty for create and delete. */
  readonly diff: readonly FieldDiff[];
  /** In order. */
  readonly steps: readonly Step[];
  /** Warnings about this change (e.g. it resumes sending that was paused outside ses-reconcile). */
  readonly notes: readonly string[];
  /** Set when a safety rule refuses this change; the plan is still printed, this row marked. */
  readonly blocked?: Blocked;
  /**
   * What AWS deletes with this change without a call of its own: a deleted configuration set's event
   * destinations. Counted as deletes wherever deletes are counted (model/plan.ts deleteCount).
   */
  readonly cascade?: readonly ResourceKey[];
  /**
   * This change's share of the monthly CloudWatch cost, USD (+ adds, - saves; plan/cost.ts); absent when
   * it changes no cost.
   */
  readonly monthly?: number;
  /** A rename (a destination deleted and created again under another name): both ids, on both changes. */
  readonly renamed?: { readonly from: string; readonly to: string };
}
