/** What an apply did, failed at, and never started: the report printed on success and on failure. */
import type { Change } from '../model/change.js';
import type { Step } from '../model/step.js';

export interface FailedChange {
  readonly change: Change;
  /** Steps of this change that completed before the failure. */
  readonly stepsDone: number;
  readonly step: Step;
  readonly code: string;
  readonly message: string;
}

export interface ApplyReport {
  readonly done: readonly Change[];
  readonly failed: readonly FailedChange[];
  readonly notAttempted: readonly Change[];
}
