/**
 * export's CloudWatch and SNS reads, against moto and our emulator with the real SDK (the conformance
 * harness): alarms made by hand (a metric alarm, a metric-math rate, one on another namespace) are found
 * by the account-wide listing, the topics they notify are read by ARN with their subscriptions and tags,
 * and the pure exporter writes a file that, normalized again, means exactly what was read.
 */
import { expect, it } from 'vitest';
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CreateTopicCommand, SubscribeCommand, TagResourceCommand } from '@aws-sdk/client-sns';
import { CloudWatchAlarmReader } from '../../src/aws/cloudwatch/reader.js';
import { SnsTopicReader } from '../../src/aws/sns/reader.js';
import { check } from '../../src/config/export/check.js';
import { exportFiles } from '../../src/config/export/index.js';
import { topicsUsed } from '../../src/config/export/select.js';
import { normalize } from '../../src/config/normalize.js';
import { SES_NAMESPACE } from '../../src/model/ses.js';
import { ACCOUNT, conformance, REGION } from '../conformance/harness.js';
import { load } from '../helpers/config.js';

conformance('export reads hand-made alarms and topics', (t) => {
  it('lists every AWS/SES alarm, reads the topics they use, and exports a file that means what was read', async () => {
    const { cw, sns } = t();
    const alerts = (await sns.send(new CreateTopicCommand({ Name: 'alerts', Attributes: { DisplayName: 'Alerts' } }))).TopicArn as string;
    await sns.send(new TagResourceCommand({ ResourceArn: alerts, Tags: [{ Key: 'team', Value: 'mail' }] }));
    await sns.send(new SubscribeCommand({ TopicArn: alerts, Protocol: 'email', Endpoint: 'ops@example.com' }));
    const dims = [{ Name: 'ses:configuration-set', Value: 'mail' }];
    await cw.send(
      new PutMetricAlarmCommand({ AlarmName: 'mail rejects', Namespace: SES_NAMESPACE, MetricName: 'Reject', Dimensions: dims, Statistic: 'Sum', Period: 300, EvaluationPeriods: 2, Threshold: 5, ComparisonOperator: 'GreaterThanThreshold', AlarmActions: [alerts] }),
    );
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'mail bounce rate',
        EvaluationPeriods: 1,
        Threshold: 0.04,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
        OKActions: [alerts],
        Metrics: [
          { Id: 'b', MetricStat: { Metric: { Namespace: SES_NAMESPACE, MetricName: 'Bounce', Dimensions: dims }, Period: 3600, Stat: 'Sum' }, ReturnData: false },
          { Id: 's', MetricStat: { Metric: { Namespace: SES_NAMESPACE, MetricName: 'Send', Dimensions: dims }, Period: 3600, Stat: 'Sum' }, ReturnData: false },
          { Id: 'rate', Expression: 'b / s', ReturnData: true },
        ],
      }),
    );
    await cw.send(new PutMetricAlarmCommand({ AlarmName: 'cpu', Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Statistic: 'Average', Period: 300, EvaluationPeriods: 1, Threshold: 90, ComparisonOperator: 'GreaterThanThreshold' }));

    // The set whose metrics the alarms watch, as the SESv2 reader gives it (moto does not serve SESv2 event
    // destinations; test/integration/export.test.ts reads sets over HTTP from the emulator).
    const sets = load('version: 1\nstack: mail\nconfigurationSets:\n  mail:\n    eventDestinations:\n      metrics:\n        events: [SEND, BOUNCE, REJECT]\n        cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: mail } } }\n').desired?.resources ?? new Map();
    const alarms = await new CloudWatchAlarmReader(cw).read({ stack: 'mail', names: new Set(), everyInNamespace: SES_NAMESPACE });
    expect([...alarms.state.keys()].sort()).toEqual(['alarm:mail bounce rate', 'alarm:mail rejects']);
    const used = topicsUsed([...alarms.state.values()], REGION, ACCOUNT);
    expect([...used]).toEqual([['alerts', alerts]]);
    const topics = await new SnsTopicReader(sns).read({ stack: 'mail', names: new Set(), discovered: used });
    expect([...topics.state.keys()]).toEqual(['topic:alerts']);
    const topic = topics.state.get('topic:alerts');
    expect(topic?.kind === 'topic' && topic.subscriptions.map((x) => `${x.protocol}:${x.endpoint}`)).toEqual(['email:ops@example.com']);

    const live = [...sets.values(), ...alarms.state.values(), ...topics.state.values()];
    const out = exportFiles(live, { stack: 'mail', region: REGION, accountId: ACCOUNT, layout: 'file', at: '2026-12-01T00:00:00Z' });
    const text = out.files[0]?.text ?? '';
    expect(text).toContain('notify: [ alerts ]');
    expect(text).toContain('notifyOk: [ alerts ]');
    expect(text).toContain('evaluationPeriods: 2');
    expect(text).not.toContain('CPUUtilization');
    // The alarms need nothing but tags; the topic's policy is what adoption writes, and export says so.
    expect(out.warnings).toEqual(["topic:alerts: its policy does not grant what the file's sets and alarms need: adopting it adds ses-reconcile's statements (the policy's other statements stay as they are)"]);
    const reread = load(text);
    expect(reread.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const topicNames = new Map([[alerts, 'alerts']]);
    expect(check(normalize(out.config).resources, live, topicNames).filter((m) => m.key !== 'topic:alerts')).toEqual([]);
  });
});
