/**
 * The shape of a free-form alarm beyond what the schema says (docs/aws-behaviour.md, "CloudWatch alarms"):
 * - a metric alarm has exactly one of Statistic / ExtendedStatistic;
 * - a metric-math alarm has no metric fields of its own; its queries have unique ids, at most 10
 *   metrics and 10 expressions, and exactly one returns data (MetricDataQuery doc);
 * - an SES count metric (each event adds 1) averaged is always 1, so `Average` with a threshold below 1 is
 *   a rate mistaken for a count: it fires on the first event (a real-world mistake).
 */
import type { Rule } from './rule.js';
import { EVENT_OF_METRIC, SES_NAMESPACE } from '../../model/ses.js';


export const alarmShape: Rule = {
  code: 'alarm-shape',
  check(ctx) {
    for (const [name, a] of Object.entries(ctx.config.alarms ?? {})) {
      const at = ['alarms', name];
      if (a.metric !== undefined) {
        if ((a.statistic === undefined) === (a.extendedStatistic === undefined)) {
          ctx.report({
            severity: 'error',
            at,
            prefer: 'key',
            message: a.statistic === undefined ? `alarm "${name}" needs a statistic` : `alarm "${name}" has both statistic and extendedStatistic`,
            hint: 'write one of statistic: Sum (or Average, Minimum, Maximum, SampleCount) or extendedStatistic: p99',
          });
        }
        if (
          (a.namespace ?? SES_NAMESPACE) === SES_NAMESPACE &&
          a.metric in EVENT_OF_METRIC &&
          a.statistic === 'Average' &&
          a.threshold < 1
        ) {
          ctx.report({
            severity: 'warning',
            at: [...at, 'statistic'],
            message: `the Average of SES's ${a.metric} count is always 1, so a threshold of ${a.threshold} alarms on the first ${a.metric.toLowerCase()}, not on a rate`,
            hint: 'for a rate use a configurationSets.<set>.alarms.bounceRate / complaintRate preset; for a count use statistic: Sum',
          });
        }
        continue;
      }
      const metrics = a.metrics ?? [];
      for (const field of ['namespace', 'dimensions', 'statistic', 'extendedStatistic', 'unit'] as const) {
        if (a[field] === undefined) continue;
        ctx.report({
          severity: 'error',
          at: [...at, field],
          prefer: 'key',
          message: `${field} belongs to a single-metric alarm; alarm "${name}" uses metrics (metric math)`,
          hint: `move ${field} into the metric of a query under metrics`,
        });
      }
      const ids = new Set<string>();
      metrics.forEach((q, i) => {
        if (ids.has(q.id))
          ctx.report({ severity: 'error', at: [...at, 'metrics', i, 'id'], message: `query id "${q.id}" is used twice`, hint: 'give every query its own id' });
        ids.add(q.id);
      });
      const counts = { metric: metrics.filter((q) => q.metric).length, expression: metrics.filter((q) => q.expression).length };
      for (const [kind, n] of Object.entries(counts)) {
        if (n > 10)
          ctx.report({ severity: 'error', at: [...at, 'metrics'], prefer: 'key', message: `${n} ${kind} queries; CloudWatch allows 10 in one alarm`, hint: 'split the alarm' });
      }
      const returning = metrics.filter((q) => q.returnData === true).length;
      if (returning > 1)
        ctx.report({
          severity: 'error',
          at: [...at, 'metrics'],
          prefer: 'key',
          message: `${returning} queries have returnData: true; an alarm watches exactly one`,
          hint: 'set returnData: true on the query the alarm compares with the threshold only',
        });
    }
  },
};
