#!/usr/bin/env node
/**
 * A hand-made SES setup, made the way the console or a script makes one: plain AWS SDK calls, no
 * ses-reconcile tags. For the sandbox's "adopt a hand-made setup" (README) and the export tests.
 *
 *   node scripts/seed-hand-made.mjs --endpoint-url http://127.0.0.1:4599 [--sets 3]
 *
 * Makes, in us-east-1 (or AWS_REGION): SET_COUNT configuration sets `mail-1` … (TLS required, reputation
 * metrics, suppression, tags), each with a CloudWatch destination and, on the first, an SNS destination
 * to the topic `ses-events`; a topic `ses-alerts` with an email subscription; per set a bounce-rate alarm
 * written by hand (metric math) and a rejects alarm; and a dashboard charting them.
 */
import { parseArgs } from 'node:util';
import { SESv2Client, CreateConfigurationSetCommand, CreateConfigurationSetEventDestinationCommand } from '@aws-sdk/client-sesv2';
import { SNSClient, CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { CloudWatchClient, PutMetricAlarmCommand, PutDashboardCommand } from '@aws-sdk/client-cloudwatch';

const { values } = parseArgs({ options: { 'endpoint-url': { type: 'string' }, sets: { type: 'string' } } });
const endpoint = values['endpoint-url'];
const region = process.env.AWS_REGION ?? 'us-east-1';
const count = Number(values.sets ?? 3);
const config = { region, ...(endpoint ? { endpoint } : {}), credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'test', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'test' } };
const ses = new SESv2Client(config);
const sns = new SNSClient(config);
const cw = new CloudWatchClient(config);

const events = (await sns.send(new CreateTopicCommand({ Name: 'ses-events' }))).TopicArn;
const alerts = (await sns.send(new CreateTopicCommand({ Name: 'ses-alerts', Attributes: { DisplayName: 'SES alerts' }, Tags: [{ Key: 'team', Value: 'mail' }] }))).TopicArn;
await sns.send(new SubscribeCommand({ TopicArn: alerts, Protocol: 'email', Endpoint: 'ops@example.com' }));

const names = Array.from({ length: count }, (_, i) => `mail-${i + 1}`);
for (const [i, name] of names.entries()) {
  await ses.send(
    new CreateConfigurationSetCommand({
      ConfigurationSetName: name,
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      Tags: [{ Key: 'team', Value: 'mail' }],
    }),
  );
  await ses.send(
    new CreateConfigurationSetEventDestinationCommand({
      ConfigurationSetName: name,
      EventDestinationName: 'metrics',
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['SEND', 'DELIVERY', 'BOUNCE', 'COMPLAINT', 'REJECT'],
        CloudWatchDestination: { DimensionConfigurations: [{ DimensionName: 'ses:configuration-set', DimensionValueSource: 'MESSAGE_TAG', DefaultDimensionValue: name }] },
      },
    }),
  );
  if (i === 0) {
    await ses.send(
      new CreateConfigurationSetEventDestinationCommand({
        ConfigurationSetName: name,
        EventDestinationName: 'feedback',
        EventDestination: { Enabled: true, MatchingEventTypes: ['BOUNCE', 'COMPLAINT'], SnsDestination: { TopicArn: events } },
      }),
    );
  }
  const dims = [{ Name: 'ses:configuration-set', Value: name }];
  await cw.send(
    new PutMetricAlarmCommand({
      AlarmName: `${name} bounce rate`,
      AlarmDescription: 'Bounce rate over 4%',
      AlarmActions: [alerts],
      Metrics: [
        { Id: 'b', MetricStat: { Metric: { Namespace: 'AWS/SES', MetricName: 'Bounce', Dimensions: dims }, Period: 3600, Stat: 'Sum' }, ReturnData: false },
        { Id: 's', MetricStat: { Metric: { Namespace: 'AWS/SES', MetricName: 'Send', Dimensions: dims }, Period: 3600, Stat: 'Sum' }, ReturnData: false },
        { Id: 'rate', Expression: 'b / s', Label: 'bounce rate', ReturnData: true },
      ],
      EvaluationPeriods: 1,
      Threshold: 0.04,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    }),
  );
  await cw.send(
    new PutMetricAlarmCommand({
      AlarmName: `${name} rejects`,
      AlarmActions: [alerts],
      Namespace: 'AWS/SES',
      MetricName: 'Reject',
      Dimensions: dims,
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
    }),
  );
}
await cw.send(
  new PutDashboardCommand({
    DashboardName: 'ses-overview',
    DashboardBody: JSON.stringify({
      widgets: names.map((n, i) => ({
        type: 'metric',
        x: 0,
        y: i * 6,
        width: 12,
        height: 6,
        properties: { title: n, region, metrics: [['AWS/SES', 'Send', 'ses:configuration-set', n], ['.', 'Bounce', '.', '.']], stat: 'Sum', period: 3600 },
      })),
    }),
  }),
);
process.stdout.write(`made ${names.length} configuration sets (${names.join(', ')}), 2 topics, ${names.length * 2} alarms and a dashboard in ${region}\n`);
