/**
 * Metrics: PutMetricData, GetMetricData, GetMetricStatistics and ListMetrics over the metric store
 * (metric-store.ts), and the door through which other services publish their metrics (SES event
 * publishing: `publish`). Every publication then has the alarms that watch the metrics it touched
 * evaluated (alarms.ts onMetrics).
 *
 * Sources: the cloudwatch model (members, constraints, the operations' documentation) and the
 * CloudWatch User Guide (cloudwatch_concepts, cloudwatch_limits). Limits enforced: PutMetricData at
 * most 1,000 datums, 150 Values each, 30 dimensions, timestamps within the past two weeks and up to two
 * hours ahead, values finite within ±2^360, no namespace starting `AWS/` (reserved for AWS's own
 * metrics: "The value AWS/ for parameter Namespace is invalid.", boto/boto3#1847); GetMetricData at most
 * 500 queries and MaxDatapoints (default 100,800) datapoints a page, after which it pages with
 * NextToken; GetMetricStatistics at most 1,440 datapoints ("You have requested up to 1,441
 * datapoints, which exceeds the limit of 1,440 …", AWS's message) and at most 5 statistics and 10
 * extended statistics. Error codes follow the model's documentation (InvalidParameterValue,
 * InvalidParameterCombination, MissingParameter; ValidationError for GetMetricData's queries, as for
 * PutMetricAlarm's: alarm-rules.ts); the wordings not quoted above are ours.
 */
import { issueToken, pageOf, readToken, type TokenRules } from '../core/paging.js';
import { listPosition } from '../core/list-order.js';
import { boolean, double, list, map, string, structure, timestamp } from '../core/shapes.js';
import type { Clock, MetricDimension, PublishedDatum } from '../types.js';
import type { AlarmStore } from './alarms.js';
import { UNITS, type DimensionInput, type MetricDataQueryInput } from './alarm-rules.js';
import { operation, type CloudWatchContext, type Input } from './context.js';
import { constraints, invalidNextToken, invalidParameterCombination, invalidParameterValue, missingParameter, validationError } from './errors.js';
import { ExpressionError } from './expressions.js';
import { evaluateQueries } from './metric-queries.js';
import type { MetricStore, Sample } from './metric-store.js';
import { Dimension, Integer, MetricDataQuery, Text } from './shapes.js';
import { aggregate, buckets, parseStat, roundStart, STATISTICS, type Stat } from './statistics.js';
import type { Constraints } from '../core/constraints.js';

type RequestContext = Pick<CloudWatchContext, 'region' | 'accountId' | 'now'>;

/** "The array can include no more than 1000 metrics per call" (model, PutMetricData.MetricData). */
const MAX_DATUMS = 1000;
/** "You can use up to 150 values per metric with one PutMetricData request" (model, MetricDatum.Values). */
const MAX_VALUES = 150;
/** "Values must be in the range of -2^360 to 2^360" (model, MetricDatum.Value). */
const MAX_MAGNITUDE = 2 ** 360;
/** "A single GetMetricData call can include as many as 500 MetricDataQuery structures" (model). */
const MAX_QUERIES = 500;
/** MaxDatapoints: "If you omit this, the default of 100,800 is used" (model, GetMetricData). */
const DEFAULT_MAX_DATAPOINTS = 100_800;
/** "The maximum number of data points returned from a single call is 1,440" (model, GetMetricStatistics). */
const MAX_STATISTICS_DATAPOINTS = 1440;
/** ListMetrics: "Up to 500 results are returned for any one call" (model). */
const LIST_METRICS_PAGE = 500;
const DAY = 86_400_000;

/** MetricStat.Period: 1, 5, 10, 20, 30 (high resolution) or any multiple of 60 (model, MetricStat). */
const isMetricPeriod = (p: number): boolean => [1, 5, 10, 20, 30].includes(p) || (p > 0 && p % 60 === 0);
/** MetricDataQuery.Id: "must start with a lowercase letter … letters, numbers, and underscore" (model). */
const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/;

function checkDimensions(c: Constraints, path: string, dims: readonly DimensionInput[] | undefined): void {
  c.items(path, dims, 30);
  dims?.forEach((d, i) => {
    c.required(`${path}.${i + 1}.member.name`, d.Name).length(`${path}.${i + 1}.member.name`, d.Name, 1, 255);
    c.required(`${path}.${i + 1}.member.value`, d.Value).length(`${path}.${i + 1}.member.value`, d.Value, 1, 1024);
  });
}

function checkNamespace(c: Constraints, path: string, namespace: string | undefined): void {
  c.length(path, namespace, 1, 255).pattern(path, namespace, /^[^:].*$/s, '[^:].*');
}

interface DatumInput {
  readonly MetricName?: string;
  readonly Dimensions?: readonly DimensionInput[];
  readonly Timestamp?: Date;
  readonly Value?: number;
  readonly StatisticValues?: { readonly SampleCount?: number; readonly Sum?: number; readonly Minimum?: number; readonly Maximum?: number };
  readonly Values?: readonly number[];
  readonly Counts?: readonly number[];
  readonly Unit?: string;
  readonly StorageResolution?: number;
}

const dims = (d: readonly DimensionInput[] | undefined): MetricDimension[] => (d ?? []).map((x) => ({ Name: x.Name as string, Value: x.Value as string }));

function checkDatum(d: DatumInput, i: number, now: number): void {
  const at = `MetricData.member.${i + 1}`;
  const bad = (name: string, v: number) => invalidParameterValue(`The value ${v} for parameter ${at}.${name} is invalid.`);
  const usable = (v: number) => Number.isFinite(v) && Math.abs(v) <= MAX_MAGNITUDE;
  const kinds = [d.Value !== undefined && 'Value', d.Values !== undefined && 'Values', d.StatisticValues !== undefined && 'StatisticValues'].filter((k): k is string => k !== false);
  if (kinds.length > 1) {
    const [a, b] = kinds as [string, string];
    const both = `The parameters ${at}.${a} and ${at}.${b} are mutually exclusive and you have specified both.`;
    throw kinds.includes('StatisticValues') ? invalidParameterCombination(both) : invalidParameterValue(both);
  }
  if (kinds.length === 0) throw invalidParameterCombination(`${at} must have one of Value, Values and StatisticValues.`);
  if (d.Value !== undefined && !usable(d.Value)) throw bad('Value', d.Value);
  if (d.Values) {
    if (d.Values.length > MAX_VALUES) throw invalidParameterValue(`The collection ${at}.Values must not have a size greater than ${MAX_VALUES}.`);
    for (const v of d.Values) if (!usable(v)) throw bad('Values', v);
  }
  if (d.Counts) {
    if (!d.Values) throw invalidParameterCombination(`The parameter ${at}.Counts requires ${at}.Values.`);
    if (d.Counts.length !== d.Values.length) throw invalidParameterValue(`The parameters ${at}.Values and ${at}.Counts must be of the same size.`);
    for (const c of d.Counts) if (!Number.isFinite(c) || c < 0) throw bad('Counts', c);
  }
  const s = d.StatisticValues;
  if (s) {
    for (const [name, v] of Object.entries(s) as [string, number][]) if (!usable(v)) throw bad(`StatisticValues.${name}`, v);
    if ((s.SampleCount as number) <= 0) throw bad('StatisticValues.SampleCount', s.SampleCount as number);
    if ((s.Minimum as number) > (s.Maximum as number)) throw invalidParameterValue(`${at}.StatisticValues: Minimum must not be greater than Maximum.`);
  }
  const names = new Set<string>();
  for (const dim of d.Dimensions ?? []) {
    if (names.has(dim.Name as string)) throw invalidParameterValue(`${at}.Dimensions: the dimension name ${dim.Name} appears more than once.`);
    names.add(dim.Name as string);
  }
  // "Data points with time stamps from 24 hours ago or longer can take at least 48 hours to become
  // available … CloudWatch accepts metric data … up to two weeks in the past and up to two hours into the
  // future" (CloudWatch User Guide, publishingMetrics).
  const t = d.Timestamp?.getTime();
  if (t !== undefined && t < now - 14 * DAY) throw invalidParameterValue(`The parameter ${at}.Timestamp must specify a time within the past two weeks.`);
  if (t !== undefined && t > now + 2 * 3_600_000) throw invalidParameterValue(`The parameter ${at}.Timestamp must specify a time no more than two hours in the future.`);
}

function sampleOf(d: DatumInput, now: number): Sample | undefined {
  const t = d.Timestamp?.getTime() ?? now;
  const unit = d.Unit ?? 'None';
  if (d.Value !== undefined) return { t, unit, count: 1, sum: d.Value, min: d.Value, max: d.Value, values: [[d.Value, 1]] };
  if (d.Values) {
    const pairs = d.Values.map((v, i) => [v, d.Counts?.[i] ?? 1] as const).filter(([, c]) => c > 0);
    if (pairs.length === 0) return undefined;
    return {
      t,
      unit,
      count: pairs.reduce((n, [, c]) => n + c, 0),
      sum: pairs.reduce((n, [v, c]) => n + v * c, 0),
      min: Math.min(...pairs.map(([v]) => v)),
      max: Math.max(...pairs.map(([v]) => v)),
      values: pairs,
    };
  }
  const s = d.StatisticValues as Required<NonNullable<DatumInput['StatisticValues']>>;
  return { t, unit, count: s.SampleCount, sum: s.Sum, min: s.Minimum, max: s.Maximum };
}

/** GetMetricData's NextToken: where each result stopped, bound to the request it was issued for. */
const METRIC_DATA_TOKENS: TokenRules = { list: 'cloudwatch:GetMetricData', malformed: invalidNextToken };
const LIST_METRICS_TOKENS: TokenRules = { list: 'cloudwatch:ListMetrics', malformed: invalidNextToken };

function checkQueries(queries: readonly MetricDataQueryInput[]): void {
  const c = constraints();
  queries.forEach((q, i) => {
    const p = `metricDataQueries.${i + 1}.member`;
    c.required(`${p}.id`, q.Id).length(`${p}.id`, q.Id, 1, 255);
    c.length(`${p}.expression`, q.Expression, 1, 2048);
    c.range(`${p}.period`, q.Period, 1);
    const s = q.MetricStat;
    if (s) {
      c.required(`${p}.metricStat.metric`, s.Metric).required(`${p}.metricStat.period`, s.Period).required(`${p}.metricStat.stat`, s.Stat);
      c.range(`${p}.metricStat.period`, s.Period, 1);
      c.oneOf(`${p}.metricStat.unit`, s.Unit, UNITS);
      checkNamespace(c, `${p}.metricStat.metric.namespace`, s.Metric?.Namespace);
      c.length(`${p}.metricStat.metric.metricName`, s.Metric?.MetricName, 1, 255);
      checkDimensions(c, `${p}.metricStat.metric.dimensions`, s.Metric?.Dimensions);
    }
  });
  c.check();
  const ids = new Set<string>();
  for (const q of queries) {
    const id = q.Id as string;
    if (!QUERY_ID.test(id)) throw validationError(`The value ${id} for parameter MetricDataQueries.member.Id is invalid: an Id starts with a lowercase letter and has only letters, numbers and underscores.`);
    if (ids.has(id)) throw validationError(`The value ${id} for parameter MetricDataQueries.member.Id is used more than once.`);
    ids.add(id);
    if ((q.Expression === undefined) === (q.MetricStat === undefined)) throw validationError(`The query ${id} must have exactly one of Expression and MetricStat.`);
    const s = q.MetricStat;
    if (s) {
      if (s.Metric?.MetricName === undefined || s.Metric.Namespace === undefined) throw validationError(`The query ${id} must name the metric's Namespace and MetricName.`);
      if (!isMetricPeriod(s.Period as number)) throw validationError(`The period of the query ${id} must be 1, 5, 10, 20, 30 or a multiple of 60.`);
      if (!parseStat(s.Stat as string)) throw validationError(`The statistic ${s.Stat} of the query ${id} is not supported by the ses-reconcile emulator (it supports ${STATISTICS.join(', ')} and percentiles pNN).`);
    }
  }
}

export class MetricOperations {
  constructor(
    private readonly store: MetricStore,
    private readonly alarms: AlarmStore,
    private readonly clock: Clock,
    private readonly accountId: string,
  ) {}

  /** Datapoints another service publishes (SES), as AWS services publish theirs: no checks, no reserved namespace. */
  publish(data: readonly PublishedDatum[]): void {
    const touched = new Map<string, Set<string>>();
    for (const d of data) {
      const key = this.store.add(d.region, { namespace: d.namespace, metricName: d.metricName, dimensions: d.dimensions }, {
        t: d.timestamp.getTime(),
        unit: d.unit ?? 'None',
        count: 1,
        sum: d.value,
        min: d.value,
        max: d.value,
        values: [[d.value, 1]],
      });
      let keys = touched.get(d.region);
      if (!keys) touched.set(d.region, (keys = new Set()));
      keys.add(key);
    }
    const now = this.clock.now();
    for (const [region, keys] of touched) this.alarms.onMetrics(region, this.accountId, keys, now);
  }

  putMetricData(input: Input, ctx: RequestContext): undefined {
    const namespace = input.Namespace as string | undefined;
    const data = input.MetricData as DatumInput[] | undefined;
    const c = constraints();
    c.required('namespace', namespace);
    checkNamespace(c, 'namespace', namespace);
    c.items('metricData', data, MAX_DATUMS);
    data?.forEach((d, i) => {
      const p = `metricData.${i + 1}.member`;
      c.required(`${p}.metricName`, d.MetricName).length(`${p}.metricName`, d.MetricName, 1, 255);
      checkDimensions(c, `${p}.dimensions`, d.Dimensions);
      c.oneOf(`${p}.unit`, d.Unit, UNITS);
      c.range(`${p}.storageResolution`, d.StorageResolution, 1);
      const s = d.StatisticValues;
      if (s) for (const m of ['SampleCount', 'Sum', 'Minimum', 'Maximum'] as const) c.required(`${p}.statisticValues.${m.charAt(0).toLowerCase()}${m.slice(1)}`, s[m]);
    });
    c.check();
    // Refused rather than silently dropped, so nobody mistakes the emulator's answer for AWS's.
    if (input.EntityMetricData !== undefined) throw invalidParameterValue('EntityMetricData (metrics with an entity) is not emulated by the ses-reconcile emulator.');
    if (!data || data.length === 0) throw missingParameter('The parameter MetricData must be specified.');
    if ((namespace as string).startsWith('AWS/')) throw invalidParameterValue(`The value ${namespace} for parameter Namespace is invalid.`);
    const now = ctx.now.getTime();
    data.forEach((d, i) => checkDatum(d, i, now));
    // "StorageResolution … Valid values are 1 and 60" (model).
    data.forEach((d, i) => {
      if (d.StorageResolution !== undefined && d.StorageResolution !== 1 && d.StorageResolution !== 60) {
        throw invalidParameterValue(`The value ${d.StorageResolution} for parameter MetricData.member.${i + 1}.StorageResolution is invalid: use 1 or 60.`);
      }
    });
    const keys = new Set<string>();
    for (const d of data) {
      const sample = sampleOf(d, now);
      if (sample) keys.add(this.store.add(ctx.region, { namespace: namespace as string, metricName: d.MetricName as string, dimensions: dims(d.Dimensions) }, sample));
    }
    this.alarms.onMetrics(ctx.region, ctx.accountId, keys, ctx.now);
    return undefined;
  }

  getMetricData(input: Input, ctx: RequestContext): Record<string, unknown> {
    const queries = input.MetricDataQueries as MetricDataQueryInput[] | undefined;
    const start = input.StartTime as Date | undefined;
    const end = input.EndTime as Date | undefined;
    const scanBy = input.ScanBy as string | undefined;
    const maxDatapoints = input.MaxDatapoints as number | undefined;
    const c = constraints();
    c.required('metricDataQueries', queries).required('startTime', start).required('endTime', end);
    c.oneOf('scanBy', scanBy, ['TimestampDescending', 'TimestampAscending']);
    c.range('maxDatapoints', maxDatapoints, 1);
    c.check();
    const all = queries as MetricDataQueryInput[];
    if (all.length === 0) throw validationError('The parameter MetricDataQueries must contain at least one query.');
    if (all.length > MAX_QUERIES) throw validationError(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}; it has ${all.length}.`);
    checkQueries(all);
    if ((start as Date).getTime() >= (end as Date).getTime()) throw validationError('The parameter StartTime must be less than the parameter EndTime.');

    let results;
    try {
      results = evaluateQueries(this.store, ctx.region, all, { start: (start as Date).getTime(), end: (end as Date).getTime(), now: ctx.now.getTime(), round: true });
    } catch (err) {
      if (err instanceof ExpressionError) throw validationError(`Error in expression ${err.message}`);
      throw err;
    }
    const descending = (scanBy ?? 'TimestampDescending') === 'TimestampDescending';
    const returning = all.filter((q) => q.ReturnData !== false).map((q) => {
      const points = results.get(q.Id as string) ?? [];
      // INFERENCE: the label AWS gives a query without one is its metric's name, or the expression's id.
      return { q, points: descending ? [...points].reverse() : points, label: q.Label ?? q.MetricStat?.Metric?.MetricName ?? (q.Id as string) };
    });

    // Paging: datapoints are served result by result, at most MaxDatapoints a page.
    const { NextToken: _token, MaxDatapoints: _max, ...request } = input;
    const scope = { region: ctx.region, request };
    const after = readToken(METRIC_DATA_TOKENS, input.NextToken as string | undefined, scope);
    let offsets: number[];
    try {
      offsets = after === undefined ? returning.map(() => 0) : (JSON.parse(after) as number[]);
    } catch {
      throw invalidNextToken();
    }
    if (!Array.isArray(offsets) || offsets.length !== returning.length) throw invalidNextToken();
    let budget = maxDatapoints ?? DEFAULT_MAX_DATAPOINTS;
    const next: number[] = [];
    const out = returning.map((r, i) => {
      const from = offsets[i] ?? 0;
      const take = Math.max(0, Math.min(budget, r.points.length - from));
      budget -= take;
      const served = r.points.slice(from, from + take);
      next.push(from + take);
      return {
        Id: r.q.Id,
        Label: r.label,
        Timestamps: served.map((p) => new Date(p.t)),
        Values: served.map((p) => p.value),
        StatusCode: from + take < r.points.length ? 'PartialData' : 'Complete',
      };
    });
    const more = next.some((n, i) => n < (returning[i]?.points.length ?? 0));
    return { MetricDataResults: out, ...(more ? { NextToken: issueToken(METRIC_DATA_TOKENS, scope, JSON.stringify(next)) } : {}) };
  }

  getMetricStatistics(input: Input, ctx: RequestContext): Record<string, unknown> {
    const namespace = input.Namespace as string | undefined;
    const metricName = input.MetricName as string | undefined;
    const dimensions = input.Dimensions as DimensionInput[] | undefined;
    const start = input.StartTime as Date | undefined;
    const end = input.EndTime as Date | undefined;
    const period = input.Period as number | undefined;
    const statistics = input.Statistics as string[] | undefined;
    const extended = input.ExtendedStatistics as string[] | undefined;
    const unit = input.Unit as string | undefined;
    const c = constraints();
    c.required('namespace', namespace);
    checkNamespace(c, 'namespace', namespace);
    c.required('metricName', metricName).length('metricName', metricName, 1, 255);
    checkDimensions(c, 'dimensions', dimensions);
    c.required('startTime', start).required('endTime', end).required('period', period).range('period', period, 1);
    c.items('statistics', statistics, 5).items('extendedStatistics', extended, 10);
    statistics?.forEach((s, i) => c.oneOf(`statistics.${i + 1}.member`, s, [...STATISTICS]));
    c.oneOf('unit', unit, UNITS);
    c.check();
    const hasStats = (statistics?.length ?? 0) > 0;
    const hasExtended = (extended?.length ?? 0) > 0;
    if (!hasStats && !hasExtended) throw invalidParameterCombination('Must specify either Statistics or ExtendedStatistics');
    // "you must specify either Statistics or ExtendedStatistics, but not both" (model, Statistics).
    if (hasStats && hasExtended) throw invalidParameterCombination('Statistics and ExtendedStatistics cannot both be specified.');
    const percentiles: Stat[] = (extended ?? []).map((e) => {
      const stat = parseStat(e);
      if (!stat || stat.kind !== 'percentile') throw invalidParameterValue(`The value ${e} for parameter ExtendedStatistics is not supported by the ses-reconcile emulator (it computes percentiles pNN).`);
      return stat;
    });
    if (!isMetricPeriod(period as number)) throw invalidParameterValue(`The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60; got ${period}.`);
    const from = roundStart((start as Date).getTime(), ctx.now.getTime(), period as number);
    const to = (end as Date).getTime();
    if (from >= to) throw invalidParameterValue('The parameter StartTime must be less than the parameter EndTime.');
    const requested = Math.ceil((to - from) / ((period as number) * 1000));
    if (requested > MAX_STATISTICS_DATAPOINTS) {
      throw invalidParameterCombination(
        `You have requested up to ${requested.toLocaleString('en-US')} datapoints, which exceeds the limit of ${MAX_STATISTICS_DATAPOINTS.toLocaleString('en-US')}. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
      );
    }
    const series = this.store.series(ctx.region, { namespace: namespace as string, metricName: metricName as string, dimensions: dims(dimensions) });
    const datapoints = buckets(series, (period as number) * 1000, from, to, unit).map((b) => {
      const units = new Set(b.samples.map((s) => s.unit));
      const point: Record<string, unknown> = { Timestamp: new Date(b.t) };
      for (const s of statistics ?? []) point[s] = aggregate(b.samples, { kind: 'statistic', name: s as (typeof STATISTICS)[number] });
      point.Unit = unit ?? (units.size === 1 ? [...units][0] : 'None');
      if (percentiles.length > 0) {
        const values: Record<string, number> = {};
        for (const p of percentiles) {
          const v = aggregate(b.samples, p);
          if (v !== undefined) values[p.name] = v;
        }
        point.ExtendedStatistics = values;
      }
      return point;
    });
    return { Label: metricName, Datapoints: datapoints };
  }

  listMetrics(input: Input, ctx: RequestContext): Record<string, unknown> {
    const namespace = input.Namespace as string | undefined;
    const metricName = input.MetricName as string | undefined;
    const filters = input.Dimensions as { Name?: string; Value?: string }[] | undefined;
    const recentlyActive = input.RecentlyActive as string | undefined;
    const c = constraints();
    checkNamespace(c, 'namespace', namespace);
    c.length('metricName', metricName, 1, 255);
    c.items('dimensions', filters, 10);
    filters?.forEach((f, i) => {
      c.required(`dimensions.${i + 1}.member.name`, f.Name).length(`dimensions.${i + 1}.member.name`, f.Name, 1, 255);
      c.length(`dimensions.${i + 1}.member.value`, f.Value, 1, 1024);
    });
    c.oneOf('recentlyActive', recentlyActive, ['PT3H']);
    c.check();
    const since = ctx.now.getTime() - 3 * 3_600_000;
    const matching = [...this.store.all(ctx.region)].filter(
      (s) =>
        (namespace === undefined || s.namespace === namespace) &&
        (metricName === undefined || s.metricName === metricName) &&
        (filters ?? []).every((f) => s.dimensions.some((d) => d.Name === f.Name && (f.Value === undefined || d.Value === f.Value))) &&
        (recentlyActive === undefined || s.samples.some((x) => x.t >= since)),
    );
    const scope = { region: ctx.region, namespace, metricName, filters, recentlyActive };
    const page = pageOf(LIST_METRICS_TOKENS, matching, { positionOf: (s) => listPosition(s.key), size: LIST_METRICS_PAGE, token: input.NextToken as string | undefined, scope });
    return {
      Metrics: page.items.map((s) => ({ Namespace: s.namespace, MetricName: s.metricName, Dimensions: s.dimensions })),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  }
}

const MetricDatum = structure({
  MetricName: Text,
  Dimensions: list(Dimension),
  Timestamp: timestamp,
  Value: double,
  StatisticValues: structure({ SampleCount: double, Sum: double, Minimum: double, Maximum: double }),
  Values: list(double),
  Counts: list(double),
  Unit: Text,
  StorageResolution: Integer,
});

const DatapointShape = structure({
  Timestamp: timestamp,
  SampleCount: double,
  Average: double,
  Sum: double,
  Minimum: double,
  Maximum: double,
  Unit: Text,
  ExtendedStatistics: map(string(), double),
});

export const metricOperations = [
  operation<Input>({
    name: 'PutMetricData',
    input: structure({ Namespace: Text, MetricData: list(MetricDatum), EntityMetricData: list(structure({})), StrictEntityValidation: boolean }),
    run: (input, ctx) => ctx.metrics.putMetricData(input, ctx),
  }),
  operation<Input>({
    name: 'GetMetricData',
    input: structure({
      MetricDataQueries: list(MetricDataQuery),
      StartTime: timestamp,
      EndTime: timestamp,
      NextToken: Text,
      ScanBy: Text,
      MaxDatapoints: Integer,
      LabelOptions: structure({ Timezone: Text }),
    }),
    run: (input, ctx) => ctx.metrics.getMetricData(input, ctx),
  }),
  operation<Input>({
    name: 'GetMetricStatistics',
    input: structure({
      Namespace: Text,
      MetricName: Text,
      Dimensions: list(Dimension),
      StartTime: timestamp,
      EndTime: timestamp,
      Period: Integer,
      Statistics: list(Text),
      ExtendedStatistics: list(Text),
      Unit: Text,
    }),
    output: structure({ Label: Text, Datapoints: list(DatapointShape) }),
    run: (input, ctx) => ctx.metrics.getMetricStatistics(input, ctx),
  }),
  operation<Input>({
    name: 'ListMetrics',
    input: structure({
      Namespace: Text,
      MetricName: Text,
      Dimensions: list(structure({ Name: Text, Value: Text })),
      NextToken: Text,
      RecentlyActive: Text,
      IncludeLinkedAccounts: boolean,
      OwningAccount: Text,
    }),
    run: (input, ctx) => ctx.metrics.listMetrics(input, ctx),
  }),
];
