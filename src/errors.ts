/**
 * Errors that carry their exit code (docs/architecture.md, "Commands and exit codes"). Only cli/run.ts turns them into exit codes.
 * Brands use Symbol.for so `isReconcileError` works across duplicate module copies (aws-cdk ToolkitError).
 */
import type { Diagnostic } from './model/diagnostic.js';
import { maskCredentialsIn } from './model/endpoint.js';

const BRAND = Symbol.for('ses-reconcile/error');

export const EXIT = {
  ok: 0,
  failure: 1,
  changes: 2,
  invalid: 3,
  refused: 4,
  /** 128 + the signal's number, as a shell reports a process a signal ended (README, Exit codes). */
  interrupted: 130,
  terminated: 143,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class ReconcileError extends Error {
  readonly [BRAND] = true;
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }

  static is(x: unknown): x is ReconcileError {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** The configuration is invalid: exit 3 before any AWS call. */
export class ConfigError extends ReconcileError {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(`the configuration has ${diagnostics.filter((d) => d.severity === 'error').length} error(s)`, EXIT.invalid);
  }
}

/** The command line itself is wrong (unknown flag, bad value): nothing was called, exit 3. */
export class UsageError extends ReconcileError {
  constructor(message: string) {
    super(message, EXIT.invalid);
  }
}

/** A bug: never the user's fault. */
export class InternalError extends ReconcileError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`${message} (this is a bug, please report it)`, EXIT.failure, options);
  }
}

/** A plan refused for safety (deletes over the limit, no approval, stale plan, wrong account): exit 4. */
export class UnsafePlanError extends ReconcileError {
  constructor(message: string) {
    super(message, EXIT.refused);
  }
}

/** `apply PLANFILE` when the live state changed since the plan was made: exit 4. */
export class StalePlanError extends UnsafePlanError {}

export type AwsService = 'sesv2' | 'cloudwatch' | 'sns' | 'sts' | 'tagging';

/**
 * An AWS call that failed, in words the apply report can print: service, operation, AWS's error code and
 * message, and whether trying again may help (throttling and 5xx). Exit 1.
 */
export class AwsCallError extends ReconcileError {
  constructor(
    readonly service: AwsService,
    readonly operation: string,
    readonly code: string,
    readonly awsMessage: string,
    readonly retryable: boolean,
    readonly status: number | undefined,
    options?: { cause?: unknown },
  ) {
    // An endpoint's password that AWS echoes back is never printed (model/endpoint.ts).
    super(`${service} ${operation} failed: ${code}: ${maskCredentialsIn(awsMessage)}`, EXIT.failure, options);
  }
}

/** The signals that stop an apply, and the exit code each ends the process with. */
export const STOP_SIGNALS = { SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

/** The user stopped the run with a signal before anything was changed (e.g. Ctrl-C at the approval prompt). */
export class SignalError extends ReconcileError {
  constructor(
    message: string,
    readonly signal: StopSignal,
  ) {
    super(message, STOP_SIGNALS[signal]);
  }
}

const INTERRUPTED = Symbol.for('ses-reconcile/interrupted');

/**
 * A call the run's stop refused before it went out (it was still waiting for its slot of the pacer, or for
 * a retry): AWS never saw this attempt, so the executor reports its change as not made rather than failed.
 * `attempts` counts the earlier attempts that were sent and failed (throttled, 5xx) and not retried; 0 means
 * AWS never saw the call at all.
 */
export class Interrupted extends ReconcileError {
  readonly [INTERRUPTED] = true;
  constructor(
    readonly service: AwsService,
    readonly operation: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(`${service} ${operation} was not ${attempts > 0 ? 'retried' : 'sent'}: the run was interrupted`, EXIT.failure, options);
  }

  static override is(x: unknown): x is Interrupted {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[INTERRUPTED] === true;
  }
}
