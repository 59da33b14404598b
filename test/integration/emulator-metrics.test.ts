/**
 * The emulator publishes metrics the way SES does (issue 14, item 4), end to end with the real SDK
 * clients over HTTP: SESv2 SendEmail through a configuration set, the mailbox simulator's outcomes,
 * event destinations (CloudWatch metrics with exactly their dimensions, SNS event records), reputation
 * metrics, CloudWatch's metric store (PutMetricData, GetMetricData with metric math, GetMetricStatistics,
 * ListMetrics), alarms evaluated over it with their SNS actions, and the clock tests set.
 *
 * Every test sets the emulator's clock, so none depends on when it runs.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateConfigurationSetCommand,
  CreateConfigurationSetEventDestinationCommand,
  PutConfigurationSetSendingOptionsCommand,
  SESv2Client,
  SendEmailCommand,
  type CloudWatchDimensionConfiguration,
  type EventDestinationDefinition,
  type SendEmailCommandInput,
} from '@aws-sdk/client-sesv2';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  type Dimension,
  type MetricAlarm,
  type MetricDataQuery,
  type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { AwsQueryProtocol } from '@aws-sdk/core/protocols';
import { startFullEmulator, type Emulator, type PublishedMessage } from '../../src/emulator/index.js';

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const SIM = 'simulator.amazonses.com';
const T0 = Date.parse('2026-03-02T10:30:00Z');
const at = (offsetSeconds: number): Date => new Date(T0 + offsetSeconds * 1000);

let emulator: Emulator;
let ses: SESv2Client;
let cw: CloudWatchClient;
let sns: SNSClient;

beforeAll(async () => {
  emulator = await startFullEmulator();
  const common = { endpoint: emulator.url, region: REGION, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 1 };
  ses = new SESv2Client(common);
  cw = new CloudWatchClient(common);
  sns = new SNSClient(common);
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.reset();
  emulator.setClock({ at: T0 });
});

const setTime = (offsetSeconds: number): void => emulator.setClock({ at: T0 + offsetSeconds * 1000 });

/** The error a call fails with. */
async function failure(call: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number } }> {
  try {
    await call;
  } catch (err) {
    return err as Error & { $metadata: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail');
}

type DimensionConfiguration = CloudWatchDimensionConfiguration;
const SET_DIMENSION: DimensionConfiguration = { DimensionName: 'ses:configuration-set', DimensionValueSource: 'MESSAGE_TAG', DefaultDimensionValue: 'none' };

async function createSet(name: string, destinations: Record<string, EventDestinationDefinition> = {}, reputation = false): Promise<void> {
  await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: name, ReputationOptions: { ReputationMetricsEnabled: reputation } }));
  for (const [d, definition] of Object.entries(destinations)) {
    await ses.send(new CreateConfigurationSetEventDestinationCommand({ ConfigurationSetName: name, EventDestinationName: d, EventDestination: definition }));
  }
}

const cloudWatchDestination = (events: string[], dimensions: DimensionConfiguration[] = [{ ...SET_DIMENSION, DefaultDimensionValue: 'marketing' }]): EventDestinationDefinition => ({
  Enabled: true,
  MatchingEventTypes: events as EventDestinationDefinition['MatchingEventTypes'],
  CloudWatchDestination: { DimensionConfigurations: dimensions },
});

function send(to: string[], extra: Partial<SendEmailCommandInput> = {}) {
  return ses.send(
    new SendEmailCommand({
      FromEmailAddress: 'Sender <sender@example.com>',
      Destination: { ToAddresses: to },
      Content: { Simple: { Subject: { Data: 'Spring sale' }, Body: { Text: { Data: 'Hello' } } } },
      ...extra,
    }),
  );
}

/** The Sum of one metric per period over [from, to). */
async function sums(metricName: string, dimensions: Dimension[], from: Date, to: Date, period = 3600): Promise<number[]> {
  const r = await cw.send(
    new GetMetricDataCommand({
      StartTime: from,
      EndTime: to,
      MetricDataQueries: [{ Id: 'm', MetricStat: { Metric: { Namespace: 'AWS/SES', MetricName: metricName, Dimensions: dimensions }, Period: period, Stat: 'Sum' } }],
    }),
  );
  return r.MetricDataResults?.[0]?.Values ?? [];
}

const published = (topicArn?: string): PublishedMessage[] =>
  emulator
    .log({ event: 'sns:Publish' })
    .map((e) => e.details as unknown as PublishedMessage)
    .filter((m) => topicArn === undefined || m.TopicArn === topicArn);

async function describe1(name: string): Promise<MetricAlarm | undefined> {
  return (await cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms?.[0];
}

describe('the demo: a bounce-rate alarm over SES event metrics', () => {
  it('counts 200 sends and 10 bounces, computes 5%, and puts the preset-style alarm in ALARM with its SNS notification', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'ses-alerts' }));
    await createSet('marketing', { metrics: cloudWatchDestination(['SEND', 'BOUNCE', 'COMPLAINT']) });
    const metric = (name: string) => ({ Namespace: 'AWS/SES', MetricName: name, Dimensions: [{ Name: 'ses:configuration-set', Value: 'marketing' }] });
    const rateQueries: MetricDataQuery[] = [
      { Id: 'bounces', MetricStat: { Metric: metric('Bounce'), Period: 3600, Stat: 'Sum' }, ReturnData: false },
      { Id: 'sends', MetricStat: { Metric: metric('Send'), Period: 3600, Stat: 'Sum' }, ReturnData: false },
      { Id: 'rate', Expression: 'IF(sends >= 100, bounces / sends, 0)', Label: 'Bounce rate, marketing', ReturnData: true },
    ];
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'demo-marketing-bounce-rate',
        AlarmDescription: 'Bounce rate of configuration set marketing at 3%.',
        Metrics: rateQueries,
        EvaluationPeriods: 1,
        Threshold: 0.03,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [TopicArn as string],
      }),
    );
    expect((await describe1('demo-marketing-bounce-rate'))?.StateValue).toBe('INSUFFICIENT_DATA');

    // 200 recipients in batches of 50 (SES's limit a message), 10 of them the simulator's bounce address.
    const recipients = Array.from({ length: 200 }, (_, i) => (i % 20 === 7 ? `bounce+${i}@${SIM}` : `success+${i}@${SIM}`));
    for (let i = 0; i < 200; i += 50) {
      const { MessageId } = await send(recipients.slice(i, i + 50), { ConfigurationSetName: 'marketing' });
      expect(MessageId).toMatch(/^0100[0-9a-f]{12}-[0-9a-f-]{36}-000000$/);
    }

    setTime(15 * 60);
    const r = await cw.send(new GetMetricDataCommand({ StartTime: at(15 * 60 - 3600), EndTime: at(15 * 60), MetricDataQueries: rateQueries.map((q) => ({ ...q, ReturnData: true })) }));
    const byId = Object.fromEntries((r.MetricDataResults ?? []).map((x) => [x.Id, x]));
    expect(byId.sends?.Values).toEqual([200]);
    expect(byId.bounces?.Values).toEqual([10]);
    expect(byId.rate?.Values).toEqual([0.05]);
    expect(byId.rate?.Label).toBe('Bounce rate, marketing');
    expect(byId.rate?.StatusCode).toBe('Complete');

    const alarm = await describe1('demo-marketing-bounce-rate');
    expect(alarm?.StateValue).toBe('ALARM');
    expect(alarm?.StateReason).toMatch(/^Threshold Crossed: 1 out of the last 1 datapoints \[0\.05 \(02\/03\/26 09:31:00\)\] was greater than or equal to the threshold \(0\.03\) \(minimum 1 datapoint for OK -> ALARM transition\)\.$/);
    expect(JSON.parse(alarm?.StateReasonData ?? '{}')).toMatchObject({ version: '1.0', period: 3600, threshold: 0.03, recentDatapoints: [0.05] });
    expect(alarm?.StateUpdatedTimestamp?.toISOString()).toBe(at(0).toISOString());
    expect((await cw.send(new DescribeAlarmsCommand({ StateValue: 'ALARM' }))).MetricAlarms?.map((a) => a.AlarmName)).toEqual(['demo-marketing-bounce-rate']);
    expect((await cw.send(new DescribeAlarmsCommand({ StateValue: 'OK' }))).MetricAlarms).toEqual([]);

    const notifications = published(TopicArn).filter((m) => m.Publisher === 'cloudwatch.amazonaws.com');
    expect(notifications.map((m) => m.Subject)).toEqual(['ALARM: "demo-marketing-bounce-rate" in US East (N. Virginia)']);
    expect(JSON.parse(notifications[0]?.Message ?? '{}')).toMatchObject({
      AlarmName: 'demo-marketing-bounce-rate',
      AlarmDescription: 'Bounce rate of configuration set marketing at 3%.',
      AWSAccountId: ACCOUNT,
      NewStateValue: 'ALARM',
      OldStateValue: 'OK',
      Region: 'US East (N. Virginia)',
      AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:demo-marketing-bounce-rate`,
      AlarmActions: [TopicArn],
      Trigger: { EvaluationPeriods: 1, Threshold: 0.03, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching' },
    });
    expect(emulator.log({ event: 'cloudwatch:AlarmStateChange' }).map((e) => e.details?.newState)).toEqual(['OK', 'ALARM']);
  });
});

describe('SESv2 SendEmail', () => {
  it('answers a MessageId, and refuses an unknown set, a paused set, too many recipients, bad addresses and tags', async () => {
    await createSet('paused');
    await ses.send(new PutConfigurationSetSendingOptionsCommand({ ConfigurationSetName: 'paused', SendingEnabled: false }));
    expect((await send([`success@${SIM}`])).MessageId).toBeTruthy();

    const missing = await failure(send([`success@${SIM}`], { ConfigurationSetName: 'nope' }));
    expect([missing.name, missing.$metadata.httpStatusCode]).toEqual(['NotFoundException', 404]);
    const paused = await failure(send([`success@${SIM}`], { ConfigurationSetName: 'paused' }));
    expect([paused.name, paused.$metadata.httpStatusCode]).toEqual(['SendingPausedException', 400]);
    const many = await failure(send(Array.from({ length: 51 }, (_, i) => `success+${i}@${SIM}`)));
    expect(many.name).toBe('MessageRejected');
    expect((await failure(send(['nobody']))).name).toBe('BadRequestException');
    expect((await failure(send([]))).name).toBe('BadRequestException');
    expect((await failure(send([`success@${SIM}`], { EmailTags: [{ Name: 'bad tag', Value: 'x' }] }))).name).toBe('BadRequestException');
    expect((await failure(send([`success@${SIM}`], { Content: {} }))).name).toBe('BadRequestException');
  });

  it('accepts Raw and Template content, reading a raw message\'s From and To headers', async () => {
    await createSet('all', { metrics: cloudWatchDestination(['SEND', 'DELIVERY']) });
    const raw = 'From: Sender <sender@example.com>\r\nTo: success@simulator.amazonses.com, bounce+x@simulator.amazonses.com\r\nSubject: Hi\r\n\r\nBody';
    await ses.send(new SendEmailCommand({ Content: { Raw: { Data: new TextEncoder().encode(raw) } }, ConfigurationSetName: 'all' }));
    await send([`success@${SIM}`], { Content: { Template: { TemplateName: 'welcome', TemplateData: '{}' } }, ConfigurationSetName: 'all' });
    const dims = [{ Name: 'ses:configuration-set', Value: 'all' }];
    expect(await sums('Send', dims, at(-60), at(60))).toEqual([3]);
    expect(await sums('Delivery', dims, at(-60), at(60))).toEqual([2]);
  });

  it('follows the mailbox simulator for each recipient, +label forms included, through a set or none', async () => {
    const every = ['SEND', 'DELIVERY', 'BOUNCE', 'COMPLAINT', 'REJECT', 'OPEN', 'CLICK', 'RENDERING_FAILURE', 'DELIVERY_DELAY', 'SUBSCRIPTION'];
    const dims = [{ Name: 'ses:configuration-set', Value: 'sim' }];
    const outcome = async (address: string) => {
      emulator.reset();
      setTime(0);
      await createSet('sim', { metrics: cloudWatchDestination(every, [{ ...SET_DIMENSION }]) });
      await send([address], { ConfigurationSetName: 'sim' });
      const out: Record<string, number> = {};
      for (const m of ['Send', 'Delivery', 'Bounce', 'Complaint', 'Reject']) {
        const v = await sums(m, dims, at(-60), at(60));
        if (v.length > 0) out[m] = v.reduce((a, b) => a + b, 0);
      }
      return out;
    };
    expect(await outcome(`success@${SIM}`)).toEqual({ Send: 1, Delivery: 1 });
    expect(await outcome(`success+label@${SIM}`)).toEqual({ Send: 1, Delivery: 1 });
    expect(await outcome(`bounce@${SIM}`)).toEqual({ Send: 1, Bounce: 1 });
    expect(await outcome(`Bounce+x@Simulator.AmazonSES.com`)).toEqual({ Send: 1, Bounce: 1 });
    expect(await outcome(`complaint@${SIM}`)).toEqual({ Send: 1, Delivery: 1, Complaint: 1 });
    expect(await outcome(`ooto@${SIM}`)).toEqual({ Send: 1, Delivery: 1 });
    expect(await outcome(`suppressionlist@${SIM}`)).toEqual({ Send: 1, Bounce: 1 });
    expect(await outcome('someone@example.org')).toEqual({ Send: 1, Delivery: 1 });

    // Without a set only the account-level metrics (no dimensions) count.
    emulator.reset();
    setTime(0);
    await send([`bounce@${SIM}`, `complaint@${SIM}`]);
    expect(await sums('Send', [], at(-60), at(60))).toEqual([2]);
    expect(await sums('Bounce', [], at(-60), at(60))).toEqual([1]);
    expect(await sums('Complaint', [], at(-60), at(60))).toEqual([1]);
  });

  it('dimensions a CloudWatch destination exactly by its DimensionConfigurations: message tag, auto-tag, else the default', async () => {
    await createSet('tags', {
      metrics: cloudWatchDestination(['SEND'], [
        { DimensionName: 'campaign', DimensionValueSource: 'MESSAGE_TAG', DefaultDimensionValue: 'none' },
        { DimensionName: 'ses:from-domain', DimensionValueSource: 'MESSAGE_TAG', DefaultDimensionValue: 'unknown' },
        { DimensionName: 'X-Team', DimensionValueSource: 'EMAIL_HEADER', DefaultDimensionValue: 'mail' },
        { DimensionName: 'link', DimensionValueSource: 'LINK_TAG', DefaultDimensionValue: 'nolink' },
      ]),
      off: { ...cloudWatchDestination(['SEND'], [{ DimensionName: 'disabled', DimensionValueSource: 'MESSAGE_TAG', DefaultDimensionValue: 'x' }]), Enabled: false },
      deliveries: cloudWatchDestination(['DELIVERY'], [{ DimensionName: 'only', DimensionValueSource: 'MESSAGE_TAG', DefaultDimensionValue: 'deliveries' }]),
    });
    await send([`success@${SIM}`, `bounce@${SIM}`], { ConfigurationSetName: 'tags', EmailTags: [{ Name: 'campaign', Value: 'spring' }] });
    await send([`success@${SIM}`], { ConfigurationSetName: 'tags' });
    const dims = (campaign: string) => [
      { Name: 'campaign', Value: campaign },
      { Name: 'ses:from-domain', Value: 'example.com' },
      { Name: 'X-Team', Value: 'mail' },
      { Name: 'link', Value: 'nolink' },
    ];
    expect(await sums('Send', dims('spring'), at(-60), at(60))).toEqual([2]);
    expect(await sums('Send', [...dims('none')].reverse(), at(-60), at(60))).toEqual([1]);
    // A metric is only ever read with its whole dimension set.
    expect(await sums('Send', [{ Name: 'campaign', Value: 'spring' }], at(-60), at(60))).toEqual([]);
    // The disabled destination published nothing; the DELIVERY-only one no Send.
    const listed = await cw.send(new ListMetricsCommand({ Namespace: 'AWS/SES' }));
    const names = (listed.Metrics ?? []).map((m) => `${m.MetricName}[${(m.Dimensions ?? []).map((d) => d.Name).join(',')}]`).sort();
    expect(names).toEqual([
      'Bounce[]',
      'Delivery[]',
      'Delivery[only]',
      'Reputation.BounceRate[]',
      'Send[X-Team,campaign,link,ses:from-domain]',
      'Send[X-Team,campaign,link,ses:from-domain]',
      'Send[]',
    ]);
  });

  it('publishes SES event records to an SNS destination, with the mail, its tags and the recipients concerned', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'ses-events' }));
    await createSet('events', { sns: { Enabled: true, MatchingEventTypes: ['BOUNCE', 'COMPLAINT', 'DELIVERY'], SnsDestination: { TopicArn } } });
    const { MessageId } = await send([`bounce@${SIM}`, `complaint@${SIM}`, `success@${SIM}`], { ConfigurationSetName: 'events', EmailTags: [{ Name: 'campaign', Value: 'spring' }] });
    const records = published(TopicArn).map((m) => JSON.parse(m.Message) as Record<string, any>);
    expect(records.map((r) => r.eventType).sort()).toEqual(['Bounce', 'Complaint', 'Delivery']);
    for (const r of records) {
      expect(r.mail).toMatchObject({ messageId: MessageId, source: 'Sender <sender@example.com>', sendingAccountId: ACCOUNT, destination: [`bounce@${SIM}`, `complaint@${SIM}`, `success@${SIM}`] });
      expect(r.mail.tags).toMatchObject({ 'ses:configuration-set': ['events'], 'ses:from-domain': ['example.com'], 'ses:caller-identity': [expect.any(String)], campaign: ['spring'] });
      expect(r.mail.commonHeaders).toMatchObject({ subject: 'Spring sale', from: ['Sender <sender@example.com>'] });
    }
    const byType = Object.fromEntries(records.map((r) => [r.eventType, r]));
    expect(byType.Bounce.bounce).toMatchObject({ bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: `bounce@${SIM}`, action: 'failed', status: '5.1.1' }] });
    expect(byType.Complaint.complaint.complainedRecipients).toEqual([{ emailAddress: `complaint@${SIM}` }]);
    expect(byType.Delivery.delivery.recipients).toEqual([`complaint@${SIM}`, `success@${SIM}`]);
    expect(published(TopicArn).every((m) => m.Publisher === 'ses.amazonaws.com')).toBe(true);
  });

  it('records the confirmed subscriptions a notification would reach, and warns of a missing topic', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'ses-events' }));
    const { SubscriptionArn } = await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: `arn:aws:sqs:${REGION}:${ACCOUNT}:q` }));
    await createSet('events', {
      sns: { Enabled: true, MatchingEventTypes: ['SEND'], SnsDestination: { TopicArn } },
      gone: { Enabled: true, MatchingEventTypes: ['SEND'], SnsDestination: { TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:gone` } },
    });
    await send([`success@${SIM}`], { ConfigurationSetName: 'events' });
    expect(published(TopicArn).map((m) => m.DeliveredTo)).toEqual([[SubscriptionArn]]);
    expect(emulator.log({ event: 'sns:PublishFailed' }).map((e) => e.level)).toEqual(['warn']);
    const fromAdmin = (await (await fetch(`${emulator.url}/_emulator/log?event=ses:SendEmail`)).json()) as { message: string }[];
    expect(fromAdmin[0]?.message).toContain('through events');
  });

  it('keeps reputation metrics: the account without dimensions, a set with ses:configuration-set while enabled', async () => {
    await createSet('rep', {}, true);
    await createSet('quiet', {}, false);
    await send([`success@${SIM}`, `success+2@${SIM}`, `success+3@${SIM}`], { ConfigurationSetName: 'rep' });
    const read = async (name: string, dimensions: Dimension[]) =>
      (await cw.send(new GetMetricDataCommand({ StartTime: at(-60), EndTime: at(60), MetricDataQueries: [{ Id: 'r', MetricStat: { Metric: { Namespace: 'AWS/SES', MetricName: name, Dimensions: dimensions }, Period: 60, Stat: 'Maximum' } }] }))).MetricDataResults?.[0]?.Values;
    // A rate exists only once it has had its first event.
    expect(await read('Reputation.BounceRate', [])).toEqual([]);
    await send([`bounce@${SIM}`], { ConfigurationSetName: 'rep' });
    await send([`complaint@${SIM}`, `bounce@${SIM}`, `success@${SIM}`, `success@${SIM}`], { ConfigurationSetName: 'quiet' });
    const setDims = [{ Name: 'ses:configuration-set', Value: 'rep' }];
    expect(await read('Reputation.BounceRate', setDims)).toEqual([0.25]);
    expect(await read('Reputation.ComplaintRate', setDims)).toEqual([]);
    expect(await read('Reputation.BounceRate', [{ Name: 'ses:configuration-set', Value: 'quiet' }])).toEqual([]);
    expect(await read('Reputation.BounceRate', [])).toEqual([0.25]);
    expect(await read('Reputation.ComplaintRate', [])).toEqual([0.125]);
  });
});

describe('CloudWatch metric data', () => {
  const put = (data: NonNullable<ConstructorParameters<typeof PutMetricDataCommand>[0]['MetricData']>, namespace = 'App') =>
    cw.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: data }));

  it('computes the five statistics and percentiles per period, aligned to StartTime, with the unit filter', async () => {
    await put([
      { MetricName: 'Latency', Timestamp: at(-600), Value: 10, Unit: 'Milliseconds' },
      { MetricName: 'Latency', Timestamp: at(-590), Values: [20, 30], Counts: [1, 2], Unit: 'Milliseconds' },
      { MetricName: 'Latency', Timestamp: at(-300), StatisticValues: { SampleCount: 4, Sum: 8, Minimum: 1, Maximum: 3 }, Unit: 'Milliseconds' },
      { MetricName: 'Latency', Timestamp: at(-290), Value: 1000, Unit: 'Seconds' },
    ]);
    const r = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'App',
        MetricName: 'Latency',
        StartTime: at(-600),
        EndTime: at(0),
        Period: 300,
        Statistics: ['SampleCount', 'Sum', 'Average', 'Minimum', 'Maximum'],
        Unit: 'Milliseconds',
      }),
    );
    expect(r.Label).toBe('Latency');
    expect(r.Datapoints).toEqual([
      { Timestamp: at(-600), SampleCount: 4, Sum: 90, Average: 22.5, Minimum: 10, Maximum: 30, Unit: 'Milliseconds' },
      { Timestamp: at(-300), SampleCount: 4, Sum: 8, Average: 2, Minimum: 1, Maximum: 3, Unit: 'Milliseconds' },
    ]);
    const p = await cw.send(new GetMetricStatisticsCommand({ Namespace: 'App', MetricName: 'Latency', StartTime: at(-600), EndTime: at(-300), Period: 300, ExtendedStatistics: ['p50', 'p100'] }));
    // Nearest rank over 10, 20, 30, 30.
    expect(p.Datapoints?.[0]?.ExtendedStatistics).toEqual({ p50: 20, p100: 30 });
    const both = await failure(cw.send(new GetMetricStatisticsCommand({ Namespace: 'App', MetricName: 'Latency', StartTime: at(-600), EndTime: at(0), Period: 60 })));
    expect(both.name).toBe('InvalidParameterCombinationException');
    const tooMany = await failure(cw.send(new GetMetricStatisticsCommand({ Namespace: 'App', MetricName: 'Latency', StartTime: at(-86_400 * 2), EndTime: at(0), Period: 60, Statistics: ['Sum'] })));
    expect(tooMany.message).toContain('which exceeds the limit of 1,440');
  });

  it('evaluates metric math: arithmetic, IF, SUM of an array, FILL; orders by ScanBy; pages by MaxDatapoints', async () => {
    const data = [
      [-180, 4, 1],
      [-120, 6, 0],
      [-60, 10, 5],
    ] as const;
    await put(data.flatMap(([t, sends, bounces]) => [
      { MetricName: 'Sends', Timestamp: at(t), Value: sends },
      ...(bounces > 0 ? [{ MetricName: 'Bounces', Timestamp: at(t), Value: bounces }] : []),
    ]));
    const q = (id: string, name: string): MetricDataQuery => ({ Id: id, MetricStat: { Metric: { Namespace: 'App', MetricName: name }, Period: 60, Stat: 'Sum' }, ReturnData: false });
    const expressions: Record<string, string> = {
      rate: 'b / s',
      pct: 'b / s * 100',
      guarded: 'IF(s >= 5, b / s, 0)',
      total: 'SUM([s, b])',
      filled: 'FILL(b, 0)',
      scalar: 'SUM(s)',
    };
    const r = await cw.send(
      new GetMetricDataCommand({
        StartTime: at(-180),
        EndTime: at(0),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [q('s', 'Sends'), q('b', 'Bounces'), ...Object.entries(expressions).map(([Id, Expression]) => ({ Id, Expression }))],
      }),
    );
    const values = Object.fromEntries((r.MetricDataResults ?? []).map((x) => [x.Id, x.Values]));
    expect(values).toEqual({
      rate: [0.25, 0.5],
      pct: [25, 50],
      guarded: [0, 0.5],
      total: [5, 6, 15],
      filled: [1, 0, 5],
      scalar: [20, 20, 20],
    });
    expect(r.MetricDataResults?.find((x) => x.Id === 'filled')?.Timestamps).toEqual([at(-180), at(-120), at(-60)]);

    const desc = await cw.send(new GetMetricDataCommand({ StartTime: at(-180), EndTime: at(0), MetricDataQueries: [{ ...q('s', 'Sends'), ReturnData: true }] }));
    expect(desc.MetricDataResults?.[0]).toMatchObject({ Label: 'Sends', Values: [10, 6, 4], StatusCode: 'Complete' });

    const page1 = await cw.send(new GetMetricDataCommand({ StartTime: at(-180), EndTime: at(0), MaxDatapoints: 2, MetricDataQueries: [{ ...q('s', 'Sends'), ReturnData: true }] }));
    expect(page1.MetricDataResults?.[0]).toMatchObject({ Values: [10, 6], StatusCode: 'PartialData' });
    const page2 = await cw.send(new GetMetricDataCommand({ StartTime: at(-180), EndTime: at(0), MaxDatapoints: 2, NextToken: page1.NextToken, MetricDataQueries: [{ ...q('s', 'Sends'), ReturnData: true }] }));
    expect(page2.MetricDataResults?.[0]).toMatchObject({ Values: [4], StatusCode: 'Complete' });
    expect(page2.NextToken).toBeUndefined();

    const bad = await failure(cw.send(new GetMetricDataCommand({ StartTime: at(-180), EndTime: at(0), MetricDataQueries: [q('s', 'Sends'), { Id: 'e', Expression: 'ANOMALY_DETECTION_BAND(s)' }] })));
    expect([bad.name, bad.message]).toEqual(['ValidationException', expect.stringContaining('e: the function ANOMALY_DETECTION_BAND is not supported')]);
    const tooMany = await failure(cw.send(new GetMetricDataCommand({ StartTime: at(-180), EndTime: at(0), MetricDataQueries: Array.from({ length: 501 }, (_, i) => q(`m${i}`, 'Sends')) })));
    expect(tooMany.message).toContain('500');
  });

  it('refuses AWS/ namespaces, datapoints older than two weeks or more than two hours ahead, Value with Values', async () => {
    expect((await failure(put([{ MetricName: 'Send', Value: 1 }], 'AWS/SES'))).message).toBe('The value AWS/SES for parameter Namespace is invalid.');
    expect((await failure(put([{ MetricName: 'x', Value: 1, Timestamp: at(-15 * 86_400) }]))).name).toBe('InvalidParameterValueException');
    expect((await failure(put([{ MetricName: 'x', Value: 1, Timestamp: at(3 * 3600) }]))).name).toBe('InvalidParameterValueException');
    expect((await failure(put([{ MetricName: 'x', Value: 1, Values: [1] }]))).message).toContain('are mutually exclusive');
    expect((await failure(put(Array.from({ length: 1001 }, () => ({ MetricName: 'x', Value: 1 }))))).name).toBe('ValidationException');
  });

  it('serves the same data over the query protocol', async () => {
    const query = new CloudWatchClient({ endpoint: emulator.url, region: REGION, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 1, protocol: AwsQueryProtocol });
    await query.send(new PutMetricDataCommand({ Namespace: 'App', MetricData: [{ MetricName: 'Hits', Dimensions: [{ Name: 'Page', Value: 'home' }], Timestamp: at(-60), Values: [1, 2], Counts: [3, 1] }] }));
    const r = await query.send(new GetMetricDataCommand({ StartTime: at(-60), EndTime: at(0), MetricDataQueries: [{ Id: 'h', MetricStat: { Metric: { Namespace: 'App', MetricName: 'Hits', Dimensions: [{ Name: 'Page', Value: 'home' }] }, Period: 60, Stat: 'Sum' } }, { Id: 'twice', Expression: 'h * 2' }] }));
    expect(r.MetricDataResults?.map((x) => [x.Id, x.Timestamps, x.Values])).toEqual([
      ['h', [at(-60)], [5]],
      ['twice', [at(-60)], [10]],
    ]);
    const s = await query.send(new GetMetricStatisticsCommand({ Namespace: 'App', MetricName: 'Hits', Dimensions: [{ Name: 'Page', Value: 'home' }], StartTime: at(-60), EndTime: at(0), Period: 60, ExtendedStatistics: ['p75'] }));
    expect(s.Datapoints?.[0]?.ExtendedStatistics).toEqual({ p75: 1 });
  });
});

describe('CloudWatch alarms over the metric store', () => {
  const putValue = (value: number, offsetSeconds: number) =>
    cw.send(new PutMetricDataCommand({ Namespace: 'App', MetricData: [{ MetricName: 'Errors', Value: value, Timestamp: at(offsetSeconds) }] }));

  const alarm = (name: string, extra: Partial<PutMetricAlarmCommandInput> = {}): PutMetricAlarmCommandInput => ({
    AlarmName: name,
    Namespace: 'App',
    MetricName: 'Errors',
    Statistic: 'Sum',
    Period: 60,
    EvaluationPeriods: 3,
    DatapointsToAlarm: 2,
    Threshold: 5,
    ComparisonOperator: 'GreaterThanThreshold',
    ...extra,
  });

  it('goes to ALARM on M of N breaching datapoints, back to OK, runs each state\'s actions, and not when disabled', async () => {
    const topic = async (n: string) => (await sns.send(new CreateTopicCommand({ Name: n }))).TopicArn as string;
    const [alarmTopic, okTopic] = [await topic('alarm'), await topic('ok')];
    await cw.send(new PutMetricAlarmCommand(alarm('errors', { AlarmActions: [alarmTopic, `arn:aws:autoscaling:${REGION}:${ACCOUNT}:scalingPolicy:x`], OKActions: [okTopic] })));
    await cw.send(new PutMetricAlarmCommand(alarm('silent', { ActionsEnabled: false, AlarmActions: [alarmTopic] })));
    await putValue(1, -120);
    expect((await describe1('errors'))?.StateValue).toBe('OK');
    await putValue(10, -60);
    // 1 of the 2 needed out of 3.
    expect((await describe1('errors'))?.StateValue).toBe('OK');
    await putValue(9, 0);
    const inAlarm = await describe1('errors');
    expect(inAlarm?.StateValue).toBe('ALARM');
    expect(inAlarm?.StateReason).toBe(
      'Threshold Crossed: 2 out of the last 3 datapoints [9.0 (02/03/26 10:30:00), 10.0 (02/03/26 10:29:00), 1.0 (02/03/26 10:28:00)] were greater than the threshold (5.0) (minimum 2 datapoints for OK -> ALARM transition).',
    );
    expect((await describe1('silent'))?.StateValue).toBe('ALARM');
    // Ten minutes later the datapoints are out of the range: all missing is INSUFFICIENT_DATA (TreatMissingData missing).
    setTime(600);
    const stale = await describe1('errors');
    expect([stale?.StateValue, stale?.StateReason]).toEqual(['INSUFFICIENT_DATA', 'Insufficient Data: 3 datapoints were unknown.']);
    await putValue(1, 540);
    expect((await describe1('errors'))?.StateValue).toBe('OK');
    expect(published(alarmTopic).map((m) => m.Subject)).toEqual(['ALARM: "errors" in US East (N. Virginia)']);
    expect(published(okTopic).map((m) => JSON.parse(m.Message).NewStateValue)).toEqual(['OK', 'OK']);
    expect(emulator.log({ event: 'cloudwatch:ActionNotEmulated' })).toHaveLength(1);
  });

  it('treats missing data as documented: breaching, notBreaching, ignore', async () => {
    for (const treat of ['breaching', 'notBreaching', 'ignore']) {
      await cw.send(new PutMetricAlarmCommand(alarm(treat, { TreatMissingData: treat, EvaluationPeriods: 2, DatapointsToAlarm: 2 })));
    }
    await putValue(10, -60);
    const states = async () => Object.fromEntries(((await cw.send(new DescribeAlarmsCommand({}))).MetricAlarms ?? []).map((a) => [a.AlarmName, a.StateValue]));
    // One breaching datapoint of the two needed: the missing one decides.
    expect(await states()).toEqual({ breaching: 'ALARM', notBreaching: 'OK', ignore: 'INSUFFICIENT_DATA' });
    setTime(3600);
    expect(await states()).toEqual({ breaching: 'ALARM', notBreaching: 'OK', ignore: 'INSUFFICIENT_DATA' });
    expect((await describe1('breaching'))?.StateReason).toBe('Threshold Crossed: 1 out of the last 1 datapoints [10.0 (02/03/26 10:29:00)] was greater than the threshold (5.0) and 1 missing datapoint was treated as [Breaching] (minimum 2 datapoints for INSUFFICIENT_DATA -> ALARM transition).');
  });

  it('evaluates a metric-math alarm with LessThan operators, and keeps the state of an alarm without data', async () => {
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'delivery-drop',
        Metrics: [
          { Id: 'd', MetricStat: { Metric: { Namespace: 'App', MetricName: 'Errors' }, Period: 300, Stat: 'Average' }, ReturnData: false },
          { Id: 'e', Expression: 'd * 100', ReturnData: true },
        ],
        EvaluationPeriods: 1,
        Threshold: 50,
        ComparisonOperator: 'LessThanOrEqualToThreshold',
      }),
    );
    await cw.send(new PutMetricAlarmCommand(alarm('elsewhere', { MetricName: 'Other', TreatMissingData: 'breaching' })));
    await putValue(0.2, -30);
    expect((await describe1('delivery-drop'))?.StateValue).toBe('ALARM');
    // No datapoint of its metric has ever been put: not evaluated yet.
    expect((await describe1('elsewhere'))?.StateValue).toBe('INSUFFICIENT_DATA');
  });
});

describe('the clock', () => {
  it('is set through the admin API and goes back to the real clock on reset', async () => {
    const put = (body: unknown) => fetch(`${emulator.url}/_emulator/clock`, { method: 'PUT', body: JSON.stringify(body) });
    expect(await (await put({ at: '2026-01-01T00:00:00Z' })).json()).toEqual({ at: '2026-01-01T00:00:00Z', now: '2026-01-01T00:00:00.000Z' });
    expect((await put({ at: 'yesterday' })).status).toBe(400);
    expect((await put({ at: 1, offsetMs: 1 })).status).toBe(400);
    expect((await put({ colour: 'blue' })).status).toBe(400);
    const shifted = (await (await put({ offsetMs: -86_400_000 })).json()) as { now: string };
    expect(Math.abs(Date.parse(shifted.now) - (Date.now() - 86_400_000))).toBeLessThan(5000);
    emulator.reset();
    expect(Math.abs(Date.parse(emulator.clock().now) - Date.now())).toBeLessThan(5000);
  });
});
