/**
 * What an alarm does when its state changes: "AlarmActions / OKActions / InsufficientDataActions: the
 * actions to execute when this alarm transitions to the ALARM / OK / INSUFFICIENT_DATA state from any
 * other state" (model, PutMetricAlarm), and only when ActionsEnabled. An SNS topic of the emulator gets
 * CloudWatch's notification (sns/messages.ts); any other action (EC2, Auto Scaling, Lambda, SSM, …) is
 * not emulated and is only logged.
 *
 * The notification is CloudWatch's JSON message with the subject `ALARM: "name" in US East (N.
 * Virginia)`, in the form recorded from AWS (an SNS record of a real alarm notification:
 * `{"AlarmName", "AlarmDescription", "AWSAccountId", "AlarmConfigurationUpdatedTimestamp",
 * "NewStateValue", "NewStateReason", "StateChangeTime", "Region", "AlarmArn", "OldStateValue",
 * "OKActions", "AlarmActions", "InsufficientDataActions", "Trigger": {…}}`, times as
 * `2023-03-08T00:46:32.006+0000`, the Region by its display name, dimensions as `{value, name}`).
 */
import type { EmulatorLogger, TopicPublisher } from '../types.js';
import type { PutMetricAlarmInput } from './alarm-rules.js';
import { awsTime, type StateValue } from './alarm-evaluation.js';

/** Region display names, as the notification's `Region` and subject name them (AWS General Reference, Regions). */
const REGION_NAMES: Readonly<Record<string, string>> = {
  'us-east-1': 'US East (N. Virginia)',
  'us-east-2': 'US East (Ohio)',
  'us-west-1': 'US West (N. California)',
  'us-west-2': 'US West (Oregon)',
  'af-south-1': 'Africa (Cape Town)',
  'ap-east-1': 'Asia Pacific (Hong Kong)',
  'ap-south-1': 'Asia Pacific (Mumbai)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)',
  'ap-northeast-2': 'Asia Pacific (Seoul)',
  'ap-northeast-3': 'Asia Pacific (Osaka)',
  'ap-southeast-1': 'Asia Pacific (Singapore)',
  'ap-southeast-2': 'Asia Pacific (Sydney)',
  'ap-southeast-3': 'Asia Pacific (Jakarta)',
  'ca-central-1': 'Canada (Central)',
  'eu-central-1': 'EU (Frankfurt)',
  'eu-central-2': 'EU (Zurich)',
  'eu-west-1': 'EU (Ireland)',
  'eu-west-2': 'EU (London)',
  'eu-west-3': 'EU (Paris)',
  'eu-north-1': 'EU (Stockholm)',
  'eu-south-1': 'EU (Milan)',
  'il-central-1': 'Israel (Tel Aviv)',
  'me-south-1': 'Middle East (Bahrain)',
  'me-central-1': 'Middle East (UAE)',
  'sa-east-1': 'South America (Sao Paulo)',
  'us-gov-west-1': 'AWS GovCloud (US-West)',
  'us-gov-east-1': 'AWS GovCloud (US-East)',
};

export const regionName = (region: string): string => REGION_NAMES[region] ?? region;

export interface AlarmTransition {
  readonly name: string;
  readonly arn: string;
  readonly region: string;
  readonly accountId: string;
  readonly config: PutMetricAlarmInput;
  readonly configUpdated: Date;
  readonly from: StateValue;
  readonly to: StateValue;
  readonly reason: string;
  readonly reasonData: string;
  readonly at: Date;
}

const nameValue = (d: readonly { readonly Name?: string; readonly Value?: string }[] | undefined) => (d ?? []).map((x) => ({ value: x.Value, name: x.Name }));

function trigger(c: PutMetricAlarmInput): Record<string, unknown> {
  const common = {
    Period: c.Period ?? Math.max(0, ...(c.Metrics ?? []).map((q) => q.MetricStat?.Period ?? q.Period ?? 0)),
    EvaluationPeriods: c.EvaluationPeriods,
    ...(c.DatapointsToAlarm !== undefined ? { DatapointsToAlarm: c.DatapointsToAlarm } : {}),
    ComparisonOperator: c.ComparisonOperator,
    Threshold: c.Threshold,
    TreatMissingData: c.TreatMissingData ?? 'missing',
    EvaluateLowSampleCountPercentile: c.EvaluateLowSampleCountPercentile ?? '',
  };
  if (c.Metrics && c.Metrics.length > 0) {
    return {
      ...common,
      Metrics: c.Metrics.map((q) => ({
        ...(q.Expression !== undefined ? { Expression: q.Expression } : {}),
        Id: q.Id,
        ...(q.Label !== undefined ? { Label: q.Label } : {}),
        ...(q.MetricStat
          ? {
              MetricStat: {
                Metric: { Dimensions: nameValue(q.MetricStat.Metric?.Dimensions), MetricName: q.MetricStat.Metric?.MetricName, Namespace: q.MetricStat.Metric?.Namespace },
                Period: q.MetricStat.Period,
                Stat: q.MetricStat.Stat,
                ...(q.MetricStat.Unit ? { Unit: q.MetricStat.Unit } : {}),
              },
            }
          : {}),
        ReturnData: q.ReturnData ?? false,
      })),
    };
  }
  return {
    MetricName: c.MetricName,
    Namespace: c.Namespace,
    StatisticType: c.ExtendedStatistic !== undefined ? 'ExtendedStatistic' : 'Statistic',
    ...(c.ExtendedStatistic !== undefined ? { ExtendedStatistic: c.ExtendedStatistic } : { Statistic: (c.Statistic ?? '').toUpperCase() }),
    Unit: c.Unit ?? null,
    Dimensions: nameValue(c.Dimensions),
    ...common,
  };
}

/** The subject and JSON message CloudWatch publishes to an alarm's SNS topics for one transition. */
export function alarmNotification(t: AlarmTransition): { subject: string; message: string } {
  const c = t.config;
  return {
    subject: `${t.to}: "${t.name}" in ${regionName(t.region)}`,
    message: JSON.stringify({
      AlarmName: t.name,
      AlarmDescription: c.AlarmDescription ?? null,
      AWSAccountId: t.accountId,
      AlarmConfigurationUpdatedTimestamp: awsTime(t.configUpdated),
      NewStateValue: t.to,
      NewStateReason: t.reason,
      StateChangeTime: awsTime(t.at),
      Region: regionName(t.region),
      AlarmArn: t.arn,
      OldStateValue: t.from,
      OKActions: c.OKActions ?? [],
      AlarmActions: c.AlarmActions ?? [],
      InsufficientDataActions: c.InsufficientDataActions ?? [],
      Trigger: trigger(c),
    }),
  };
}

const ACTIONS_OF: Readonly<Record<StateValue, 'AlarmActions' | 'OKActions' | 'InsufficientDataActions'>> = {
  ALARM: 'AlarmActions',
  OK: 'OKActions',
  INSUFFICIENT_DATA: 'InsufficientDataActions',
};

/** Log the transition and run the new state's actions (when ActionsEnabled). */
export function runAlarmActions(t: AlarmTransition, topics: TopicPublisher, log: EmulatorLogger): void {
  log.write({
    level: 'info',
    service: 'cloudwatch',
    event: 'cloudwatch:AlarmStateChange',
    message: `alarm ${t.name} went from ${t.from} to ${t.to}: ${t.reason}`,
    details: { alarmName: t.name, alarmArn: t.arn, region: t.region, oldState: t.from, newState: t.to, reason: t.reason, reasonData: t.reasonData },
  });
  if (t.config.ActionsEnabled === false) return;
  const actions = t.config[ACTIONS_OF[t.to]] ?? [];
  if (actions.length === 0) return;
  const { subject, message } = alarmNotification(t);
  for (const arn of actions) {
    if (/^arn:[^:]+:sns:/.test(arn)) {
      topics.publish({ topicArn: arn, subject, message, publisher: 'cloudwatch.amazonaws.com' });
    } else {
      log.write({ level: 'debug', service: 'cloudwatch', event: 'cloudwatch:ActionNotEmulated', message: `alarm ${t.name}: the action ${arn} is not emulated`, details: { alarmName: t.name, action: arn } });
    }
  }
}
