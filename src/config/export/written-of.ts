/**
 * The live state as the file a person would write for it (`export`): the inverse of normalize.ts, field by
 * field. Pure; what to read and what to keep is the command's.
 *
 * Premise: the file means AWS's defaults and its own when it omits a field (docs/architecture.md, "The
 * file format"), so a value equal to the default is left out, and what is left reads like the examples:
 * topics by name where the topic is in the file, periods as `1h`, event types as written. Whether the
 * result really means the live state is not assumed here: check.ts normalizes it again and compares.
 */
import type { Alarm, ConfigurationSet, Dashboard, EventDestination, MetricDimension, Tags, Tenant, Topic, TopicRef } from '../../model/resources.js';
import { OWN_TAG_PREFIX, SES_NAMESPACE } from '../../model/ses.js';
import { hasLiteralPassword, withPasswordReference } from '../../model/endpoint.js';
import { FREE_FORM_DEFAULTS } from '../presets.js';
import { formatDuration } from '../units.js';
import type {
  WrittenAlarm,
  WrittenConfig,
  WrittenConfigurationSet,
  WrittenDashboard,
  WrittenEventDestination,
  WrittenMetricQuery,
  WrittenSubscription,
  WrittenTenant,
  WrittenTopic,
} from '../written.js';

export { OWN_TAG_PREFIX };

/** The resource's own tags, without ses-reconcile's, and without those the file's top-level `tags:` gives every resource. */
export function userTags(tags: Tags, shared: Tags = {}): Record<string, string> | undefined {
  const kept = Object.entries(tags).filter(([k, v]) => !k.startsWith(OWN_TAG_PREFIX) && shared[k] !== v);
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

/**
 * The tags every tagged resource has alike (sets, topics, alarms): the file's top-level `tags:`, which
 * normalize.ts gives each of them, preset alarms included. None when fewer than two resources share them.
 */
export function sharedTags(resources: readonly { readonly tags: Tags }[]): Tags {
  if (resources.length < 2) return {};
  const [first, ...rest] = resources.map((r) => userTags(r.tags) ?? {});
  return Object.fromEntries(Object.entries(first ?? {}).filter(([k, v]) => rest.every((t) => t[k] === v)));
}

/** Topics of the file by ARN: what a reference to one is written as. */
export type TopicNames = ReadonlyMap<string, string>;

/** A topic reference as the file writes it: the topic's name where the topic is in the file, else its ARN. */
export function refName(ref: TopicRef, topics: TopicNames): string {
  return 'topic' in ref ? ref.topic : (topics.get(ref.arn) ?? ref.arn);
}

/** Drops undefined members, so the YAML shows only what is said. */
function only<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function dimensionsMap(dims: readonly MetricDimension[]): Record<string, string> | undefined {
  return dims.length > 0 ? Object.fromEntries(dims.map((d) => [d.name, d.value])) : undefined;
}

export function writtenSet(s: ConfigurationSet, shared: Tags = {}, sendingManaged = false): WrittenConfigurationSet {
  const delivery = only({
    tlsPolicy: s.delivery.tlsPolicy === 'OPTIONAL' ? undefined : s.delivery.tlsPolicy,
    sendingPoolName: s.delivery.sendingPoolName,
    maxDeliverySeconds: s.delivery.maxDeliverySeconds,
  });
  return only({
    // A paused set is written paused; a sending one leaves sending unmanaged (docs/architecture.md, "The file
    // format"), unless its file said `sendingEnabled: true` (ExportOptions.sendingManaged).
    sendingEnabled: s.sendingEnabled === false ? false : sendingManaged && s.sendingEnabled === true ? true : undefined,
    reputationMetricsEnabled: s.reputationMetricsEnabled ? true : undefined,
    delivery: Object.keys(delivery).length > 0 ? delivery : undefined,
    tracking: s.tracking && only({ customRedirectDomain: s.tracking.customRedirectDomain, httpsPolicy: s.tracking.httpsPolicy === 'OPTIONAL' ? undefined : s.tracking.httpsPolicy }),
    suppression: s.suppression && only({ reasons: [...s.suppression.reasons], validation: s.suppression.validation && only({ ...s.suppression.validation }), scope: s.suppression.scope }),
    vdm: s.vdm && only({ ...s.vdm }),
    // The model holds only smime (canonical.ts): the default is written by leaving it out.
    messageSecurity: s.messageSecurity && { signing: s.messageSecurity.signing },
    archiveArn: s.archiveArn,
    tags: userTags(s.tags, shared),
  });
}

export function writtenDestination(d: EventDestination, topics: TopicNames): WrittenEventDestination {
  const t = d.target;
  const target: Partial<WrittenEventDestination> =
    t.type === 'cloudWatch'
      ? { cloudWatch: { dimensions: Object.fromEntries(t.dimensions.map((x) => [x.name, { source: x.source, default: x.default }])) } }
      : t.type === 'sns'
        ? { sns: 'topic' in t.topic || topics.has(t.topic.arn) ? { topic: refName(t.topic, topics) } : { topicArn: t.topic.arn } }
        : t.type === 'kinesisFirehose'
          ? { kinesisFirehose: { deliveryStreamArn: t.deliveryStreamArn, iamRoleArn: t.iamRoleArn } }
          : t.type === 'eventBridge'
            ? { eventBridge: { eventBusArn: t.eventBusArn } }
            : { pinpoint: { applicationArn: t.applicationArn } };
  // The file's default is enabled (normalize.ts), so only a disabled destination says so.
  return only({ enabled: d.enabled ? undefined : false, events: [...d.events], ...target });
}

/**
 * The environment variable an exported endpoint's password is written as: `SNS_<TOPIC>_PASSWORD`, then
 * `_2`, `_3` … for a topic's further ones. AWS lists a password masked (docs/aws-behaviour.md, "SNS topics
 * and subscriptions"), so the file cannot hold it; the user sets the variable before apply.
 */
export function passwordVariable(topic: string, nth: number): string {
  return `SNS_${topic.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_PASSWORD${nth > 1 ? `_${nth}` : ''}`;
}

export function writtenTopic(t: Topic, shared: Tags = {}): WrittenTopic {
  let withPassword = 0;
  const endpointOf = (e: string): string => (hasLiteralPassword(e) ? withPasswordReference(e, passwordVariable(t.name, ++withPassword)) : e);
  return only({
    displayName: t.displayName === '' ? undefined : t.displayName,
    tags: userTags(t.tags, shared),
    subscriptions:
      t.subscriptions.length > 0
        ? t.subscriptions.map(
            (s): WrittenSubscription =>
              only({
                protocol: s.protocol,
                endpoint: endpointOf(s.endpoint),
                rawMessageDelivery: s.rawMessageDelivery ? true : undefined,
                subscriptionRoleArn: s.subscriptionRoleArn,
                filterPolicy: s.filterPolicy as Record<string, unknown> | undefined,
              }),
          )
        : undefined,
  });
}

/** The fields every alarm shares, left out where they are the default the file means. */
export function writtenAlarmCommon(a: Alarm, topics: TopicNames, defaults: { readonly evaluationPeriods: number; readonly treatMissingData: string }) {
  const refs = (xs: readonly TopicRef[]) => (xs.length > 0 ? xs.map((r) => refName(r, topics)) : undefined);
  return only({
    description: a.description,
    actionsEnabled: a.actionsEnabled ? undefined : false,
    notify: refs(a.alarmActions),
    notifyOk: refs(a.okActions),
    notifyInsufficientData: refs(a.insufficientDataActions),
    evaluationPeriods: a.evaluationPeriods === defaults.evaluationPeriods ? undefined : a.evaluationPeriods,
    datapointsToAlarm: a.datapointsToAlarm === a.evaluationPeriods ? undefined : a.datapointsToAlarm,
    treatMissingData: a.treatMissingData === defaults.treatMissingData ? undefined : a.treatMissingData,
  });
}

/** An alarm in full, as `alarms:` writes it (a metric, or metric math). */
export function writtenAlarm(a: Alarm, topics: TopicNames, shared: Tags = {}): WrittenAlarm {
  const common = writtenAlarmCommon(a, topics, { evaluationPeriods: FREE_FORM_DEFAULTS.evaluationPeriods, treatMissingData: 'missing' });
  const q = a.query;
  if (q.type === 'metric') {
    return only({
      namespace: q.metric.namespace === SES_NAMESPACE ? undefined : q.metric.namespace,
      metric: q.metric.metricName,
      dimensions: dimensionsMap(q.metric.dimensions),
      statistic: q.statistic,
      extendedStatistic: q.extendedStatistic,
      unit: q.unit,
      period: q.period === FREE_FORM_DEFAULTS.period ? undefined : formatDuration(q.period),
      ...common,
      threshold: a.threshold,
      comparison: a.comparison,
      evaluateLowSampleCountPercentile: a.evaluateLowSampleCountPercentile,
      tags: userTags(a.tags, shared),
    });
  }
  // The file marks the returning query only when it is not the last one (normalize.ts).
  const last = q.metrics.length - 1;
  const implicit = q.metrics.every((m, i) => m.returnData === (i === last));
  const metrics = q.metrics.map(
    (m): WrittenMetricQuery =>
      only({
        id: m.id,
        ...(m.kind === 'metric'
          ? {
              metric: only({
                namespace: m.metric.namespace,
                name: m.metric.metricName,
                dimensions: dimensionsMap(m.metric.dimensions),
                stat: m.stat,
                period: formatDuration(m.period),
                unit: m.unit,
              }),
            }
          : { expression: m.expression }),
        label: m.label,
        returnData: implicit ? undefined : m.returnData,
      }),
  );
  return only({ metrics, ...common, threshold: a.threshold, comparison: a.comparison, evaluateLowSampleCountPercentile: a.evaluateLowSampleCountPercentile, tags: userTags(a.tags, shared) });
}

export function writtenDashboard(d: Dashboard): WrittenDashboard {
  if (d.source.type === 'literal') return { body: d.source.body as Record<string, unknown> };
  return only({
    configurationSets: [...d.source.configurationSets],
    accountMetrics: d.source.accountMetrics ? undefined : false,
    period: formatDuration(d.source.period),
    destinations: d.source.destinations === undefined ? undefined : { ...d.source.destinations },
  });
}

/** The header of an exported file: the stack, the Region and the account it was read from. */
export function headerOf(stack: string, region: string, accountId: string): Pick<WrittenConfig, 'version' | 'stack' | 'region' | 'accountId'> {
  return { version: 1, stack, region, accountId };
}

/**
 * A tenant as the file writes it. The policy only when not AWS's default; suppression only when it is not
 * what a new tenant has (no reasons, the account's list); sending only when paused by hand: a tenant SES
 * paused is left unmanaged, so adopting it never resumes it (docs/architecture.md, "The file format").
 * Associations with sets the export leaves out are dropped here (the file may name only its own sets);
 * check() then warns that adopting would remove them.
 */
export function writtenTenant(t: Tenant, shared: Tags, sets: ReadonlySet<string>): WrittenTenant {
  const suppression = t.suppression && (t.suppression.reasons.length > 0 || t.suppression.scope !== 'ACCOUNT') ? only({ reasons: [...t.suppression.reasons], scope: t.suppression.scope === 'ACCOUNT' ? undefined : t.suppression.scope }) : undefined;
  const configurationSets = t.configurationSets.filter((s) => sets.has(s));
  return only({
    reputationPolicy: t.reputationPolicy === 'standard' ? undefined : t.reputationPolicy,
    configurationSets: configurationSets.length > 0 ? configurationSets : undefined,
    identities: t.identities.length > 0 ? [...t.identities] : undefined,
    suppression,
    sendingEnabled: t.sendingEnabled === false && !t.pausedBySes ? false : undefined,
    tags: userTags(t.tags, shared),
  }) as WrittenTenant;
}
