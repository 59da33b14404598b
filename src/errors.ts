/**
 * Errors that carry their exit code (SPEC 2). Only cli/main.ts turns them into process exit codes.
 * Brands use Symbol.for so `isReconcileError` works across duplicate module copies (aws-cdk ToolkitError).
 */
import type { Diagnostic } from './model/diagnostic.js';

const BRAND = Symbol.for('ses-reconcile/error');

export const EXIT = {
  ok: 0,
  failure: 1,
  changes: 2,
  invalid: 3,
  refused: 4,
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
    super(`${service} ${operation} failed: ${code}: ${awsMessage}`, EXIT.failure, options);
  }
}
