/**
 * CloudWatch metric data conformance: PutMetricData, then GetMetricData, with the real
 * @aws-sdk/client-cloudwatch against our emulator (AWS JSON 1.0) and moto's server (AWS query). Both run
 * on the real clock, so the datapoints are put a little in the past, on whole minutes, where both
 * implementations align their periods (StartTime, rounded down to the minute: GetMetricData doc).
 * Where the two disagree, `difference()` records which one follows AWS's documentation.
 */
import { expect, it } from 'vitest';
import { GetMetricDataCommand, PutMetricDataCommand, type MetricDataQuery, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { conformance, difference, type Target } from './harness.js';

const NAMESPACE = 'SesReconcile/Conformance';
const DIMENSIONS = [{ Name: 'ses:configuration-set', Value: 'marketing' }];

/** Half an hour ago, on a whole minute: well inside the two weeks PutMetricData accepts. */
const base = (): number => Math.floor(Date.now() / 60_000) * 60_000 - 30 * 60_000;

async function putSends(t: Target, t0: number): Promise<void> {
  await t.cw.send(
    new PutMetricDataCommand({
      Namespace: NAMESPACE,
      MetricData: [
        { MetricName: 'Send', Dimensions: DIMENSIONS, Timestamp: new Date(t0), Value: 1, Unit: 'Count' },
        { MetricName: 'Send', Dimensions: DIMENSIONS, Timestamp: new Date(t0 + 10_000), Values: [2, 3], Unit: 'Count' },
        { MetricName: 'Send', Dimensions: DIMENSIONS, Timestamp: new Date(t0 + 60_000), Value: 4, Unit: 'Count' },
        { MetricName: 'Send', Dimensions: DIMENSIONS, Timestamp: new Date(t0 + 125_000), StatisticValues: { SampleCount: 2, Sum: 10, Minimum: 4, Maximum: 6 }, Unit: 'Count' },
      ],
    }),
  );
}

const stat = (id: string, s: string, dimensions = DIMENSIONS): MetricDataQuery => ({
  Id: id,
  Label: `Send ${s}`,
  MetricStat: { Metric: { Namespace: NAMESPACE, MetricName: 'Send', Dimensions: dimensions }, Period: 60, Stat: s },
});

const series = (results: readonly MetricDataResult[] | undefined) =>
  Object.fromEntries((results ?? []).map((r) => [r.Id, { label: r.Label, status: r.StatusCode, points: (r.Timestamps ?? []).map((ts, i) => [ts.getTime(), r.Values?.[i]]) }]));

conformance('cloudwatch metric data', (t) => {
  it('puts Value, Values and StatisticValues datapoints and reads the statistics back per period, in either order', async () => {
    const t0 = base();
    await putSends(t(), t0);
    const queries = [stat('sum', 'Sum'), stat('avg', 'Average'), stat('max', 'Maximum'), stat('min', 'Minimum'), stat('count', 'SampleCount')];
    const ascending = await t().cw.send(new GetMetricDataCommand({ StartTime: new Date(t0), EndTime: new Date(t0 + 5 * 60_000), ScanBy: 'TimestampAscending', MetricDataQueries: queries }));
    const minutes = [t0, t0 + 60_000, t0 + 120_000];
    const expected = (values: number[]) => minutes.map((m, i) => [m, values[i]]);
    expect(series(ascending.MetricDataResults)).toEqual({
      sum: { label: 'Send Sum', status: 'Complete', points: expected([6, 4, 10]) },
      avg: { label: 'Send Average', status: 'Complete', points: expected([2, 4, 5]) },
      max: { label: 'Send Maximum', status: 'Complete', points: expected([3, 4, 6]) },
      min: { label: 'Send Minimum', status: 'Complete', points: expected([1, 4, 4]) },
      count: { label: 'Send SampleCount', status: 'Complete', points: expected([3, 1, 2]) },
    });
    // TimestampDescending is the default.
    const descending = await t().cw.send(new GetMetricDataCommand({ StartTime: new Date(t0), EndTime: new Date(t0 + 5 * 60_000), MetricDataQueries: [stat('sum', 'Sum')] }));
    expect(series(descending.MetricDataResults).sum?.points).toEqual(expected([6, 4, 10]).reverse());
  });

  it('reads a range: StartTime inclusive, EndTime exclusive, periods of the query', async () => {
    const t0 = base();
    await putSends(t(), t0);
    const r = await t().cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(t0 + 60_000),
        EndTime: new Date(t0 + 120_000),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [stat('sum', 'Sum'), { ...stat('wide', 'Sum'), MetricStat: { ...stat('wide', 'Sum').MetricStat!, Period: 300 } }],
      }),
    );
    expect(series(r.MetricDataResults).sum?.points).toEqual([[t0 + 60_000, 4]]);
    expect(series(r.MetricDataResults).wide?.points).toEqual([[t0 + 60_000, 4]]);
    const five = await t().cw.send(new GetMetricDataCommand({ StartTime: new Date(t0), EndTime: new Date(t0 + 300_000), MetricDataQueries: [{ ...stat('all', 'Sum'), MetricStat: { ...stat('all', 'Sum').MetricStat!, Period: 300 } }] }));
    expect(series(five.MetricDataResults).all?.points).toEqual([[t0, 20]]);
  });

  it('matches a metric only with its whole dimension set', async () => {
    const t0 = base();
    await putSends(t(), t0);
    const r = await t().cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(t0),
        EndTime: new Date(t0 + 5 * 60_000),
        MetricDataQueries: [stat('none', 'Sum', []), stat('other', 'Sum', [{ Name: 'ses:configuration-set', Value: 'transactional' }])],
      }),
    );
    const got = series(r.MetricDataResults);
    expect(got.other?.points).toEqual([]);
    if (difference(t(), { moto: 'moto matches a query without dimensions against the metric whatever its dimensions; AWS matches only the exact dimension set (CloudWatch User Guide, cloudwatch_concepts, "Dimensions")' })) {
      expect(got.none?.points.length).toBe(3);
    } else {
      expect(got.none?.points).toEqual([]);
    }
  });

  it('evaluates metric math over the queries', async () => {
    const t0 = base();
    await putSends(t(), t0);
    const r = await t().cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(t0),
        EndTime: new Date(t0 + 5 * 60_000),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [{ ...stat('s', 'Sum'), ReturnData: false }, { Id: 'same', Expression: 's', Label: 'same' }, { Id: 'pct', Expression: 's * 100 / 20', Label: 'share' }],
      }),
    );
    const got = series(r.MetricDataResults);
    expect(got.same?.points).toEqual([[t0, 6], [t0 + 60_000, 4], [t0 + 120_000, 10]]);
    if (difference(t(), { moto: 'moto evaluates an expression only when it is a bare query id; AWS evaluates metric math (CloudWatch User Guide, using-metric-math)' })) {
      expect(got.pct?.points).toEqual([]);
    } else {
      expect(got.pct?.points).toEqual([[t0, 30], [t0 + 60_000, 20], [t0 + 120_000, 50]]);
    }
  });
});
