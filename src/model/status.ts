/**
 * `status`: the sending-health review (docs/architecture.md, "Status"), as plain data. status/ computes
 * it from what CloudWatch and SES answer; render/status.ts prints it.
 */

/** The SES event metrics a set's review counts, as CloudWatch names them. */
export const STATUS_METRICS = ['Send', 'Delivery', 'Bounce', 'Complaint', 'Reject', 'Open', 'Click'] as const;
export type StatusMetric = (typeof STATUS_METRICS)[number];

/** One metric query of a GetMetricData call: a Sum (or Average) of one metric with its dimensions per bucket. */
export interface MetricQuery {
  /** GetMetricData's query id: a lowercase letter first, then letters, digits and `_`. */
  readonly id: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: readonly { readonly name: string; readonly value: string }[];
  readonly stat: 'Sum' | 'Average';
  /** Seconds, a multiple of 60. */
  readonly period: number;
}

/** The datapoints of one query, oldest first, as CloudWatch returns them: buckets without data are absent. */
export interface Series {
  readonly timestamps: readonly string[];
  readonly values: readonly number[];
}

export interface Window {
  /** ISO 8601, UTC, inclusive. */
  readonly start: string;
  /** ISO 8601, UTC, exclusive. */
  readonly end: string;
  /** The trend's bucket, seconds. */
  readonly period: number;
}

/** A rate against the file's alarm threshold and SES's review level. */
export interface RateStatus {
  /** A fraction; null when the set sent nothing in the window (no data is not 0%). */
  readonly value: number | null;
  /** The threshold of the file's preset alarm on this rate, when it has one. */
  readonly threshold?: number;
  /** SES's review level (5% bounces, 0.1% complaints). */
  readonly review: number;
  readonly level: 'ok' | 'over-threshold' | 'over-review' | 'no-data' | 'not-published';
}

export interface SetStatus {
  readonly name: string;
  /** The CloudWatch event destination whose metrics were read; absent when the set publishes none. */
  readonly destination?: string;
  /** False when SES or someone paused the set's sending; undefined when not known. */
  readonly sendingEnabled?: boolean;
  /** Per metric over the window; null when the destination does not publish its event type. */
  readonly totals: Readonly<Record<StatusMetric, number | null>>;
  readonly bounceRate: RateStatus;
  readonly complaintRate: RateStatus;
  /** The trend: per bucket start, sends, bounces and complaints (0 where CloudWatch has no datapoint). */
  readonly trend: { readonly buckets: readonly string[]; readonly sends: readonly number[]; readonly bounces: readonly number[]; readonly complaints: readonly number[] };
}

export interface AlarmStatus {
  readonly name: string;
  /** OK, ALARM, INSUFFICIENT_DATA; `missing` for an alarm of the file that does not exist. */
  readonly state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA' | 'missing';
  /** ISO 8601 of the last state change. */
  readonly since?: string;
  readonly reason?: string;
}

/** An open reputation finding SES holds on a tenant (ListRecommendations, status OPEN). */
export interface TenantFinding {
  readonly type: string;
  readonly impact?: string;
  readonly description?: string;
}

/** A tenant of the file as SES sees it (docs/aws-behaviour.md, "Tenants"). */
export interface TenantStatus {
  readonly name: string;
  /** SES's aggregate sending status; `missing` for a tenant of the file that does not exist. */
  readonly sending: 'ENABLED' | 'REINSTATED' | 'DISABLED' | 'missing';
  /** Who paused it, when DISABLED: SES (on a finding, under the tenant's policy) or its owner. */
  readonly pausedBy?: 'ses' | 'owner';
  /** AWS's cause for SES's pause. */
  readonly cause?: string;
  readonly findings: readonly TenantFinding[];
}

/** What status read about one tenant, before it is judged (aws/sesv2/tenant-status.ts). */
export interface TenantRead {
  readonly name: string;
  readonly sending: 'ENABLED' | 'REINSTATED' | 'DISABLED';
  readonly pausedBySes: boolean;
  readonly cause?: string;
  readonly findings: readonly TenantFinding[];
}

export interface StatusReport {
  readonly stack: string;
  readonly region: string;
  readonly accountId?: string;
  readonly window: Window;
  readonly configurationSets: readonly SetStatus[];
  /** The account's Reputation.BounceRate / ComplaintRate: the latest datapoint in the window, null when none. */
  readonly reputation: { readonly bounceRate: number | null; readonly complaintRate: number | null };
  readonly alarms: readonly AlarmStatus[];
  /** The file's tenants; empty when it has none. */
  readonly tenants: readonly TenantStatus[];
  /** What makes the review fail (exit 2): a rate over its threshold or SES's review level, an alarm in ALARM. */
  readonly findings: readonly string[];
  /** What a reviewer should know that does not fail it: paused sets, alarms of the file that do not exist. */
  readonly notes: readonly string[];
  readonly healthy: boolean;
}
