/**
 * The CloudWatch emulator's pure parts, without HTTP: PutMetricAlarm's input rules (which error AWS
 * answers for which input), the query protocol's decoding, ARNs and paging tokens.
 */
import { describe, expect, it } from 'vitest';
import { checkPutMetricAlarm, type PutMetricAlarmInput } from '../../../src/emulator/cloudwatch/alarm-rules.js';
import { parseCloudWatchArn, alarmArn, dashboardArn } from '../../../src/emulator/cloudwatch/arn.js';
import { alarmOperations } from '../../../src/emulator/cloudwatch/alarms.js';
import { cloudWatchErrors } from '../../../src/emulator/cloudwatch/errors.js';
import { createCloudWatchHandler } from '../../../src/emulator/cloudwatch/service.js';
import { decodeInput } from '../../../src/emulator/core/decode.js';
import { ServiceError } from '../../../src/emulator/core/errors.js';
import { formParams, queryProtocol, readQueryInput } from '../../../src/emulator/core/query.js';
import { NO_INPUT, type StructureShape } from '../../../src/emulator/core/shapes.js';
import type { EmulatorRequest } from '../../../src/emulator/types.js';

const metric: PutMetricAlarmInput = {
  AlarmName: 'bounce',
  MetricName: 'Reputation.BounceRate',
  Namespace: 'AWS/SES',
  Statistic: 'Average',
  Period: 300,
  EvaluationPeriods: 1,
  Threshold: 0.05,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
};

const math: PutMetricAlarmInput = {
  AlarmName: 'rate',
  EvaluationPeriods: 1,
  Threshold: 0.001,
  ComparisonOperator: 'GreaterThanThreshold',
  Metrics: [
    { Id: 'sends', MetricStat: { Metric: { Namespace: 'AWS/SES', MetricName: 'Send' }, Period: 300, Stat: 'Sum' }, ReturnData: false },
    { Id: 'complaints', MetricStat: { Metric: { Namespace: 'AWS/SES', MetricName: 'Complaint' }, Period: 300, Stat: 'Sum' }, ReturnData: false },
    { Id: 'r', Expression: 'complaints / sends', ReturnData: true },
  ],
};

const anomaly: PutMetricAlarmInput = {
  AlarmName: 'anomaly',
  EvaluationPeriods: 1,
  ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold',
  ThresholdMetricId: 'band',
  Metrics: [
    { Id: 'sends', MetricStat: { Metric: { Namespace: 'AWS/SES', MetricName: 'Send' }, Period: 300, Stat: 'Sum' }, ReturnData: true },
    { Id: 'band', Expression: 'ANOMALY_DETECTION_BAND(sends, 2)', ReturnData: true },
  ],
};

function errorOf(input: PutMetricAlarmInput): { code: string; message: string } | undefined {
  try {
    checkPutMetricAlarm(input);
    return undefined;
  } catch (err) {
    if (!(err instanceof ServiceError)) throw err;
    return { code: err.code, message: err.message };
  }
}

describe('PutMetricAlarm rules', () => {
  it.each<[string, PutMetricAlarmInput]>([
    ['a metric alarm', metric],
    ['a high-resolution period of 20 s', { ...metric, Period: 20 }],
    ['a percentile alarm', { ...metric, Statistic: undefined, ExtendedStatistic: 'p99.9', EvaluateLowSampleCountPercentile: 'ignore' }],
    ['a trimmed-mean alarm', { ...metric, Statistic: undefined, ExtendedStatistic: 'TM(10%:90%)' }],
    ['M of N', { ...metric, EvaluationPeriods: 5, DatapointsToAlarm: 3 }],
    ['a day of 5-minute periods', { ...metric, EvaluationPeriods: 288 }],
    ['a week of hourly periods', { ...metric, Period: 3600, EvaluationPeriods: 168 }],
    ['a metric-math alarm', math],
    ['an anomaly-detection alarm', anomaly],
    ['a PromQL alarm', { AlarmName: 'promql', EvaluationCriteria: { PromQLCriteria: { Query: 'up == 0' } }, EvaluationInterval: 60 }],
  ])('accepts %s', (_, input) => {
    expect(errorOf(input)).toBeUndefined();
  });

  it.each<[string, PutMetricAlarmInput, string, string | RegExp]>([
    ['no AlarmName', { ...metric, AlarmName: undefined }, 'ValidationError', "1 validation error detected: Value null at 'alarmName' failed to satisfy constraint: Member must not be null"],
    ['six alarm actions', { ...metric, AlarmActions: Array(6).fill('arn:aws:sns:us-east-1:123456789012:t') }, 'ValidationError', /at 'alarmActions' failed to satisfy constraint: Member must have length less than or equal to 5$/],
    ['31 dimensions', { ...metric, Dimensions: Array.from({ length: 31 }, (_, i) => ({ Name: `d${i}`, Value: 'v' })) }, 'ValidationError', /at 'dimensions' failed to satisfy constraint: Member must have length less than or equal to 30$/],
    ['a dimension without a value', { ...metric, Dimensions: [{ Name: 'd' }] }, 'ValidationError', /Value null at 'dimensions.1.member.value'/],
    ['an unknown Statistic', { ...metric, Statistic: 'Median' }, 'ValidationError', /Member must satisfy enum value set: \[SampleCount, Average, Sum, Minimum, Maximum\]/],
    ['a namespace starting with a colon', { ...metric, Namespace: ':SES' }, 'ValidationError', /Member must satisfy regular expression pattern: \[\^:\]\.\*/],
    ['a Period of 45', { ...metric, Period: 45 }, 'ValidationError', 'Period must be 10, 20, 30 or a multiple of 60'],
    ['no Period', { ...metric, Period: undefined }, 'ValidationError', 'Period must not be null'],
    ['neither MetricName nor Metrics', { ...metric, MetricName: undefined }, 'ValidationError', 'MetricName must not be null'],
    ['Statistic and ExtendedStatistic', { ...metric, ExtendedStatistic: 'p99' }, 'ValidationError', 'Statistic and ExtendedStatistic cannot both be set'],
    ['neither Statistic nor ExtendedStatistic', { ...metric, Statistic: undefined }, 'ValidationError', 'Statistic or ExtendedStatistic must be set'],
    ['an unsupported ExtendedStatistic', { ...metric, Statistic: undefined, ExtendedStatistic: 'median' }, 'InvalidParameterValue', 'The value median for parameter ExtendedStatistic is not supported.'],
    ['a percentile over 100', { ...metric, Statistic: undefined, ExtendedStatistic: 'p101' }, 'InvalidParameterValue', /ExtendedStatistic is not supported/],
    ['DatapointsToAlarm over EvaluationPeriods', { ...metric, EvaluationPeriods: 2, DatapointsToAlarm: 3 }, 'ValidationError', 'DatapointsToAlarm must be less than or equal to EvaluationPeriods'],
    ['more than a day of sub-hour periods', { ...metric, EvaluationPeriods: 289 }, 'ValidationError', /must not exceed 86400 seconds/],
    ['more than a week of hourly periods', { ...metric, Period: 3600, EvaluationPeriods: 169 }, 'ValidationError', /must not exceed 604800 seconds/],
    ['an unknown TreatMissingData', { ...metric, TreatMissingData: 'zero' }, 'ValidationError', /The value zero is not supported for TreatMissingData parameter/],
    ['an unknown EvaluateLowSampleCountPercentile', { ...metric, EvaluateLowSampleCountPercentile: 'skip' }, 'ValidationError', /Option skip is not supported/],
    ['no Threshold', { ...metric, Threshold: undefined }, 'ValidationError', 'Threshold must not be null'],
    ['an anomaly operator on a static threshold', { ...metric, ComparisonOperator: 'GreaterThanUpperThreshold' }, 'ValidationError', /only valid for alarms based on anomaly detection/],
    ['51 tags', { ...metric, Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) }, 'InvalidParameterValue', /at most 50 tags/],
    ['MetricName with Metrics', { ...math, MetricName: 'Send' }, 'ValidationError', 'MetricName should not be set if list of Metrics is set.'],
    ['Unit with Metrics', { ...math, Unit: 'Count' }, 'ValidationError', 'Unit should not be set if list of Metrics is set.'],
    ['two queries returning data', { ...math, Metrics: math.Metrics?.map((q) => ({ ...q, ReturnData: q.Id !== 'sends' })) }, 'ValidationError', 'Exactly one element of the metrics list should return data.'],
    ['no query returning data', { ...math, Metrics: math.Metrics?.map((q) => ({ ...q, ReturnData: false })) }, 'ValidationError', 'Exactly one element of the metrics list should return data.'],
    ['a query Id starting with a capital', { ...math, Metrics: math.Metrics?.map((q) => (q.Id === 'r' ? { ...q, Id: 'R' } : q)) }, 'ValidationError', /the Id "R" must start with a lowercase letter/],
    ['a duplicate query Id', { ...math, Metrics: math.Metrics?.map((q) => (q.Id === 'r' ? { ...q, Id: 'sends' } : q)) }, 'ValidationError', /the Id "sends" is used more than once/],
    ['a query with both Expression and MetricStat', { ...math, Metrics: math.Metrics?.map((q) => (q.Id === 'sends' ? { ...q, Expression: 'x' } : q)) }, 'ValidationError', /exactly one of Expression and MetricStat/],
    ['a query without a Stat', { ...math, Metrics: [{ Id: 'm', MetricStat: { Metric: { MetricName: 'Send' }, Period: 60 }, ReturnData: true }] }, 'ValidationError', /Value null at 'metrics.1.member.metricStat.stat'/],
    ['Threshold with ThresholdMetricId', { ...anomaly, Threshold: 1 }, 'ValidationError', 'Threshold and ThresholdMetricId cannot both be set'],
    ['an anomaly alarm with one query returning data', { ...anomaly, Metrics: anomaly.Metrics?.map((q) => ({ ...q, ReturnData: q.Id === 'band' })) }, 'ValidationError', 'Exactly two elements of the metrics list should return data.'],
    ['a ThresholdMetricId naming no query', { ...anomaly, ThresholdMetricId: 'nope' }, 'ValidationError', 'Metrics list must contain exactly one metric matching the ThresholdMetricId parameter'],
    ['EvaluationInterval on a metric alarm', { ...metric, EvaluationInterval: 60 }, 'ValidationError', 'EvaluationInterval should not be set if EvaluationCriteria is not set.'],
    ['a PromQL alarm with a Threshold', { AlarmName: 'p', EvaluationCriteria: { PromQLCriteria: { Query: 'up' } }, EvaluationInterval: 60, Threshold: 1 }, 'ValidationError', 'Threshold should not be set if EvaluationCriteria is set.'],
  ])('refuses %s', (_, input, code, message) => {
    const err = errorOf(input);
    expect(err?.code).toBe(code);
    if (typeof message === 'string') expect(err?.message).toBe(message);
    else expect(err?.message).toMatch(message);
  });
});

function formRequest(body: string): EmulatorRequest {
  return {
    method: 'POST',
    path: '/',
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: Buffer.from(body),
    region: 'us-east-1',
    accountId: '123456789012',
  };
}

const PUT_METRIC_ALARM = alarmOperations.find((o) => o.name === 'PutMetricAlarm')?.input as StructureShape;
const errors = cloudWatchErrors([]);
const decodeQuery = (req: EmulatorRequest, shape: StructureShape) => decodeInput(shape, readQueryInput(formParams(req), shape, errors), errors);
const queryOperation = (req: EmulatorRequest) => createCloudWatchHandler().operationOf(req);
const query = queryProtocol({ version: '2010-08-01', xmlns: 'http://monitoring.amazonaws.com/doc/2010-08-01/' });
const encodeQuery = (name: string, output: object, id: string) => query.encodeOutput({ name, input: NO_INPUT, run: () => undefined }, output, id);

describe('query protocol', () => {
  it('tells CloudWatch requests from other query services by Version', () => {
    expect(queryOperation(formRequest('Action=DescribeAlarms&Version=2010-08-01'))).toBe('DescribeAlarms');
    expect(queryOperation(formRequest('Action=CreateTopic&Version=2010-03-31'))).toBeUndefined();
    expect(queryOperation(formRequest('Version=2010-08-01'))).toBe('');
  });

  it('decodes nested lists and structures by the model, typed, in member-number order', () => {
    const body = [
      'Action=PutMetricAlarm',
      'Version=2010-08-01',
      'AlarmName=a%20b',
      'ActionsEnabled=false',
      'OKActions=',
      'Threshold=0.5',
      'EvaluationPeriods=3',
      'Metrics.member.2.Id=e',
      'Metrics.member.2.Expression=m%2F2',
      'Metrics.member.2.ReturnData=true',
      'Metrics.member.1.Id=m',
      'Metrics.member.1.MetricStat.Metric.Namespace=AWS%2FSES',
      'Metrics.member.1.MetricStat.Metric.Dimensions.member.1.Name=x',
      'Metrics.member.1.MetricStat.Metric.Dimensions.member.1.Value=y',
      'Metrics.member.1.MetricStat.Period=60',
      'Metrics.member.1.MetricStat.Stat=Sum',
      'Tags.member.1.Key=k',
      'Tags.member.1.Value=',
    ].join('&');
    expect(decodeQuery(formRequest(body), PUT_METRIC_ALARM)).toEqual({
      AlarmName: 'a b',
      ActionsEnabled: false,
      OKActions: [],
      Threshold: 0.5,
      EvaluationPeriods: 3,
      Metrics: [
        { Id: 'm', MetricStat: { Metric: { Namespace: 'AWS/SES', Dimensions: [{ Name: 'x', Value: 'y' }] }, Period: 60, Stat: 'Sum' } },
        { Id: 'e', Expression: 'm/2', ReturnData: true },
      ],
      Tags: [{ Key: 'k', Value: '' }],
    });
  });

  it('refuses a value of the wrong type', () => {
    expect(() => decodeQuery(formRequest('Period=sixty'), PUT_METRIC_ALARM)).toThrow(/Value 'sixty' at 'period' failed to satisfy constraint/);
  });

  it('encodes lists as members, timestamps as ISO 8601 and escapes text', () => {
    const r = encodeQuery('GetDashboard', { DashboardBody: '{"a":"<&>"}', Entries: [{ LastModified: new Date(0) }] }, 'rid');
    expect(r.body).toContain('<DashboardBody>{&quot;a&quot;:&quot;&lt;&amp;&gt;&quot;}</DashboardBody>');
    expect(r.body).toContain('<Entries><member><LastModified>1970-01-01T00:00:00.000Z</LastModified></member></Entries>');
    expect(r.body).toMatch(/^<GetDashboardResponse xmlns="http:\/\/monitoring.amazonaws.com\/doc\/2010-08-01\/"><GetDashboardResult>/);
  });
});

describe('ARNs and tokens', () => {
  it('round-trips alarm and dashboard ARNs, with the partition of the region', () => {
    expect(parseCloudWatchArn(alarmArn('eu-west-1', '123456789012', 'a:b'))).toEqual({ kind: 'alarm', partition: 'aws', region: 'eu-west-1', accountId: '123456789012', name: 'a:b' });
    expect(dashboardArn('cn-north-1', '123456789012', 'd')).toBe('arn:aws-cn:cloudwatch::123456789012:dashboard/d');
    expect(parseCloudWatchArn('arn:aws:cloudwatch::123456789012:dashboard/d')).toMatchObject({ kind: 'dashboard', name: 'd' });
    expect(parseCloudWatchArn('arn:aws:cloudwatch:us-east-1:123456789012:insight-rule/r')).toMatchObject({ kind: 'other' });
    expect(parseCloudWatchArn('arn:aws:sns:us-east-1:123456789012:t')).toBeUndefined();
  });

  it('decodes only its own paging tokens, for the list they page', () => {
    const cw = createCloudWatchHandler();
    const json = (operation: string, body: object) => {
      const req: EmulatorRequest = {
        ...formRequest(JSON.stringify(body)),
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `GraniteServiceVersion20100801.${operation}` },
      };
      const res = cw.handle(req, operation);
      return { status: res.status, body: JSON.parse(res.body) as { __type?: string; NextToken?: string; MetricAlarms?: { AlarmName: string }[] } };
    };
    const alarm = { MetricName: 'Send', Namespace: 'AWS/SES', Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' };
    for (const name of ['page-098', 'page-099', 'page-100']) expect(json('PutMetricAlarm', { ...alarm, AlarmName: name }).status).toBe(200);
    const first = json('DescribeAlarms', { MaxRecords: 2 });
    expect(first.body.MetricAlarms?.map((a) => a.AlarmName)).toEqual(['page-098', 'page-099']);
    const token = first.body.NextToken as string;
    expect(json('DescribeAlarms', { MaxRecords: 2, NextToken: token }).body.MetricAlarms?.map((a) => a.AlarmName)).toEqual(['page-100']);
    expect(json('ListDashboards', { NextToken: token }).body.__type).toBe('com.amazonaws.cloudwatch#InvalidParameterValueException');
    expect(json('DescribeAlarms', { NextToken: 'garbage' }).body.__type).toBe('com.amazonaws.cloudwatch#InvalidNextToken');
    // Bound to the filters it was issued for, too.
    expect(json('DescribeAlarms', { AlarmNamePrefix: 'page-1', NextToken: token }).body.__type).toBe('com.amazonaws.cloudwatch#InvalidNextToken');
  });
});
