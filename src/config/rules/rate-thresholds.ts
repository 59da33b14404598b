/**
 * A rate is a fraction in (0, 1]: SES's reputation metrics are "decimal numbers between 0 and 1"
 * (DG reputationdashboard-cloudwatch-alarm; docs/aws-behaviour.md, "Metrics SES publishes"), and our rate
 * presets compute the same. The schema bounds numbers; percentages are checked here, and so are free-form
 * alarms on SES's reputation metrics, whose threshold is a plain number but means a fraction.
 */
import { SES_NAMESPACE } from '../../model/ses.js';
import type { Rule } from './rule.js';
import { eachSetPreset } from './rule.js';
import { rateFraction } from '../units.js';
import { SET_PRESETS } from '../presets.js';
import type { PathSegment } from './rule.js';
import type { WrittenRate } from '../written.js';

export const rateThresholds: Rule = {
  code: 'rate-thresholds',
  check(ctx) {
    const rates: [PathSegment[], WrittenRate][] = [];
    for (const [setName, preset, spec] of eachSetPreset(ctx.config)) {
      if (SET_PRESETS[preset].kind === 'rate' && spec.threshold !== undefined)
        rates.push([['configurationSets', setName, 'alarms', preset, 'threshold'], spec.threshold]);
    }
    for (const [preset, spec] of Object.entries(ctx.config.accountAlarms ?? {}))
      if (spec?.threshold !== undefined) rates.push([['accountAlarms', preset, 'threshold'], spec.threshold]);
    for (const [name, alarm] of Object.entries(ctx.config.alarms ?? {})) {
      const reputation = alarm.metric === 'Reputation.BounceRate' || alarm.metric === 'Reputation.ComplaintRate';
      if (!reputation || (alarm.namespace ?? SES_NAMESPACE) !== SES_NAMESPACE || alarm.threshold <= 1) continue;
      ctx.report({
        severity: 'error',
        at: ['alarms', name, 'threshold'],
        message: `a threshold of ${alarm.threshold} is outside (0, 1]: ${alarm.metric} is a fraction (0.05 is 5%), so the alarm would never fire`,
        hint: `write the rate as a fraction, e.g. threshold: ${alarm.threshold < 100 ? Number((alarm.threshold / 100).toPrecision(6)) : 0.05}`,
      });
    }
    for (const [at, written] of rates) {
      const f = rateFraction(written);
      if (f > 0 && f <= 1) continue;
      ctx.report({
        severity: 'error',
        at,
        message: `a rate threshold of ${JSON.stringify(written)} is outside (0, 1]: the alarm would ${f <= 0 ? 'always' : 'never'} fire`,
        hint: 'write a percentage above 0% and at most 100%, e.g. 3% or 0.08%',
      });
    }
  },
};
