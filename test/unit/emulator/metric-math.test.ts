/**
 * The emulator's metric math (cloudwatch/expressions.ts), statistics (statistics.ts) and alarm
 * evaluation (alarm-evaluation.ts), without HTTP: the rules the integration tests rely on, case by case.
 */
import { describe, expect, it } from 'vitest';
import { evaluateAlarm, evaluationEnd, javaDouble } from '../../../src/emulator/cloudwatch/alarm-evaluation.js';
import type { PutMetricAlarmInput } from '../../../src/emulator/cloudwatch/alarm-rules.js';
import { evaluateExpression, ExpressionError, parseExpression, type Value } from '../../../src/emulator/cloudwatch/expressions.js';
import { evaluateQueries } from '../../../src/emulator/cloudwatch/metric-queries.js';
import { MetricStore } from '../../../src/emulator/cloudwatch/metric-store.js';
import { aggregate, parseStat, roundStart } from '../../../src/emulator/cloudwatch/statistics.js';

const series = (points: Record<number, number>): Value => ({ kind: 'series', points: new Map(Object.entries(points).map(([t, v]) => [Number(t), v])) });

function run(src: string, env: Record<string, Value> = {}, grid = [0, 1, 2, 3]): Record<number, number> {
  const out = evaluateExpression(parseExpression(src), {
    resolve: (id) => {
      const v = env[id];
      if (!v) throw new ExpressionError(`no query has the id ${id}`);
      return v;
    },
    metricIds: Object.keys(env),
    grid,
  });
  return Object.fromEntries(out);
}

describe('metric math', () => {
  const a = series({ 0: 2, 1: 4, 3: 10 });
  const b = series({ 0: 1, 1: 0, 2: 5 });

  it('applies scalars to every point and combines series only where both have a point', () => {
    expect(run('a * 100', { a })).toEqual({ 0: 200, 1: 400, 3: 1000 });
    expect(run('b / a', { a, b })).toEqual({ 0: 0.5, 1: 0 });
    // Division by zero gives no point.
    expect(run('a / b', { a, b })).toEqual({ 0: 2 });
    expect(run('1 + 2 * 3 ^ 2 - -1')).toEqual({ 0: 20, 1: 20, 2: 20, 3: 20 });
    expect(run('(1 + 2) * 3', {}, [0])).toEqual({ 0: 9 });
  });

  it('compares and combines logically, to 1 or 0', () => {
    expect(run('a >= 4', { a })).toEqual({ 0: 0, 1: 1, 3: 1 });
    expect(run('a > 2 AND a < 10', { a })).toEqual({ 0: 0, 1: 1, 3: 0 });
    expect(run('a == 2 || a != 4', { a })).toEqual({ 0: 1, 1: 0, 3: 1 });
    expect(run('NOT a == 2', { a })).toEqual({ 0: 0, 1: 1, 3: 1 });
  });

  it('IF takes the chosen value per timestamp, with no point when it is missing or the false value omitted', () => {
    expect(run('IF(a >= 4, b / a, 0)', { a, b })).toEqual({ 0: 0, 1: 0 });
    expect(run('IF(a >= 4, a)', { a })).toEqual({ 1: 4, 3: 10 });
    expect(run('IF(1, a, b)', { a, b })).toEqual({ 0: 2, 1: 4, 3: 10 });
  });

  it('FILL fills the range with a value or the last one; SUM/AVG/MIN/MAX reduce arrays per timestamp, a series to a scalar', () => {
    expect(run('FILL(a, 0)', { a })).toEqual({ 0: 2, 1: 4, 2: 0, 3: 10 });
    expect(run('FILL(b, REPEAT)', { b })).toEqual({ 0: 1, 1: 0, 2: 5, 3: 5 });
    expect(run('SUM([a, b])', { a, b })).toEqual({ 0: 3, 1: 4, 2: 5, 3: 10 });
    expect(run('MAX(METRICS())', { a, b })).toEqual({ 0: 2, 1: 4, 2: 5, 3: 10 });
    expect(run('AVG(a)', { a }, [0, 1])).toEqual({ 0: 16 / 3, 1: 16 / 3 });
    expect(run('MIN(a) + ABS(-1)', { a }, [7])).toEqual({ 7: 3 });
  });

  it('refuses what it does not support, in words that name it', () => {
    expect(() => parseExpression('RATE(m1)')).toThrow(/RATE is not supported/);
    expect(() => parseExpression('SELECT AVG(x) FROM y')).toThrow(/Metrics Insights/);
    expect(() => parseExpression('a +')).toThrow(ExpressionError);
    expect(() => parseExpression('a b')).toThrow(/unexpected 'b'/);
    expect(() => run('FILL(a, LINEAR)', { a })).toThrow(/LINEAR/);
    expect(() => run('[a, b]', { a, b })).toThrow(/several time series/);
  });

  it('resolves queries in any order and refuses a cycle or an unknown id', () => {
    const store = new MetricStore();
    store.add('r', { namespace: 'N', metricName: 'M', dimensions: [] }, { t: 60_000, unit: 'None', count: 1, sum: 3, min: 3, max: 3 });
    const q = (id: string, Expression: string) => ({ Id: id, Expression });
    const m = { Id: 'm', MetricStat: { Metric: { Namespace: 'N', MetricName: 'M' }, Period: 60, Stat: 'Sum' } };
    const range = { start: 0, end: 180_000, now: 180_000, round: true };
    expect(evaluateQueries(store, 'r', [q('e2', 'e1 + 1'), q('e1', 'm * 2'), m], range).get('e2')).toEqual([{ t: 60_000, value: 7 }]);
    expect(() => evaluateQueries(store, 'r', [q('x', 'y'), q('y', 'x')], range)).toThrow(/cycle/);
    expect(() => evaluateQueries(store, 'r', [q('x', 'nope')], range)).toThrow(/no query has the id nope/);
  });
});

describe('statistics', () => {
  it('parses the five statistics and percentiles, and takes percentiles by nearest rank', () => {
    expect(parseStat('p99.9')).toEqual({ kind: 'percentile', p: 99.9, name: 'p99.9' });
    expect(parseStat('tm90')).toBeUndefined();
    expect(parseStat('p101')).toBeUndefined();
    const samples = [1, 2, 3, 4].map((v) => ({ t: 0, unit: 'None', count: 1, sum: v, min: v, max: v, values: [[v, 1]] as [number, number][] }));
    expect(aggregate(samples, parseStat('p50')!)).toBe(2);
    expect(aggregate(samples, parseStat('p0')!)).toBe(1);
    // A statistic set with Minimum ≠ Maximum has no percentile.
    expect(aggregate([...samples, { t: 0, unit: 'None', count: 2, sum: 3, min: 1, max: 2 }], parseStat('p50')!)).toBeUndefined();
  });

  it('rounds StartTime as documented: minute, five minutes, hour; the period under a minute', () => {
    const now = Date.parse('2026-03-02T12:00:00Z');
    const t = (s: string) => Date.parse(s);
    expect(new Date(roundStart(t('2026-03-02T11:32:34Z'), now, 300)).toISOString()).toBe('2026-03-02T11:32:00.000Z');
    expect(new Date(roundStart(t('2026-02-01T12:32:34Z'), now, 300)).toISOString()).toBe('2026-02-01T12:30:00.000Z');
    expect(new Date(roundStart(t('2025-12-01T12:32:34Z'), now, 3600)).toISOString()).toBe('2025-12-01T12:00:00.000Z');
    expect(new Date(roundStart(t('2026-03-02T11:05:23Z'), now, 10)).toISOString()).toBe('2026-03-02T11:05:20.000Z');
  });
});

describe('alarm evaluation', () => {
  const now = new Date('2026-03-02T10:30:20Z');
  const base: PutMetricAlarmInput = { Namespace: 'N', MetricName: 'M', Statistic: 'Sum', Period: 60, EvaluationPeriods: 3, DatapointsToAlarm: 3, Threshold: 5, ComparisonOperator: 'GreaterThanThreshold' };
  /** Datapoints of the three periods ending this minute, oldest first: a number or '-' for missing. */
  function store(points: (number | '-')[]): MetricStore {
    const s = new MetricStore();
    const end = evaluationEnd(now.getTime(), 60);
    points.forEach((p, i) => {
      if (p !== '-') s.add('r', { namespace: 'N', metricName: 'M', dimensions: [] }, { t: end - (points.length - i) * 60_000, unit: 'None', count: 1, sum: p, min: p, max: p });
    });
    // An old datapoint, so the metric exists even when the range is empty.
    s.add('r', { namespace: 'N', metricName: 'M', dimensions: [] }, { t: 0, unit: 'None', count: 1, sum: 0, min: 0, max: 0 });
    return s;
  }
  const state = (points: (number | '-')[], treat: string, current: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA' = 'OK') => {
    const r = evaluateAlarm({ ...base, TreatMissingData: treat }, store(points), 'r', now, current);
    return 'skipped' in r ? r.skipped : r.value;
  };

  it('follows the missing-data rules: enough datapoints decide alone; otherwise the treatment fills the gap', () => {
    // [datapoints, missing, ignore, breaching, notBreaching]; 9 breaches, 1 does not.
    const table: [(number | '-')[], string, string, string, string][] = [
      [[9, 9, 9], 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
      [[9, 1, 9], 'OK', 'OK', 'OK', 'OK'],
      [[1, '-', '-'], 'OK', 'OK', 'OK', 'OK'],
      [['-', '-', 9], 'ALARM', 'OK', 'ALARM', 'OK'],
      [['-', '-', '-'], 'INSUFFICIENT_DATA', 'OK', 'ALARM', 'OK'],
    ];
    for (const [points, ...expected] of table) {
      expect(['missing', 'ignore', 'breaching', 'notBreaching'].map((t) => state(points, t)), JSON.stringify(points)).toEqual(expected);
    }
    // ignore keeps whatever the state was.
    expect(state(['-', '-', '-'], 'ignore', 'ALARM')).toBe('ALARM');
  });

  it('is not evaluated before its metric has data, nor for PromQL and anomaly-detection alarms', () => {
    expect(evaluateAlarm(base, new MetricStore(), 'r', now, 'INSUFFICIENT_DATA')).toMatchObject({ noData: true });
    expect('skipped' in evaluateAlarm({ ...base, ThresholdMetricId: 'ad' }, store([9]), 'r', now, 'OK')).toBe(true);
  });

  it('prints numbers as AWS does', () => {
    expect([javaDouble(10), javaDouble(0.05), javaDouble(0)]).toEqual(['10.0', '0.05', '0.0']);
    const r = evaluateAlarm({ ...base, EvaluationPeriods: 1, DatapointsToAlarm: 1 }, store([9]), 'r', now, 'INSUFFICIENT_DATA');
    expect('reason' in r && r.reason).toBe('Threshold Crossed: 1 out of the last 1 datapoints [9.0 (02/03/26 10:30:00)] was greater than the threshold (5.0) (minimum 1 datapoint for INSUFFICIENT_DATA -> ALARM transition).');
  });
});
