/**
 * CloudWatch SDK shapes <-> the canonical Alarm (model/resources.ts), and nothing else: no calls, no I/O.
 *
 * Read side (DescribeAlarms MetricAlarm + ListTagsForResource Tags -> Alarm): the result must equal what
 * config/normalize.ts + plan/resolve.ts (topic names -> ARNs) + canonicalize() make of a file that means
 * the same thing, or every plan shows a perpetual diff (docs/architecture.md, "The file format"). Every
 * AWS spelling of a default folds into the model's one spelling here (docs/aws-behaviour.md, "CloudWatch
 * alarms"); the three CloudWatch defaults are left absent and filled in by canonicalize(), as for the file:
 *   TreatMissingData absent                    -> 'missing' ("If this parameter is omitted, the default
 *                                                 behavior of missing is used", MetricAlarm doc)
 *   DatapointsToAlarm absent                   -> EvaluationPeriods (N of N)
 *   ActionsEnabled absent                      -> true ("The default is TRUE")
 *   OKActions / AlarmActions / InsufficientDataActions absent or [] -> []; each ARN -> {arn} (the planner
 *                                                 resolves the file's {topic} refs to ARNs before comparing)
 *   Dimensions absent or []                    -> []; [{Name, Value}] -> {name, value}, sorted by canonicalize
 *   Statistic / ExtendedStatistic / Unit absent -> undefined (dropped by canonicalize)
 *   EvaluateLowSampleCountPercentile '' or absent -> undefined (Terraform marks it Computed: the service
 *                                                 may answer "" for "not set", docs/aws-behaviour.md,
 *                                                 "CloudWatch alarms")
 *   AlarmDescription absent                    -> undefined ('' is kept: PutMetricAlarm accepts 0..1024)
 *   MetricName present                         -> query {type: 'metric', …, period: Period}
 *   Metrics non-empty                          -> query {type: 'math', metrics} in AWS's order (expressions
 *                                                 refer to ids; both the emulator and moto keep the order
 *                                                 they were put in). moto answers `Metrics: []` for a
 *                                                 metric alarm (test/conformance/cloudwatch.test.ts), so
 *                                                 an empty list is "no metric math", like absent.
 *   MetricDataQuery.ReturnData absent          -> false. Both the emulator and moto 5.2.1 echo ReturnData
 *                                                 as it was put (absent stays absent); AWS documents true
 *                                                 as GetMetricData's default but asks PutMetricAlarm
 *                                                 callers for true on one query and false on all others,
 *                                                 and the emulator counts only an explicit true toward
 *                                                 "exactly one returns data" (INFERENCE, emulator
 *                                                 alarm-rules.ts). The question only arises for alarms
 *                                                 put by other tools: ours always send ReturnData, so
 *                                                 after one apply it is explicit.
 *   MetricDataQuery Label absent               -> undefined
 *   AlarmArn, State*, *Timestamp, EvaluationState, StateReasonData -> dropped (server-owned)
 *   MetricDataQuery.Period / AccountId (expression period, cross-account) -> dropped (not in the model)
 *   Tags [{Key, Value}]                        -> record (a missing Value is "")
 * Alarms the model cannot describe (PromQL EvaluationCriteria, anomaly-detection ThresholdMetricId, or
 * neither a metric nor metric math) are refused with a ReconcileError rather than guessed at: a plan over
 * a lossy reading would overwrite what ses-reconcile cannot even show (as sesv2/mapping.ts does for an
 * unknown destination type).
 *
 * Write side (Alarm -> PutMetricAlarmInput): every member the model defines and nothing else. Update
 * "completely overwrites the previous configuration" (docs/aws-behaviour.md, "CloudWatch alarms"), so a
 * member left out is cleared: that is how a description, a unit or an action is removed, and why empty action
 * and dimension lists are left out rather than sent as `[]` (same meaning, and nothing for the query protocol
 * to mis-encode). ReturnData is sent on every metric-math query, true or false: AWS wants "true on exactly
 * one, false on all others" (docs/aws-behaviour.md, "CloudWatch alarms"). Tags are included, though they
 * apply only when the call creates the alarm; on an update AWS ignores them, and the planner emits TagAlarm /
 * UntagAlarm steps instead.
 */
import type {
  Dimension,
  MetricAlarm,
  MetricDataQuery,
  PutMetricAlarmCommandInput,
  StandardUnit,
  Tag,
} from '@aws-sdk/client-cloudwatch';
import { EXIT, ReconcileError } from '../../errors.js';
import { canonicalize } from '../../model/canonical.js';
import type {
  Alarm,
  AlarmQuery,
  ComparisonOperator,
  MetricDimension,
  MetricQuery,
  MetricRef,
  Statistic,
  TopicRef,
  TreatMissingData,
} from '../../model/resources.js';
import { tagsFromAws, tagsToAws } from '../tags.js';

export { tagsFromAws, tagsToAws };

// ---------------------------------------------------------------------------------------------------
// AWS -> model

function dimensionsFromAws(dims: readonly Dimension[] | undefined): MetricDimension[] {
  return (dims ?? []).map((d) => ({ name: d.Name ?? '', value: d.Value ?? '' }));
}

function actionsFromAws(arns: readonly string[] | undefined): TopicRef[] {
  return (arns ?? []).map((arn) => ({ arn }));
}

function unsupported(name: string, what: string): ReconcileError {
  return new ReconcileError(
    `alarm ${name} is ${what}, which ses-reconcile does not manage (it manages static-threshold metric and metric-math alarms); rename it or leave it out of the file`,
    EXIT.failure,
  );
}

function queryFromAws(q: MetricDataQuery): MetricQuery {
  const common = { id: q.Id ?? '', label: q.Label, returnData: q.ReturnData === true };
  if (q.MetricStat) {
    const m = q.MetricStat;
    return {
      ...common,
      kind: 'metric',
      metric: {
        namespace: m.Metric?.Namespace ?? '',
        metricName: m.Metric?.MetricName ?? '',
        dimensions: dimensionsFromAws(m.Metric?.Dimensions),
      },
      stat: m.Stat ?? '',
      period: m.Period ?? 0,
      unit: m.Unit,
    };
  }
  return { ...common, kind: 'expression', expression: q.Expression ?? '' };
}

function alarmQueryFromAws(name: string, a: MetricAlarm): AlarmQuery {
  if (a.EvaluationCriteria) throw unsupported(name, 'a PromQL alarm (EvaluationCriteria)');
  if (a.ThresholdMetricId !== undefined) throw unsupported(name, 'an anomaly-detection alarm (ThresholdMetricId)');
  if (a.Metrics && a.Metrics.length > 0) return { type: 'math', metrics: a.Metrics.map(queryFromAws) };
  if (a.MetricName === undefined) throw unsupported(name, 'neither a metric nor a metric-math alarm');
  return {
    type: 'metric',
    // '' and 0 only for an answer that breaks the model's rules: the plan then shows the file's value as a change.
    metric: { namespace: a.Namespace ?? '', metricName: a.MetricName, dimensions: dimensionsFromAws(a.Dimensions) },
    statistic: a.Statistic as Statistic | undefined,
    extendedStatistic: a.ExtendedStatistic,
    unit: a.Unit,
    period: a.Period ?? 0,
  };
}

function lowSampleCountFromAws(v: string | undefined): Alarm['evaluateLowSampleCountPercentile'] {
  return v === undefined || v === '' ? undefined : (v as Alarm['evaluateLowSampleCountPercentile']);
}

/**
 * One DescribeAlarms MetricAlarm and its ListTagsForResource tags as a canonical Alarm.
 * Throws a ReconcileError for an alarm the model cannot describe (see the header).
 */
export function alarmFromAws(a: MetricAlarm, tags: readonly Tag[] | undefined): Alarm {
  const name = a.AlarmName;
  if (name === undefined) throw new ReconcileError('DescribeAlarms answered an alarm without AlarmName', EXIT.failure);
  const query = alarmQueryFromAws(name, a);
  const evaluationPeriods = a.EvaluationPeriods ?? 0;
  return canonicalize({
    kind: 'alarm',
    name,
    description: a.AlarmDescription,
    actionsEnabled: a.ActionsEnabled,
    alarmActions: actionsFromAws(a.AlarmActions),
    okActions: actionsFromAws(a.OKActions),
    insufficientDataActions: actionsFromAws(a.InsufficientDataActions),
    query,
    evaluationPeriods,
    datapointsToAlarm: a.DatapointsToAlarm,
    threshold: a.Threshold ?? 0,
    comparison: (a.ComparisonOperator ?? '') as ComparisonOperator,
    treatMissingData: a.TreatMissingData as TreatMissingData | undefined,
    evaluateLowSampleCountPercentile: lowSampleCountFromAws(a.EvaluateLowSampleCountPercentile),
    tags: tagsFromAws(tags),
  });
}

// ---------------------------------------------------------------------------------------------------
// model -> AWS requests

function dimensionsToAws(dims: readonly MetricDimension[]): { Dimensions?: Dimension[] } {
  return dims.length > 0 ? { Dimensions: dims.map((d) => ({ Name: d.name, Value: d.value })) } : {};
}

function metricToAws(m: MetricRef) {
  return { Namespace: m.namespace, MetricName: m.metricName, ...dimensionsToAws(m.dimensions) };
}

function queryToAws(q: MetricQuery): MetricDataQuery {
  const label = q.label !== undefined ? { Label: q.label } : {};
  if (q.kind === 'expression') return { Id: q.id, Expression: q.expression, ...label, ReturnData: q.returnData };
  return {
    Id: q.id,
    MetricStat: {
      Metric: metricToAws(q.metric),
      Period: q.period,
      Stat: q.stat,
      ...(q.unit !== undefined ? { Unit: q.unit as StandardUnit } : {}),
    },
    ...label,
    ReturnData: q.returnData,
  };
}

function queryInputToAws(q: AlarmQuery): Partial<PutMetricAlarmCommandInput> {
  if (q.type === 'math') return { Metrics: q.metrics.map(queryToAws) };
  return {
    ...metricToAws(q.metric),
    ...(q.statistic !== undefined ? { Statistic: q.statistic } : {}),
    ...(q.extendedStatistic !== undefined ? { ExtendedStatistic: q.extendedStatistic } : {}),
    Period: q.period,
    ...(q.unit !== undefined ? { Unit: q.unit as StandardUnit } : {}),
  };
}

/**
 * The whole alarm as one PutMetricAlarm (create, or a complete overwrite). `topicArnOf` resolves a topic
 * of the file by name; only the adapter knows the account and Region. Two references to the same topic
 * (by name and by ARN) become one action.
 */
export function putMetricAlarmInput(alarm: Alarm, topicArnOf: (ref: TopicRef) => string): PutMetricAlarmCommandInput {
  const actions = (member: 'OKActions' | 'AlarmActions' | 'InsufficientDataActions', refs: readonly TopicRef[]) => {
    const arns = [...new Set(refs.map(topicArnOf))];
    return arns.length > 0 ? { [member]: arns } : {};
  };
  return {
    AlarmName: alarm.name,
    ...(alarm.description !== undefined ? { AlarmDescription: alarm.description } : {}),
    ActionsEnabled: alarm.actionsEnabled,
    ...actions('OKActions', alarm.okActions),
    ...actions('AlarmActions', alarm.alarmActions),
    ...actions('InsufficientDataActions', alarm.insufficientDataActions),
    ...queryInputToAws(alarm.query),
    EvaluationPeriods: alarm.evaluationPeriods,
    DatapointsToAlarm: alarm.datapointsToAlarm,
    Threshold: alarm.threshold,
    ComparisonOperator: alarm.comparison,
    TreatMissingData: alarm.treatMissingData,
    ...(alarm.evaluateLowSampleCountPercentile !== undefined ? { EvaluateLowSampleCountPercentile: alarm.evaluateLowSampleCountPercentile } : {}),
    ...(Object.keys(alarm.tags).length > 0 ? { Tags: tagsToAws(alarm.tags) } : {}),
  };
}
