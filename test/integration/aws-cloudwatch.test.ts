/**
 * The CloudWatch alarm adapter end to end: real SDK clients over HTTP against the emulator (AWS JSON 1.0,
 * the SDK's default) and, where moto implements it, against moto's server (AWS query).
 *
 * The round trip is the guarantee against perpetual diffs: for alarms made by the REAL config pipeline
 * from YAML (every preset, account presets, free-form metric and metric-math alarms) with topic names
 * resolved to ARNs as the planner does (plan/resolve.ts), each PutMetricAlarm runs through
 * CloudWatchStepRunner, CloudWatchAlarmReader reads the stack back, and what it reads must deep-equal
 * what the file asked for. The emulator's call log is the witness of the read budget.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { lookupAccount } from '../../src/aws/account.js';
import { FAST_RATES_TABLE } from '../helpers/rates.js';
import { createClients, type AwsClients } from '../../src/aws/clients.js';
import { CloudWatchStepRunner } from '../../src/aws/cloudwatch/applier.js';
import { alarmArn } from '../../src/model/arn.js';
import { CloudWatchAlarmReader } from '../../src/aws/cloudwatch/reader.js';
import type { NamedScope } from '../../src/live/port.js';
import { AwsCallError } from '../../src/errors.js';
import { startFullEmulator, type Emulator } from '../../src/emulator/index.js';
import { STACK_TAG, type Alarm } from '../../src/model/resources.js';
import { stateOf, type State } from '../../src/model/state.js';
import type { CloudWatchStep as Step } from '../../src/model/step.js';
import { resolveTopicRefs } from '../../src/plan/resolve.js';
import { lines, load } from '../helpers/config.js';
import { ACCOUNT, REGION, conformance, difference, type Target } from '../conformance/harness.js';

const STACK = 'rt';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const ELSEWHERE = `arn:aws:sns:${REGION}:${ACCOUNT}:elsewhere`;

/** The alarms the real config pipeline makes of a file, topic refs resolved as the planner does. */
function desiredAlarms(yaml: string, stack = STACK): Alarm[] {
  const r = load(`version: 1\nstack: ${stack}\n${yaml}`);
  expect(lines(r).filter((l) => l.includes(' error '))).toEqual([]);
  const resolved = resolveTopicRefs(r.desired?.resources ?? new Map(), REGION, ACCOUNT);
  return [...resolved.values()].filter((x): x is Alarm => x.kind === 'alarm');
}

const scopeOf = (alarms: readonly Alarm[], stack = STACK): NamedScope => ({ stack, names: new Set(alarms.map((a) => a.name)) });
const puts = (alarms: readonly Alarm[]): Step[] => alarms.map((alarm) => ({ op: 'PutMetricAlarm', alarm }));

/** Every preset (overridden fields, notify lists to topics of the file and to ARNs), account presets, free-form alarms. */
const EVERYTHING = `tags: { team: email }
topics:
  alerts: {}
  pager: {}
configurationSets:
  prod:
    eventDestinations:
      metrics:
        events: [SEND, DELIVERY, BOUNCE, COMPLAINT, REJECT, RENDERING_FAILURE, DELIVERY_DELAY]
        cloudWatch:
          dimensions:
            ses:configuration-set: { source: MESSAGE_TAG, default: prod }
    alarms:
      bounceRate:
        threshold: 2%
        period: 30m
        evaluationPeriods: 3
        datapointsToAlarm: 2
        minSends: 500
        notify: [alerts]
        notifyOk: [alerts, "${ELSEWHERE}"]
        notifyInsufficientData: ["${ELSEWHERE}"]
      complaintRate: { threshold: 0.05%, minSends: 1000, notify: [pager, alerts, "arn:aws:sns:us-east-1:123456789012:pager"] }
      rejects: { threshold: 5, comparison: GreaterThanOrEqualToThreshold, treatMissingData: ignore, description: Too many rejects, actionsEnabled: false, notify: [pager] }
      deliveryDrop: { threshold: 50, period: 1h, evaluationPeriods: 3 }
      renderingFailures: { notify: [pager] }
      deliveryDelays: { threshold: 200, period: 5m, notifyInsufficientData: [alerts] }
  campaigns:
    eventDestinations:
      metrics:
        events: [SEND, BOUNCE, COMPLAINT]
        cloudWatch:
          dimensions:
            Campaign: { source: MESSAGE_TAG, default: none }
    alarms:
      bounceRate: {}
      complaintRate: { dimensions: { Campaign: spring } }
accountAlarms:
  bounceRate: { threshold: 4%, notify: [alerts] }
  complaintRate: { threshold: 0.08%, period: 6h, treatMissingData: breaching }
alarms:
  ses-sending-rejected:
    namespace: AWS/SES
    metric: Reject
    statistic: Sum
    period: 5m
    threshold: 10
    comparison: GreaterThanThreshold
    treatMissingData: notBreaching
    notify: [alerts]
  rt/free/under-the-prefix:
    metric: Send
    statistic: SampleCount
    threshold: 1
    comparison: LessThanThreshold
  delivery-latency-p99:
    description: Slow deliveries
    namespace: Custom/Mail
    metric: DeliveryLatency
    extendedStatistic: p99
    dimensions: { zone: b, Service: mailer, app: web }
    unit: Milliseconds
    period: 1m
    evaluationPeriods: 5
    datapointsToAlarm: 3
    threshold: 2500
    comparison: GreaterThanOrEqualToThreshold
    evaluateLowSampleCountPercentile: ignore
    notify: ["${ELSEWHERE}"]
    notifyOk: [pager]
    tags: { severity: page }
  delivery-ratio:
    description: Deliveries per send below 90% over two hours
    metrics:
      - { id: deliveries, metric: { namespace: AWS/SES, name: Delivery, dimensions: { ses:configuration-set: prod }, stat: Sum } }
      - { id: sends, metric: { namespace: AWS/SES, name: Send, dimensions: { ses:configuration-set: prod }, stat: Sum, period: 2h, unit: Count }, label: Sends }
      - { id: ratio, expression: "IF(sends >= 100, deliveries / sends, 1)", label: Delivery ratio }
    period: 1h
    evaluationPeriods: 2
    threshold: 0.9
    comparison: LessThanThreshold
    notify: [pager]
  explicit-return:
    metrics:
      - { id: e1, expression: "m1 * 2", returnData: true }
      - { id: m1, metric: { namespace: AWS/SES, name: Bounce, stat: Average } }
    threshold: 3
    comparison: GreaterThanThreshold
`;

/** The adapter's behaviour on one target: `target()` gives its CloudWatch client, emulator or moto. */
function roundTripScenarios(target: () => { cw: CloudWatchClient; name: 'emulator' | 'moto' }): void {
  const runner = () => new CloudWatchStepRunner(target().cw, REGION, ACCOUNT);
  const reader = () => new CloudWatchAlarmReader(target().cw);
  const runAll = async (steps: readonly Step[]) => {
    for (const s of steps) await runner().run(s);
  };
  const expectStateOf = (state: State, alarms: readonly Alarm[]) => {
    expect([...state.keys()]).toEqual([...stateOf(alarms).keys()]);
    for (const a of alarms) expect(state.get(`alarm:${a.name}`), a.name).toEqual(a);
  };

  it('reads back every preset, account preset, free-form metric and metric-math alarm exactly as the file asks', async () => {
    const desired = desiredAlarms(EVERYTHING);
    expect(desired.length).toBe(15);
    await runAll(puts(desired));
    const live = await reader().read(scopeOf(desired));
    expectStateOf(live.state, desired);
    expect(live.arns.get('rt/prod/bounce-rate')).toBe(alarmArn(REGION, ACCOUNT, 'rt/prod/bounce-rate'));
  });

  it('an update that drops fields reads back without them (PutMetricAlarm overwrites completely)', async () => {
    const full = `topics: { pager: {} }
alarms:
  rt/latency:
    description: Slow deliveries
    namespace: Custom/Mail
    metric: DeliveryLatency
    extendedStatistic: p99
    dimensions: { app: web }
    unit: Milliseconds
    datapointsToAlarm: 1
    evaluationPeriods: 2
    threshold: 2500
    comparison: GreaterThanOrEqualToThreshold
    treatMissingData: breaching
    evaluateLowSampleCountPercentile: evaluate
    notify: [pager]
    notifyOk: [pager]
    notifyInsufficientData: [pager]
`;
    const bare = `alarms:
  rt/latency:
    namespace: Custom/Mail
    metric: DeliveryLatency
    statistic: Maximum
    threshold: 2500
    comparison: GreaterThanOrEqualToThreshold
`;
    const [before] = desiredAlarms(full) as [Alarm];
    const [after] = desiredAlarms(bare) as [Alarm];
    await runAll(puts([before]));
    expect((await reader().read(scopeOf([before]))).state.get('alarm:rt/latency')).toEqual(before);
    await runAll(puts([after]));
    const live = (await reader().read(scopeOf([after]))).state.get('alarm:rt/latency') as Alarm;
    expect(live).toEqual(after);
    expect(Object.keys(live)).not.toContain('description');
    expect(live.query).toEqual({ type: 'metric', metric: { namespace: 'Custom/Mail', metricName: 'DeliveryLatency', dimensions: [] }, statistic: 'Maximum', period: 300 });
  });

  it('a metric alarm becomes a metric-math alarm and back', async () => {
    const metric = desiredAlarms(`alarms:\n  rt/x: { metric: Bounce, statistic: Sum, threshold: 1, comparison: GreaterThanThreshold }\n`);
    const math = desiredAlarms(
      `alarms:\n  rt/x:\n    metrics:\n      - { id: m, metric: { namespace: AWS/SES, name: Bounce, stat: Sum } }\n      - { id: e, expression: "m * 2" }\n    threshold: 1\n    comparison: GreaterThanThreshold\n`,
    );
    for (const alarms of [metric, math, metric]) {
      await runAll(puts(alarms));
      expectStateOf((await reader().read(scopeOf(alarms))).state, alarms);
    }
  });

  it('tags apply on create only; TagAlarm and UntagAlarm read back; DeleteAlarm removes the alarm', async () => {
    const [created] = desiredAlarms(`alarms:\n  rt/t: { metric: Send, statistic: Sum, threshold: 1, comparison: LessThanThreshold, tags: { a: "1", b: "2" } }\n`) as [Alarm];
    await runAll(puts([created]));
    const retagged: Alarm = { ...created, tags: { a: 'one', c: '', [STACK_TAG]: STACK } };
    await runAll(puts([retagged]));
    const tagsNow = async () => ((await reader().read(scopeOf([created]))).state.get('alarm:rt/t') as Alarm | undefined)?.tags;
    if (difference(target() as Target, { moto: 'moto applies PutMetricAlarm Tags on update too; AWS ignores them (PutMetricAlarm doc)' })) {
      expect(await tagsNow()).toEqual({ a: 'one', b: '2', c: '', [STACK_TAG]: STACK });
    } else {
      expect(await tagsNow()).toEqual(created.tags);
    }
    await runner().run({ op: 'TagAlarm', name: 'rt/t', tags: { a: 'one', c: '' } });
    await runner().run({ op: 'UntagAlarm', name: 'rt/t', keys: ['b'] });
    expect(await tagsNow()).toEqual(retagged.tags);
    await runner().run({ op: 'DeleteAlarm', name: 'rt/t' });
    expect((await reader().read(scopeOf([created]))).state.size).toBe(0);
    // DeleteAlarms ignores unknown names (docs/aws-behaviour.md, "CloudWatch alarms"): deleting again succeeds.
    await runner().run({ op: 'DeleteAlarm', name: 'rt/t' });
  });
}

describe('CloudWatch adapter against the emulator', () => {
  let emulator: Emulator;
  let clients: AwsClients;
  let runner: CloudWatchStepRunner;
  let reader: CloudWatchAlarmReader;

  beforeAll(async () => {
    emulator = await startFullEmulator();
    clients = createClients({ region: REGION, endpointUrl: emulator.url, credentials, rates: FAST_RATES_TABLE });
    expect(await lookupAccount(clients.sts)).toBe(ACCOUNT);
    runner = new CloudWatchStepRunner(clients.cloudwatch, REGION, ACCOUNT);
    reader = new CloudWatchAlarmReader(clients.cloudwatch);
  });
  beforeEach(() => {
    emulator.reset();
    emulator.configure('cloudwatch', { describeAlarmsPageSize: 50 });
  });
  afterAll(async () => {
    clients.destroy();
    await emulator.close();
  });

  const runAll = async (steps: readonly Step[]) => {
    for (const s of steps) await runner.run(s);
  };

  describe('round trip (JSON 1.0)', () => {
    roundTripScenarios(() => ({ cw: clients.cloudwatch, name: 'emulator' }));
  });

  describe('the read budget: the stack by prefix and by name, tags only for what was found', () => {
    /** 3 presets + 2 free-form alarms outside the prefix, and alarms of other stacks. */
    async function seed(): Promise<Alarm[]> {
      const mine = desiredAlarms(`configurationSets:
  s:
    eventDestinations:
      m: { events: [SEND, BOUNCE, REJECT], cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: s } } } }
    alarms: { bounceRate: {}, rejects: {} }
accountAlarms: { bounceRate: {} }
alarms:
  free-one: { metric: Send, statistic: Sum, threshold: 1, comparison: LessThanThreshold }
  free-two: { metric: Reject, statistic: Sum, threshold: 1, comparison: GreaterThanThreshold }
`);
      // Another stack: its presets under `other/`, a free-form alarm tagged for it, and a stack whose
      // name merely starts like ours (`rt-2/…` is not under `rt/`).
      const theirs = [
        ...desiredAlarms(`accountAlarms: { bounceRate: {}, complaintRate: {} }\nalarms:\n  their-free: { metric: Send, statistic: Sum, threshold: 1, comparison: LessThanThreshold }\n`, 'other'),
        ...desiredAlarms(`accountAlarms: { bounceRate: {} }\n`, 'rt-2'),
      ];
      await runAll(puts([...mine, ...theirs]));
      return mine;
    }

    it('3 presets + 2 free-form: 1 prefix page + 1 names call + 5 tag reads; other stacks are not read', async () => {
      const mine = await seed();
      expect(mine.length).toBe(5);
      emulator.clearCalls();
      const arns: string[] = [];
      const recording = new CloudWatchClient({ region: REGION, endpoint: emulator.url, credentials });
      recording.middlewareStack.add(
        (next, context) => async (args) => {
          if (context.commandName === 'ListTagsForResourceCommand') arns.push((args.input as { ResourceARN: string }).ResourceARN);
          return next(args);
        },
        { step: 'initialize', name: 'record-tag-reads' },
      );
      const live = await new CloudWatchAlarmReader(recording).read(scopeOf(mine));
      recording.destroy();
      expectLive(live.state, mine);
      const budget = { 'cloudwatch:DescribeAlarms': 2, 'cloudwatch:ListTagsForResource': 5 };
      expect(live.calls).toEqual(budget);
      expect(emulator.calls().byOperation).toEqual(budget);
      // Tags were read for exactly this stack's alarms: not `other/…`, not their tagged free-form, not `rt-2/…`.
      expect(arns.sort()).toEqual(mine.map((a) => alarmArn(REGION, ACCOUNT, a.name)).sort());
    });

    it('finds a removed preset (under the prefix) but not a removed free-form alarm outside it', async () => {
      const mine = await seed();
      emulator.clearCalls();
      // The file now has only one free-form alarm: `free-two` is still ours by tag but is not found.
      const live = await reader.read({ stack: STACK, names: new Set(['free-one']) });
      expect([...live.state.keys()]).toEqual(['alarm:free-one', 'alarm:rt/account/bounce-rate', 'alarm:rt/s/bounce-rate', 'alarm:rt/s/rejects']);
      expect(live.calls).toEqual({ 'cloudwatch:DescribeAlarms': 2, 'cloudwatch:ListTagsForResource': 4 });
      expect(mine.find((a) => a.name === 'free-two')?.tags[STACK_TAG]).toBe(STACK);
    });

    it('a file without names outside the prefix costs one listing and no names call', async () => {
      await seed();
      emulator.clearCalls();
      const live = await reader.read({ stack: STACK, names: new Set(['rt/s/bounce-rate']) });
      expect(live.state.size).toBe(3);
      expect(live.calls).toEqual({ 'cloudwatch:DescribeAlarms': 1, 'cloudwatch:ListTagsForResource': 3 });
    });

    it('reads a foreign alarm the file names (to show the conflict) and names it does not find cost nothing more', async () => {
      await seed();
      emulator.clearCalls();
      const live = await reader.read({ stack: STACK, names: new Set(['their-free', 'missing-1', 'missing-2']) });
      expect((live.state.get('alarm:their-free') as Alarm).tags).toEqual({ [STACK_TAG]: 'other' });
      expect(live.calls).toEqual({ 'cloudwatch:DescribeAlarms': 2, 'cloudwatch:ListTagsForResource': 4 });
    });

    it('pages: the service page size (emulator.configure) and MaxRecords both page, names in chunks of 100', async () => {
      const presets = desiredAlarms(`accountAlarms: { bounceRate: {}, complaintRate: {} }\nalarms:\n${['a', 'b', 'c'].map((n) => `  rt/${n}: { metric: Send, statistic: Sum, threshold: 1, comparison: LessThanThreshold }\n`).join('')}`);
      const free = desiredAlarms(`alarms:\n${Array.from({ length: 103 }, (_, i) => `  f${String(i).padStart(3, '0')}: { metric: Send, statistic: Sum, threshold: 1, comparison: LessThanThreshold }\n`).join('')}`);
      await runAll(puts([...presets, ...free]));
      const scope = scopeOf([...presets, ...free]);

      emulator.configure('cloudwatch', { describeAlarmsPageSize: 2 });
      emulator.clearCalls();
      let live = await new CloudWatchAlarmReader(clients.cloudwatch, { pageSize: 'service', concurrency: 3 }).read(scope);
      expectLive(live.state, [...presets, ...free]);
      // prefix: 5 alarms / 2 = 3 pages; names: 100 names / 2 = 50 pages + 3 names / 2 = 2 pages.
      expect(live.calls).toEqual({ 'cloudwatch:DescribeAlarms': 3 + 50 + 2, 'cloudwatch:ListTagsForResource': 108 });
      expect(emulator.calls().byOperation).toEqual(live.calls);

      // The default MaxRecords 100 overrides the service's page size: 1 prefix page + 2 names calls.
      emulator.clearCalls();
      live = await reader.read(scope);
      expect(live.calls).toEqual({ 'cloudwatch:DescribeAlarms': 3, 'cloudwatch:ListTagsForResource': 108 });
      const describes = emulator.calls().calls.filter((c) => c.service === 'cloudwatch' && c.operation === 'DescribeAlarms');
      expect(describes.length).toBe(3);

      emulator.configure('cloudwatch', { describeAlarmsPageSize: 50 });
      emulator.clearCalls();
      live = await new CloudWatchAlarmReader(clients.cloudwatch, { pageSize: 2 }).read(scope);
      expect(live.calls['cloudwatch:DescribeAlarms']).toBe(3 + 50 + 2);
    });

    it('skips an alarm deleted between the listing and its tag read', async () => {
      const mine = await seed();
      const racing = new CloudWatchClient({ region: REGION, endpoint: emulator.url, credentials, maxAttempts: 1 });
      let deleted = false;
      racing.middlewareStack.add(
        (next, context) => async (args) => {
          if (context.commandName === 'ListTagsForResourceCommand' && !deleted) {
            deleted = true;
            await runner.run({ op: 'DeleteAlarm', name: 'rt/s/rejects' });
          }
          return next(args);
        },
        { step: 'initialize', name: 'delete-after-list' },
      );
      const live = await new CloudWatchAlarmReader(racing, { concurrency: 1 }).read(scopeOf(mine));
      expect(live.state.has('alarm:rt/s/rejects')).toBe(false);
      expect(live.state.size).toBe(4);
      racing.destroy();
    });
  });

  describe('the wire', () => {
    it('sends only what the model defines: ReturnData on every query, no empty lists, no undefined members', async () => {
      const bodies: unknown[] = [];
      const capture = 'capture-put-bodies';
      clients.cloudwatch.middlewareStack.add(
        (next, context) => async (args) => {
          if (context.commandName === 'PutMetricAlarmCommand') {
            const body = (args.request as { body?: unknown }).body;
            bodies.push(JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body as Uint8Array)));
          }
          return next(args);
        },
        { step: 'finalizeRequest', name: capture },
      );
      try {
        await runAll(
          puts(
            desiredAlarms(`alarms:
  rt/math:
    metrics:
      - { id: m, metric: { namespace: AWS/SES, name: Bounce, stat: Sum } }
      - { id: e, expression: "m * 2" }
    threshold: 1
    comparison: GreaterThanThreshold
  rt/plain: { metric: Send, statistic: Sum, threshold: 1, comparison: LessThanThreshold }
`),
          ),
        );
      } finally {
        clients.cloudwatch.middlewareStack.remove(capture);
      }
      const common = { ActionsEnabled: true, EvaluationPeriods: 1, DatapointsToAlarm: 1, Threshold: 1, TreatMissingData: 'missing', Tags: [{ Key: STACK_TAG, Value: STACK }] };
      expect(bodies).toEqual([
        {
          ...common,
          AlarmName: 'rt/math',
          ComparisonOperator: 'GreaterThanThreshold',
          Metrics: [
            { Id: 'm', MetricStat: { Metric: { Namespace: 'AWS/SES', MetricName: 'Bounce' }, Period: 300, Stat: 'Sum' }, ReturnData: false },
            { Id: 'e', Expression: 'm * 2', ReturnData: true },
          ],
        },
        { ...common, AlarmName: 'rt/plain', ComparisonOperator: 'LessThanThreshold', Namespace: 'AWS/SES', MetricName: 'Send', Statistic: 'Sum', Period: 300 },
      ]);
    });

    it('makes each step with exactly one call, named by the API operation', async () => {
      const [a] = desiredAlarms(`alarms:\n  rt/one: { metric: Send, statistic: Sum, threshold: 1, comparison: LessThanThreshold }\n`) as [Alarm];
      const steps: [Step, string][] = [
        [{ op: 'PutMetricAlarm', alarm: a }, 'PutMetricAlarm'],
        [{ op: 'TagAlarm', name: 'rt/one', tags: { k: 'v' } }, 'TagResource'],
        [{ op: 'UntagAlarm', name: 'rt/one', keys: ['k'] }, 'UntagResource'],
        [{ op: 'DeleteAlarm', name: 'rt/one' }, 'DeleteAlarms'],
      ];
      for (const [step, operation] of steps) {
        emulator.clearCalls();
        await runner.run(step);
        expect(emulator.calls().byOperation, step.op).toEqual({ [`cloudwatch:${operation}`]: 1 });
      }
    });

    it('uses the AlarmArn the reader saw for tag calls when given', async () => {
      const [a] = desiredAlarms(`alarms:\n  rt/t: { metric: Send, statistic: Sum, threshold: 1, comparison: LessThanThreshold }\n`) as [Alarm];
      await runner.run({ op: 'PutMetricAlarm', alarm: a });
      const { arns } = await reader.read(scopeOf([a]));
      const viaArns = new CloudWatchStepRunner(clients.cloudwatch, REGION, '000000000000', { alarmArns: arns });
      await viaArns.run({ op: 'TagAlarm', name: 'rt/t', tags: { k: 'v' } });
      expect(((await reader.read(scopeOf([a]))).state.get('alarm:rt/t') as Alarm).tags).toEqual({ k: 'v', [STACK_TAG]: STACK });
    });
  });

  describe('errors', () => {
    it('a tag call on a missing alarm fails with AwsCallError ResourceNotFoundException, 404, named TagResource', async () => {
      const err = (await runner.run({ op: 'TagAlarm', name: 'missing', tags: { a: 'b' } }).catch((e: unknown) => e)) as AwsCallError;
      expect(err).toBeInstanceOf(AwsCallError);
      expect([err.service, err.operation, err.code, err.status, err.retryable]).toEqual(['cloudwatch', 'TagResource', 'ResourceNotFoundException', 404, false]);
    });

    it('an alarm CloudWatch refuses fails with AwsCallError from PutMetricAlarm', async () => {
      const [a] = desiredAlarms(`alarms:\n  rt/p: { metric: Send, statistic: Sum, threshold: 1, comparison: LessThanThreshold }\n`) as [Alarm];
      const bad: Alarm = { ...a, query: { ...(a.query as Extract<Alarm['query'], { type: 'metric' }>), period: 45 } };
      const err = (await runner.run({ op: 'PutMetricAlarm', alarm: bad }).catch((e: unknown) => e)) as AwsCallError;
      expect([err.operation, err.status, err.retryable]).toEqual(['PutMetricAlarm', 400, false]);
    });

    it('a throttled DescribeAlarms is retried by the SDK and counted once by the reader', async () => {
      const [a] = desiredAlarms(`alarms:\n  rt/p: { metric: Send, statistic: Sum, threshold: 1, comparison: LessThanThreshold }\n`) as [Alarm];
      await runner.run({ op: 'PutMetricAlarm', alarm: a });
      emulator.clearCalls();
      emulator.setFaults({ failOperations: { DescribeAlarms: { code: 'Throttling', status: 400, times: 1 } } });
      const live = await reader.read(scopeOf([a]));
      expect(live.state.size).toBe(1);
      expect(live.calls['cloudwatch:DescribeAlarms']).toBe(1);
      expect(emulator.calls().byOperation['cloudwatch:DescribeAlarms']).toBe(2);
    });

    it('refuses to read an alarm the model cannot describe under the stack prefix', async () => {
      await clients.cloudwatch.send(
        new PutMetricAlarmCommand({
          AlarmName: 'rt/anomaly',
          EvaluationPeriods: 1,
          ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold',
          ThresholdMetricId: 'band',
          Metrics: [
            { Id: 'm', MetricStat: { Metric: { Namespace: 'AWS/SES', MetricName: 'Send' }, Period: 300, Stat: 'Sum' }, ReturnData: true },
            { Id: 'band', Expression: 'ANOMALY_DETECTION_BAND(m, 2)', ReturnData: true },
          ],
        }),
      );
      const alarms = await clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['rt/anomaly'] }));
      expect(alarms.MetricAlarms?.length).toBe(1);
      await expect(reader.read({ stack: STACK, names: new Set() })).rejects.toThrow(/rt\/anomaly is an anomaly-detection alarm/);
    });
  });
});

function expectLive(state: State, alarms: readonly Alarm[]): void {
  expect([...state.keys()]).toEqual([...stateOf(alarms).keys()]);
  for (const a of alarms) expect(state.get(`alarm:${a.name}`), a.name).toEqual(a);
}

/** The same round trips against moto over the query protocol (and the emulator through the harness, for comparison). */
conformance('CloudWatch adapter round trip (emulator: JSON 1.0; moto: query)', (t) => {
  roundTripScenarios(() => ({ cw: t().cw, name: t().name }));

  it('reads the stack with one prefix listing, one names call and a tag read per alarm', async () => {
    const desired = desiredAlarms(EVERYTHING);
    for (const alarm of desired) await new CloudWatchStepRunner(t().cw, REGION, ACCOUNT).run({ op: 'PutMetricAlarm', alarm });
    const live = await new CloudWatchAlarmReader(t().cw).read(scopeOf(desired));
    expect(live.calls).toEqual({ 'cloudwatch:DescribeAlarms': 2, 'cloudwatch:ListTagsForResource': desired.length });
  });
});
