/**
 * What `status` reads from CloudWatch (docs/architecture.md, "Status"): GetMetricData with up to 500
 * queries a call ("You can include as many as 500 MetricDataQuery structures", GetMetricData), every page
 * of each, and the stack's alarms' states with DescribeAlarms by the stack's prefix and the file's other
 * names (100 names a call). Reads only; through the run's paced client.
 */
import { DescribeAlarmsCommand, GetMetricDataCommand, type CloudWatchClient, type DescribeAlarmsCommandInput, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { AlarmStatus, MetricQuery, Series, Window } from '../../model/status.js';
import { CallCount } from '../call-count.js';
import { DESCRIBE_ALARMS_MAX, stackAlarmPrefix } from './reader.js';

/** GetMetricData's limit of queries a call. */
export const METRIC_QUERIES_MAX = 500;

function chunks<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

function toAws(q: MetricQuery): MetricDataQuery {
  return {
    Id: q.id,
    MetricStat: { Metric: { Namespace: q.namespace, MetricName: q.metricName, Dimensions: q.dimensions.map((d) => ({ Name: d.name, Value: d.value })) }, Period: q.period, Stat: q.stat },
    ReturnData: true,
  };
}

/** Each query's datapoints over the window, oldest first. */
export async function readMetricData(cw: CloudWatchClient, queries: readonly MetricQuery[], window: Window, calls: CallCount): Promise<Map<string, Series>> {
  const got = new Map<string, { timestamps: string[]; values: number[] }>();
  for (const batch of chunks(queries, METRIC_QUERIES_MAX)) {
    let token: string | undefined;
    do {
      const page = await calls.call('GetMetricData', () =>
        cw.send(
          new GetMetricDataCommand({
            MetricDataQueries: batch.map(toAws),
            StartTime: new Date(window.start),
            EndTime: new Date(window.end),
            ScanBy: 'TimestampAscending',
            ...(token ? { NextToken: token } : {}),
          }),
        ),
      );
      for (const r of page.MetricDataResults ?? []) {
        if (r.Id === undefined) continue;
        const s = got.get(r.Id) ?? { timestamps: [], values: [] };
        (r.Timestamps ?? []).forEach((t, i) => {
          s.timestamps.push(new Date(t).toISOString());
          s.values.push(r.Values?.[i] ?? 0);
        });
        got.set(r.Id, s);
      }
      token = page.NextToken || undefined;
    } while (token !== undefined);
  }
  return got;
}

/** The states of the stack's alarms: those named `stack/…` and the file's other names. */
export async function readAlarmStates(cw: CloudWatchClient, stack: string, names: readonly string[], calls: CallCount): Promise<AlarmStatus[]> {
  const prefix = stackAlarmPrefix(stack);
  const listings: DescribeAlarmsCommandInput[] = [{ AlarmNamePrefix: prefix }, ...chunks([...new Set(names.filter((n) => !n.startsWith(prefix)))].sort(), DESCRIBE_ALARMS_MAX).map((AlarmNames) => ({ AlarmNames }))];
  const out = new Map<string, AlarmStatus>();
  for (const listing of listings) {
    let token: string | undefined;
    do {
      const page = await calls.call('DescribeAlarms', () => cw.send(new DescribeAlarmsCommand({ ...listing, ...(token ? { NextToken: token } : {}) })));
      for (const a of page.MetricAlarms ?? []) {
        if (a.AlarmName === undefined) continue;
        const state = a.StateValue === 'ALARM' || a.StateValue === 'OK' ? a.StateValue : 'INSUFFICIENT_DATA';
        out.set(a.AlarmName, {
          name: a.AlarmName,
          state,
          ...(a.StateUpdatedTimestamp ? { since: new Date(a.StateUpdatedTimestamp).toISOString() } : {}),
          ...(a.StateReason ? { reason: a.StateReason } : {}),
        });
      }
      token = page.NextToken || undefined;
    } while (token !== undefined);
  }
  return [...out.values()];
}

