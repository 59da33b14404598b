/**
 * A Change is plain data with one serialisable shape (octoDNS Change, dnscontrol Correction): what is to
 * happen to one resource, why, the fields that differ, and the exact API calls (steps) that make it, so
 * the text a reviewer reads is the list of calls apply runs.
 */
import type { ResourceKey } from './key.js';
import type { Resource, ResourceKind } from './resources.js';
import type { Step } from './step.js';

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
  /** Dotted path inside the resource, e.g. `target.dimensions.Campaign.default`. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
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
  readonly blocked?: string;
}
