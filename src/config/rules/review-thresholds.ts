/**
 * SES puts an account under review at a 5% bounce rate or a 0.1% complaint rate (DG faqs-enforcement,
 * reputationdashboardmessages; docs/aws-behaviour.md, "Metrics SES publishes"). An alarm at or above those
 * rates fires after the review has begun: too late to act on.
 */
import { SES_NAMESPACE } from '../../model/ses.js';
import type { PathSegment, Rule } from './rule.js';
import { eachSetPreset } from './rule.js';
import { REVIEW_RATES, SET_PRESETS, ACCOUNT_PRESETS } from '../presets.js';
import { formatRate, rateFraction } from '../units.js';

type Kind = 'bounce' | 'complaint';

const REPUTATION_METRIC: Readonly<Record<string, Kind>> = {
  'Reputation.BounceRate': 'bounce',
  'Reputation.ComplaintRate': 'complaint',
};

export const reviewThresholds: Rule = {
  code: 'review-thresholds',
  check(ctx) {
    const found: [PathSegment[], Kind, number][] = [];
    for (const [setName, preset, spec] of eachSetPreset(ctx.config)) {
      if (preset !== 'bounceRate' && preset !== 'complaintRate') continue;
      const f = spec.threshold === undefined ? SET_PRESETS[preset].defaults.threshold : rateFraction(spec.threshold);
      found.push([['configurationSets', setName, 'alarms', preset, 'threshold'], preset === 'bounceRate' ? 'bounce' : 'complaint', f]);
    }
    for (const preset of ['bounceRate', 'complaintRate'] as const) {
      const spec = ctx.config.accountAlarms?.[preset];
      if (!spec) continue;
      const f = spec.threshold === undefined ? ACCOUNT_PRESETS[preset].defaults.threshold : rateFraction(spec.threshold);
      found.push([['accountAlarms', preset, 'threshold'], preset === 'bounceRate' ? 'bounce' : 'complaint', f]);
    }
    for (const [name, alarm] of Object.entries(ctx.config.alarms ?? {})) {
      const kind = alarm.metric ? REPUTATION_METRIC[alarm.metric] : undefined;
      if (kind && (alarm.namespace ?? SES_NAMESPACE) === SES_NAMESPACE && alarm.comparison.startsWith('GreaterThan'))
        found.push([['alarms', name, 'threshold'], kind, alarm.threshold]);
    }
    for (const [at, kind, fraction] of found) {
      const review = REVIEW_RATES[kind];
      if (fraction < review || fraction > 1) continue; // > 1 is rate-thresholds' error
      ctx.report({
        severity: 'warning',
        at,
        message: `a ${kind} rate threshold of ${formatRate(fraction)} fires only after SES has put the account under review (at ${formatRate(review)})`,
        hint: `alarm below ${formatRate(review)}, e.g. ${formatRate(SET_PRESETS[kind === 'bounce' ? 'bounceRate' : 'complaintRate'].defaults.threshold)}`,
      });
    }
  },
};
