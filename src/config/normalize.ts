/**
 * The written file -> the desired-state model (docs/architecture.md, "The file format"): presets expanded into full alarms with derived
 * names, rates as fractions, periods as seconds, topic references kept by name (resolved to ARNs once the
 * account is known), stack tags added, AWS's defaults written out wherever the file omits them, then
 * canonicalize(). Two files that mean the same thing give the same model.
 *
 * Runs only on a configuration without errors: it relies on the rules having checked references.
 */
import { canonicalize, type SpelledAlarm, type SpelledConfigurationSet, type SpelledResource } from '../model/canonical.js';
import type { DesiredState } from '../model/desired.js';
import { keyOf, type ResourceKey } from '../model/key.js';
import {
  STACK_TAG,
  type Alarm,
  type AlarmQuery,
  type DestinationTarget,
  type Dashboard,
  type EventDestination,
  type MetricDimension,
  type MetricQuery,
  type SetAlarmPreset,
  type Tags,
  type Topic,
  type TopicRef,
} from '../model/resources.js';
import { stateOf } from '../model/state.js';
import { pickPresetSource } from './preset-source.js';
import { ACCOUNT_PRESETS, FREE_FORM_DEFAULTS, SET_PRESETS } from './presets.js';
import { ACCOUNT_SEGMENT, SES_NAMESPACE, dimensionValueOf, presetAlarmName } from '../model/ses.js';
import { durationSeconds, formatRate, rateFraction } from './units.js';
import type {
  WrittenAlarm,
  WrittenAlarmCommon,
  WrittenConfig,
  WrittenConfigurationSet,
  WrittenEventDestination,
  WrittenTags,
} from './written.js';

const DEFAULT_DASHBOARD_PERIOD = 3600;

export function normalize(config: WrittenConfig): DesiredState {
  const stack = config.stack;
  const tagsFor = (own?: WrittenTags): Tags => ({ ...(config.tags ?? {}), ...(own ?? {}), [STACK_TAG]: stack });
  const resources: SpelledResource[] = [];
  const costHints = new Map<ResourceKey, Readonly<Record<string, number>>>();

  for (const [name, set] of Object.entries(config.configurationSets ?? {})) {
    resources.push(configurationSet(name, set, tagsFor(set.tags)));
    for (const [destName, dest] of Object.entries(set.eventDestinations ?? {})) {
      const d = eventDestination(name, destName, dest);
      resources.push(d);
      const hints = Object.entries(dest.cloudWatch?.dimensions ?? {}).filter(([, v]) => v.expectedValues !== undefined);
      if (hints.length > 0) costHints.set(keyOf(d), Object.fromEntries(hints.map(([k, v]) => [k, v.expectedValues as number])));
    }
    for (const [preset, spec] of Object.entries(set.alarms ?? {})) {
      if (spec) resources.push(setPresetAlarm(stack, name, set, preset as SetAlarmPreset, spec, tagsFor()));
    }
  }
  for (const preset of ['bounceRate', 'complaintRate'] as const) {
    const spec = config.accountAlarms?.[preset];
    if (spec) resources.push(accountPresetAlarm(stack, preset, spec, tagsFor()));
  }
  for (const [name, alarm] of Object.entries(config.alarms ?? {})) resources.push(freeFormAlarm(name, alarm, tagsFor(alarm.tags)));
  for (const [name, dash] of Object.entries(config.dashboards ?? {})) resources.push(dashboard(name, dash, { [STACK_TAG]: stack }));
  for (const [name, t] of Object.entries(config.tenants ?? {})) {
    resources.push({
      kind: 'tenant',
      name,
      // AWS gives a new tenant the standard policy (docs/aws-behaviour.md, "Tenants"): written out, so leaving it out means it.
      reputationPolicy: t.reputationPolicy ?? 'standard',
      configurationSets: t.configurationSets ?? [],
      identities: t.identities ?? [],
      // PutTenantSuppressionAttributes' scope defaults to ACCOUNT (client-sesv2 3.1169).
      ...(t.suppression ? { suppression: { reasons: t.suppression.reasons, scope: t.suppression.scope ?? 'ACCOUNT' } } : {}),
      ...(t.sendingEnabled !== undefined ? { sendingEnabled: t.sendingEnabled } : {}),
      tags: tagsFor(t.tags),
    });
  }

  const alarms = resources.filter((r): r is SpelledAlarm => r.kind === 'alarm');
  for (const [name, topic] of Object.entries(config.topics ?? {})) {
    const t: Topic = {
      kind: 'topic',
      name,
      displayName: topic.displayName ?? '',
      tags: tagsFor(topic.tags),
      subscriptions: (topic.subscriptions ?? []).map((s) => ({
        protocol: s.protocol,
        endpoint: s.endpoint,
        rawMessageDelivery: s.rawMessageDelivery ?? false,
        filterPolicy: s.filterPolicy,
        subscriptionRoleArn: s.subscriptionRoleArn,
      })),
      policy: {
        sesConfigurationSets: Object.entries(config.configurationSets ?? {})
          .filter(([, set]) => Object.values(set.eventDestinations ?? {}).some((d) => d.sns?.topic === name))
          .map(([setName]) => setName),
        cloudWatchAlarms: alarms.some((a) =>
          [...a.alarmActions, ...a.okActions, ...a.insufficientDataActions].some((r) => 'topic' in r && r.topic === name),
        ),
      },
    };
    resources.push(t);
  }

  return {
    stack,
    ...(config.region ? { region: config.region } : {}),
    ...(config.accountId ? { accountId: config.accountId } : {}),
    resources: stateOf(resources.map((r) => canonicalize(r))),
    costHints,
  };
}

function configurationSet(name: string, w: WrittenConfigurationSet, tags: Tags): SpelledConfigurationSet {
  const vdm = w.vdm && (w.vdm.engagementMetrics || w.vdm.optimizedSharedDelivery) ? w.vdm : undefined;
  return {
    kind: 'configurationSet',
    name,
    sendingEnabled: w.sendingEnabled,
    reputationMetricsEnabled: w.reputationMetricsEnabled,
    delivery: {
      tlsPolicy: w.delivery?.tlsPolicy,
      sendingPoolName: w.delivery?.sendingPoolName,
      maxDeliverySeconds: w.delivery?.maxDeliverySeconds,
    },
    tracking: w.tracking && {
      customRedirectDomain: w.tracking.customRedirectDomain,
      httpsPolicy: w.tracking.httpsPolicy,
    },
    suppression: w.suppression && {
      reasons: w.suppression.reasons,
      validation: w.suppression.validation,
      scope: w.suppression.scope,
    },
    vdm,
    archiveArn: w.archiveArn,
    messageSecurity: w.messageSecurity && { signing: w.messageSecurity.signing },
    tags,
  };
}

function eventDestination(set: string, name: string, w: WrittenEventDestination): EventDestination {
  return {
    kind: 'eventDestination',
    configurationSet: set,
    name,
    // The file's default is true; the API's is false (docs/architecture.md, "The file format";
    // docs/aws-behaviour.md, "Event destinations"), so it is always sent.
    enabled: w.enabled ?? true,
    events: w.events,
    target: destinationTarget(w),
  };
}

function destinationTarget(w: WrittenEventDestination): DestinationTarget {
  if (w.cloudWatch)
    return {
      type: 'cloudWatch',
      dimensions: Object.entries(w.cloudWatch.dimensions).map(([name, d]) => ({ name, source: d.source, default: d.default })),
    };
  if (w.sns) return { type: 'sns', topic: w.sns.topic !== undefined ? { topic: w.sns.topic } : { arn: w.sns.topicArn as string } };
  if (w.kinesisFirehose)
    return { type: 'kinesisFirehose', deliveryStreamArn: w.kinesisFirehose.deliveryStreamArn, iamRoleArn: w.kinesisFirehose.iamRoleArn };
  if (w.eventBridge) return { type: 'eventBridge', eventBusArn: w.eventBridge.eventBusArn };
  if (w.pinpoint) return { type: 'pinpoint', applicationArn: w.pinpoint.applicationArn };
  throw new Error('event destination without a type passed validation');
}

function topicRefs(names: readonly string[] | undefined): TopicRef[] {
  return (names ?? []).map((n) => (n.startsWith('arn:') ? { arn: n } : { topic: n }));
}

/**
 * The fields every alarm shares, with CloudWatch's documented defaults (docs/aws-behaviour.md,
 * "CloudWatch alarms").
 */
function alarmCommon(
  w: WrittenAlarmCommon,
  defaults: { evaluationPeriods: number; comparison: Alarm['comparison']; treatMissingData: Alarm['treatMissingData'] | undefined },
) {
  const evaluationPeriods = w.evaluationPeriods ?? defaults.evaluationPeriods;
  return {
    actionsEnabled: w.actionsEnabled,
    alarmActions: topicRefs(w.notify),
    okActions: topicRefs(w.notifyOk),
    insufficientDataActions: topicRefs(w.notifyInsufficientData),
    evaluationPeriods,
    datapointsToAlarm: w.datapointsToAlarm,
    comparison: w.comparison ?? defaults.comparison,
    treatMissingData: w.treatMissingData ?? defaults.treatMissingData,
  };
}

function setPresetAlarm(
  stack: string,
  setName: string,
  set: WrittenConfigurationSet,
  preset: SetAlarmPreset,
  w: NonNullable<WrittenConfigurationSet['alarms']>[SetAlarmPreset] & object,
  tags: Tags,
): SpelledAlarm {
  const spec = SET_PRESETS[preset];
  const source = pickPresetSource(setName, set, preset, w);
  if (!source.ok) throw new Error(`preset ${setName}.${preset} passed validation without a source`);
  const dimensions: MetricDimension[] = Object.entries(source.spec.cloudWatch?.dimensions ?? {}).map(([name, d]) => ({
    name,
    value: (w.dimensions && Object.hasOwn(w.dimensions, name) ? w.dimensions[name] : undefined) ?? dimensionValueOf({ name, ...d }, setName),
  }));
  const period = w.period === undefined ? spec.defaults.period : durationSeconds(w.period);
  const metric = (metricName: string) => ({ namespace: SES_NAMESPACE, metricName, dimensions });
  let query: AlarmQuery;
  let threshold: number;
  if (spec.kind === 'rate') {
    const minSends = 'minSends' in w && w.minSends !== undefined ? w.minSends : spec.defaults.minSends;
    const events = `${spec.metricName.toLowerCase()}s`;
    const metrics: MetricQuery[] = [
      { id: events, kind: 'metric', metric: metric(spec.metricName), stat: 'Sum', period, returnData: false },
      { id: 'sends', kind: 'metric', metric: metric('Send'), stat: 'Sum', period, returnData: false },
      {
        id: 'rate',
        kind: 'expression',
        // The guard keeps a quiet period from alarming on one event, and never divides by zero. The plan
        // recognises a rate by this form (model/ses.ts isRateAlarm) to show its threshold as `3%`.
        expression: `IF(sends >= ${Math.max(1, minSends)}, ${events} / sends, 0)`,
        label: `${spec.describe}, ${setName}`,
        returnData: true,
      },
    ];
    query = { type: 'math', metrics };
    threshold = w.threshold === undefined ? spec.defaults.threshold : rateFraction(w.threshold);
  } else {
    query = { type: 'metric', metric: metric(spec.metricName), statistic: 'Sum', period };
    threshold = (w.threshold as number | undefined) ?? spec.defaults.threshold;
  }
  return {
    kind: 'alarm',
    name: presetAlarmName(stack, setName, spec.slug),
    // The suffix marks the description as generated (model/view.ts generatedField): keep it in both presets.
    description:
      w.description ??
      `${spec.describe} of configuration set ${setName}${spec.kind === 'rate' ? ` at ${formatRate(threshold)}` : ''}. Managed by ses-reconcile (stack ${stack}).`,
    ...alarmCommon(w, spec.defaults),
    query,
    threshold,
    tags,
  };
}

function accountPresetAlarm(
  stack: string,
  preset: 'bounceRate' | 'complaintRate',
  w: NonNullable<WrittenConfig['accountAlarms']>['bounceRate'] & object,
  tags: Tags,
): SpelledAlarm {
  const spec = ACCOUNT_PRESETS[preset];
  const threshold = w.threshold === undefined ? spec.defaults.threshold : rateFraction(w.threshold);
  return {
    kind: 'alarm',
    name: presetAlarmName(stack, ACCOUNT_SEGMENT, spec.slug),
    description: w.description ?? `${spec.describe} at ${formatRate(threshold)}. Managed by ses-reconcile (stack ${stack}).`,
    ...alarmCommon(w, spec.defaults),
    query: {
      type: 'metric',
      metric: { namespace: SES_NAMESPACE, metricName: spec.metricName, dimensions: [] },
      statistic: 'Average',
      period: w.period === undefined ? spec.defaults.period : durationSeconds(w.period),
    },
    threshold,
    tags,
  };
}

function dims(map: Record<string, string> | undefined): MetricDimension[] {
  return Object.entries(map ?? {}).map(([name, value]) => ({ name, value }));
}

function freeFormAlarm(name: string, w: WrittenAlarm, tags: Tags): SpelledAlarm {
  const period = w.period === undefined ? FREE_FORM_DEFAULTS.period : durationSeconds(w.period);
  let query: AlarmQuery;
  if (w.metrics) {
    const anyReturns = w.metrics.some((q) => q.returnData === true);
    query = {
      type: 'math',
      metrics: w.metrics.map((q, i): MetricQuery => {
        // CloudWatch needs exactly one query returning data; unstated, it is the last one.
        const returnData = anyReturns ? q.returnData === true : i === (w.metrics as unknown[]).length - 1;
        return q.metric
          ? {
              id: q.id,
              kind: 'metric',
              metric: { namespace: q.metric.namespace, metricName: q.metric.name, dimensions: dims(q.metric.dimensions) },
              stat: q.metric.stat,
              period: q.metric.period === undefined ? period : durationSeconds(q.metric.period),
              unit: q.metric.unit,
              label: q.label,
              returnData,
            }
          : { id: q.id, kind: 'expression', expression: q.expression as string, label: q.label, returnData };
      }),
    };
  } else {
    query = {
      type: 'metric',
      metric: { namespace: w.namespace ?? SES_NAMESPACE, metricName: w.metric as string, dimensions: dims(w.dimensions) },
      statistic: w.statistic,
      extendedStatistic: w.extendedStatistic,
      unit: w.unit,
      period,
    };
  }
  return {
    kind: 'alarm',
    name,
    description: w.description,
    ...alarmCommon(w, { evaluationPeriods: FREE_FORM_DEFAULTS.evaluationPeriods, comparison: w.comparison, treatMissingData: undefined }),
    query,
    threshold: w.threshold,
    evaluateLowSampleCountPercentile: w.evaluateLowSampleCountPercentile,
    tags,
  };
}

function dashboard(name: string, w: NonNullable<WrittenConfig['dashboards']>[string], tags: Tags): Dashboard {
  if (w.body) return { kind: 'dashboard', name, source: { type: 'literal', body: w.body }, tags };
  return {
    kind: 'dashboard',
    name,
    tags,
    source: {
      type: 'generated',
      configurationSets: w.configurationSets ?? [],
      accountMetrics: w.accountMetrics ?? true,
      period: w.period === undefined ? DEFAULT_DASHBOARD_PERIOD : durationSeconds(w.period),
      ...(w.destinations && Object.keys(w.destinations).length > 0 ? { destinations: w.destinations } : {}),
    },
  };
}
