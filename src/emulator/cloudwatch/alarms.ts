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
 */
import { alarmArn } from './arn.js';
import { Constraints } from './constraints.js';
import { invalidNextToken, invalidParameterCombination, validationError } from './errors.js';
import { checkPutMetricAlarm, type PutMetricAlarmInput } from './alarm-rules.js';
import { decodeNextToken, encodeNextToken } from './next-token.js';
import type { Input } from './input-shapes.js';
import type { TagStore } from './tags.js';

export interface RequestContext {
  readonly region: string;
  readonly accountId: string;
  readonly now: Date;
}

interface StoredAlarm {
  readonly name: string;
  readonly arn: string;
  /** The members that were put, except AlarmName and Tags, with ActionsEnabled defaulted. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly configUpdated: Date;
  readonly state: { readonly value: string; readonly reason: string; readonly updated: Date; readonly transitioned: Date };
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
 * so we sort by name in code-unit order (upper case before lower case), which also makes NextToken
 * paging stable. Never insertion order, so nothing can come to rely on it.
 */
const byName = (a: StoredAlarm, b: StoredAlarm): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export interface AlarmSettings {
  /** INFERENCE: DescribeAlarms' page size when MaxRecords is omitted; the model gives no default. @default 50 */
  readonly describeAlarmsPageSize: number;
}

export class AlarmStore {
  private readonly regions = new Map<string, Map<string, StoredAlarm>>();

  constructor(
    private readonly tags: TagStore,
    private readonly settings: () => AlarmSettings,
  ) {}

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

    const c = new Constraints();
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

    let after: string | undefined;
    if (nextToken !== undefined) {
      after = decodeNextToken('DescribeAlarms', nextToken);
      if (after === undefined) throw invalidNextToken();
    }

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
          .filter((a) => actionPrefix === undefined || usesAction(a))
          .filter((a) => after === undefined || a.name > after)
          .sort(byName);
    const size = maxRecords ?? this.settings().describeAlarmsPageSize;
    const page = matching.slice(0, size);
    const last = page[page.length - 1];
    return {
      MetricAlarms: page.map(describe),
      CompositeAlarms: [],
      ...(matching.length > size && last ? { NextToken: encodeNextToken('DescribeAlarms', last.name) } : {}),
    };
  }

  /**
   * "If you specify any incorrect alarm names, the alarms you specify with correct names are still
   * deleted." (model, DeleteAlarms): unknown names are ignored. An alarm's tags go with it.
   */
  deleteAlarms(input: Input, ctx: RequestContext): undefined {
    const names = input.AlarmNames as string[] | undefined;
    const c = new Constraints();
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
