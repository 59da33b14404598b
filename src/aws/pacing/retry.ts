/**
 * When to try a call again, and after how long. The SDK's own retries are off (aws/clients.ts sets
 * maxAttempts 1): every attempt goes back through the pacer (pacer.ts), which the SDK's retry loop
 * would bypass, and one policy covers every service (issue 8: CloudWatch gave up after 5 attempts where
 * Terraform's 25 rode the contention out).
 *
 * - Throttling: the request was refused before it ran, so trying again is safe for writes too. A read
 *   (Get*, List*, Describe*) is retried for as long as it takes: a plan that only reads must never fail
 *   because another tool shares the quota. A write is retried until `writeThrottleBudgetMs` has been spent
 *   waiting (default 15 minutes), then fails like any other error, and apply reports it.
 * - Transient (5xx, network): `transientAttempts` attempts in all (default 5, or AWS_MAX_ATTEMPTS).
 * - Anything else fails at once.
 * Waits are "full jitter" exponential backoff (a random wait in [0, min(cap, base × 2^n)]), as the SDK's
 * standard mode does: base 500 ms for throttling, 100 ms otherwise; cap `maxBackoffMs` (default 20 s).
 */
import type { FailureKind } from '../errors.js';

export interface RetryPolicy {
  /** Attempts in all for a transient error, the first included. @default 5 */
  readonly transientAttempts: number;
  /** The longest single wait. @default 20_000 */
  readonly maxBackoffMs: number;
  /** Total waiting on throttling after which a write gives up. @default 900_000 (15 minutes) */
  readonly writeThrottleBudgetMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { transientAttempts: 5, maxBackoffMs: 20_000, writeThrottleBudgetMs: 15 * 60_000 };

const THROTTLING_BASE_MS = 500;
const TRANSIENT_BASE_MS = 100;

/** Get*, List*, Describe*: calls that change nothing. */
export function isReadOperation(operation: string): boolean {
  return /^(Get|List|Describe)[A-Z]/.test(operation);
}

export interface AttemptHistory {
  /** Attempts made so far, the failed one included (1 after the first failure). */
  readonly attempts: number;
  /** Milliseconds already spent waiting on throttling for this call. */
  readonly throttleWaitMs: number;
}

/** How long to wait before the next attempt, or undefined to give up and throw. */
export function retryDelay(kind: FailureKind, operation: string, history: AttemptHistory, policy: RetryPolicy, random: () => number): number | undefined {
  if (kind === 'final') return undefined;
  if (kind === 'transient' && history.attempts >= policy.transientAttempts) return undefined;
  const base = kind === 'throttling' ? THROTTLING_BASE_MS : TRANSIENT_BASE_MS;
  // 2^30 already exceeds any cap; clamping the exponent keeps the arithmetic finite for endless reads.
  const ceiling = Math.min(policy.maxBackoffMs, base * 2 ** Math.min(30, history.attempts - 1));
  const delay = Math.round(random() * ceiling);
  if (kind === 'throttling' && !isReadOperation(operation) && history.throttleWaitMs + delay > policy.writeThrottleBudgetMs) return undefined;
  return delay;
}
