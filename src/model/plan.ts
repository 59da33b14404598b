/**
 * The plan: changes in the order apply runs them, grouped into waves whose changes do not depend on each
 * other (so a wave may run concurrently). Pure data; `render/` prints it, `apply/` executes it.
 */
import type { Change } from './change.js';

export const PLAN_FORMAT_VERSION = 1;

export interface PlanSummary {
  readonly create: number;
  readonly update: number;
  readonly replace: number;
  readonly delete: number;
}

export interface RefreshNote {
  readonly mode: 'changed';
  readonly notRead: number;
}

export interface Plan {
  readonly formatVersion: typeof PLAN_FORMAT_VERSION;
  readonly stack: string;
  readonly region: string;
  readonly accountId?: string;
  /** Every change, in execution order (waves flattened). */
  readonly changes: readonly Change[];
  /** Indexes into `changes`; each wave runs after the previous one completes. */
  readonly waves: readonly (readonly number[])[];
  readonly summary: PlanSummary;
  /** The file's topics, by name: a reference to one is shown by its name, as the file writes it (model/view.ts viewContext). */
  readonly topics: readonly string[];
  /** Plan-level warnings (validation warnings, unsupported resources, refusals). */
  readonly warnings: readonly string[];
  /** Set when safety refuses the plan as a whole: the measured value, the limit and the overriding flag. */
  readonly refused?: string;
  /**
   * Set by `--refresh changed`: `notRead` resources (sets, alarms, topics) whose digest said the file had
   * not changed them were not read, so drift made outside ses-reconcile on them was not looked for.
   */
  readonly refresh?: RefreshNote;
  /** The monthly CloudWatch cost (USD, list prices) the plan adds and removes. */
  readonly cost?: {
    readonly added: number;
    readonly removed: number;
    /** The same sums per item CloudWatch bills (custom metrics, alarm metrics, dashboards). */
    readonly breakdown: readonly { readonly item: string; readonly added: number; readonly removed: number }[];
    readonly asOf: string;
    readonly region: string;
  };
}
