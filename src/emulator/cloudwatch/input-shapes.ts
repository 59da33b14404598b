/**
 * The input members of the operations we serve, with their wire types (botocore cloudwatch 2010-08-01,
 * `shapes`). Both protocols need them: the query protocol sends every value as a string, so its decoder
 * coerces by type and recognises lists; the JSON protocol sends typed values, which we check so a wrong
 * type answers AWS's SerializationException instead of corrupting state.
 */
export type Shape =
  | 'string'
  | 'integer'
  | 'double'
  | 'boolean'
  | { readonly list: Shape }
  | { readonly struct: Readonly<Record<string, Shape>> };

const list = (member: Shape): Shape => ({ list: member });
const struct = (members: Record<string, Shape>): Shape => ({ struct: members });

const Dimension = struct({ Name: 'string', Value: 'string' });
const Tag = struct({ Key: 'string', Value: 'string' });
const MetricDataQuery = struct({
  Id: 'string',
  MetricStat: struct({
    Metric: struct({ Namespace: 'string', MetricName: 'string', Dimensions: list(Dimension) }),
    Period: 'integer',
    Stat: 'string',
    Unit: 'string',
  }),
  Expression: 'string',
  Label: 'string',
  ReturnData: 'boolean',
  Period: 'integer',
  AccountId: 'string',
});

export const INPUT_SHAPES: Readonly<Record<string, Readonly<Record<string, Shape>>>> = {
  PutMetricAlarm: {
    AlarmName: 'string',
    AlarmDescription: 'string',
    ActionsEnabled: 'boolean',
    OKActions: list('string'),
    AlarmActions: list('string'),
    InsufficientDataActions: list('string'),
    MetricName: 'string',
    Namespace: 'string',
    Statistic: 'string',
    ExtendedStatistic: 'string',
    Dimensions: list(Dimension),
    Period: 'integer',
    Unit: 'string',
    EvaluationPeriods: 'integer',
    DatapointsToAlarm: 'integer',
    Threshold: 'double',
    ComparisonOperator: 'string',
    TreatMissingData: 'string',
    EvaluateLowSampleCountPercentile: 'string',
    Metrics: list(MetricDataQuery),
    Tags: list(Tag),
    ThresholdMetricId: 'string',
    EvaluationCriteria: struct({ PromQLCriteria: struct({ Query: 'string', PendingPeriod: 'integer', RecoveryPeriod: 'integer' }) }),
    EvaluationInterval: 'integer',
  },
  DescribeAlarms: {
    AlarmNames: list('string'),
    AlarmNamePrefix: 'string',
    AlarmTypes: list('string'),
    ChildrenOfAlarmName: 'string',
    ParentsOfAlarmName: 'string',
    StateValue: 'string',
    ActionPrefix: 'string',
    MaxRecords: 'integer',
    NextToken: 'string',
  },
  DeleteAlarms: { AlarmNames: list('string') },
  TagResource: { ResourceARN: 'string', Tags: list(Tag) },
  UntagResource: { ResourceARN: 'string', TagKeys: list('string') },
  ListTagsForResource: { ResourceARN: 'string' },
  PutDashboard: { DashboardName: 'string', DashboardBody: 'string', Tags: list(Tag) },
  GetDashboard: { DashboardName: 'string' },
  ListDashboards: { DashboardNamePrefix: 'string', NextToken: 'string' },
  DeleteDashboards: { DashboardNames: list('string') },
};

export type Input = Readonly<Record<string, unknown>>;
