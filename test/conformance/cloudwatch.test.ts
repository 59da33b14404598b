/**
 * CloudWatch conformance: each scenario runs with the real @aws-sdk/client-cloudwatch against our
 * emulator (AWS JSON 1.0, the SDK's default) and against moto's server (AWS query), and asserts the state
 * read back. Where the two disagree, `difference()` records which one follows AWS's documentation.
 */
import { expect, it } from 'vitest';
import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DeleteDashboardsCommand,
  DescribeAlarmsCommand,
  GetDashboardCommand,
  ListDashboardsCommand,
  ListTagsForResourceCommand,
  PutDashboardCommand,
  PutMetricAlarmCommand,
  TagResourceCommand,
  UntagResourceCommand,
  paginateDescribeAlarms,
  type MetricAlarm,
  type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { AwsQueryProtocol } from '@aws-sdk/core/protocols';
import { isThrottlingError } from '@smithy/core/retry';
import { ACCOUNT, REGION, clientsFor, conformance, difference, type Target, failure as rejection } from './harness.js';


const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:ses-alerts`;

/** A static-threshold alarm on an SES metric; `extra` adds or overrides members. */
function alarm(name: string, extra: Partial<PutMetricAlarmCommandInput> = {}): PutMetricAlarmCommandInput {
  return {
    AlarmName: name,
    MetricName: 'Reputation.BounceRate',
    Namespace: 'AWS/SES',
    Statistic: 'Average',
    Period: 300,
    EvaluationPeriods: 1,
    Threshold: 0.05,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    ...extra,
  };
}

/** Every PutMetricAlarm member a static-threshold metric alarm can carry. */
const FULL: PutMetricAlarmCommandInput = {
  AlarmName: 'ses-bounce-rate',
  AlarmDescription: 'Bounce rate of the marketing configuration set (managed by ses-reconcile)',
  ActionsEnabled: false,
  OKActions: [TOPIC],
  AlarmActions: [TOPIC, `arn:aws:sns:${REGION}:${ACCOUNT}:pager`],
  InsufficientDataActions: [`arn:aws:sns:${REGION}:${ACCOUNT}:ops`],
  MetricName: 'Reputation.BounceRate',
  Namespace: 'AWS/SES',
  Statistic: 'Average',
  Dimensions: [
    { Name: 'ses:configuration-set', Value: 'marketing' },
    { Name: 'campaign', Value: 'spring' },
  ],
  Period: 300,
  Unit: 'Percent',
  EvaluationPeriods: 3,
  DatapointsToAlarm: 2,
  Threshold: 0.05,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  TreatMissingData: 'notBreaching',
  Tags: [{ Key: 'managed-by', Value: 'ses-reconcile' }],
};

/** A metric-math alarm: complaint rate over sends, only once there are enough sends. */
const MATH: PutMetricAlarmCommandInput = {
  AlarmName: 'ses-complaint-rate-math',
  EvaluationPeriods: 2,
  DatapointsToAlarm: 2,
  Threshold: 0.001,
  ComparisonOperator: 'GreaterThanThreshold',
  TreatMissingData: 'ignore',
  Metrics: [
    {
      Id: 'sends',
      MetricStat: { Metric: { Namespace: 'AWS/SES', MetricName: 'Send', Dimensions: [{ Name: 'ses:configuration-set', Value: 'marketing' }] }, Period: 3600, Stat: 'Sum' },
      ReturnData: false,
    },
    {
      Id: 'complaints',
      MetricStat: { Metric: { Namespace: 'AWS/SES', MetricName: 'Complaint', Dimensions: [{ Name: 'ses:configuration-set', Value: 'marketing' }] }, Period: 3600, Stat: 'Sum' },
      ReturnData: false,
    },
    { Id: 'rate', Expression: 'IF(sends >= 500, complaints / sends, 0)', Label: 'Complaint rate', ReturnData: true },
  ],
};

async function describeOne(t: Target, name: string, cw: CloudWatchClient = t.cw): Promise<MetricAlarm | undefined> {
  const r = await cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
  expect(r.MetricAlarms?.length ?? 0).toBeLessThanOrEqual(1);
  return r.MetricAlarms?.[0];
}

async function alarmNames(t: Target, cw: CloudWatchClient = t.cw): Promise<string[]> {
  const names: string[] = [];
  for await (const page of paginateDescribeAlarms({ client: cw }, {})) names.push(...(page.MetricAlarms ?? []).map((a) => a.AlarmName ?? ''));
  return names;
}

const dashboardBody = (title: string) =>
  JSON.stringify({ widgets: [{ type: 'text', x: 0, y: 0, width: 24, height: 2, properties: { markdown: `# ${title}` } }] });

conformance('cloudwatch alarms', (t) => {
  it('reads back a metric alarm with every member, then deletes it', async () => {
    await t().cw.send(new PutMetricAlarmCommand(FULL));
    const got = await describeOne(t(), 'ses-bounce-rate');
    const { Tags: _tags, ...configuration } = FULL;
    expect(got).toMatchObject(configuration);
    expect(got?.AlarmArn).toBe(`arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:ses-bounce-rate`);
    expect(got?.AlarmConfigurationUpdatedTimestamp).toBeInstanceOf(Date);
    expect(got?.StateUpdatedTimestamp).toBeInstanceOf(Date);
    expect(got?.StateValue).toBe(
      difference(t(), { moto: 'moto creates alarms in state OK; AWS sets INSUFFICIENT_DATA on create (PutMetricAlarm doc)' })
        ? 'OK'
        : 'INSUFFICIENT_DATA',
    );

    await t().cw.send(new DeleteAlarmsCommand({ AlarmNames: ['ses-bounce-rate'] }));
    expect(await describeOne(t(), 'ses-bounce-rate')).toBeUndefined();
  });

  it('reads back a percentile alarm with ExtendedStatistic and EvaluateLowSampleCountPercentile', async () => {
    const input = alarm('ses-send-p99', { Statistic: undefined, ExtendedStatistic: 'p99', EvaluateLowSampleCountPercentile: 'ignore' });
    await t().cw.send(new PutMetricAlarmCommand(input));
    const got = await describeOne(t(), 'ses-send-p99');
    expect(got?.ExtendedStatistic).toBe('p99');
    expect(got?.EvaluateLowSampleCountPercentile).toBe('ignore');
    expect(got?.Statistic).toBeUndefined();
  });

  it('reads back a metric-math alarm: three queries and an IF expression', async () => {
    await t().cw.send(new PutMetricAlarmCommand(MATH));
    const got = await describeOne(t(), 'ses-complaint-rate-math');
    expect(got?.Metrics).toEqual(MATH.Metrics);
    expect(got).toMatchObject({ EvaluationPeriods: 2, DatapointsToAlarm: 2, Threshold: 0.001, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'ignore' });
    // A metric-math alarm has no metric of its own (docs/aws-behaviour.md, "CloudWatch alarms").
    for (const m of ['MetricName', 'Namespace', 'Statistic', 'ExtendedStatistic', 'Period', 'Unit'] as const) expect(got?.[m], m).toBeUndefined();
  });

  it('overwrites an alarm completely on update: a member left out is gone', async () => {
    await t().cw.send(new PutMetricAlarmCommand(FULL));
    await t().cw.send(new PutMetricAlarmCommand(alarm('ses-bounce-rate', { Threshold: 0.08 })));
    const got = await describeOne(t(), 'ses-bounce-rate');
    expect(got?.Threshold).toBe(0.08);
    for (const m of ['AlarmDescription', 'DatapointsToAlarm', 'TreatMissingData', 'Unit'] as const) expect(got?.[m], m).toBeUndefined();
    expect(got?.ActionsEnabled).toBe(true);
    expect(got?.AlarmActions ?? []).toEqual([]);
    expect(got?.Dimensions ?? []).toEqual([]);
  });

  it('omits members that were not put, and defaults ActionsEnabled to true', async () => {
    await t().cw.send(new PutMetricAlarmCommand(alarm('minimal')));
    const got = await describeOne(t(), 'minimal');
    expect(got?.ActionsEnabled).toBe(true);
    // absent ≡ missing / ≡ EvaluationPeriods for the reconciler's normalisation (docs/aws-behaviour.md,
    // "CloudWatch alarms")
    for (const m of ['TreatMissingData', 'DatapointsToAlarm', 'AlarmDescription', 'Unit', 'ExtendedStatistic', 'EvaluateLowSampleCountPercentile', 'ThresholdMetricId'] as const) {
      expect(got?.[m], m).toBeUndefined();
    }
    if (difference(t(), { moto: 'moto answers `Metrics: []` for a metric alarm; AWS leaves Metrics out (DescribeAlarms of a metric alarm recorded against AWS, localstack test_cloudwatch.snapshot.json)' })) {
      expect(got?.Metrics).toEqual([]);
    } else {
      expect(got?.Metrics).toBeUndefined();
    }
    // Unset lists read back empty (AWS sends `[]`; an absent list means the same to callers).
    for (const m of ['OKActions', 'AlarmActions', 'InsufficientDataActions', 'Dimensions'] as const) expect(got?.[m] ?? [], m).toEqual([]);
  });

  it('pages 250 alarms in name order with MaxRecords 100, and filters by AlarmNamePrefix', async () => {
    // Created in a scrambled order (37 and 250 are coprime), so name order cannot be creation order.
    const names = Array.from({ length: 250 }, (_, i) => `page-${String((i * 37) % 250).padStart(3, '0')}`);
    for (const name of names) await t().cw.send(new PutMetricAlarmCommand(alarm(name)));
    const sorted = [...names].sort();

    const first = await t().cw.send(new DescribeAlarmsCommand({ MaxRecords: 100 }));
    if (difference(t(), { moto: 'moto ignores MaxRecords and NextToken and answers every alarm in one page, in creation order; AWS pages by MaxRecords 1..100 with NextToken (DescribeAlarms doc)' })) {
      expect(first.MetricAlarms?.length).toBe(250);
      expect(first.NextToken).toBeUndefined();
    } else {
      expect(first.MetricAlarms?.map((a) => a.AlarmName)).toEqual(sorted.slice(0, 100));
      expect(first.NextToken).toBeDefined();
      const second = await t().cw.send(new DescribeAlarmsCommand({ MaxRecords: 100, NextToken: first.NextToken }));
      const third = await t().cw.send(new DescribeAlarmsCommand({ MaxRecords: 100, NextToken: second.NextToken }));
      expect(second.MetricAlarms?.map((a) => a.AlarmName)).toEqual(sorted.slice(100, 200));
      expect(third.MetricAlarms?.map((a) => a.AlarmName)).toEqual(sorted.slice(200));
      expect(third.NextToken).toBeUndefined();
      // INFERENCE (the model gives no default): without MaxRecords a page holds 50.
      const unbounded = await t().cw.send(new DescribeAlarmsCommand({}));
      expect(unbounded.MetricAlarms).toHaveLength(50);
    }
    expect((await alarmNames(t())).sort()).toEqual(sorted);

    const prefixed = await t().cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'page-1', MaxRecords: 100 }));
    expect(prefixed.MetricAlarms?.map((a) => a.AlarmName).sort()).toEqual(sorted.filter((n) => n.startsWith('page-1')));
    expect(prefixed.NextToken).toBeUndefined();
  });

  it('filters by AlarmNames and StateValue', async () => {
    for (const name of ['a', 'b', 'c']) await t().cw.send(new PutMetricAlarmCommand(alarm(name)));
    const some = await t().cw.send(new DescribeAlarmsCommand({ AlarmNames: ['c', 'a', 'missing'] }));
    expect(some.MetricAlarms?.map((a) => a.AlarmName).sort()).toEqual(['a', 'c']);
    const initial = difference(t(), { moto: 'moto creates alarms in state OK; AWS sets INSUFFICIENT_DATA on create (PutMetricAlarm doc)' }) ? 'OK' : 'INSUFFICIENT_DATA';
    const inState = await t().cw.send(new DescribeAlarmsCommand({ StateValue: initial }));
    expect(inState.MetricAlarms).toHaveLength(3);
    const inAlarm = await t().cw.send(new DescribeAlarmsCommand({ StateValue: 'ALARM' }));
    expect(inAlarm.MetricAlarms ?? []).toEqual([]);
  });

  it('refuses AlarmNames together with AlarmNamePrefix', async () => {
    await t().cw.send(new PutMetricAlarmCommand(alarm('a')));
    const call = t().cw.send(new DescribeAlarmsCommand({ AlarmNames: ['a'], AlarmNamePrefix: 'a' }));
    if (difference(t(), { moto: 'moto accepts AlarmNames with AlarmNamePrefix (the prefix wins); AWS: "If this parameter is specified, you cannot specify AlarmNames" (DescribeAlarms doc)' })) {
      expect((await call).MetricAlarms).toHaveLength(1);
      return;
    }
    const err = await rejection(call);
    expect(err.name).toBe('InvalidParameterCombinationException');
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it('refuses a Period that is not 10, 20, 30 or a multiple of 60', async () => {
    const call = t().cw.send(new PutMetricAlarmCommand(alarm('bad-period', { Period: 90 })));
    if (difference(t(), { moto: 'moto accepts any Period; AWS answers ValidationError "Period must be 10, 30 or a multiple of 60" (PutMetricAlarm doc; awsdocs/aws-cloudformation-user-guide#777)' })) {
      await call;
      return;
    }
    const err = await rejection(call);
    // The SDK maps the query code ValidationError to its ValidationException shape (errors.ts).
    expect(err.name).toBe('ValidationException');
    expect(err.Code).toBe('ValidationError');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toMatch(/Period must be 10, 20, 30 or a multiple of 60/);
    expect(await describeOne(t(), 'bad-period')).toBeUndefined();
  });

  it('refuses a metric-math alarm with two queries returning data', async () => {
    const metrics = (MATH.Metrics ?? []).map((q) => ({ ...q, ReturnData: q.Id !== 'sends' }));
    const call = t().cw.send(new PutMetricAlarmCommand({ ...MATH, Metrics: metrics }));
    if (difference(t(), { moto: 'moto accepts any number of ReturnData queries; AWS answers ValidationError "Exactly one element of the metrics list should return data." (MetricDataQuery doc; hashicorp/terraform-provider-aws#29894)' })) {
      await call;
      return;
    }
    const err = await rejection(call);
    expect(err.name).toBe('ValidationException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toBe('Exactly one element of the metrics list should return data.');
  });

  it('ignores unknown names in DeleteAlarms and deletes the known ones', async () => {
    await t().cw.send(new PutMetricAlarmCommand(alarm('keep')));
    await t().cw.send(new PutMetricAlarmCommand(alarm('drop')));
    await t().cw.send(new DeleteAlarmsCommand({ AlarmNames: ['drop', 'never-existed'] }));
    expect(await alarmNames(t())).toEqual(['keep']);
  });

  it('keeps alarms per region', async () => {
    const eu = clientsFor(t().endpoint, t().name, 'eu-west-1').cw;
    await t().cw.send(new PutMetricAlarmCommand(alarm('regional', { Threshold: 1 })));
    expect(await alarmNames(t(), eu)).toEqual([]);
    await eu.send(new PutMetricAlarmCommand(alarm('regional', { Threshold: 2 })));
    const here = await describeOne(t(), 'regional');
    const there = await describeOne(t(), 'regional', eu);
    expect([here?.Threshold, there?.Threshold]).toEqual([1, 2]);
    expect(there?.AlarmArn).toBe(`arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:regional`);
    await eu.send(new DeleteAlarmsCommand({ AlarmNames: ['regional'] }));
    expect(await describeOne(t(), 'regional')).toBeDefined();
  });
});

conformance('cloudwatch tags', (t) => {
  const arnOf = (name: string) => `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`;
  const tagsOf = async (arn: string) => (await t().cw.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags ?? [];

  it('applies PutMetricAlarm Tags at create and ignores them on update', async () => {
    await t().cw.send(new PutMetricAlarmCommand(alarm('tagged', { Tags: [{ Key: 'team', Value: 'email' }] })));
    expect(await tagsOf(arnOf('tagged'))).toEqual([{ Key: 'team', Value: 'email' }]);
    await t().cw.send(new PutMetricAlarmCommand(alarm('tagged', { Tags: [{ Key: 'team', Value: 'platform' }, { Key: 'extra', Value: 'x' }] })));
    const after = await tagsOf(arnOf('tagged'));
    if (difference(t(), { moto: 'moto applies PutMetricAlarm Tags on update too; AWS: "If you are using this operation to update an existing alarm, any tags you specify in this parameter are ignored" (PutMetricAlarm doc)' })) {
      expect(after).toContainEqual({ Key: 'team', Value: 'platform' });
      return;
    }
    expect(after).toEqual([{ Key: 'team', Value: 'email' }]);
  });

  it('tags, retags, untags and lists an alarm', async () => {
    await t().cw.send(new PutMetricAlarmCommand(alarm('tagged')));
    await t().cw.send(new TagResourceCommand({ ResourceARN: arnOf('tagged'), Tags: [{ Key: 'b', Value: '1' }, { Key: 'a', Value: '2' }] }));
    await t().cw.send(new TagResourceCommand({ ResourceARN: arnOf('tagged'), Tags: [{ Key: 'b', Value: '3' }] }));
    expect(await tagsOf(arnOf('tagged'))).toEqual(expect.arrayContaining([{ Key: 'a', Value: '2' }, { Key: 'b', Value: '3' }]));
    await t().cw.send(new UntagResourceCommand({ ResourceARN: arnOf('tagged'), TagKeys: ['a', 'not-there'] }));
    expect(await tagsOf(arnOf('tagged'))).toEqual([{ Key: 'b', Value: '3' }]);
  });

  it('answers ResourceNotFoundException for an alarm that does not exist', async () => {
    const err = await rejection(t().cw.send(new TagResourceCommand({ ResourceARN: arnOf('ghost'), Tags: [{ Key: 'a', Value: 'b' }] })));
    expect(err.name).toBe('ResourceNotFoundException');
    expect(err.$metadata.httpStatusCode).toBe(404);
    const list = t().cw.send(new ListTagsForResourceCommand({ ResourceARN: arnOf('ghost') }));
    if (difference(t(), { moto: 'moto lists no tags for an unknown ARN; AWS models ResourceNotFoundException for ListTagsForResource (model)' })) {
      expect((await list).Tags ?? []).toEqual([]);
      return;
    }
    expect((await rejection(list)).name).toBe('ResourceNotFoundException');
  });

  it('tags dashboards, by their region-less ARN', async () => {
    const arn = `arn:aws:cloudwatch::${ACCOUNT}:dashboard/ses`;
    await t().cw.send(new PutDashboardCommand({ DashboardName: 'ses', DashboardBody: dashboardBody('SES') }));
    const tag = t().cw.send(new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'team', Value: 'email' }] }));
    if (difference(t(), { moto: 'moto tags only alarms and answers ResourceNotFoundException for a dashboard ARN; AWS: "alarms, dashboards, metric streams and Contributor Insights rules support tagging" (TagResource doc)' })) {
      expect((await rejection(tag)).name).toBe('ResourceNotFoundException');
      return;
    }
    await tag;
    expect(await tagsOf(arn)).toEqual([{ Key: 'team', Value: 'email' }]);
  });
});

conformance('cloudwatch dashboards', (t) => {
  const entries = async (prefix?: string) => (await t().cw.send(new ListDashboardsCommand(prefix ? { DashboardNamePrefix: prefix } : {}))).DashboardEntries ?? [];

  it('puts, gets, lists and deletes a dashboard', async () => {
    const body = dashboardBody('SES sending');
    const put = await t().cw.send(new PutDashboardCommand({ DashboardName: 'ses-sending', DashboardBody: body }));
    expect(put.DashboardValidationMessages ?? []).toEqual([]);
    const got = await t().cw.send(new GetDashboardCommand({ DashboardName: 'ses-sending' }));
    expect(got.DashboardName).toBe('ses-sending');
    expect(got.DashboardArn).toBe(`arn:aws:cloudwatch::${ACCOUNT}:dashboard/ses-sending`);
    expect(JSON.parse(got.DashboardBody ?? '')).toEqual(JSON.parse(body));
    const [entry, ...rest] = await entries();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ DashboardName: 'ses-sending', DashboardArn: got.DashboardArn, Size: Buffer.byteLength(body) });
    expect(entry?.LastModified).toBeInstanceOf(Date);

    const replaced = dashboardBody('replaced');
    await t().cw.send(new PutDashboardCommand({ DashboardName: 'ses-sending', DashboardBody: replaced }));
    expect(JSON.parse((await t().cw.send(new GetDashboardCommand({ DashboardName: 'ses-sending' }))).DashboardBody ?? '')).toEqual(JSON.parse(replaced));

    await t().cw.send(new DeleteDashboardsCommand({ DashboardNames: ['ses-sending'] }));
    expect(await entries()).toEqual([]);
  });

  it('lists by DashboardNamePrefix', async () => {
    for (const name of ['ses-a', 'ses-b', 'other']) await t().cw.send(new PutDashboardCommand({ DashboardName: name, DashboardBody: dashboardBody(name) }));
    expect((await entries('ses-')).map((e) => e.DashboardName).sort()).toEqual(['ses-a', 'ses-b']);
    expect((await entries()).map((e) => e.DashboardName).sort()).toEqual(['other', 'ses-a', 'ses-b']);
  });

  it('refuses a body that is not JSON with DashboardInvalidInputError', async () => {
    const err = await rejection(t().cw.send(new PutDashboardCommand({ DashboardName: 'broken', DashboardBody: '{"widgets": [' })));
    expect(err.name).toBe('DashboardInvalidInputError');
    expect(err.Code).toBe('InvalidParameterInput');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(await entries()).toEqual([]);
  });

  it('refuses a body without a widgets array', async () => {
    const call = t().cw.send(new PutDashboardCommand({ DashboardName: 'no-widgets', DashboardBody: '{"start": "-PT6H"}' }));
    if (difference(t(), { moto: 'moto accepts any JSON body; AWS validates it and answers InvalidParameterInput "Should have required property \'widgets\'" (aws-samples/aws-eda-slurm-cluster#116)' })) {
      await call;
      return;
    }
    const err = await rejection(call);
    expect(err.name).toBe('DashboardInvalidInputError');
    expect(err.dashboardValidationMessages).toEqual([{ DataPath: '', Message: "Should have required property 'widgets'" }]);
  });

  it('refuses a dashboard name outside A-Z, a-z, 0-9, - and _', async () => {
    const call = t().cw.send(new PutDashboardCommand({ DashboardName: 'SES sending', DashboardBody: dashboardBody('x') }));
    if (difference(t(), { moto: 'moto accepts any dashboard name; AWS: "valid characters are A-Z, a-z, 0-9, "-", and "_"" (PutDashboard doc)' })) {
      await call;
      return;
    }
    const err = await rejection(call);
    expect(err.name).toBe('InvalidParameterValueException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(await entries()).toEqual([]);
  });

  it('answers not found for a dashboard that does not exist', async () => {
    const err = await rejection(t().cw.send(new GetDashboardCommand({ DashboardName: 'ghost' })));
    // Modeled as DashboardNotFoundError; the SDK names it by its query code's shape (errors.ts;
    // docs/aws-behaviour.md, "Errors and retries").
    expect(err.name).toBe('ResourceNotFound');
    expect(err.Code).toBe('ResourceNotFound');
    expect(err.$metadata.httpStatusCode).toBe(404);
  });

  it('deletes as many dashboards as it can, then answers not found for the rest', async () => {
    await t().cw.send(new PutDashboardCommand({ DashboardName: 'real', DashboardBody: dashboardBody('real') }));
    const err = await rejection(t().cw.send(new DeleteDashboardsCommand({ DashboardNames: ['real', 'ghost'] })));
    expect(err.Code).toBe('ResourceNotFound');
    expect(err.$metadata.httpStatusCode).toBe(404);
    const left = (await entries()).map((e) => e.DashboardName);
    if (difference(t(), { moto: 'moto deletes nothing when a name is unknown; AWS "attempts to delete as many dashboards as possible" (DeleteDashboards doc)' })) {
      expect(left).toEqual(['real']);
      return;
    }
    expect(left).toEqual([]);
  });

  it('keeps dashboards global: one set for every region', async () => {
    const eu = clientsFor(t().endpoint, t().name, 'eu-west-1').cw;
    await t().cw.send(new PutDashboardCommand({ DashboardName: 'global', DashboardBody: dashboardBody('global') }));
    const seen = (await eu.send(new ListDashboardsCommand({}))).DashboardEntries ?? [];
    if (difference(t(), { moto: 'moto keeps dashboards per region; AWS: "All dashboards in your account are global, not region-specific" (PutDashboard doc)' })) {
      expect(seen).toEqual([]);
      return;
    }
    expect(seen.map((e) => e.DashboardName)).toEqual(['global']);
    await eu.send(new DeleteDashboardsCommand({ DashboardNames: ['global'] }));
    expect(await entries()).toEqual([]);
  });
});

conformance(
  'cloudwatch emulator: faults, call log, pages, wire',
  (t) => {
    const emulator = () => {
      const e = t().emulator;
      if (!e) throw new Error('emulator-only scenario');
      return e;
    };

    it('answers an injected throttle with Throttling (400), which the SDK classifies as throttling', async () => {
      emulator().setFaults({ rateLimit: { cloudwatch: 1 } });
      await t().cw.send(new DescribeAlarmsCommand({}));
      const err = await rejection(t().cw.send(new DescribeAlarmsCommand({})));
      expect(err.name).toBe('Throttling');
      expect(err.$metadata.httpStatusCode).toBe(400);
      expect(isThrottlingError(err as never)).toBe(true);
      expect(emulator().calls().calls.map((c) => c.fault)).toEqual([undefined, 'throttled']);
    });

    it('lets the SDK retry through a throttle', async () => {
      emulator().setFaults({ rateLimit: { cloudwatch: 5 } });
      const patient = new CloudWatchClient({ endpoint: t().endpoint, region: REGION, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 8 });
      await Promise.all(Array.from({ length: 8 }, () => patient.send(new DescribeAlarmsCommand({}))));
      const calls = emulator().calls().calls;
      expect(calls.filter((c) => c.fault === 'throttled').length).toBeGreaterThan(0);
      expect(calls.filter((c) => c.fault === undefined)).toHaveLength(8);
    });

    it('fails a named operation as injected, once, then serves it', async () => {
      emulator().setFaults({ failOperations: { 'cloudwatch:PutMetricAlarm': { times: 1 } } });
      const err = await rejection(t().cw.send(new PutMetricAlarmCommand(alarm('retry-me'))));
      expect(err.name).toBe('InternalFailure');
      expect(err.$fault).toBe('server');
      expect(err.$metadata.httpStatusCode).toBe(500);
      await t().cw.send(new PutMetricAlarmCommand(alarm('retry-me')));
      expect(await describeOne(t(), 'retry-me')).toBeDefined();

      emulator().setFaults({ failOperations: { PutMetricAlarm: { code: 'LimitExceeded', status: 400, message: 'quota' } } });
      const limit = await rejection(t().cw.send(new PutMetricAlarmCommand(alarm('over-quota'))));
      expect(limit.name).toBe('LimitExceededFault');
      expect(limit.message).toBe('quota');
    });

    it('counts every call in the call log by operation', async () => {
      await t().cw.send(new PutMetricAlarmCommand(alarm('counted')));
      await t().cw.send(new PutMetricAlarmCommand(alarm('counted', { Threshold: 0.1 })));
      await t().cw.send(new DescribeAlarmsCommand({}));
      await t().cw.send(new PutDashboardCommand({ DashboardName: 'counted', DashboardBody: dashboardBody('c') }));
      await rejection(t().cw.send(new GetDashboardCommand({ DashboardName: 'ghost' })));
      await t().cw.send(new DeleteAlarmsCommand({ AlarmNames: ['counted'] }));
      const log = emulator().calls();
      expect(log.byOperation).toEqual({
        'cloudwatch:DeleteAlarms': 1,
        'cloudwatch:DescribeAlarms': 1,
        'cloudwatch:GetDashboard': 1,
        'cloudwatch:PutDashboard': 1,
        'cloudwatch:PutMetricAlarm': 2,
      });
      expect(log.calls.find((c) => c.operation === 'GetDashboard')?.status).toBe(404);
    });

    it('pages ListDashboards by NextToken, in an order that is not creation order', async () => {
      expect(() => emulator().configure('cloudwatch', { pageSize: 3 })).toThrow(/unknown cloudwatch setting "pageSize"/);
      emulator().configure('cloudwatch', { listDashboardsPageSize: 3 });
      try {
        const names = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'];
        for (const name of names) await t().cw.send(new PutDashboardCommand({ DashboardName: name, DashboardBody: dashboardBody(name) }));
        const seen: string[] = [];
        let token: string | undefined;
        do {
          const page = await t().cw.send(new ListDashboardsCommand({ NextToken: token }));
          expect((page.DashboardEntries ?? []).length).toBeLessThanOrEqual(3);
          seen.push(...(page.DashboardEntries ?? []).map((e) => e.DashboardName ?? ''));
          token = page.NextToken;
        } while (token);
        expect([...seen].sort()).toEqual(names);
        expect(seen).not.toEqual(names);
        const bad = await rejection(t().cw.send(new ListDashboardsCommand({ NextToken: 'not-a-token' })));
        expect(bad.name).toBe('InvalidParameterValueException');
      } finally {
        emulator().configure('cloudwatch', { listDashboardsPageSize: 1000 });
      }
    });

    it('answers InvalidNextToken for a DescribeAlarms token that is not one', async () => {
      const err = await rejection(t().cw.send(new DescribeAlarmsCommand({ NextToken: 'garbage' })));
      expect(err.name).toBe('InvalidNextToken');
      expect(err.$metadata.httpStatusCode).toBe(400);
    });

    it('reports every model constraint violated, in one ValidationError', async () => {
      const err = await rejection(t().cw.send(new PutMetricAlarmCommand(alarm('x'.repeat(256), { Period: 0, OKActions: Array(6).fill(TOPIC) }))));
      expect(err.name).toBe('ValidationException');
      expect(err.message).toMatch(/^3 validation errors detected: /);
      expect(err.message).toContain("at 'alarmName' failed to satisfy constraint: Member must have length less than or equal to 255");
      expect(err.message).toContain("Value '0' at 'period' failed to satisfy constraint: Member must have value greater than or equal to 1");
      expect(err.message).toContain("at 'oKActions' failed to satisfy constraint: Member must have length less than or equal to 5");
    });

    it('sends AWS JSON 1.0 errors with __type and the x-amzn-query-error header', async () => {
      const post = (target: string, body: unknown) =>
        fetch(`${t().endpoint}/`, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target, 'x-amzn-query-mode': 'true' }, body: JSON.stringify(body) });
      const bad = await post('GraniteServiceVersion20100801.GetDashboard', { DashboardName: 'ghost' });
      expect(bad.status).toBe(404);
      expect(bad.headers.get('x-amzn-query-error')).toBe('ResourceNotFound;Sender');
      expect(await bad.json()).toMatchObject({ __type: 'com.amazonaws.cloudwatch#DashboardNotFoundError' });
      const unknown = await post('GraniteServiceVersion20100801.PutCompositeAlarm', {});
      expect(unknown.status).toBe(400);
      expect(await unknown.json()).toMatchObject({ __type: 'com.amazon.coral.service#UnknownOperationException' });
      const mistyped = await post('GraniteServiceVersion20100801.PutMetricAlarm', { AlarmName: 'x', Period: '60' });
      expect(mistyped.status).toBe(400);
      expect(await mistyped.json()).toMatchObject({ __type: 'com.amazon.coral.service#SerializationException' });
    });

    it('answers an unknown query Action with InvalidAction', async () => {
      const r = await fetch(`${t().endpoint}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=PutCompositeAlarm&Version=2010-08-01' });
      expect(r.status).toBe(400);
      expect(await r.text()).toMatch(/<Code>InvalidAction<\/Code>/);
    });
  },
  { moto: false },
);

/** The query protocol (older SDKs, moto's only one) served by our emulator, read with the SDK's query client. */
conformance(
  'cloudwatch emulator over the AWS query protocol',
  (t) => {
    const query = () => new CloudWatchClient({ endpoint: t().endpoint, region: REGION, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 1, protocol: AwsQueryProtocol });

    it('round-trips metric and metric-math alarms, tags and their errors', async () => {
      const cw = query();
      await cw.send(new PutMetricAlarmCommand(FULL));
      await cw.send(new PutMetricAlarmCommand(MATH));
      const { Tags: _tags, ...configuration } = FULL;
      expect(await describeOne(t(), 'ses-bounce-rate', cw)).toMatchObject({ ...configuration, StateValue: 'INSUFFICIENT_DATA' });
      expect((await describeOne(t(), 'ses-complaint-rate-math', cw))?.Metrics).toEqual(MATH.Metrics);
      // …and the JSON client reads the same state.
      expect(await describeOne(t(), 'ses-bounce-rate')).toMatchObject(configuration);
      const tags = await cw.send(new ListTagsForResourceCommand({ ResourceARN: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:ses-bounce-rate` }));
      expect(tags.Tags).toEqual(FULL.Tags);
      const minimal = await cw.send(new PutMetricAlarmCommand(alarm('minimal', { OKActions: [] }))).then(() => describeOne(t(), 'minimal', cw));
      expect(minimal?.OKActions).toEqual([]);

      const invalid = await rejection(cw.send(new PutMetricAlarmCommand(alarm('bad', { Period: 45 }))));
      expect([invalid.name, invalid.Code, invalid.$metadata.httpStatusCode]).toEqual(['ValidationException', 'ValidationError', 400]);
      const combined = await rejection(cw.send(new DescribeAlarmsCommand({ AlarmNames: ['a'], AlarmNamePrefix: 'a' })));
      expect(combined.name).toBe('InvalidParameterCombinationException');
      const paged = await cw.send(new DescribeAlarmsCommand({ MaxRecords: 2 }));
      expect(paged.MetricAlarms?.map((a) => a.AlarmName)).toEqual(['minimal', 'ses-bounce-rate']);
      const rest = await cw.send(new DescribeAlarmsCommand({ MaxRecords: 2, NextToken: paged.NextToken }));
      expect(rest.MetricAlarms?.map((a) => a.AlarmName)).toEqual(['ses-complaint-rate-math']);
      expect(rest.NextToken).toBeUndefined();
    });

    it('round-trips dashboards and their errors', async () => {
      const cw = query();
      const body = dashboardBody('query <&> "protocol"');
      await cw.send(new PutDashboardCommand({ DashboardName: 'q', DashboardBody: body, Tags: [{ Key: 'k', Value: 'v' }] }));
      expect((await cw.send(new GetDashboardCommand({ DashboardName: 'q' }))).DashboardBody).toBe(body);
      const [entry] = (await cw.send(new ListDashboardsCommand({}))).DashboardEntries ?? [];
      expect(entry?.LastModified).toBeInstanceOf(Date);
      expect(entry?.Size).toBe(Buffer.byteLength(body));
      const invalid = await rejection(cw.send(new PutDashboardCommand({ DashboardName: 'q', DashboardBody: '[]' })));
      expect(invalid.name).toBe('DashboardInvalidInputError');
      expect(invalid.dashboardValidationMessages).toEqual([{ DataPath: '', Message: 'Should be object' }]);
      const missing = await rejection(cw.send(new GetDashboardCommand({ DashboardName: 'ghost' })));
      expect([missing.name, missing.$metadata.httpStatusCode]).toEqual(['ResourceNotFound', 404]);
    });

    it('throttles in the query protocol too', async () => {
      const cw = query();
      t().emulator?.setFaults({ rateLimit: { cloudwatch: 1 } });
      await cw.send(new ListDashboardsCommand({}));
      const err = await rejection(cw.send(new ListDashboardsCommand({})));
      expect(err.name).toBe('Throttling');
      expect(isThrottlingError(err as never)).toBe(true);
    });
  },
  { moto: false },
);
