/**
 * Metric alarms: PutMetricAlarm, DescribeAlarms, DeleteAlarms. Alarms are regional ("This name must be
 * unique within the Region", model), so each region has its own set.
 *
 * What DescribeAlarms returns for an alarm (docs/aws-behaviour.md, "CloudWatch alarms"): every member that
 * was put, as put; the server-owned members (AlarmArn, StateValue, StateReason, the three timestamps);
 * ActionsEnabled always (default true); and the three action lists and Dimensions always, `[]` when not put.
 * The lists are there because AWS sends them: DescribeAlarms of alarms created without actions or dimensions
 * answered `"AlarmActions": [], "Dimensions": [], "InsufficientDataActions": [], "OKActions": []` when
 * recorded against AWS (localstack tests/aws/services/cloudwatch/test_cloudwatch.snapshot.json,
 * test_describe_minimal_metric_alarm, 2023). Every other member not put is absent: no TreatMissingData
 * (absent ≡ `missing`), no DatapointsToAlarm (absent ≡ EvaluationPeriods), no Unit, no
 * EvaluateLowSampleCountPercentile, no Metrics on a metric alarm, no StateReasonData before any evaluation
 * (same recordings).
 *
 * Alarms are evaluated over the metric store (alarm-evaluation.ts) when their data may have changed
 * their state: after a publication into a metric they watch (PutMetricData, SES events: `onMetrics`)
 * and, for the time that passed, before DescribeAlarms answers. There is no timer. A change of state
 * sets StateValue, StateReason, StateReasonData and both state timestamps, and runs the new state's
 * actions (alarm-actions.ts).
 */
import type { EmulatorLogger, TopicPublisher } from '../types.js';
import { pageOf, type TokenRules } from '../core/paging.js';
import { boolean, double, list, structure } from '../core/shapes.js';
import { alarmArn } from './arn.js';
import { constraints, invalidNextToken, invalidParameterCombination, validationError } from './errors.js';
import { checkPutMetricAlarm, type PutMetricAlarmInput } from './alarm-rules.js';
import { runAlarmActions } from './alarm-actions.js';
import { evaluateAlarm, watchedMetrics, type StateValue } from './alarm-evaluation.js';
import type { MetricStore } from './metric-store.js';
import { operation, type CloudWatchContext, type Input } from './context.js';
import { Dimension, Integer, MetricDataQuery, Names, TagList, Text } from './shapes.js';
import type { TagStore } from './tags.js';

/** What the store needs of a request. */
type RequestContext = Pick<CloudWatchContext, 'region' | 'accountId' | 'now'>;

interface StoredAlarm {
  readonly name: string;
  readonly arn: string;
  /** The members that were put, except AlarmName and Tags, with ActionsEnabled defaulted. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly configUpdated: Date;
  readonly state: { readonly value: StateValue; readonly reason: string; readonly reasonData?: string; readonly updated: Date; readonly transitioned: Date };
  /** The metric-store keys of the metrics it watches (alarm-evaluation.ts watchedMetrics). */
  readonly watches: ReadonlySet<string>;
}

/** The configuration members of MetricAlarm, in the model's member order. */
const CONFIG_MEMBERS = [
  'AlarmDescription', 'ActionsEnabled', 'OKActions', 'AlarmActions', 'InsufficientDataActions', 'MetricName', 'Namespace',
  'Statistic', 'ExtendedStatistic', 'Dimensions', 'Period', 'Unit', 'EvaluationPeriods', 'DatapointsToAlarm', 'Threshold',
  'ComparisonOperator', 'TreatMissingData', 'EvaluateLowSampleCountPercentile', 'Metrics', 'ThresholdMetricId',
  'EvaluationCriteria', 'EvaluationInterval',
] as const;

/** Lists DescribeAlarms always returns, `[]` when not put (header comment). */
const ALWAYS_LISTED = ['OKActions', 'AlarmActions', 'InsufficientDataActions', 'Dimensions'] as const;

/** The MetricAlarm a DescribeAlarms answer carries, members in the model's order. */
function describe(a: StoredAlarm): Record<string, unknown> {
  const c = a.config;
  const pick = (m: string) => (c[m] !== undefined ? { [m]: c[m] } : {});
  const list = (m: string) => ({ [m]: c[m] ?? [] });
  return {
    AlarmName: a.name,
    AlarmArn: a.arn,
    ...pick('AlarmDescription'),
    AlarmConfigurationUpdatedTimestamp: a.configUpdated,
    ActionsEnabled: c.ActionsEnabled,
    ...list('OKActions'),
    ...list('AlarmActions'),
    ...list('InsufficientDataActions'),
    StateValue: a.state.value,
    StateReason: a.state.reason,
    ...(a.state.reasonData !== undefined ? { StateReasonData: a.state.reasonData } : {}),
    StateUpdatedTimestamp: a.state.updated,
    ...pick('MetricName'),
    ...pick('Namespace'),
    ...pick('Statistic'),
    ...pick('ExtendedStatistic'),
    ...list('Dimensions'),
    ...pick('Period'),
    ...pick('Unit'),
    ...pick('EvaluationPeriods'),
    ...pick('DatapointsToAlarm'),
    ...pick('Threshold'),
    ...pick('ComparisonOperator'),
    ...pick('TreatMissingData'),
    ...pick('EvaluateLowSampleCountPercentile'),
    ...pick('Metrics'),
    ...pick('ThresholdMetricId'),
    StateTransitionedTimestamp: a.state.transitioned,
    ...pick('EvaluationCriteria'),
    ...pick('EvaluationInterval'),
  };
}

/**
 * INFERENCE: the order DescribeAlarms answers in. AWS documents none; in practice it is by alarm name,
 * so this list, alone of the emulator's (core/list-order.ts), is in name order, code-unit order (upper
 * case before lower case): an alarm's list position is its name. Never insertion order, so nothing can
 * come to rely on it.
 */
const positionByName = (a: StoredAlarm): string => a.name;

/**
 * A token that does not decode, belongs to another list or to other filters answers InvalidNextToken,
 * DescribeAlarms' modeled error.
 */
const ALARM_TOKENS: TokenRules = { list: 'cloudwatch:DescribeAlarms', malformed: invalidNextToken };

export interface AlarmSettings {
  /** INFERENCE: DescribeAlarms' page size when MaxRecords is omitted; the model gives no default. @default 50 */
  readonly describeAlarmsPageSize: number;
}

/** What evaluation needs besides the alarms: the metrics, the topics actions publish to, the log. */
export interface AlarmEvaluationLinks {
  readonly metrics: MetricStore;
  readonly topics: TopicPublisher;
  readonly log: EmulatorLogger;
}

export class AlarmStore {
  private readonly regions = new Map<string, Map<string, StoredAlarm>>();

  constructor(
    private readonly tags: TagStore,
    private readonly settings: () => AlarmSettings,
    private readonly links: AlarmEvaluationLinks,
  ) {}

  /**
   * Evaluate the Region's alarms (those `which` selects) at `now`, and apply each change of state. The
   * account is the emulator's one (for the notification's AWSAccountId).
   */
  evaluate(region: string, accountId: string, now: Date, which: (a: StoredAlarm) => boolean = () => true): void {
    const alarms = this.region(region);
    for (const alarm of [...alarms.values()].filter(which)) {
      const result = evaluateAlarm(alarm.config as PutMetricAlarmInput, this.links.metrics, region, now, alarm.state.value);
      if ('skipped' in result) {
        // An alarm waiting for its first datapoint is the usual case, not news: only the others are logged.
        if (result.noData) continue;
        this.links.log.write({ level: 'debug', service: 'cloudwatch', event: 'cloudwatch:AlarmNotEvaluated', message: `alarm ${alarm.name} not evaluated: ${result.skipped}`, details: { alarmName: alarm.name } });
        continue;
      }
      if (result.value === alarm.state.value) continue;
      const from = alarm.state.value;
      alarms.set(alarm.name, { ...alarm, state: { value: result.value, reason: result.reason, reasonData: result.reasonData, updated: now, transitioned: now } });
      runAlarmActions(
        { name: alarm.name, arn: alarm.arn, region, accountId, config: alarm.config as PutMetricAlarmInput, configUpdated: alarm.configUpdated, from, to: result.value, reason: result.reason, reasonData: result.reasonData, at: now },
        this.links.topics,
        this.links.log,
      );
    }
  }

  /** New datapoints for the metrics `keys` of `region`: evaluate the alarms that watch any of them. */
  onMetrics(region: string, accountId: string, keys: ReadonlySet<string>, now: Date): void {
    if (keys.size === 0 || !this.regions.has(region)) return;
    this.evaluate(region, accountId, now, (a) => [...a.watches].some((k) => keys.has(k)));
  }

  reset(): void {
    this.regions.clear();
  }

  private region(region: string): Map<string, StoredAlarm> {
    let alarms = this.regions.get(region);
    if (!alarms) this.regions.set(region, (alarms = new Map()));
    return alarms;
  }

  /** Every alarm of every Region, by ARN. */
  *all(): Iterable<{ readonly region: string; readonly arn: string }> {
    for (const [region, alarms] of this.regions) for (const a of alarms.values()) yield { region, arn: a.arn };
  }

  exists(region: string, name: string): boolean {
    return this.regions.get(region)?.has(name) ?? false;
  }

  /**
   * Create, or "completely overwrite the previous configuration" of, an alarm; an update leaves the state
   * unchanged and ignores Tags ("If you are using this operation to update an existing alarm, any tags you
   * specify in this parameter are ignored"; both model, PutMetricAlarm).
   */
  putMetricAlarm(input: Input, ctx: RequestContext): undefined {
    const a = input as PutMetricAlarmInput;
    checkPutMetricAlarm(a);
    const name = a.AlarmName as string;
    const config: Record<string, unknown> = {};
    for (const m of CONFIG_MEMBERS) if (a[m] !== undefined) config[m] = structuredClone(a[m]);
    config.ActionsEnabled ??= true; // "The default is TRUE." (model, ActionsEnabled)
    const alarms = this.region(ctx.region);
    const existing = alarms.get(name);
    const arn = alarmArn(ctx.region, ctx.accountId, name);
    alarms.set(name, {
      name,
      arn,
      config,
      watches: new Set(watchedMetrics(config as PutMetricAlarmInput)),
      configUpdated: ctx.now,
      state: existing?.state ?? {
        // "When this operation creates an alarm, the alarm state is immediately set to INSUFFICIENT_DATA.
        // For PromQL alarms, the alarm state is instead immediately set to OK." (model); the reason is
        // AWS's (recorded, localstack test_cloudwatch.snapshot.json).
        value: a.EvaluationCriteria ? 'OK' : 'INSUFFICIENT_DATA',
        reason: 'Unchecked: Initial alarm creation',
        updated: ctx.now,
        transitioned: ctx.now,
      },
    });
    if (!existing && a.Tags && a.Tags.length > 0) this.tags.tag(arn, a.Tags as { Key: string; Value: string }[]);
    return undefined;
  }

  describeAlarms(input: Input, ctx: RequestContext): Record<string, unknown> {
    const names = input.AlarmNames as string[] | undefined;
    const prefix = input.AlarmNamePrefix as string | undefined;
    const types = input.AlarmTypes as string[] | undefined;
    const children = input.ChildrenOfAlarmName as string | undefined;
    const parents = input.ParentsOfAlarmName as string | undefined;
    const stateValue = input.StateValue as string | undefined;
    const actionPrefix = input.ActionPrefix as string | undefined;
    const maxRecords = input.MaxRecords as number | undefined;
    const nextToken = input.NextToken as string | undefined;

    const c = constraints();
    c.items('alarmNames', names, 100);
    names?.forEach((n, i) => c.length(`alarmNames.${i + 1}.member`, n, 1, 255));
    c.length('alarmNamePrefix', prefix, 1, 255);
    types?.forEach((t, i) => c.oneOf(`alarmTypes.${i + 1}.member`, t, ['CompositeAlarm', 'MetricAlarm']));
    c.length('childrenOfAlarmName', children, 1, 255).length('parentsOfAlarmName', parents, 1, 255);
    c.oneOf('stateValue', stateValue, ['OK', 'ALARM', 'INSUFFICIENT_DATA']);
    c.length('actionPrefix', actionPrefix, 1, 1024);
    c.range('maxRecords', maxRecords, 1, 100);
    c.check();

    // "If this parameter is specified, you cannot specify AlarmNames." (model, AlarmNamePrefix). The code
    // is INFERENCE: InvalidParameterCombination is CloudWatch's documented error for "parameters that must
    // not be used together" (API reference, Common Errors).
    if (names && names.length > 0 && prefix !== undefined) {
      throw invalidParameterCombination('AlarmNamePrefix and AlarmNames cannot be specified together.');
    }
    // "If you specify ChildrenOfAlarmName [ParentsOfAlarmName], you cannot specify any other parameters in
    // the request except for MaxRecords and NextToken. If you do so, you receive a validation error." (model)
    const others = [names?.length ? 'AlarmNames' : undefined, prefix && 'AlarmNamePrefix', types?.length ? 'AlarmTypes' : undefined, stateValue && 'StateValue', actionPrefix && 'ActionPrefix'].filter(Boolean);
    for (const [param, value, rest] of [['ChildrenOfAlarmName', children, parents], ['ParentsOfAlarmName', parents, children]] as const) {
      if (value !== undefined && (others.length > 0 || rest !== undefined)) {
        throw validationError(`If ${param} is specified, no other parameter can be specified except MaxRecords and NextToken.`);
      }
    }

    // Time has passed since the last evaluation: the state to report is the state now.
    this.evaluate(ctx.region, ctx.accountId, ctx.now);

    // There are no composite alarms here (PutCompositeAlarm is not served), so the children of an alarm
    // name, its parents and the composite alarms asked for are all empty lists.
    // "If you omit this parameter, only metric alarms are returned" (model, AlarmTypes).
    const wantMetric = children === undefined && parents === undefined && (!types || types.length === 0 || types.includes('MetricAlarm'));
    // INFERENCE: ActionPrefix matches an alarm with any action (OK, ALARM or INSUFFICIENT_DATA) starting with
    // it; the doc's example is "the ARN of an SNS topic to find all alarms that send notifications to that topic".
    const usesAction = (a: StoredAlarm): boolean =>
      ALWAYS_LISTED.slice(0, 3).some((m) => ((a.config[m] as string[] | undefined) ?? []).some((arn) => arn.startsWith(actionPrefix as string)));
    const matching = !wantMetric
      ? []
      : [...this.region(ctx.region).values()]
          .filter((a) => !names || names.length === 0 || names.includes(a.name))
          .filter((a) => prefix === undefined || a.name.startsWith(prefix))
          .filter((a) => stateValue === undefined || a.state.value === stateValue)
          .filter((a) => actionPrefix === undefined || usesAction(a));
    // A token resumes only the listing it was issued for: the same Region and filters.
    const scope = { region: ctx.region, names, prefix, types, children, parents, stateValue, actionPrefix };
    const size = maxRecords ?? this.settings().describeAlarmsPageSize;
    const page = pageOf(ALARM_TOKENS, matching, { positionOf: positionByName, size, token: nextToken, scope });
    return {
      MetricAlarms: page.items.map(describe),
      CompositeAlarms: [],
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  }

  /**
   * "If you specify any incorrect alarm names, the alarms you specify with correct names are still
   * deleted." (model, DeleteAlarms): unknown names are ignored. An alarm's tags go with it.
   */
  deleteAlarms(input: Input, ctx: RequestContext): undefined {
    const names = input.AlarmNames as string[] | undefined;
    const c = constraints();
    c.required('alarmNames', names).items('alarmNames', names, 100);
    names?.forEach((n, i) => c.length(`alarmNames.${i + 1}.member`, n, 1, 255));
    c.check();
    const alarms = this.region(ctx.region);
    for (const name of names ?? []) {
      const alarm = alarms.get(name);
      if (!alarm) continue;
      alarms.delete(name);
      this.tags.forget(alarm.arn);
    }
    return undefined;
  }
}

export const alarmOperations = [
  operation<Input>({
    name: 'PutMetricAlarm',
    input: structure({
      AlarmName: Text,
      AlarmDescription: Text,
      ActionsEnabled: boolean,
      OKActions: Names,
      AlarmActions: Names,
      InsufficientDataActions: Names,
      MetricName: Text,
      Namespace: Text,
      Statistic: Text,
      ExtendedStatistic: Text,
      Dimensions: list(Dimension),
      Period: Integer,
      Unit: Text,
      EvaluationPeriods: Integer,
      DatapointsToAlarm: Integer,
      Threshold: double,
      ComparisonOperator: Text,
      TreatMissingData: Text,
      EvaluateLowSampleCountPercentile: Text,
      Metrics: list(MetricDataQuery),
      Tags: TagList,
      ThresholdMetricId: Text,
      EvaluationCriteria: structure({ PromQLCriteria: structure({ Query: Text, PendingPeriod: Integer, RecoveryPeriod: Integer }) }),
      EvaluationInterval: Integer,
    }),
    run: (input, ctx) => ctx.alarms.putMetricAlarm(input, ctx),
  }),
  operation<Input>({
    name: 'DescribeAlarms',
    input: structure({
      AlarmNames: Names,
      AlarmNamePrefix: Text,
      AlarmTypes: Names,
      ChildrenOfAlarmName: Text,
      ParentsOfAlarmName: Text,
      StateValue: Text,
      ActionPrefix: Text,
      MaxRecords: Integer,
      NextToken: Text,
    }),
    run: (input, ctx) => ctx.alarms.describeAlarms(input, ctx),
  }),
  operation<Input>({
    name: 'DeleteAlarms',
    input: structure({ AlarmNames: Names }),
    run: (input, ctx) => ctx.alarms.deleteAlarms(input, ctx),
  }),
];
