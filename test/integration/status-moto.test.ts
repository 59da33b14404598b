/**
 * `status`'s reads and review against moto's server (which implements PutMetricData, GetMetricData and
 * DescribeAlarms), with metrics the test puts and rates the test computes itself: the adapter's batched
 * GetMetricData, the stack's alarm states and the sets' sending flags, through the real SDK over HTTP.
 * `reports alarms and paused sets`: paused only against the emulator (moto cannot pause a set).
 * moto speaks CloudWatch's query protocol only, so the CloudWatch client here is the query one; the CLI
 * end to end runs against our emulator (status.test.ts). Without moto this file is skipped loudly.
 */
import { CloudWatchClient, PutMetricAlarmCommand, PutMetricDataCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { CreateConfigurationSetCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { AwsQueryProtocol } from '@aws-sdk/core/protocols';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallCount } from '../../src/aws/call-count.js';
import { readAlarmStates, readMetricData } from '../../src/aws/cloudwatch/metrics.js';
import { readSendingEnabled } from '../../src/aws/sesv2/sending.js';
import { renderStatusText } from '../../src/render/status.js';
import { PLAIN } from '../../src/render/palette.js';
import { statusQueries, windowOf } from '../../src/status/queries.js';
import { statusReport } from '../../src/status/report.js';
import { motoAvailable, startMoto } from '../conformance/harness.js';
import { load } from '../helpers/config.js';

const moto = motoAvailable();
if (!moto.ok) console.warn(`status-moto.test.ts SKIPPED: moto is not installed (${moto.why}); install it with pip install 'moto[server]'`);

const FILE = `version: 1
stack: shop
configurationSets:
  prod:
    eventDestinations:
      cw:
        events: [SEND, DELIVERY, BOUNCE, COMPLAINT]
        cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: prod } } }
    alarms:
      bounceRate: { threshold: 3% }
  quiet:
    eventDestinations:
      cw:
        events: [SEND, BOUNCE, COMPLAINT]
        cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: quiet } } }
`;

describe.skipIf(!moto.ok)('status against moto', () => {
  let proc: ChildProcess | undefined;
  let ses: SESv2Client;
  let cw: CloudWatchClient;
  beforeAll(async () => {
    const m = await startMoto();
    proc = m.proc;
    const common = { endpoint: m.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
    ses = new SESv2Client(common);
    cw = new CloudWatchClient({ ...common, protocol: AwsQueryProtocol });
  }, 30_000);
  afterAll(() => proc?.kill());

  it('reads what the sets published, computes their rates against the thresholds, and reports alarms and paused sets', async () => {
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'prod' }));
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'quiet' }));
    const now = Date.now();
    // 3 hours of prod traffic: what the test puts, it counts itself.
    const put = { Send: [90, 60, 50], Delivery: [88, 57, 47], Bounce: [2, 3, 3], Complaint: [0, 1, 0] };
    for (const [metric, values] of Object.entries(put))
      await cw.send(
        new PutMetricDataCommand({
          Namespace: 'AWS/SES',
          MetricData: values.map((v, h) => ({ MetricName: metric, Dimensions: [{ Name: 'ses:configuration-set', Value: 'prod' }], Timestamp: new Date(now - (h * 3600 + 600) * 1000), Value: v, Unit: 'Count' })),
        }),
      );
    await cw.send(new PutMetricAlarmCommand({ AlarmName: 'shop/prod/bounce-rate', MetricName: 'Bounce', Namespace: 'AWS/SES', Statistic: 'Sum', Period: 3600, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' }));
    await cw.send(new SetAlarmStateCommand({ AlarmName: 'shop/prod/bounce-rate', StateValue: 'ALARM', StateReason: 'test' }));

    const desired = [...(load(FILE).desired?.resources.values() ?? [])];
    const window = windowOf(now, 86_400);
    const queries = statusQueries(desired, window);
    const calls = new CallCount('cloudwatch');
    const series = await readMetricData(cw, queries.queries, window, calls);
    const alarms = await readAlarmStates(cw, 'shop', [], calls);
    const sending = await readSendingEnabled(ses, ['prod', 'quiet'], 2, new CallCount('sesv2'));
    const report = statusReport({ stack: 'shop', region: 'us-east-1', window, desired, queries, series, sending, alarms });

    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const prod = report.configurationSets.find((s) => s.name === 'prod');
    expect(prod?.totals).toMatchObject({ Send: sum(put.Send), Delivery: sum(put.Delivery), Bounce: sum(put.Bounce), Complaint: sum(put.Complaint), Reject: null, Open: null, Click: null });
    expect(prod?.bounceRate.value).toBeCloseTo(sum(put.Bounce) / sum(put.Send), 10);
    expect(prod?.bounceRate).toMatchObject({ threshold: 0.03, review: 0.05, level: 'over-threshold' });
    // 1 complaint in 200: 0.5%, over SES's 0.1% review level, with no alarm of the file on it.
    expect(prod?.complaintRate).toMatchObject({ level: 'over-review', review: 0.001 });
    expect(prod?.complaintRate.threshold).toBeUndefined();
    expect(sum([...(prod?.trend.sends ?? [])])).toBe(sum(put.Send));
    expect(prod?.trend.buckets).toHaveLength(24);
    // No traffic is no data, not 0%.
    const quiet = report.configurationSets.find((s) => s.name === 'quiet');
    expect(quiet?.bounceRate).toMatchObject({ value: null, level: 'no-data' });
    // moto has no PutConfigurationSetSendingOptions (README, "Known differences from moto"): paused sets are checked against the emulator.
    expect(quiet?.sendingEnabled).toBe(true);
    expect(report.alarms).toEqual([expect.objectContaining({ name: 'shop/prod/bounce-rate', state: 'ALARM' })]);
    expect(report.healthy).toBe(false);
    expect(report.findings).toEqual([
      'prod: bounce rate 4% is over the alarm threshold of 3%',
      "prod: complaint rate 0.5% reaches SES's review level of 0.1%",
      expect.stringMatching(/^alarm shop\/prod\/bounce-rate is in ALARM since /),
    ]);
    // One GetMetricData call for all 9 queries (7 of the two sets + the account's 2).
    expect(queries.queries).toHaveLength(9);
    expect(calls.snapshot()['cloudwatch:GetMetricData']).toBe(1);
    const text = renderStatusText(report, PLAIN);
    expect(text).toContain('bounce rate     4%  ✗ over the alarm threshold (alarm at 3%, SES reviews at 5%)');
    expect(text).toContain('no data: nothing sent in the window');
  }, 30_000);
});
