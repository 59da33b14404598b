/**
 * A configuration set should let someone see its bounces and complaints: the account's bounce and
 * complaint rates decide whether SES reviews or pauses sending (DG faqs-enforcement; docs/aws-behaviour.md,
 * "Metrics SES publishes"), and only an enabled event destination matching BOUNCE and COMPLAINT shows which
 * set caused them.
 */
import type { Rule } from './rule.js';
import { eachSet } from './rule.js';

export const bounceVisibility: Rule = {
  code: 'bounce-visibility',
  check(ctx) {
    for (const [setName, set] of eachSet(ctx.config)) {
      if (ctx.declared.incompleteSets.has(setName)) continue; // its destinations are already in error
      const enabled = Object.values(set.eventDestinations ?? {}).filter((d) => d.enabled !== false);
      const missing = (['BOUNCE', 'COMPLAINT'] as const).filter((e) => !enabled.some((d) => d.events.includes(e)));
      if (missing.length === 0) continue;
      ctx.report({
        severity: 'warning',
        at: ['configurationSets', setName],
        prefer: 'key',
        message: `no enabled event destination of "${setName}" receives ${missing.join(' or ')} events: nobody will see this set's ${missing.map((m) => m.toLowerCase() + 's').join(' and ')}`,
        hint: 'add an event destination (CloudWatch or SNS) with events [BOUNCE, COMPLAINT]',
      });
    }
  },
};
