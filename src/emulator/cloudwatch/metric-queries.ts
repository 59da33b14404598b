/**
 * A list of MetricDataQuery, evaluated over a time range: what GetMetricData answers and what a
 * metric-math alarm evaluates (metrics.ts, alarm-evaluation.ts). A MetricStat query is one statistic per
 * period of exactly its metric (metric-store.ts, statistics.ts); an Expression query is metric math over
 * the others (expressions.ts), which may refer to each other in any order, but not in a cycle.
 *
 * The queries have been checked by the caller (ids, exactly one of MetricStat and Expression, periods,
 * statistics); what can still fail is an expression, as an ExpressionError naming the query.
 */
import type { MetricDataQueryInput } from './alarm-rules.js';
import { evaluateExpression, ExpressionError, parseExpression, referencedIds, type ExpressionNode, type Value } from './expressions.js';
import type { MetricStore } from './metric-store.js';
import { parseStat, roundStart, statisticSeries, type Point } from './statistics.js';

export interface QueryRange {
  /** Epoch milliseconds; StartTime as sent (rounded here when `round`), EndTime exclusive. */
  readonly start: number;
  readonly end: number;
  /** The clock's time, for StartTime's rounding (statistics.ts roundStart). */
  readonly now: number;
  /** Round StartTime as GetMetricData does; alarms give an aligned start and do not. */
  readonly round: boolean;
}

/** A query's result: its points, oldest first. */
export type QueryResults = ReadonlyMap<string, readonly Point[]>;

const periodOf = (q: MetricDataQueryInput): number | undefined => q.MetricStat?.Period ?? q.Period;

/** Every query's result, by id. Throws ExpressionError (message prefixed with the query's id). */
export function evaluateQueries(store: MetricStore, region: string, queries: readonly MetricDataQueryInput[], range: QueryRange): QueryResults {
  const byId = new Map(queries.map((q) => [q.Id as string, q]));
  const metricIds = queries.filter((q) => q.MetricStat).map((q) => q.Id as string);
  // An expression's periods: its own Period, else the shortest of the request's metrics (INFERENCE:
  // AWS takes the period of the metrics it refers to; they share one in every use here).
  const metricPeriods = queries.map((q) => q.MetricStat?.Period).filter((p): p is number => p !== undefined);
  const defaultPeriod = metricPeriods.length > 0 ? Math.min(...metricPeriods) : 60;
  const startFor = (period: number): number => (range.round ? roundStart(range.start, range.now, period) : range.start);

  const results = new Map<string, Point[]>();
  const visiting = new Set<string>();
  const parsed = new Map<string, ExpressionNode>();

  const resolve = (id: string): Point[] => {
    const done = results.get(id);
    if (done) return done;
    const q = byId.get(id);
    if (!q) throw new ExpressionError(`no query has the id ${id}`);
    if (visiting.has(id)) throw new ExpressionError(`the expressions refer to each other in a cycle through ${id}`);
    visiting.add(id);
    let points: Point[];
    if (q.MetricStat) {
      const s = q.MetricStat;
      const period = s.Period as number;
      const metric = { namespace: s.Metric?.Namespace ?? '', metricName: s.Metric?.MetricName ?? '', dimensions: (s.Metric?.Dimensions ?? []) as { Name: string; Value: string }[] };
      const stat = parseStat(s.Stat as string);
      if (!stat) throw new ExpressionError(`${id}: the statistic ${s.Stat} is not supported`);
      points = statisticSeries(store.series(region, metric), stat, period * 1000, startFor(period), range.end, s.Unit);
    } else {
      const period = periodOf(q) ?? defaultPeriod;
      const start = startFor(period);
      const grid: number[] = [];
      for (let t = start; t < range.end; t += period * 1000) grid.push(t);
      let node = parsed.get(id);
      try {
        node ??= parseExpression(q.Expression as string);
        parsed.set(id, node);
        for (const ref of referencedIds(node)) if (!byId.has(ref)) throw new ExpressionError(`no query has the id ${ref}`);
        const series = evaluateExpression(node, {
          resolve: (ref): Value => ({ kind: 'series', points: new Map(resolve(ref).map((p) => [p.t, p.value])) }),
          metricIds,
          grid,
        });
        points = [...series].sort((a, b) => a[0] - b[0]).map(([t, value]) => ({ t, value }));
      } catch (err) {
        if (err instanceof ExpressionError && !err.message.startsWith(`${id}: `)) throw new ExpressionError(`${id}: ${err.message}`);
        throw err;
      }
    }
    visiting.delete(id);
    results.set(id, points);
    return points;
  };

  for (const q of queries) resolve(q.Id as string);
  return results;
}
