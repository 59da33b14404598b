/**
 * CloudWatch's metric store: per Region, one series per metric, a metric being a namespace, a name and a
 * set of dimensions. "A metric is uniquely defined by a name, a namespace, and zero or more dimensions",
 * and a query names "exactly the same dimension set": `Bounce` with `{ses:configuration-set=a}` is
 * another metric than `Bounce` with no dimension or with one more (CloudWatch User Guide,
 * cloudwatch_concepts, "Dimensions"; docs/aws-behaviour.md, "Metrics SES publishes"). The order of the
 * dimensions does not matter.
 *
 * A sample is what one PutMetricData datum (or one SES event) adds: its timestamp, its unit and its
 * statistics (count, sum, minimum, maximum) and, where it came as values, the values themselves, for
 * percentiles (statistics.ts). Samples are kept as put; queries aggregate them per period when read.
 *
 * INFERENCE / simplifications: nothing expires (AWS keeps 1-minute data 15 days, then aggregates it;
 * CloudWatch User Guide, "Metrics retention"), and StorageResolution is accepted but not kept: every
 * sample keeps its own timestamp, so high-resolution periods work on any metric.
 */
import type { MetricDimension } from '../types.js';

export interface Sample {
  /** Epoch milliseconds. */
  readonly t: number;
  readonly unit: string;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  /** `[value, count]` pairs, when the sample came as Value or Values/Counts; absent for StatisticValues. */
  readonly values?: readonly (readonly [number, number])[];
}

export interface Series {
  readonly key: string;
  readonly namespace: string;
  readonly metricName: string;
  /** Sorted by name (then value): the metric's identity, whatever order they were put in. */
  readonly dimensions: readonly MetricDimension[];
  readonly samples: Sample[];
}

export interface MetricId {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: readonly MetricDimension[];
}

function sortedDimensions(dims: readonly MetricDimension[]): MetricDimension[] {
  return [...dims].map((d) => ({ Name: d.Name, Value: d.Value })).sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : a.Value < b.Value ? -1 : a.Value > b.Value ? 1 : 0));
}

/** The identity of a metric: equal for the same namespace, name and dimension set. */
export function metricKey(m: MetricId): string {
  return JSON.stringify([m.namespace, m.metricName, sortedDimensions(m.dimensions).map((d) => [d.Name, d.Value])]);
}

export class MetricStore {
  private readonly regions = new Map<string, Map<string, Series>>();

  reset(): void {
    this.regions.clear();
  }

  private region(region: string): Map<string, Series> {
    let series = this.regions.get(region);
    if (!series) this.regions.set(region, (series = new Map()));
    return series;
  }

  /** Add one sample to its metric's series (created on its first sample); returns the metric's key. */
  add(region: string, metric: MetricId, sample: Sample): string {
    const key = metricKey(metric);
    const all = this.region(region);
    let series = all.get(key);
    if (!series) {
      series = { key, namespace: metric.namespace, metricName: metric.metricName, dimensions: sortedDimensions(metric.dimensions), samples: [] };
      all.set(key, series);
    }
    series.samples.push(sample);
    return key;
  }

  /** The series of exactly this metric, if it has ever had a sample. */
  series(region: string, metric: MetricId): Series | undefined {
    return this.regions.get(region)?.get(metricKey(metric));
  }

  /** Every metric of the Region, unordered. */
  all(region: string): Iterable<Series> {
    return this.regions.get(region)?.values() ?? [];
  }
}
