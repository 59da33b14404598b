/** What an apply did, failed at, and never started: the report printed on success, failure and interrupt. */
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

/** A change the stop cut short: some of its calls were made (or its call was tried), not all. */
export interface InterruptedChange {
  readonly change: Change;
  /** Steps of this change that completed before the stop. */
  readonly stepsDone: number;
  /** The first step not made. */
  readonly step: Step;
  /**
   * That step's call was sent, failed in a way that is retried (throttling, 5xx), and the stop came before
   * the retry: AWS refused it or its outcome is unknown.
   */
  readonly attempted: boolean;
}

export interface ApplyReport {
  readonly done: readonly Change[];
  readonly failed: readonly FailedChange[];
  readonly interrupted: readonly InterruptedChange[];
  readonly notAttempted: readonly Change[];
  /** The stop ended the run before every change was made (interrupted or notAttempted say which). */
  readonly stopped: boolean;
}
