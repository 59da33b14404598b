/**
 * Fault injection, for tests and benchmarks: latency, a per-service request rate answered with the
 * service's real throttling error, failure of the Nth call or of named operations. Time is read through
 * an injected clock so tests can drive the token buckets.
 */
import type { InjectedError, ServiceName } from './types.js';

export interface FailureSpec {
  /** @default 'InternalFailure' (status 500) */
  readonly code?: string;
  readonly message?: string;
  /** @default 500 */
  readonly status?: number;
  /** How many matching calls fail; then the fault is spent. @default unlimited */
  readonly times?: number;
}

export interface FaultConfig {
  /** Added to every call, in milliseconds. @default 0 */
  readonly latencyMs?: number;
  /** Per operation (`CreateConfigurationSet` or `sesv2:CreateConfigurationSet`), in milliseconds. */
  readonly latencyByOperation?: Readonly<Record<string, number>>;
  /** Requests per second per service; beyond it the service's throttling error. Burst = one second's worth. */
  readonly rateLimit?: Readonly<Partial<Record<ServiceName, number>>>;
  /** Operations that fail (`PutMetricAlarm` or `cloudwatch:PutMetricAlarm`). */
  readonly failOperations?: Readonly<Record<string, FailureSpec>>;
  /** The Nth AWS call (1-based, counted from when the faults were set) fails once. */
  readonly failNthCall?: FailureSpec & { readonly n: number };
}

export type FaultDecision =
  | { readonly kind: 'pass'; readonly delayMs: number }
  | { readonly kind: 'throttle'; readonly delayMs: number }
  | { readonly kind: 'fail'; readonly delayMs: number; readonly error: InjectedError };

function injected(spec: FailureSpec, operation: string): InjectedError {
  return {
    code: spec.code ?? 'InternalFailure',
    message: spec.message ?? `injected failure of ${operation} (ses-reconcile emulator)`,
    status: spec.status ?? 500,
  };
}

export class Faults {
  private config: FaultConfig = {};
  private callsSinceSet = 0;
  private readonly spent = new Map<string, number>();
  private readonly buckets = new Map<ServiceName, { tokens: number; at: number }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  set(config: FaultConfig): void {
    this.config = structuredClone(config);
    this.callsSinceSet = 0;
    this.spent.clear();
    this.buckets.clear();
  }

  get(): FaultConfig {
    return structuredClone(this.config);
  }

  /** Decide the fate of one call. Called once per AWS request, in arrival order. */
  decide(service: ServiceName, operation: string): FaultDecision {
    const c = this.config;
    const delayMs =
      (c.latencyMs ?? 0) + (c.latencyByOperation?.[`${service}:${operation}`] ?? c.latencyByOperation?.[operation] ?? 0);
    this.callsSinceSet += 1;

    const rate = c.rateLimit?.[service];
    if (rate !== undefined && rate > 0 && !this.take(service, rate)) return { kind: 'throttle', delayMs };

    const nth = c.failNthCall;
    if (nth && this.callsSinceSet === nth.n) return { kind: 'fail', delayMs, error: injected(nth, operation) };

    for (const key of [`${service}:${operation}`, operation]) {
      const spec = c.failOperations?.[key];
      if (!spec) continue;
      const used = this.spent.get(key) ?? 0;
      if (spec.times !== undefined && used >= spec.times) continue;
      this.spent.set(key, used + 1);
      return { kind: 'fail', delayMs, error: injected(spec, operation) };
    }
    return { kind: 'pass', delayMs };
  }

  /** Token bucket: capacity `rate`, refilled continuously at `rate` per second. */
  private take(service: ServiceName, rate: number): boolean {
    const t = this.now();
    const b = this.buckets.get(service) ?? { tokens: rate, at: t };
    b.tokens = Math.min(rate, b.tokens + ((t - b.at) / 1000) * rate);
    b.at = t;
    this.buckets.set(service, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
