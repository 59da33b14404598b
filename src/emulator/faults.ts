/**
 * Fault injection, for tests and benchmarks: latency, request rates per service and per operation
 * answered with the service's real throttling error, failure of the Nth call or of named operations.
 * Time is read through an injected clock so tests can drive the token buckets.
 *
 * Rate limits: each `rateLimit` key (`sesv2`, or `cloudwatch:PutMetricAlarm`) has its own token bucket of
 * one second's worth of requests, refilled continuously. A call passes when its operation's bucket (if
 * set) and its service's bucket (if set) both hold a token, and then takes one from each; otherwise it is
 * throttled and takes none. `rateLimit: "aws"` is AWS_DOCUMENTED_RATES.
 */
import { SERVICE_NAMES, type InjectedError, type ServiceName } from './types.js';

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
  /**
   * Requests per second per service (`sesv2`) or per operation (`cloudwatch:PutMetricAlarm`); beyond it
   * the service's throttling error. Burst = one second's worth. `"aws"`: AWS_DOCUMENTED_RATES.
   */
  readonly rateLimit?: RateLimits | 'aws';
  /** Operations that fail (`PutMetricAlarm` or `cloudwatch:PutMetricAlarm`). */
  readonly failOperations?: Readonly<Record<string, FailureSpec>>;
  /** The Nth AWS call (1-based, counted from when the faults were set) fails once. */
  readonly failNthCall?: FailureSpec & { readonly n: number };
}

/** `service` or `service:Operation` -> requests per second. */
export type RateLimits = Readonly<Partial<Record<ServiceName | `${ServiceName}:${string}`, number>>>;

/**
 * AWS's documented request rates, per account per Region, for `rateLimit: "aws"` (`--rate-limit aws`):
 * what a benchmark runs against to see the client pace itself as it must on AWS. Only documented
 * numbers; an operation not listed is not limited.
 */
export const AWS_DOCUMENTED_RATES: RateLimits = {
  // "All actions (except for SendEmail, SendRawEmail, and SendTemplatedEmail) are throttled at one
  // request per second. Adjustable: No." (SES Developer Guide, quotas; docs/aws-behaviour.md, "Rate limits")
  sesv2: 1,
  // CloudWatch User Guide, CloudWatch service quotas (docs/aws-behaviour.md, "Rate limits"). TagResource,
  // UntagResource and ListTagsForResource are not listed there.
  'cloudwatch:PutMetricAlarm': 3,
  'cloudwatch:DescribeAlarms': 9,
  'cloudwatch:DeleteAlarms': 3,
  'cloudwatch:PutDashboard': 10,
  'cloudwatch:GetDashboard': 10,
  'cloudwatch:ListDashboards': 10,
  'cloudwatch:DeleteDashboards': 10,
  // "This action is throttled at 30 [100] transactions per second (TPS)." (SNS API Reference, each
  // operation; botocore sns 2010-03-31 documentation; docs/aws-behaviour.md, "Rate limits").
  'sns:ListTopics': 30,
  'sns:ListSubscriptions': 30,
  'sns:ListSubscriptionsByTopic': 30,
  'sns:Subscribe': 100,
  'sns:Unsubscribe': 100,
  // "Tagging actions are limited to 10 TPS per Amazon Web Services account, per Amazon Web Services
  // Region." (SNS API Reference, TagResource). Read as each tag operation's own limit; AWS may share one
  // budget among them, which would be stricter.
  'sns:TagResource': 10,
  'sns:UntagResource': 10,
  'sns:ListTagsForResource': 10,
  // No rate is published for the Resource Groups Tagging API (docs/aws-behaviour.md, "Rate limits"), nor for
  // the other SNS operations used here (CreateTopic, DeleteTopic, Get/SetTopicAttributes, …) or STS: not
  // limited.
};

function isServiceName(s: string): s is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(s);
}

/** Check a `rateLimit` value; a readable Error for a bad one (the admin API answers it as 400). */
function checkRateLimit(rateLimit: unknown): void {
  if (rateLimit === undefined || rateLimit === 'aws') return;
  if (typeof rateLimit !== 'object' || rateLimit === null || Array.isArray(rateLimit)) {
    throw new Error(`rateLimit must be "aws" or an object like {"sesv2": 1, "cloudwatch:PutMetricAlarm": 3}; got ${JSON.stringify(rateLimit)}`);
  }
  for (const [key, rate] of Object.entries(rateLimit)) {
    const [service, operation, ...rest] = key.split(':');
    if (!isServiceName(service ?? '') || operation === '' || rest.length > 0) {
      throw new Error(`rateLimit key "${key}": write a service (${SERVICE_NAMES.join(', ')}) or service:Operation, e.g. cloudwatch:PutMetricAlarm`);
    }
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0) throw new Error(`rateLimit ${key} must be a number of requests per second; got ${JSON.stringify(rate)}`);
  }
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
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Replace the faults; throws a readable Error (and keeps the old faults) for a bad rateLimit. */
  set(config: FaultConfig): void {
    checkRateLimit(config.rateLimit);
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

    if (!this.admit(service, operation)) return { kind: 'throttle', delayMs };

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

  /** Whether the call's buckets (operation and service, those that are set) all have a token; if so, take them. */
  private admit(service: ServiceName, operation: string): boolean {
    const limits = this.config.rateLimit === 'aws' ? AWS_DOCUMENTED_RATES : (this.config.rateLimit ?? {});
    const buckets = [`${service}:${operation}`, service]
      .map((key) => ({ key, rate: limits[key as keyof RateLimits] }))
      .filter((b): b is { key: string; rate: number } => b.rate !== undefined && b.rate > 0)
      .map(({ key, rate }) => this.refill(key, rate));
    if (buckets.some((b) => b.tokens < 1)) return false;
    for (const b of buckets) b.tokens -= 1;
    return true;
  }

  /** Token bucket `key`: capacity `rate`, refilled continuously at `rate` per second, brought up to now. */
  private refill(key: string, rate: number): { tokens: number; at: number } {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: rate, at: t };
    b.tokens = Math.min(rate, b.tokens + ((t - b.at) / 1000) * rate);
    b.at = t;
    this.buckets.set(key, b);
    return b;
  }
}
