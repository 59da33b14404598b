/**
 * Warnings about what a CloudWatch destination costs and how readable its metrics are.
 * - Each unique combination of event type, dimension name and value is a billed custom metric
 *   (DG event-publishing-add-event-destination-cloudwatch, "Price per metric"; docs/aws-behaviour.md,
 *   "Prices"), so an auto-tag with one value per sender domain or IP multiplies the bill.
 * - "If a metric has multiple dimensions, you cannot access the metric in CloudWatch based on each
 *   dimension separately" (same page): an alarm must name every dimension value.
 */
import type { Rule } from './rule.js';
import { eachDestination } from './rule.js';

const HIGH_CARDINALITY = ['ses:from-domain', 'ses:source-ip', 'ses:caller-identity', 'ses:outgoing-ip'];

export const dimensionCost: Rule = {
  code: 'dimension-cost',
  check(ctx) {
    for (const [setName, destName, dest] of eachDestination(ctx.config)) {
      const dims = Object.keys(dest.cloudWatch?.dimensions ?? {});
      const base = ['configurationSets', setName, 'eventDestinations', destName, 'cloudWatch', 'dimensions'];
      for (const dim of dims) {
        if (!HIGH_CARDINALITY.includes(dim)) continue;
        ctx.report({
          severity: 'warning',
          at: [...base, dim],
          prefer: 'key',
          message: `dimension "${dim}" takes one value per ${dim.slice(4).replace('-', ' ')}; each value of each of the ${dest.events.length} event types is a billed custom metric`,
          hint: 'prefer a low-cardinality dimension such as ses:configuration-set or a campaign tag',
        });
      }
      if (dims.length > 1) {
        ctx.report({
          severity: 'warning',
          at: base,
          prefer: 'key',
          message: `${dims.length} dimensions on one destination: CloudWatch cannot read its metrics per dimension, and every alarm must name all ${dims.length} values`,
          hint: 'use one dimension per CloudWatch destination (add a second destination for another breakdown)',
        });
      }
    }
  },
};
