/**
 * Statistics over a metric's samples, per period, as GetMetricData, GetMetricStatistics and alarms read
 * them (CloudWatch User Guide, "Statistics definitions"):
 *
 * - SampleCount (the number of values), Sum, Average (Sum / SampleCount), Minimum, Maximum, over every
 *   sample whose timestamp falls in the period;
 * - percentiles `pNN` (p0 to p100, decimals allowed), by nearest rank over the values put. "Percentile
 *   statistics are not available for metrics when any of the metric values are negative numbers", and a
 *   statistic set counts only when its Minimum equals its Maximum (all its values are then that value);
 *   otherwise the period has no percentile (same page, "Percentiles"). Other extended statistics (trimmed
 *   means, IQM, …) are not emulated.
 *
 * Periods are `[start + i·period, start + (i+1)·period)` for each start before `end`: a sample at a
 * period's first instant is in it, one at its end is in the next (StartTime inclusive, EndTime exclusive,
 * GetMetricData doc). A period without samples has no datapoint at all (not a zero).
 */
import type { Sample, Series } from './metric-store.js';

export const STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;
export type Statistic = (typeof STATISTICS)[number];

export type Stat = { readonly kind: 'statistic'; readonly name: Statistic } | { readonly kind: 'percentile'; readonly p: number; readonly name: string };

const PERCENTILE = /^p(\d{1,3}(?:\.\d+)?)$/;

/** `Sum`, `p99`, `p99.9`; undefined for what the emulator does not compute. */
export function parseStat(s: string): Stat | undefined {
  if ((STATISTICS as readonly string[]).includes(s)) return { kind: 'statistic', name: s as Statistic };
  const m = PERCENTILE.exec(s);
  const p = m ? Number(m[1]) : Number.NaN;
  return p >= 0 && p <= 100 ? { kind: 'percentile', p, name: s } : undefined;
}

/** The values of the samples as [value, count] pairs, or undefined when percentiles are not available. */
function valuesOf(samples: readonly Sample[]): [number, number][] | undefined {
  const out: [number, number][] = [];
  for (const s of samples) {
    if (s.values) out.push(...s.values.map(([v, c]) => [v, c] as [number, number]));
    else if (s.min === s.max) out.push([s.min, s.count]);
    else return undefined;
  }
  return out.some(([v]) => v < 0) ? undefined : out;
}

function percentile(samples: readonly Sample[], p: number): number | undefined {
  const pairs = valuesOf(samples)?.filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
  if (!pairs || pairs.length === 0) return undefined;
  const total = pairs.reduce((n, [, c]) => n + c, 0);
  // Nearest rank: the smallest value with at least p% of the values at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const [v, c] of pairs) {
    seen += c;
    if (seen >= rank) return v;
  }
  return pairs[pairs.length - 1]?.[0];
}

export function aggregate(samples: readonly Sample[], stat: Stat): number | undefined {
  if (samples.length === 0) return undefined;
  if (stat.kind === 'percentile') return percentile(samples, stat.p);
  const count = samples.reduce((n, s) => n + s.count, 0);
  const sum = samples.reduce((n, s) => n + s.sum, 0);
  switch (stat.name) {
    case 'SampleCount':
      return count;
    case 'Sum':
      return sum;
    case 'Average':
      return count > 0 ? sum / count : undefined;
    case 'Minimum':
      return Math.min(...samples.map((s) => s.min));
    case 'Maximum':
      return Math.max(...samples.map((s) => s.max));
  }
}

export interface Bucket {
  /** The period's start, epoch milliseconds: the datapoint's timestamp. */
  readonly t: number;
  readonly samples: readonly Sample[];
}

/** The periods from `start` (already aligned) until `end` that hold samples of `series` (of `unit`, if given). */
export function buckets(series: Series | undefined, periodMs: number, start: number, end: number, unit?: string): Bucket[] {
  if (!series || end <= start) return [];
  const byIndex = new Map<number, Sample[]>();
  for (const s of series.samples) {
    if (s.t < start || s.t >= end || (unit !== undefined && s.unit !== unit)) continue;
    const i = Math.floor((s.t - start) / periodMs);
    let list = byIndex.get(i);
    if (!list) byIndex.set(i, (list = []));
    list.push(s);
  }
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([i, samples]) => ({ t: start + i * periodMs, samples }));
}

export interface Point {
  readonly t: number;
  readonly value: number;
}

/** One statistic per period with samples, oldest first. */
export function statisticSeries(series: Series | undefined, stat: Stat, periodMs: number, start: number, end: number, unit?: string): Point[] {
  const out: Point[] = [];
  for (const b of buckets(series, periodMs, start, end, unit)) {
    const value = aggregate(b.samples, stat);
    if (value !== undefined) out.push({ t: b.t, value });
  }
  return out;
}

/**
 * StartTime as CloudWatch rounds it (GetMetricData and GetMetricStatistics docs, StartTime): down to the
 * minute when under 15 days old, to 5 minutes up to 63 days, to the hour beyond; with a Period of 1, 5,
 * 10, 20 or 30 seconds, down to that many seconds.
 */
export function roundStart(start: number, now: number, periodSeconds: number): number {
  const day = 86_400_000;
  const age = now - start;
  const unit = periodSeconds < 60 ? periodSeconds * 1000 : age > 63 * day ? 3_600_000 : age > 15 * day ? 300_000 : 60_000;
  return Math.floor(start / unit) * unit;
}
