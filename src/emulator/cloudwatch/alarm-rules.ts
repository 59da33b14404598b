/**
 * PutMetricAlarm's input rules, in the order AWS applies them: first the model's member constraints (all
 * reported at once, core/constraints.ts), then the documented rules between members, one error at a time.
 *
 * Error codes. CloudWatch answers rule violations with `ValidationError` (400), not with the
 * InvalidParameterValue / InvalidParameterCombination / MissingParameter codes of its Common Errors page:
 * recorded answers are "Period must be 10, 30 or a multiple of 60 (… Error Code: ValidationError)"
 * (awsdocs/aws-cloudformation-user-guide#777), "ValidationError: Exactly one element of the metrics list
 * should return data." (hashicorp/terraform-provider-aws#29894), "ValidationError: Exactly two elements of
 * the metrics list should return data." and "…Metrics list must contain exactly one metric matching the
 * ThresholdMetricId parameter" (terraform-provider-aws#42504), "MetricName must not be null", "Unit should
 * not be set if list of Metrics is set", "Threshold and ThresholdMetricId cannot both be set"
 * (aws-cloudformation/cfn-lint#771, #1306), "ValidationError due to missing Period"
 * (sevenwestmedia-labs/pulumi-components#33). Those messages are AWS's; where no AWS wording was found the
 * message is ours and follows the same pattern. InvalidParameterValue is kept for an unsupported
 * ExtendedStatistic, which moto and LocalStack both answer that way, and for more than 50 tags
 * (INFERENCE: documented limit, undocumented error).
 */
import type { Constraints } from '../core/constraints.js';
import { memberPath } from '../core/shapes.js';
import { constraints, invalidParameterValue, validationError } from './errors.js';

export interface DimensionInput {
  readonly Name?: string;
  readonly Value?: string;
}

export interface TagInput {
  readonly Key?: string;
  readonly Value?: string;
}

export interface MetricDataQueryInput {
  readonly Id?: string;
  readonly MetricStat?: {
    readonly Metric?: { readonly Namespace?: string; readonly MetricName?: string; readonly Dimensions?: readonly DimensionInput[] };
    readonly Period?: number;
    readonly Stat?: string;
    readonly Unit?: string;
  };
  readonly Expression?: string;
  readonly Label?: string;
  readonly ReturnData?: boolean;
  readonly Period?: number;
  readonly AccountId?: string;
}

export interface PutMetricAlarmInput {
  readonly AlarmName?: string;
  readonly AlarmDescription?: string;
  readonly ActionsEnabled?: boolean;
  readonly OKActions?: readonly string[];
  readonly AlarmActions?: readonly string[];
  readonly InsufficientDataActions?: readonly string[];
  readonly MetricName?: string;
  readonly Namespace?: string;
  readonly Statistic?: string;
  readonly ExtendedStatistic?: string;
  readonly Dimensions?: readonly DimensionInput[];
  readonly Period?: number;
  readonly Unit?: string;
  readonly EvaluationPeriods?: number;
  readonly DatapointsToAlarm?: number;
  readonly Threshold?: number;
  readonly ComparisonOperator?: string;
  readonly TreatMissingData?: string;
  readonly EvaluateLowSampleCountPercentile?: string;
  readonly Metrics?: readonly MetricDataQueryInput[];
  readonly Tags?: readonly TagInput[];
  readonly ThresholdMetricId?: string;
  readonly EvaluationCriteria?: { readonly PromQLCriteria?: { readonly Query?: string; readonly PendingPeriod?: number; readonly RecoveryPeriod?: number } };
  readonly EvaluationInterval?: number;
}

/** Enums of the model (Statistic, StandardUnit, ComparisonOperator). */
const STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'];
export const UNITS = [
  'Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes', 'Bits', 'Kilobits',
  'Megabits', 'Gigabits', 'Terabits', 'Percent', 'Count', 'Bytes/Second', 'Kilobytes/Second', 'Megabytes/Second',
  'Gigabytes/Second', 'Terabytes/Second', 'Bits/Second', 'Kilobits/Second', 'Megabits/Second', 'Gigabits/Second',
  'Terabits/Second', 'Count/Second', 'None',
];
const ANOMALY_OPERATORS = ['LessThanLowerOrGreaterThanUpperThreshold', 'LessThanLowerThreshold', 'GreaterThanUpperThreshold'];
const COMPARISON_OPERATORS = ['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold', ...ANOMALY_OPERATORS];

/** "Valid Values: breaching | notBreaching | ignore | missing" (model, TreatMissingData). */
const TREAT_MISSING_DATA = ['breaching', 'notBreaching', 'ignore', 'missing'];

/**
 * The ExtendedStatistic forms the model lists: p90, tm90, tc90, ts90, wm90, IQM, PR(n:m), TC/TM/TS/WM(X%:X%);
 * MetricAlarm's doc allows percentiles p0.0 to p100.
 */
const EXTENDED_STATISTIC = /^(?:p(\d{1,3}(?:\.\d+)?)|(?:tm|tc|ts|wm)\d{1,2}(?:\.\d+)?|IQM|(?:PR|TM|TC|TS|WM)\([^:()]*:[^:()]*\))$/;

/** MetricDataQuery.Id: "must start with a lowercase letter … letters, numbers, and underscore" (model). */
const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/;

/** Period: "Valid values are 10, 20, 30, and any multiple of 60" (model, PutMetricAlarm.Period). */
export const isAlarmPeriod = (p: number): boolean => p === 10 || p === 20 || p === 30 || p % 60 === 0;

/** MetricStat.Period: 1, 5, 10, 20, 30 (high resolution) or any multiple of 60 (model, MetricStat). */
const isQueryPeriod = (p: number): boolean => [1, 5, 10, 20, 30].includes(p) || p % 60 === 0;

/**
 * Per-alarm limits: "up to 50 tags" (PutMetricAlarm.Tags doc); ≤ 10 MetricStat and ≤ 10 expressions
 * (docs/aws-behaviour.md, "CloudWatch alarms").
 */
export const MAX_TAGS = 50;
const MAX_METRIC_STATS = 10;
const MAX_EXPRESSIONS = 10;

function checkDimensions(c: Constraints, path: (string | number)[], dims: readonly DimensionInput[] | undefined): void {
  const p = memberPath(...path);
  c.items(p, dims, 30);
  dims?.forEach((d, i) => {
    c.required(`${p}.${i + 1}.member.name`, d.Name).length(`${p}.${i + 1}.member.name`, d.Name, 1, 255);
    c.required(`${p}.${i + 1}.member.value`, d.Value).length(`${p}.${i + 1}.member.value`, d.Value, 1, 1024);
  });
}

/** The model's member constraints (botocore cloudwatch 2010-08-01 `min`/`max`/`enum`/`pattern`/`required`). */
function checkMembers(a: PutMetricAlarmInput): void {
  const c = constraints();
  c.required('alarmName', a.AlarmName).length('alarmName', a.AlarmName, 1, 255);
  c.length('alarmDescription', a.AlarmDescription, 0, 1024);
  for (const name of ['OKActions', 'AlarmActions', 'InsufficientDataActions'] as const) {
    c.items(memberPath(name), a[name], 5);
    a[name]?.forEach((arn, i) => c.length(`${memberPath(name)}.${i + 1}.member`, arn, 1, 1024));
  }
  c.length('metricName', a.MetricName, 1, 255);
  c.length('namespace', a.Namespace, 1, 255).pattern('namespace', a.Namespace, /^[^:].*$/s, '[^:].*');
  c.oneOf('statistic', a.Statistic, STATISTICS);
  checkDimensions(c, ['Dimensions'], a.Dimensions);
  c.range('period', a.Period, 1);
  c.oneOf('unit', a.Unit, UNITS);
  c.range('evaluationPeriods', a.EvaluationPeriods, 1);
  c.range('datapointsToAlarm', a.DatapointsToAlarm, 1);
  c.oneOf('comparisonOperator', a.ComparisonOperator, COMPARISON_OPERATORS);
  c.length('treatMissingData', a.TreatMissingData, 1, 255);
  c.length('evaluateLowSampleCountPercentile', a.EvaluateLowSampleCountPercentile, 1, 255);
  a.Metrics?.forEach((q, i) => {
    const p = `metrics.${i + 1}.member`;
    c.required(`${p}.id`, q.Id).length(`${p}.id`, q.Id, 1, 255);
    c.length(`${p}.expression`, q.Expression, 1, 2048);
    c.range(`${p}.period`, q.Period, 1);
    c.length(`${p}.accountId`, q.AccountId, 1, 255);
    const s = q.MetricStat;
    if (s) {
      c.required(`${p}.metricStat.metric`, s.Metric).required(`${p}.metricStat.period`, s.Period).required(`${p}.metricStat.stat`, s.Stat);
      c.range(`${p}.metricStat.period`, s.Period, 1);
      c.oneOf(`${p}.metricStat.unit`, s.Unit, UNITS);
      c.length(`${p}.metricStat.metric.namespace`, s.Metric?.Namespace, 1, 255);
      c.pattern(`${p}.metricStat.metric.namespace`, s.Metric?.Namespace, /^[^:].*$/s, '[^:].*');
      c.length(`${p}.metricStat.metric.metricName`, s.Metric?.MetricName, 1, 255);
      checkDimensions(c, ['Metrics', i, 'MetricStat', 'Metric', 'Dimensions'], s.Metric?.Dimensions);
    }
  });
  a.Tags?.forEach((t, i) => {
    c.required(`tags.${i + 1}.member.key`, t.Key).length(`tags.${i + 1}.member.key`, t.Key, 1, 128);
    c.required(`tags.${i + 1}.member.value`, t.Value).length(`tags.${i + 1}.member.value`, t.Value, 0, 256);
  });
  c.length('thresholdMetricId', a.ThresholdMetricId, 1, 255);
  c.range('evaluationInterval', a.EvaluationInterval, 10, 3600);
  const promql = a.EvaluationCriteria?.PromQLCriteria;
  if (a.EvaluationCriteria) {
    c.required('evaluationCriteria.promQLCriteria', promql);
    c.required('evaluationCriteria.promQLCriteria.query', promql?.Query).length('evaluationCriteria.promQLCriteria.query', promql?.Query, 1, 10000);
    c.range('evaluationCriteria.promQLCriteria.pendingPeriod', promql?.PendingPeriod, 0, 86400);
    c.range('evaluationCriteria.promQLCriteria.recoveryPeriod', promql?.RecoveryPeriod, 0, 86400);
  }
  c.check();
}

const present = (v: unknown): boolean => v !== undefined && !(Array.isArray(v) && v.length === 0);

/** Members that describe the metric directly; excluded by Metrics and by EvaluationCriteria (model docs). */
const METRIC_MEMBERS = ['MetricName', 'Namespace', 'Dimensions', 'Period', 'Unit', 'Statistic', 'ExtendedStatistic'] as const;

/** "If you use the EvaluationCriteria parameter, you cannot include …" (model, PutMetricAlarm.EvaluationCriteria). */
const NOT_WITH_CRITERIA = [...METRIC_MEMBERS, 'Metrics', 'Threshold', 'ComparisonOperator', 'ThresholdMetricId', 'EvaluationPeriods', 'DatapointsToAlarm'] as const;

/**
 * The evaluation range: Period × EvaluationPeriods "must be 604,800 seconds (7 days) or less, and … 86,400
 * seconds (one day) or less" when Period is under an hour (model, PutMetricAlarm.EvaluationPeriods/Period;
 * docs/aws-behaviour.md, "CloudWatch alarms"). The wording of the error is ours.
 */
function checkEvaluationRange(period: number, evaluationPeriods: number): void {
  const seconds = period * evaluationPeriods;
  if (seconds > 604_800) throw validationError(`The evaluation period (Period × EvaluationPeriods = ${seconds} seconds) must not exceed 604800 seconds (7 days).`);
  if (period < 3600 && seconds > 86_400) {
    throw validationError(`The evaluation period (Period × EvaluationPeriods = ${seconds} seconds) must not exceed 86400 seconds (1 day) when Period is less than 3600 seconds.`);
  }
}

function checkMetricQueries(a: PutMetricAlarmInput, metrics: readonly MetricDataQueryInput[]): void {
  for (const m of METRIC_MEMBERS) if (present(a[m])) throw validationError(`${m} should not be set if list of Metrics is set.`);
  const ids = new Set<string>();
  for (const q of metrics) {
    const id = q.Id as string;
    if (!QUERY_ID.test(id)) {
      throw validationError(`Invalid metrics list: the Id "${id}" must start with a lowercase letter and contain only letters, numbers and underscores.`);
    }
    if (ids.has(id)) throw validationError(`Invalid metrics list: the Id "${id}" is used more than once.`);
    ids.add(id);
    if ((q.Expression === undefined) === (q.MetricStat === undefined)) {
      throw validationError(`Invalid metrics list: the query "${id}" must have exactly one of Expression and MetricStat.`);
    }
    if (q.MetricStat?.Metric && q.MetricStat.Metric.MetricName === undefined) throw validationError(`Invalid metrics list: the query "${id}" has no MetricName.`);
    const period = q.MetricStat?.Period;
    if (period !== undefined && !isQueryPeriod(period)) {
      throw validationError(`Invalid metrics list: the period of the query "${id}" must be 1, 5, 10, 20, 30 or a multiple of 60.`);
    }
  }
  const stats = metrics.filter((q) => q.MetricStat).length;
  if (stats > MAX_METRIC_STATS) throw validationError(`Invalid metrics list: an alarm can have at most ${MAX_METRIC_STATS} metrics (MetricStat), got ${stats}.`);
  const expressions = metrics.length - stats;
  if (expressions > MAX_EXPRESSIONS) throw validationError(`Invalid metrics list: an alarm can have at most ${MAX_EXPRESSIONS} expressions, got ${expressions}.`);
  // INFERENCE: only an explicit `ReturnData: true` counts. The docs ask for true on one query and false on
  // all others; whether an omitted ReturnData counts as true (GetMetricData's default) is not documented.
  const returning = metrics.filter((q) => q.ReturnData === true).length;
  if (a.ThresholdMetricId !== undefined) {
    if (returning !== 2) throw validationError('Exactly two elements of the metrics list should return data.');
    if (metrics.filter((q) => q.Id === a.ThresholdMetricId).length !== 1) {
      throw validationError('Metrics list must contain exactly one metric matching the ThresholdMetricId parameter');
    }
  } else if (returning !== 1) {
    throw validationError('Exactly one element of the metrics list should return data.');
  }
}

/** Throws the error AWS answers for an invalid PutMetricAlarm input; returns when the input is valid. */
export function checkPutMetricAlarm(a: PutMetricAlarmInput): void {
  checkMembers(a);
  // "The name must contain only UTF-8 characters, and can't contain ASCII control characters" (model).
  if (/[\u0000-\u001f\u007f]/.test(a.AlarmName as string)) throw validationError('AlarmName must not contain ASCII control characters.');
  if (a.Tags && a.Tags.length > MAX_TAGS) throw invalidParameterValue(`An alarm can have at most ${MAX_TAGS} tags; got ${a.Tags.length}.`);

  if (a.EvaluationCriteria !== undefined) {
    for (const m of NOT_WITH_CRITERIA) if (present(a[m])) throw validationError(`${m} should not be set if EvaluationCriteria is set.`);
    if (a.EvaluationInterval === undefined) throw validationError('EvaluationInterval must not be null');
    if (!isAlarmPeriod(a.EvaluationInterval)) throw validationError('EvaluationInterval must be 10, 20, 30 or a multiple of 60');
    return;
  }
  // "This parameter is required for alarms that use EvaluationCriteria, and cannot be specified for alarms
  // configured with MetricName or Metrics" (model, EvaluationInterval).
  if (a.EvaluationInterval !== undefined) throw validationError('EvaluationInterval should not be set if EvaluationCriteria is not set.');

  const metrics = a.Metrics && a.Metrics.length > 0 ? a.Metrics : undefined;
  if (metrics) checkMetricQueries(a, metrics);
  else {
    // "For each PutMetricAlarm operation, you must specify either MetricName, a Metrics array, or an
    // EvaluationCriteria" (model); AWS words the missing case as below (cfn-lint#771).
    if (a.MetricName === undefined) throw validationError('MetricName must not be null');
    if (a.Namespace === undefined) throw validationError('Namespace must not be null');
    if (a.Statistic !== undefined && a.ExtendedStatistic !== undefined) throw validationError('Statistic and ExtendedStatistic cannot both be set');
    if (a.Statistic === undefined && a.ExtendedStatistic === undefined) throw validationError('Statistic or ExtendedStatistic must be set');
    if (a.ExtendedStatistic !== undefined) {
      const m = EXTENDED_STATISTIC.exec(a.ExtendedStatistic);
      if (!m || (m[1] !== undefined && Number(m[1]) > 100)) {
        throw invalidParameterValue(`The value ${a.ExtendedStatistic} for parameter ExtendedStatistic is not supported.`);
      }
    }
    if (a.Period === undefined) throw validationError('Period must not be null');
    if (!isAlarmPeriod(a.Period)) throw validationError('Period must be 10, 20, 30 or a multiple of 60');
    if (a.ThresholdMetricId !== undefined) throw validationError('ThresholdMetricId should not be set if list of Metrics is not set.');
  }

  if (a.EvaluationPeriods === undefined) throw validationError('EvaluationPeriods must not be null');
  if (a.ComparisonOperator === undefined) throw validationError('ComparisonOperator must not be null');
  if (a.Threshold !== undefined && a.ThresholdMetricId !== undefined) throw validationError('Threshold and ThresholdMetricId cannot both be set');
  if (a.Threshold === undefined && a.ThresholdMetricId === undefined) throw validationError('Threshold must not be null');
  // "LessThanLowerOrGreaterThanUpperThreshold, LessThanLowerThreshold, and GreaterThanUpperThreshold are used
  // only for alarms based on anomaly detection models" (model, ComparisonOperator).
  const anomaly = ANOMALY_OPERATORS.includes(a.ComparisonOperator);
  if (anomaly !== (a.ThresholdMetricId !== undefined)) {
    throw validationError(
      anomaly
        ? `ComparisonOperator ${a.ComparisonOperator} is only valid for alarms based on anomaly detection models (ThresholdMetricId).`
        : `ComparisonOperator ${a.ComparisonOperator} is not valid for alarms based on anomaly detection models.`,
    );
  }
  if (a.DatapointsToAlarm !== undefined && a.DatapointsToAlarm > a.EvaluationPeriods) {
    // INFERENCE: M of N needs M ≤ N (implied: docs/aws-behaviour.md, "CloudWatch alarms"); the wording is ours.
    throw validationError('DatapointsToAlarm must be less than or equal to EvaluationPeriods');
  }
  const period = metrics ? Math.max(0, ...metrics.map((q) => q.MetricStat?.Period ?? q.Period ?? 0)) : (a.Period as number);
  if (period > 0) checkEvaluationRange(period, a.EvaluationPeriods);
  if (a.TreatMissingData !== undefined && !TREAT_MISSING_DATA.includes(a.TreatMissingData)) {
    // Wording recorded by LocalStack's CloudWatch provider (provider_v2.put_metric_alarm).
    throw validationError(
      `The value ${a.TreatMissingData} is not supported for TreatMissingData parameter. Supported values are [breaching, notBreaching, ignore, missing].`,
    );
  }
  if (a.EvaluateLowSampleCountPercentile !== undefined && !['evaluate', 'ignore'].includes(a.EvaluateLowSampleCountPercentile)) {
    // Wording recorded by moto (cloudwatch/models.py put_metric_alarm).
    throw validationError(
      `Option ${a.EvaluateLowSampleCountPercentile} is not supported. Supported options for parameter EvaluateLowSampleCountPercentile are evaluate and ignore.`,
    );
  }
}
