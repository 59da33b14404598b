/**
 * CloudWatch shapes <-> Alarm, on hand-written AWS-shaped answers: every spelling of a default AWS (or
 * moto) may answer reads as exactly what the config pipeline makes of the file, and the request built from
 * an alarm reads back as that alarm.
 */
import { describe, expect, it } from 'vitest';
import type { MetricAlarm, PutMetricAlarmCommandInput, Tag } from '@aws-sdk/client-cloudwatch';
import { alarmArn } from '../../../src/model/arn.js';
import { alarmFromAws, putMetricAlarmInput } from '../../../src/aws/cloudwatch/mapping.js';
import { ReconcileError } from '../../../src/errors.js';
import { topicArn } from '../../../src/model/arn.js';
import { STACK_TAG, type Alarm, type TopicRef } from '../../../src/model/resources.js';
import { resolveTopicRefs } from '../../../src/plan/resolve.js';
import { lines, load } from '../../helpers/config.js';

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const TOPIC = topicArn(REGION, ACCOUNT, 'alerts');
const TAGS = [{ Key: STACK_TAG, Value: 'rt' }];

/**
 * Destinations publishing every event type with the dimension sets these alarms read, so validation's
 * alarm-dimensions rule (an SES metric must be published with the alarm's dimensions) is satisfied.
 */
const PUBLISHERS = `configurationSets:
  prod:
    eventDestinations:
      by-set: { events: [SEND, DELIVERY, BOUNCE, COMPLAINT], cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: prod } } } }
      by-service: { events: [SEND], cloudWatch: { dimensions: { Service: { source: MESSAGE_TAG, default: x }, app: { source: MESSAGE_TAG, default: x }, zone: { source: MESSAGE_TAG, default: x } } } }
`;

/** The alarms the config pipeline makes of a file (stack `rt`), topic refs resolved as the planner does. */
function desired(yaml: string): Alarm[] {
  const r = load(`version: 1\nstack: rt\n${yaml.includes('configurationSets:') ? '' : PUBLISHERS}${yaml}`);
  expect(lines(r).filter((l) => l.includes(' error '))).toEqual([]);
  const state = resolveTopicRefs(r.desired?.resources ?? new Map(), REGION, ACCOUNT);
  return [...state.values()].filter((x): x is Alarm => x.kind === 'alarm');
}
const one = (yaml: string): Alarm => desired(yaml)[0] as Alarm;

/** What AWS answered for a minimal metric alarm (localstack's recording, as the emulator serves it). */
const realMinimal: MetricAlarm = {
  AlarmName: 'plain',
  AlarmArn: alarmArn(REGION, ACCOUNT, 'plain'),
  AlarmConfigurationUpdatedTimestamp: new Date(0),
  ActionsEnabled: true,
  OKActions: [],
  AlarmActions: [],
  InsufficientDataActions: [],
  StateValue: 'INSUFFICIENT_DATA',
  StateReason: 'Unchecked: Initial alarm creation',
  StateUpdatedTimestamp: new Date(0),
  MetricName: 'Send',
  Namespace: 'AWS/SES',
  Statistic: 'Sum',
  Dimensions: [],
  Period: 300,
  EvaluationPeriods: 1,
  Threshold: 1,
  ComparisonOperator: 'LessThanThreshold',
  StateTransitionedTimestamp: new Date(0),
};
const plainYaml = `alarms:\n  plain: { metric: Send, statistic: Sum, threshold: 1, comparison: LessThanThreshold }\n`;

describe('DescribeAlarms -> Alarm', () => {
  it('reads a minimal alarm (no TreatMissingData, no DatapointsToAlarm, [] lists) as the file that omits them', () => {
    expect(alarmFromAws(realMinimal, TAGS)).toEqual(one(plainYaml));
    expect(alarmFromAws(realMinimal, TAGS)).toEqual(
      one(`alarms:\n  plain: { metric: Send, statistic: Sum, threshold: 1, comparison: LessThanThreshold, treatMissingData: missing, datapointsToAlarm: 1, actionsEnabled: true, notify: [] }\n`),
    );
  });

  it('reads absent lists, absent ActionsEnabled and moto\'s `Metrics: []` as the defaults', () => {
    const { OKActions: _o, AlarmActions: _a, InsufficientDataActions: _i, Dimensions: _d, ActionsEnabled: _e, ...bare } = realMinimal;
    expect(alarmFromAws(bare, TAGS)).toEqual(alarmFromAws(realMinimal, TAGS));
    expect(alarmFromAws({ ...realMinimal, Metrics: [], StateReasonData: '{}', StateValue: 'OK' }, TAGS)).toEqual(alarmFromAws(realMinimal, TAGS));
  });

  it('drops server-owned members: ARN, state, timestamps, EvaluationState', () => {
    const busy: MetricAlarm = { ...realMinimal, StateValue: 'ALARM', StateReason: 'Threshold crossed', StateReasonData: '{"x":1}', EvaluationState: 'PARTIAL_DATA' };
    expect(alarmFromAws(busy, TAGS)).toEqual(alarmFromAws(realMinimal, TAGS));
    expect(Object.keys(alarmFromAws(busy, TAGS)).sort()).toEqual(
      ['actionsEnabled', 'alarmActions', 'comparison', 'datapointsToAlarm', 'evaluationPeriods', 'insufficientDataActions', 'kind', 'name', 'okActions', 'query', 'tags', 'threshold', 'treatMissingData'],
    );
  });

  it('reads action ARNs as {arn} (sorted, de-duplicated) equal to the file\'s topics resolved to ARNs', () => {
    const live = alarmFromAws({ ...realMinimal, AlarmActions: [TOPIC, 'arn:aws:sns:us-east-1:123456789012:a', TOPIC], OKActions: [TOPIC] }, TAGS);
    expect(live).toEqual(one(`topics: { alerts: {} }\n${plainYaml.replace('}\n', `, notify: ["arn:aws:sns:us-east-1:123456789012:a", alerts], notifyOk: [alerts] }\n`)}`));
    expect(live.alarmActions).toEqual([{ arn: 'arn:aws:sns:us-east-1:123456789012:a' }, { arn: TOPIC }]);
  });

  it('reads dimensions in any order, ExtendedStatistic, Unit, a description and explicit defaults', () => {
    const live = alarmFromAws(
      {
        ...realMinimal,
        AlarmDescription: 'Slow',
        Statistic: undefined,
        ExtendedStatistic: 'p99',
        Unit: 'Milliseconds',
        Dimensions: [{ Name: 'zone', Value: 'b' }, { Name: 'Service', Value: 'mailer' }, { Name: 'app', Value: 'web' }],
        DatapointsToAlarm: 1,
        TreatMissingData: 'breaching',
        EvaluateLowSampleCountPercentile: 'ignore',
      },
      TAGS,
    );
    expect(live).toEqual(
      one(`alarms:
  plain:
    description: Slow
    metric: Send
    extendedStatistic: p99
    unit: Milliseconds
    dimensions: { app: web, zone: b, Service: mailer }
    threshold: 1
    comparison: LessThanThreshold
    treatMissingData: breaching
    evaluateLowSampleCountPercentile: ignore
`),
    );
    expect(live.query.type === 'metric' && live.query.metric.dimensions.map((d) => d.name)).toEqual(['Service', 'app', 'zone']);
  });

  it('reads EvaluateLowSampleCountPercentile "" as unset, and DatapointsToAlarm apart from EvaluationPeriods', () => {
    expect(alarmFromAws({ ...realMinimal, EvaluateLowSampleCountPercentile: '' }, TAGS)).toEqual(alarmFromAws(realMinimal, TAGS));
    const live = alarmFromAws({ ...realMinimal, EvaluationPeriods: 5 }, TAGS);
    expect([live.evaluationPeriods, live.datapointsToAlarm]).toEqual([5, 5]);
    expect(alarmFromAws({ ...realMinimal, EvaluationPeriods: 5, DatapointsToAlarm: 3 }, TAGS).datapointsToAlarm).toBe(3);
  });

  it('reads a metric-math alarm in query order: no top-level Period, absent ReturnData as false, absent Label as none', () => {
    const math: MetricAlarm = {
      ...realMinimal,
      MetricName: undefined,
      Namespace: undefined,
      Statistic: undefined,
      Period: undefined,
      Metrics: [
        { Id: 'deliveries', MetricStat: { Metric: { Namespace: 'AWS/SES', MetricName: 'Delivery', Dimensions: [{ Name: 'ses:configuration-set', Value: 'prod' }] }, Period: 3600, Stat: 'Sum' } },
        { Id: 'sends', MetricStat: { Metric: { Namespace: 'AWS/SES', MetricName: 'Send', Dimensions: [{ Name: 'ses:configuration-set', Value: 'prod' }] }, Period: 7200, Stat: 'Sum', Unit: 'Count' }, Label: 'Sends', ReturnData: false },
        { Id: 'ratio', Expression: 'IF(sends >= 100, deliveries / sends, 1)', Label: 'Delivery ratio', ReturnData: true },
      ],
    };
    const live = alarmFromAws(math, TAGS);
    expect(live).toEqual(
      one(`alarms:
  plain:
    metrics:
      - { id: deliveries, metric: { namespace: AWS/SES, name: Delivery, dimensions: { ses:configuration-set: prod }, stat: Sum } }
      - { id: sends, metric: { namespace: AWS/SES, name: Send, dimensions: { ses:configuration-set: prod }, stat: Sum, period: 2h, unit: Count }, label: Sends }
      - { id: ratio, expression: "IF(sends >= 100, deliveries / sends, 1)", label: Delivery ratio }
    period: 1h
    threshold: 1
    comparison: LessThanThreshold
`),
    );
    expect(live.query.type).toBe('math');
    expect(live.query.type === 'math' && live.query.metrics.map((q) => [q.id, q.returnData])).toEqual([['deliveries', false], ['sends', false], ['ratio', true]]);
    // moto puts `Dimensions: []` inside MetricStat.Metric: the same as none.
    const motoish = { ...math, Metrics: [{ Id: 'm', MetricStat: { Metric: { Namespace: 'AWS/SES', MetricName: 'Send', Dimensions: [] }, Period: 300, Stat: 'Sum' } }, { Id: 'e', Expression: 'm * 2', ReturnData: true }] };
    expect(alarmFromAws(motoish, TAGS)).toEqual(
      one(`alarms:\n  plain:\n    metrics:\n      - { id: m, metric: { namespace: AWS/SES, name: Send, stat: Sum } }\n      - { id: e, expression: "m * 2" }\n    threshold: 1\n    comparison: LessThanThreshold\n`),
    );
  });

  it('reads tags, a missing Value as "" and no tags as {}', () => {
    expect(alarmFromAws(realMinimal, [{ Key: 'b', Value: '2' }, { Key: 'a' } as Tag]).tags).toEqual({ a: '', b: '2' });
    expect(alarmFromAws(realMinimal, undefined).tags).toEqual({});
  });

  it('refuses alarms the model cannot describe, naming them', () => {
    const refuse = (a: MetricAlarm, what: RegExp) => expect(() => alarmFromAws(a, TAGS)).toThrow(what);
    refuse({ ...realMinimal, MetricName: undefined, EvaluationCriteria: { PromQLCriteria: { Query: 'up == 0' } } }, /plain is a PromQL alarm/);
    refuse({ ...realMinimal, MetricName: undefined, ThresholdMetricId: 'band', Metrics: [{ Id: 'band', Expression: 'ANOMALY_DETECTION_BAND(m)' }] }, /anomaly-detection/);
    refuse({ ...realMinimal, MetricName: undefined }, /neither a metric nor a metric-math alarm/);
    expect(() => alarmFromAws({ ...realMinimal, AlarmName: undefined }, TAGS)).toThrow(ReconcileError);
  });
});

describe('Alarm -> PutMetricAlarm', () => {
  const arnOf = (ref: TopicRef): string => ('arn' in ref ? ref.arn : topicArn(REGION, ACCOUNT, ref.topic));
  const FILE = `tags: { team: email }
topics: { alerts: {} }
configurationSets:
  prod:
    eventDestinations:
      m: { events: [SEND, BOUNCE, COMPLAINT, REJECT, DELIVERY, RENDERING_FAILURE, DELIVERY_DELAY], cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: prod } } } }
    alarms:
      bounceRate: { minSends: 500, notify: [alerts], notifyOk: [alerts] }
      complaintRate: { notify: [alerts], notifyInsufficientData: [alerts] }
      rejects: {}
      deliveryDrop: { description: Few deliveries }
      renderingFailures: { actionsEnabled: false }
      deliveryDelays: {}
accountAlarms: { bounceRate: {}, complaintRate: {} }
alarms:
  p99: { metric: Latency, namespace: Custom, extendedStatistic: p99, unit: Milliseconds, dimensions: { b: "2", a: "1" }, threshold: 9, comparison: GreaterThanThreshold, evaluateLowSampleCountPercentile: evaluate }
  math:
    metrics:
      - { id: m, metric: { namespace: AWS/SES, name: Bounce, stat: Sum, unit: Count }, label: Bounces }
      - { id: e, expression: "m * 2" }
    threshold: 1
    comparison: GreaterThanThreshold
`;

  it('reads back as the same alarm, for every preset and free-form alarm (the request is the model, nothing lost)', () => {
    const alarms = desired(FILE);
    expect(alarms.length).toBe(10);
    for (const a of alarms) {
      const input = putMetricAlarmInput(a, arnOf);
      const { Tags, ...asDescribed } = input;
      expect(alarmFromAws(asDescribed as MetricAlarm, Tags), a.name).toEqual(a);
    }
  });

  it('never sends a member the model leaves undefined, nor empty lists; sends ReturnData on every query', () => {
    const alarms = new Map(desired(FILE).map((a) => [a.name, a]));
    const rejects = putMetricAlarmInput(alarms.get('rt/prod/rejects') as Alarm, arnOf);
    expect(rejects).toEqual({
      AlarmName: 'rt/prod/rejects',
      AlarmDescription: 'Rejected messages of configuration set prod. Managed by ses-reconcile (stack rt).',
      ActionsEnabled: true,
      Namespace: 'AWS/SES',
      MetricName: 'Reject',
      Dimensions: [{ Name: 'ses:configuration-set', Value: 'prod' }],
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      Threshold: 10,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      Tags: [{ Key: STACK_TAG, Value: 'rt' }, { Key: 'team', Value: 'email' }],
    } satisfies PutMetricAlarmCommandInput);
    const math = putMetricAlarmInput(alarms.get('math') as Alarm, arnOf);
    expect(math.Metrics).toEqual([
      { Id: 'm', MetricStat: { Metric: { Namespace: 'AWS/SES', MetricName: 'Bounce' }, Period: 300, Stat: 'Sum', Unit: 'Count' }, Label: 'Bounces', ReturnData: false },
      { Id: 'e', Expression: 'm * 2', ReturnData: true },
    ]);
    expect(Object.keys(math)).not.toContain('Period');
    expect(Object.keys(math)).not.toContain('Statistic');
    expect(JSON.stringify(math)).not.toContain('undefined');
    const bounce = putMetricAlarmInput(alarms.get('rt/prod/bounce-rate') as Alarm, arnOf);
    expect([bounce.AlarmActions, bounce.OKActions, bounce.InsufficientDataActions]).toEqual([[TOPIC], [TOPIC], undefined]);
    expect(bounce.Metrics?.every((q) => typeof q.ReturnData === 'boolean')).toBe(true);
  });

  it('resolves topics of the file by name, and one topic named twice (by name and by ARN) is one action', () => {
    const a: Alarm = { ...(desired(FILE)[0] as Alarm), alarmActions: [{ topic: 'alerts' }, { arn: TOPIC }], okActions: [], insufficientDataActions: [], tags: {} };
    const input = putMetricAlarmInput(a, arnOf);
    expect(input.AlarmActions).toEqual([TOPIC]);
    expect(Object.keys(input)).not.toContain('Tags');
  });
});
