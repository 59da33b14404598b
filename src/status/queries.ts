/**
 * What `status` asks CloudWatch (docs/architecture.md, "Status"): for each configuration set of the file,
 * the SES event metrics of one of its CloudWatch destinations, with that destination's dimensions at the
 * values the set's own traffic has (the presets' choice: the destination whose only dimension is
 * `ses:configuration-set` is the set's own total), bucketed so a reader sees the trend; and the account's
 * reputation rates. One GetMetricData query per metric and set: the adapter batches them 500 a call.
 */
import { EVENT_OF_METRIC, SES_NAMESPACE, chooseMetricSource, dimensionValueOf, isSetTotal } from '../model/ses.js';
import type { CloudWatchDimension, EventDestination, Resource } from '../model/resources.js';
import { STATUS_METRICS, type MetricQuery, type StatusMetric, type Window } from '../model/status.js';

/** The trend has about this many buckets. */
const BUCKETS = 24;

/**
 * The window ending at `now`, its end on a bucket boundary (CloudWatch aligns periods to them), the bucket
 * a multiple of 60 seconds, so `since` = 24h reads 24 one-hour buckets and 7d 24 seven-hour ones.
 */
export function windowOf(nowMs: number, sinceSeconds: number): Window {
  const period = Math.max(60, Math.ceil(sinceSeconds / BUCKETS / 60) * 60);
  const buckets = Math.ceil(sinceSeconds / period);
  const end = Math.ceil(nowMs / 1000 / period) * period;
  const start = end - buckets * period;
  return { start: new Date(start * 1000).toISOString(), end: new Date(end * 1000).toISOString(), period };
}

type CloudWatchDestination = EventDestination & { readonly target: { readonly type: 'cloudWatch'; readonly dimensions: readonly CloudWatchDimension[] } };

/**
 * The destination whose sends the review counts: chosen by the presets' and dashboards' own rule
 * (model/ses.ts chooseMetricSource: the only one publishing SEND, else the set's own total); where the file
 * would have to name one, the first by name (a review reads what it can rather than fail).
 */
export function destinationOf(set: string, resources: readonly Resource[]): CloudWatchDestination | undefined {
  const cw = resources
    .filter((r): r is CloudWatchDestination => r.kind === 'eventDestination' && r.configurationSet === set && r.enabled && r.target.type === 'cloudWatch')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const choice = chooseMetricSource(cw.map((d) => ({ name: d.name, events: d.events, dimensions: d.target.dimensions, d })), ['SEND']);
  return choice.ok ? choice.chosen.d : (cw.find((d) => isSetTotal(d.target)) ?? cw[0]);
}

/** A query id GetMetricData accepts, unique per set (by index) and metric. */
export function queryId(setIndex: number, metric: string): string {
  return `s${setIndex}_${metric.replace(/[^A-Za-z0-9]/g, '_').toLowerCase()}`;
}

export interface SetQueries {
  readonly set: string;
  readonly destination?: string;
  /** Per metric its query id, or null when the destination does not publish that event type. */
  readonly ids: Readonly<Record<StatusMetric, string | null>>;
}

export interface StatusQueries {
  readonly queries: readonly MetricQuery[];
  readonly sets: readonly SetQueries[];
  readonly reputation: { readonly bounceRate: string; readonly complaintRate: string };
}

export function statusQueries(resources: readonly Resource[], window: Window): StatusQueries {
  const sets = resources.filter((r) => r.kind === 'configurationSet').map((r) => r.name).sort();
  const queries: MetricQuery[] = [];
  const setQueries = sets.map((set, i): SetQueries => {
    const d = destinationOf(set, resources);
    const ids = Object.fromEntries(STATUS_METRICS.map((m) => [m, null])) as Record<StatusMetric, string | null>;
    if (!d) return { set, ids };
    const dimensions = d.target.dimensions.map((x) => ({ name: x.name, value: dimensionValueOf(x, set) }));
    for (const metric of STATUS_METRICS) {
      if (!d.events.includes(EVENT_OF_METRIC[metric] as never)) continue;
      const id = queryId(i, metric);
      ids[metric] = id;
      queries.push({ id, namespace: SES_NAMESPACE, metricName: metric, dimensions, stat: 'Sum', period: window.period });
    }
    return { set, destination: d.name, ids };
  });
  const reputation = { bounceRate: 'acct_bounce_rate', complaintRate: 'acct_complaint_rate' };
  queries.push(
    { id: reputation.bounceRate, namespace: SES_NAMESPACE, metricName: 'Reputation.BounceRate', dimensions: [], stat: 'Average', period: window.period },
    { id: reputation.complaintRate, namespace: SES_NAMESPACE, metricName: 'Reputation.ComplaintRate', dimensions: [], stat: 'Average', period: window.period },
  );
  return { queries, sets: setQueries, reputation };
}
