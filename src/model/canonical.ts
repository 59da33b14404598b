/**
 * canonicalize(): the one place where two spellings of the same AWS state become one value. Desired state
 * (from the file) and actual state (from AWS) both pass through it, so a perpetual diff is fixed here,
 * never inside the diff.
 *
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
  EventDestination,
  MetricQuery,
  MetricRef,
  Resource,
  Tags,
  Topic,
  TopicRef,
} from './resources.js';

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

function canonicalSet(s: ConfigurationSet): ConfigurationSet {
  return {
    ...s,
    suppression: s.suppression && { ...s.suppression, reasons: sortedUnique(s.suppression.reasons) },
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
    },
  };
}

function canonicalAlarm(a: Alarm): Alarm {
  return {
    ...a,
    alarmActions: canonicalTopicRefs(a.alarmActions),
    okActions: canonicalTopicRefs(a.okActions),
    insufficientDataActions: canonicalTopicRefs(a.insufficientDataActions),
    query: canonicalQuery(a.query),
    tags: canonicalTags(a.tags),
  };
}

function canonicalDashboard(d: Dashboard): Dashboard {
  if (d.source.type === 'literal') return { ...d, tags: canonicalTags(d.tags) };
  return { ...d, tags: canonicalTags(d.tags), source: { ...d.source, configurationSets: sortedUnique(d.source.configurationSets) } };
}

export function canonicalize<R extends Resource>(r: R): R {
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
    default:
      return assertNever(r);
  }
  return dropUndefined(out) as R;
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
