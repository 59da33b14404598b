/**
 * An alarm on an SES event metric must name a dimension set that some CloudWatch event destination
 * publishes: event metrics exist with exactly the dimensions of the destination that published them, and
 * only for its matching event types (DG event-publishing-retrieving-cloudwatch; docs/aws-behaviour.md,
 * "Metrics SES publishes"). With no dimensions the alarm reads the account-level metric, which SES always
 * publishes.
 *
 * A per-set reputation alarm (`Reputation.*` with `ses:configuration-set`) needs that set to publish
 * reputation metrics (reputationMetricsEnabled: DG monitoring-sender-reputation-pausing-configuration-set).
 */
import type { PathSegment, Rule, RuleContext } from './rule.js';
import { eachDestination } from './rule.js';
import { EVENT_OF_METRIC, SES_NAMESPACE, SET_NAME_DIMENSION } from '../../model/ses.js';


function checkMetric(ctx: RuleContext, at: PathSegment[], namespace: string, metric: string, dimensions: Record<string, string>): void {
  if (namespace !== SES_NAMESPACE) return;
  const names = Object.keys(dimensions).sort();
  if (metric.startsWith('Reputation.')) {
    const set = dimensions[SET_NAME_DIMENSION];
    const spec = set === undefined ? undefined : ctx.config.configurationSets?.[set];
    if (set !== undefined && spec && spec.reputationMetricsEnabled !== true)
      ctx.report({
        severity: 'error',
        at,
        message: `${metric} for configuration set "${set}" is published only when the set has reputationMetricsEnabled: true`,
        hint: `add reputationMetricsEnabled: true to configurationSets.${set}`,
      });
    return;
  }
  const event = EVENT_OF_METRIC[metric];
  if (!event || names.length === 0) return;
  const publishers = [...eachDestination(ctx.config)].filter(([, , d]) => d.cloudWatch && d.events.includes(event as never));
  const match = publishers.some(([, , d]) => Object.keys(d.cloudWatch?.dimensions ?? {}).sort().join('\u0000') === names.join('\u0000'));
  if (match) return;
  const offered = [...new Set(publishers.map(([, , d]) => Object.keys(d.cloudWatch?.dimensions ?? {}).sort().join(' + ')))];
  ctx.report({
    severity: 'error',
    at,
    message: `no CloudWatch event destination publishes ${metric} with the dimensions ${names.join(' + ')}, so this alarm watches a metric that never exists`,
    hint:
      offered.length > 0
        ? `use exactly the dimensions of a destination publishing ${event}: ${offered.join(', or ')}; or none for the account-level metric`
        : `add a CloudWatch event destination with events [${event}] and these dimensions, or remove the dimensions for the account-level metric`,
  });
}

export const alarmDimensions: Rule = {
  code: 'alarm-dimensions',
  check(ctx) {
    for (const [name, a] of Object.entries(ctx.config.alarms ?? {})) {
      if (a.metric !== undefined) checkMetric(ctx, ['alarms', name, 'dimensions'], a.namespace ?? SES_NAMESPACE, a.metric, a.dimensions ?? {});
      (a.metrics ?? []).forEach((q, i) => {
        if (q.metric) checkMetric(ctx, ['alarms', name, 'metrics', i, 'metric'], q.metric.namespace, q.metric.name, q.metric.dimensions ?? {});
      });
    }
  },
};
