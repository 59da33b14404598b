/**
 * SES facts the config rules, the planner and the adapters share, in one place: the CloudWatch namespace
 * SES publishes to, which event type each of its event metrics counts, and how preset alarms are named
 * (docs/aws-behaviour.md, "Metrics SES publishes"). The emulator keeps its own copy: it shares nothing
 * with the core.
 */
import type { Alarm, EventType } from './resources.js';

/** The CloudWatch namespace of every SES metric, event and reputation alike. */
export const SES_NAMESPACE = 'AWS/SES';

/**
 * SES event metric -> the event type a destination must publish for the metric to exist. Each event adds 1
 * to its metric, so these are counts (an Average of them is always 1).
 */
export const EVENT_OF_METRIC: Readonly<Record<string, EventType>> = {
  Send: 'SEND',
  Delivery: 'DELIVERY',
  Bounce: 'BOUNCE',
  Complaint: 'COMPLAINT',
  Reject: 'REJECT',
  Open: 'OPEN',
  Click: 'CLICK',
  RenderingFailure: 'RENDERING_FAILURE',
  DeliveryDelay: 'DELIVERY_DELAY',
  Subscription: 'SUBSCRIPTION',
};

/** The tag keys ses-reconcile writes itself (ownership, Region, digest): never part of a file. */
export const OWN_TAG_PREFIX = 'ses-reconcile:';

/** What a rate preset's returning expression is (config/normalize.ts): `IF(sends >= N, bounces / sends, 0)`. */
const RATE_EXPRESSION = /^IF\(sends >= \d+, \w+ \/ sends, 0\)$/;

/**
 * True when an alarm's threshold is a fraction, written as a percentage in the file (`3%`): SES's
 * Reputation.*Rate metrics, and the metric math of the rate presets.
 */
export function isRateAlarm(a: Alarm): boolean {
  const q = a.query;
  if (q.type === 'metric') return q.metric.namespace === SES_NAMESPACE && /^Reputation\.\w+Rate$/.test(q.metric.metricName);
  return q.metrics.some((m) => m.kind === 'expression' && m.returnData && RATE_EXPRESSION.test(m.expression));
}

/**
 * SES puts an account under review at these rates (DG faqs-enforcement; docs/aws-behaviour.md, "Metrics
 * SES publishes"): the file's rules warn about thresholds above them, and `status` measures against them.
 */
export const REVIEW_RATES = { bounce: 0.05, complaint: 0.001 } as const;

/** The segment account-level preset alarms are named under, where set presets use the set's name. */
export const ACCOUNT_SEGMENT = 'account';

/** `stack/owner/slug`: the name of a preset alarm (owner: a set's name, or ACCOUNT_SEGMENT). */
export function presetAlarmName(stack: string, owner: string, slug: string): string {
  return `${stack}/${owner}/${slug}`;
}

/**
 * What AWS means when a field is absent, one value each. canonicalize() (canonical.ts) fills them in for
 * the file and the live state alike, so an omitted field and AWS's answer compare equal
 * (docs/aws-behaviour.md, "SESv2 configuration sets" and "CloudWatch alarms").
 */
export const AWS_DEFAULTS = {
  /** No TlsPolicy: opportunistic TLS. */
  tlsPolicy: 'OPTIONAL',
  /** "If you don't specify a value, the default is OPTIONAL" (HttpsPolicy). */
  httpsPolicy: 'OPTIONAL',
  /** "The default is TRUE" (ActionsEnabled). */
  actionsEnabled: true,
  /** "If this parameter is omitted, the default behavior of missing is used" (TreatMissingData). */
  treatMissingData: 'missing',
  reputationMetricsEnabled: false,
} as const;

/** Absent DatapointsToAlarm means "N of N": equal to EvaluationPeriods. */
export function datapointsToAlarmOf(datapointsToAlarm: number | undefined, evaluationPeriods: number): number {
  return datapointsToAlarm ?? evaluationPeriods;
}

/** The auto-tag SES puts on every message sent through a configuration set (docs/aws-behaviour.md, "Dimensions and message tags"). */
export const SET_NAME_DIMENSION = 'ses:configuration-set';

/**
 * The `ses:` message tags SES adds to every message, usable as CloudWatch dimension names by their full
 * name (docs/aws-behaviour.md, "Dimensions and message tags"). No other `ses:` name exists.
 */
export const DOCUMENTED_AUTO_TAGS = [SET_NAME_DIMENSION, 'ses:caller-identity', 'ses:from-domain', 'ses:source-ip', 'ses:outgoing-ip', 'ses:operation'] as const;

/** Two more that newer SES material shows without documenting them: accepted, with a warning. */
export const UNVERIFIED_AUTO_TAGS: readonly string[] = ['ses:source-tls-version', 'ses:outgoing-tls-version'];

/** Auto-tags, and only they, may use the reserved `ses:` prefix. */
export const AUTO_TAG_PREFIX = 'ses:';

/**
 * The value a CloudWatch destination's dimension takes for the mail of `set`: the set's own name for the
 * `ses:configuration-set` message tag (SES tags every message with it), else the dimension's default.
 */
export function dimensionValueOf(dimension: { readonly name: string; readonly source: string; readonly default: string }, set: string): string {
  return dimension.name === SET_NAME_DIMENSION && dimension.source === 'MESSAGE_TAG' ? set : dimension.default;
}

/** What the choice of a metric source needs to know of a CloudWatch event destination. */
export interface MetricSourceCandidate {
  readonly name: string;
  readonly events: readonly EventType[];
  readonly dimensions: readonly { readonly name: string; readonly source: string }[];
}

/**
 * True when a destination's metrics are the set's own total: its only dimension is the
 * `ses:configuration-set` message tag, which SES puts on every message of the set, so no message falls
 * into another value's slice.
 */
export function isSetTotal(d: Pick<MetricSourceCandidate, 'dimensions'>): boolean {
  return d.dimensions.length === 1 && d.dimensions[0]?.name === SET_NAME_DIMENSION && d.dimensions[0].source === 'MESSAGE_TAG';
}

export type MetricSourceChoice<T> =
  | { readonly ok: true; readonly chosen: T }
  /** `named` is no CloudWatch destination of the set. */
  | { readonly ok: false; readonly problem: 'unknown' }
  /** `named` does not publish every needed event. */
  | { readonly ok: false; readonly problem: 'lacks'; readonly missing: readonly EventType[] }
  /** Several publish them and none is the set's total: the file must name one (`candidates`, in the given order). */
  | { readonly ok: false; readonly problem: 'ambiguous'; readonly candidates: readonly T[] }
  /** None publishes them. */
  | { readonly ok: false; readonly problem: 'none' };

/**
 * THE rule for which of a set's CloudWatch event destinations a preset alarm or a generated dashboard
 * reads metrics from (docs/architecture.md, "The file format"; README, "Alarm presets"): the one the file
 * names; else the only one that publishes every `needed` event; else, among several, the one that is the
 * set's own total (isSetTotal); else ambiguous. `cloudWatch`: the set's CloudWatch destinations, enabled
 * or not (a disabled one is chosen all the same; the published-metrics rule warns about it).
 */
export function chooseMetricSource<T extends MetricSourceCandidate>(cloudWatch: readonly T[], needed: readonly EventType[], named?: string): MetricSourceChoice<T> {
  const publishes = (d: T): boolean => needed.every((e) => d.events.includes(e));
  if (named !== undefined) {
    const d = cloudWatch.find((x) => x.name === named);
    if (d === undefined) return { ok: false, problem: 'unknown' };
    return publishes(d) ? { ok: true, chosen: d } : { ok: false, problem: 'lacks', missing: needed.filter((e) => !d.events.includes(e)) };
  }
  const candidates = cloudWatch.filter(publishes);
  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (only !== undefined) return { ok: true, chosen: only };
  if (candidates.length === 0) return { ok: false, problem: 'none' };
  const totals = candidates.filter(isSetTotal);
  const total = totals.length === 1 ? totals[0] : undefined;
  return total !== undefined ? { ok: true, chosen: total } : { ok: false, problem: 'ambiguous', candidates };
}
