/**
 * A preset alarm must watch a metric that some CloudWatch destination of its set publishes: metrics exist
 * only for the event types a destination matches, with exactly its dimensions (DG
 * event-publishing-retrieving-cloudwatch; docs/aws-behaviour.md, "Metrics SES publishes"). A disabled
 * destination publishes nothing, so its alarms see no data.
 */
import type { Rule } from './rule.js';
import { eachSetPreset } from './rule.js';
import { pickPresetSource } from '../preset-source.js';

export const publishedMetrics: Rule = {
  code: 'published-metrics',
  check(ctx) {
    for (const [setName, preset, spec, set] of eachSetPreset(ctx.config)) {
      if (ctx.declared.incompleteSets.has(setName)) continue; // its destinations are already in error
      const at = ['configurationSets', setName, 'alarms', preset];
      const source = pickPresetSource(setName, set, preset, spec);
      if (!source.ok) {
        ctx.report({
          severity: 'error',
          at: source.field ? [...at, source.field] : at,
          prefer: source.field ? 'value' : 'key',
          message: source.message,
          hint: source.hint,
        });
        continue;
      }
      const dims = Object.keys(source.spec.cloudWatch?.dimensions ?? {});
      for (const name of Object.keys(spec.dimensions ?? {})) {
        if (dims.includes(name)) continue;
        ctx.report({
          severity: 'error',
          at: [...at, 'dimensions', name],
          prefer: 'key',
          message: `destination "${source.destination}" has no dimension "${name}"`,
          hint: `its dimensions are ${dims.join(', ')}`,
        });
      }
      if (source.spec.enabled === false) {
        ctx.report({
          severity: 'warning',
          at,
          prefer: 'key',
          message: `the ${preset} alarm reads destination "${source.destination}", which is disabled and publishes no metrics`,
          hint: 'enable the destination, or remove the alarm',
        });
      }
    }
  },
};
