/**
 * canonicalize(): the one place where two spellings of the same AWS state become one value. Desired state
 * (from the file) and actual state (from AWS) both pass through it, so a perpetual diff is fixed here,
 * never inside the diff.
 *
 * - AWS's defaults are filled in (model/ses.ts AWS_DEFAULTS): a file that omits TLS policy, HTTPS policy,
 *   reputation metrics, ActionsEnabled, DatapointsToAlarm or TreatMissingData, and an AWS answer that
 *   omits them, both mean the default, so both sides may leave them out (`Spelled<R>`) and this fills them
 *   in once, for config/, aws/ and plan/ alike (docs/aws-behaviour.md, "SESv2 configuration sets",
 *   "CloudWatch alarms").
 * - Lists AWS treats as sets are sorted: MatchingEventTypes and DimensionConfigurations (AWS returns
 *   them in its own order), SuppressedReasons, alarm action lists and dimensions (order not documented:
 *   INFERENCE, docs/aws-behaviour.md, "CloudWatch alarms"), subscriptions.
 * - Tags get their keys sorted.
 * - Fields that are undefined are removed, so `{a: undefined}` and `{}` compare equal.
 */
import type {
  Alarm,
  AlarmQuery,
  ConfigurationSet,
  Dashboard,
  DeliveryOptions,
  EventDestination,
  MetricQuery,
  MetricRef,
  Resource,
  Tags,
  Tenant,
  Topic,
  TopicRef,
  TrackingOptions,
} from './resources.js';
import { AWS_DEFAULTS, datapointsToAlarmOf } from './ses.js';

/** A configuration set as a side spells it: the fields AWS defaults may be absent. */
export type SpelledConfigurationSet = Omit<ConfigurationSet, 'reputationMetricsEnabled' | 'delivery' | 'tracking'> & {
  readonly reputationMetricsEnabled?: boolean;
  readonly delivery?: Omit<DeliveryOptions, 'tlsPolicy'> & Partial<Pick<DeliveryOptions, 'tlsPolicy'>>;
  readonly tracking?: Omit<TrackingOptions, 'httpsPolicy'> & Partial<Pick<TrackingOptions, 'httpsPolicy'>>;
};

/** An alarm as a side spells it: the fields CloudWatch defaults may be absent. */
export type SpelledAlarm = Omit<Alarm, 'actionsEnabled' | 'datapointsToAlarm' | 'treatMissingData'> &
  Partial<Pick<Alarm, 'actionsEnabled' | 'datapointsToAlarm' | 'treatMissingData'>>;

/** A resource before canonicalize(): what config/normalize.ts and the aws/ mappings build. */
export type SpelledResource = SpelledConfigurationSet | EventDestination | Topic | SpelledAlarm | Dashboard | Tenant;

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedUnique<T extends string>(xs: readonly T[]): T[] {
  return [...new Set(xs)].sort(byString);
}

export function canonicalTags(tags: Tags): Tags {
  // fromEntries defines properties, so a tag key such as `__proto__` stays data.
  return Object.fromEntries(Object.entries(tags).sort((a, b) => byString(a[0], b[0])));
}

function topicRefKey(t: TopicRef): string {
  return 'arn' in t ? `arn:${t.arn}` : `topic:${t.topic}`;
}

function canonicalTopicRefs(refs: readonly TopicRef[]): TopicRef[] {
  const seen = new Map<string, TopicRef>();
  for (const r of refs) seen.set(topicRefKey(r), 'arn' in r ? { arn: r.arn } : { topic: r.topic });
  return [...seen.entries()].sort((a, b) => byString(a[0], b[0])).map(([, r]) => r);
}

function canonicalMetricRef(m: MetricRef): MetricRef {
  return {
    namespace: m.namespace,
    metricName: m.metricName,
    dimensions: [...m.dimensions]
      .map((d) => ({ name: d.name, value: d.value }))
      .sort((a, b) => byString(a.name, b.name) || byString(a.value, b.value)),
  };
}

function canonicalQuery(q: AlarmQuery): AlarmQuery {
  if (q.type === 'metric') return { ...q, metric: canonicalMetricRef(q.metric) };
  // Query order is kept: expressions refer to ids, and CloudWatch returns the list as it was put.
  return {
    type: 'math',
    metrics: q.metrics.map(
      (m): MetricQuery => (m.kind === 'metric' ? { ...m, metric: canonicalMetricRef(m.metric) } : { ...m }),
    ),
  };
}

/** Recursively drops properties whose value is undefined (arrays keep their length). */
export function dropUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => dropUndefined(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, dropUndefined(v)]),
    ) as T;
  }
  return value;
}

function canonicalSet(s: SpelledConfigurationSet): ConfigurationSet {
  return {
    ...s,
    reputationMetricsEnabled: s.reputationMetricsEnabled ?? AWS_DEFAULTS.reputationMetricsEnabled,
    delivery: { ...s.delivery, tlsPolicy: s.delivery?.tlsPolicy ?? AWS_DEFAULTS.tlsPolicy },
    tracking: s.tracking && { ...s.tracking, httpsPolicy: s.tracking.httpsPolicy ?? AWS_DEFAULTS.httpsPolicy },
    suppression: s.suppression && { ...s.suppression, reasons: sortedUnique(s.suppression.reasons) },
    // DefaultScheme is documented as no S/MIME signature, what a set without MessageSecurityOptions does:
    // one spelling, absent (docs/aws-behaviour.md, "SESv2 configuration sets").
    messageSecurity: s.messageSecurity?.signing === 'smime' ? { signing: 'smime' } : undefined,
    tags: canonicalTags(s.tags),
  };
}

function canonicalDestination(d: EventDestination): EventDestination {
  const target =
    d.target.type === 'cloudWatch'
      ? {
          type: 'cloudWatch' as const,
          dimensions: [...d.target.dimensions].sort((a, b) => byString(a.name, b.name)),
        }
      : d.target.type === 'sns'
        ? { type: 'sns' as const, topic: canonicalTopicRefs([d.target.topic])[0] as TopicRef }
        : d.target;
  return { ...d, events: sortedUnique(d.events), target };
}

function canonicalTopic(t: Topic): Topic {
  return {
    ...t,
    tags: canonicalTags(t.tags),
    subscriptions: [...t.subscriptions].sort(
      (a, b) => byString(a.protocol, b.protocol) || byString(a.endpoint, b.endpoint),
    ),
    policy: {
      sesConfigurationSets: sortedUnique(t.policy.sesConfigurationSets),
      cloudWatchAlarms: t.policy.cloudWatchAlarms,
      // Their order is the document's: kept as it is.
      ...(t.policy.others && t.policy.others.length > 0 ? { others: t.policy.others } : {}),
    },
  };
}

function canonicalAlarm(a: SpelledAlarm): Alarm {
  return {
    ...a,
    actionsEnabled: a.actionsEnabled ?? AWS_DEFAULTS.actionsEnabled,
    datapointsToAlarm: datapointsToAlarmOf(a.datapointsToAlarm, a.evaluationPeriods),
    treatMissingData: a.treatMissingData ?? AWS_DEFAULTS.treatMissingData,
    alarmActions: canonicalTopicRefs(a.alarmActions),
    okActions: canonicalTopicRefs(a.okActions),
    insufficientDataActions: canonicalTopicRefs(a.insufficientDataActions),
    query: canonicalQuery(a.query),
    tags: canonicalTags(a.tags),
  };
}

function canonicalDashboard(d: Dashboard): Dashboard {
  if (d.source.type === 'literal') return { ...d, tags: canonicalTags(d.tags) };
  const { destinations, ...source } = d.source;
  const named = destinations === undefined ? [] : Object.entries(destinations).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    ...d,
    tags: canonicalTags(d.tags),
    source: { ...source, configurationSets: sortedUnique(d.source.configurationSets), ...(named.length > 0 ? { destinations: Object.fromEntries(named) } : {}) },
  };
}

function canonicalTenant(t: Tenant): Tenant {
  return {
    ...t,
    configurationSets: sortedUnique(t.configurationSets),
    // Identities compare as SES lists them; a domain's case is not significant (INFERENCE), so the file's
    // spelling is kept and only duplicates and order are normalised.
    identities: sortedUnique(t.identities),
    suppression: t.suppression && { ...t.suppression, reasons: sortedUnique(t.suppression.reasons) },
    tags: canonicalTags(t.tags),
  };
}

export function canonicalize(r: SpelledConfigurationSet): ConfigurationSet;
export function canonicalize(r: SpelledAlarm): Alarm;
export function canonicalize<R extends EventDestination | Topic | Dashboard | Tenant>(r: R): R;
export function canonicalize(r: SpelledResource): Resource;
export function canonicalize(r: SpelledResource): Resource {
  let out: Resource;
  switch (r.kind) {
    case 'configurationSet':
      out = canonicalSet(r);
      break;
    case 'eventDestination':
      out = canonicalDestination(r);
      break;
    case 'topic':
      out = canonicalTopic(r);
      break;
    case 'alarm':
      out = canonicalAlarm(r);
      break;
    case 'dashboard':
      out = canonicalDashboard(r);
      break;
    case 'tenant':
      out = canonicalTenant(r);
      break;
    default:
      return assertNever(r);
  }
  return dropUndefined(out);
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
