/** Running one step against AWS, through a port: the executor never sees the SDK. */
import type { Step } from '../model/step.js';

export interface StepRunner {
  /**
   * Makes exactly one API call. Rejects with an AwsCallError (src/errors.ts) on failure, or with an
   * Interrupted when the run's stop came before the call was sent.
   */
  run(step: Step): Promise<void>;
}
