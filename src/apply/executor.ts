/**
 * executePlan: runs the plan's waves in order; inside a wave, changes run concurrently up to a bound, and
 * the steps of one change run in sequence. Guarantees (aws-cdk concurrency.ts): after the first failure no
 * new change starts, those in flight finish, and the report says what was done, what failed (with AWS's
 * code and message) and what was not attempted. Pacing and retrying throttling and transient errors happen
 * below the port, in the clients' pacing middleware (aws/pacing/), shared with the readers of the same run,
 * so a failure here is final for this run; running apply again re-plans from the live state and converges.
 *
 * `stop` (an interrupt) works the same way from outside: once it is aborted no change and no step of a
 * change starts, the calls already sent finish, and a call the stop refused below the port (Interrupted:
 * it was still waiting for its slot) counts as not made. A change left between two of its steps is
 * reported as interrupted with the steps it made, since AWS now holds part of it.
 */
import { Interrupted } from '../errors.js';
import type { Change } from '../model/change.js';
import type { Plan } from '../model/plan.js';
import type { Step } from '../model/step.js';
import type { ApplyReport, FailedChange, InterruptedChange } from './report.js';
import type { StepRunner } from './port.js';

export interface ExecuteOptions {
  /** Changes running at once within a wave. @default 4 */
  readonly concurrency?: number;
  /** Called as each change completes (progress on a TTY). */
  readonly onDone?: (change: Change, index: number, total: number) => void;
  /** Aborted when the run must stop early (an interrupt). @default never */
  readonly stop?: AbortSignal;
  /** Called as each call finishes, answered or failed (a line per call in CI, where no TTY shows progress). */
  readonly onCall?: (call: FinishedCall) => void;
  /** Milliseconds, for the calls' durations (tests). @default performance.now */
  readonly now?: () => number;
}

export interface FinishedCall {
  readonly change: Change;
  readonly step: Step;
  readonly ms: number;
  /** Absent when the call succeeded. */
  readonly error?: { readonly code: string; readonly message: string };
}

function errorParts(err: unknown): { code: string; message: string } {
  const e = err as { code?: unknown; awsMessage?: unknown; name?: unknown; message?: unknown };
  return {
    code: typeof e.code === 'string' ? e.code : typeof e.name === 'string' ? e.name : 'Error',
    message: typeof e.awsMessage === 'string' ? e.awsMessage : typeof e.message === 'string' ? e.message : String(err),
  };
}

export async function executePlan(plan: Plan, runner: StepRunner, options: ExecuteOptions = {}): Promise<ApplyReport> {
  const limit = Math.max(1, options.concurrency ?? 4);
  const runnable = plan.changes.filter((c) => !c.blocked);
  const total = runnable.length;
  const done: Change[] = [];
  const failed: FailedChange[] = [];
  const interrupted: InterruptedChange[] = [];
  const started = new Set<Change>();
  /** Started, but the stop came before any of its calls reached AWS. */
  const untouched = new Set<Change>();
  const stopping = () => options.stop?.aborted === true;

  const cut = (change: Change, stepsDone: number, step: Step, attempted: boolean): void => {
    if (stepsDone === 0 && !attempted) untouched.add(change);
    else interrupted.push({ change, stepsDone, step, attempted });
  };

  const now = options.now ?? (() => performance.now());
  const runChange = async (change: Change): Promise<void> => {
    let stepsDone = 0;
    for (const step of change.steps) {
      if (stopping()) return cut(change, stepsDone, step, false);
      const t0 = now();
      try {
        await runner.run(step);
      } catch (err) {
        if (Interrupted.is(err)) return cut(change, stepsDone, step, err.attempts > 0);
        const error = errorParts(err);
        options.onCall?.({ change, step, ms: now() - t0, error });
        failed.push({ change, stepsDone, step, ...error });
        return;
      }
      options.onCall?.({ change, step, ms: now() - t0 });
      stepsDone++;
    }
    done.push(change);
    options.onDone?.(change, done.length, total);
  };

  for (const wave of plan.waves) {
    const queue = wave.map((i) => plan.changes[i] as Change).filter((c) => !c.blocked);
    const workers = Array.from({ length: Math.min(limit, queue.length) }, async () => {
      for (;;) {
        if (failed.length > 0 || stopping()) return;
        const next = queue.shift();
        if (!next) return;
        started.add(next);
        await runChange(next);
      }
    });
    await Promise.all(workers);
    if (failed.length > 0 || stopping()) break;
  }
  const notAttempted = runnable.filter((c) => !started.has(c) || untouched.has(c));
  // The stop refuses the waiting calls in no particular order: the report lists them in the plan's.
  const order = new Map(runnable.map((c, i) => [c, i]));
  interrupted.sort((a, b) => (order.get(a.change) ?? 0) - (order.get(b.change) ?? 0));
  return { done, failed, interrupted, notAttempted, stopped: stopping() && interrupted.length + notAttempted.length > 0 };
}
