/**
 * Alarm evaluation over the metric store: the state an alarm's data puts it in now, with AWS's reason
 * (CloudWatch User Guide, AlarmThatSendsEmail "Evaluating an alarm", alarms-and-missing-data).
 *
 * The evaluation range is the last EvaluationPeriods (N) periods, each Period long, ending at the end of
 * the clock's current minute (of its current Period, for periods under a minute), so a datapoint put
 * now is in the last period. Each period holds one datapoint (the alarm's statistic, or the returning
 * expression of a metric-math alarm) or is missing. Then, with M = DatapointsToAlarm (default N):
 *
 * - at least M datapoints present: ALARM when at least M of them breach, else OK; TreatMissingData does
 *   not matter ("the value of how to treat missing data is not needed and is ignored");
 * - fewer: the missing ones are filled with the treatment, "as few times as possible": any present
 *   datapoint within the threshold makes the alarm OK; otherwise (all present ones breach, or there are
 *   none) `breaching` is ALARM, `notBreaching` OK, `ignore` keeps the current state and `missing` is
 *   ALARM, or INSUFFICIENT_DATA when every datapoint is missing ("If all data points in the alarm
 *   evaluation range are missing, the alarm transitions to INSUFFICIENT_DATA").
 *
 * Simplifications, each an INFERENCE about AWS: AWS evaluates every minute, on its own; the emulator
 * evaluates when asked (alarms.ts), and not at all while none of the alarm's metrics has ever had a
 * datapoint, so a new alarm stays INSUFFICIENT_DATA until its data exists (AWS would apply the missing
 * data treatment after a minute). AWS also looks back over more periods than N when data is missing;
 * the emulator looks at N. PromQL and anomaly-detection alarms are not evaluated. The reason texts
 * follow AWS's recorded ones ("Threshold Crossed: 1 out of the last 1 datapoints [0.05 (01/03/26
 * 09:01:00)] was greater than or equal to the threshold (0.03) (minimum 1 datapoint for
 * INSUFFICIENT_DATA -> ALARM transition).", CloudWatch User Guide, cloudwatch-and-eventbridge); the
 * others are ours in the same form.
 */
import type { MetricDataQueryInput, PutMetricAlarmInput } from './alarm-rules.js';
import { ExpressionError } from './expressions.js';
import { evaluateQueries } from './metric-queries.js';
import { metricKey, type MetricStore } from './metric-store.js';
import { parseStat, statisticSeries, type Point } from './statistics.js';

export type StateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface Evaluation {
  readonly value: StateValue;
  readonly reason: string;
  /** StateReasonData: JSON, as DescribeAlarms and the notification carry it. */
  readonly reasonData: string;
}

/** Why an alarm was not evaluated: no data yet (`noData`), or a kind of alarm the emulator does not evaluate. */
export interface Skipped {
  readonly skipped: string;
  readonly noData?: true;
}

type Config = PutMetricAlarmInput;

const dims = (d: readonly { readonly Name?: string; readonly Value?: string }[] | undefined) => (d ?? []).map((x) => ({ Name: x.Name ?? '', Value: x.Value ?? '' }));

/** The metrics an alarm watches, by metric-store key: a datapoint for one of them may change its state. */
export function watchedMetrics(c: Config): string[] {
  if (c.Metrics && c.Metrics.length > 0) {
    return c.Metrics.filter((q) => q.MetricStat?.Metric).map((q) =>
      metricKey({ namespace: q.MetricStat?.Metric?.Namespace ?? '', metricName: q.MetricStat?.Metric?.MetricName ?? '', dimensions: dims(q.MetricStat?.Metric?.Dimensions) }),
    );
  }
  return c.MetricName !== undefined ? [metricKey({ namespace: c.Namespace ?? '', metricName: c.MetricName, dimensions: dims(c.Dimensions) })] : [];
}

const PHRASES: Readonly<Record<string, string>> = {
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  GreaterThanThreshold: 'greater than',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

function breaches(op: string, value: number, threshold: number): boolean {
  switch (op) {
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
    default:
      return false;
  }
}

/** A number as AWS's (Java) messages print a double: `0.05`, `10.0`. */
export function javaDouble(n: number): string {
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `dd/MM/yy HH:mm:ss` UTC, as the reason lists datapoints. */
function reasonTime(t: number): string {
  const d = new Date(t);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCFullYear() % 100)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `2026-03-01T09:01:00.000+0000`, as StateReasonData and notifications write times. */
export function awsTime(t: number | Date): string {
  return new Date(t).toISOString().replace('Z', '+0000');
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const wasWere = (n: number): string => (n === 1 ? 'was' : 'were');

/** The end of the evaluation range: the end of the current minute, or of the current period under a minute. */
export function evaluationEnd(now: number, periodSeconds: number): number {
  const unit = periodSeconds < 60 ? periodSeconds * 1000 : 60_000;
  return Math.floor(now / unit) * unit + unit;
}

/** The returning query of a metric-math alarm and the alarm's period. */
function mathShape(metrics: readonly MetricDataQueryInput[]): { returning: MetricDataQueryInput; period: number } | undefined {
  const returning = metrics.find((q) => q.ReturnData === true);
  if (!returning) return undefined;
  const statPeriods = metrics.map((q) => q.MetricStat?.Period).filter((p): p is number => p !== undefined);
  const period = returning.MetricStat?.Period ?? returning.Period ?? (statPeriods.length > 0 ? Math.max(...statPeriods) : undefined);
  return period === undefined ? undefined : { returning, period };
}

/**
 * The state the alarm's data gives now, or why it was not evaluated. `current` is its state now
 * (TreatMissingData `ignore` keeps it).
 */
export function evaluateAlarm(c: Config, store: MetricStore, region: string, now: Date, current: StateValue): Evaluation | Skipped {
  if (c.EvaluationCriteria) return { skipped: 'PromQL alarms are not evaluated by the ses-reconcile emulator' };
  if (c.ThresholdMetricId !== undefined) return { skipped: 'anomaly detection alarms are not evaluated by the ses-reconcile emulator' };
  if (c.Threshold === undefined || c.EvaluationPeriods === undefined || c.ComparisonOperator === undefined) return { skipped: 'the alarm has no static threshold' };
  const keys = new Set(watchedMetrics(c));
  const hasData = [...store.all(region)].some((s) => keys.has(s.key) && s.samples.length > 0);
  if (!hasData) return { skipped: 'none of its metrics has any datapoint yet', noData: true };

  const math = c.Metrics && c.Metrics.length > 0 ? mathShape(c.Metrics) : undefined;
  const period = math ? math.period : (c.Period as number);
  const n = c.EvaluationPeriods;
  const m = c.DatapointsToAlarm ?? n;
  const end = evaluationEnd(now.getTime(), period);
  const start = end - n * period * 1000;

  let points: readonly Point[];
  let statistic: string | undefined;
  if (math) {
    try {
      points = evaluateQueries(store, region, c.Metrics as MetricDataQueryInput[], { start, end, now: now.getTime(), round: false }).get(math.returning.Id as string) ?? [];
    } catch (err) {
      if (err instanceof ExpressionError) return { skipped: `its expression cannot be evaluated: ${err.message}` };
      throw err;
    }
  } else {
    statistic = c.Statistic ?? c.ExtendedStatistic ?? '';
    const stat = parseStat(statistic);
    if (!stat) return { skipped: `the statistic ${statistic} is not computed by the ses-reconcile emulator` };
    points = statisticSeries(store.series(region, { namespace: c.Namespace ?? '', metricName: c.MetricName ?? '', dimensions: dims(c.Dimensions) }), stat, period * 1000, start, end, c.Unit);
  }

  const byTime = new Map(points.map((p) => [p.t, p.value]));
  const periods = Array.from({ length: n }, (_, i) => start + i * period * 1000);
  const present = periods.filter((t) => byTime.has(t)).map((t) => ({ t, value: byTime.get(t) as number }));
  const op = c.ComparisonOperator;
  const threshold = c.Threshold;
  const breaching = present.filter((p) => breaches(op, p.value, threshold));
  const within = present.length - breaching.length;
  const missing = n - present.length;
  const treat = c.TreatMissingData ?? 'missing';

  let value: StateValue;
  let filled = 0;
  if (present.length >= m) value = breaching.length >= m ? 'ALARM' : 'OK';
  else if (within > 0) {
    value = 'OK';
    filled = treat === 'notBreaching' ? Math.min(missing, m - present.length) : 0;
  } else if (treat === 'breaching') {
    value = 'ALARM';
    filled = m - present.length;
  } else if (treat === 'notBreaching') {
    value = 'OK';
    filled = m - present.length;
  } else if (treat === 'ignore') value = current;
  else value = present.length === 0 ? 'INSUFFICIENT_DATA' : 'ALARM';

  const newestFirst = [...present].reverse();
  const phrase = PHRASES[op] ?? op;
  const transition = `(minimum ${plural(m, 'datapoint')} for ${current} -> ${value} transition)`;
  let reason: string;
  if (present.length === 0 && value === 'INSUFFICIENT_DATA') reason = `Insufficient Data: ${plural(n, 'datapoint')} ${wasWere(n)} unknown.`;
  else if (present.length === 0) {
    reason = `Threshold Crossed: no datapoints were received for ${plural(n, 'period')} and ${plural(filled, 'missing datapoint')} ${wasWere(filled)} treated as [${treat === 'breaching' ? 'Breaching' : 'NonBreaching'}].`;
  } else {
    const counted = value === 'ALARM' ? breaching.length : within;
    const listed = newestFirst.map((p) => `${javaDouble(p.value)} (${reasonTime(p.t)})`).join(', ');
    const fill = filled > 0 ? ` and ${plural(filled, 'missing datapoint')} ${wasWere(filled)} treated as [${treat === 'breaching' ? 'Breaching' : 'NonBreaching'}]` : '';
    reason = `Threshold Crossed: ${counted} out of the last ${present.length} datapoints [${listed}] ${wasWere(counted)} ${value === 'ALARM' ? '' : 'not '}${phrase} the threshold (${javaDouble(threshold)})${fill} ${transition}.`;
  }
  const reasonData = JSON.stringify({
    version: '1.0',
    queryDate: awsTime(now),
    startDate: awsTime(start),
    ...(statistic !== undefined ? { statistic, ...(c.Unit ? { unit: c.Unit } : {}) } : {}),
    period,
    recentDatapoints: present.map((p) => p.value),
    threshold,
    evaluatedDatapoints: newestFirst.map((p) => ({ timestamp: awsTime(p.t), value: p.value })),
  });
  return { value, reason, reasonData };
}
