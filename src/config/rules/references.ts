/**
 * Every name the file refers to must be defined in it: SNS destinations' and alarms' topics, dashboards'
 * configuration sets, tenants' configuration sets. (Names defined but rejected by the schema count as defined: that error is already
 * reported once.) Topic ARNs are not checked: a topic outside the file is the user's to vouch for.
 */
import type { PathSegment, Rule, RuleContext } from './rule.js';
import { eachAlarmSpec, eachDestination } from './rule.js';
import { closest } from '../suggest.js';

function checkTopic(ctx: RuleContext, at: PathSegment[], name: string): void {
  if (name.startsWith('arn:') || ctx.declared.topics.has(name)) return;
  const guess = closest(name, [...ctx.declared.topics]);
  ctx.report({
    severity: 'error',
    at,
    message: `topic "${name}" is not defined under topics` + (guess ? `; did you mean "${guess}"?` : ''),
    hint: `add topics: { ${name}: {} } or write the topic's ARN (arn:aws:sns:REGION:ACCOUNT:${name})`,
  });
}

/** Each name of a list of configuration sets at `at` must be a set of the file. */
function checkSets(ctx: RuleContext, at: PathSegment[], sets: readonly string[] | undefined, hint: string): void {
  (sets ?? []).forEach((set, i) => {
    if (ctx.declared.configurationSets.has(set)) return;
    const guess = closest(set, [...ctx.declared.configurationSets]);
    ctx.report({
      severity: 'error',
      at: [...at, i],
      message: `configuration set "${set}" is not defined under configurationSets` + (guess ? `; did you mean "${guess}"?` : ''),
      hint,
    });
  });
}

export const references: Rule = {
  code: 'references',
  check(ctx) {
    for (const [setName, destName, dest] of eachDestination(ctx.config)) {
      const topic = dest.sns?.topic;
      if (topic !== undefined) checkTopic(ctx, ['configurationSets', setName, 'eventDestinations', destName, 'sns', 'topic'], topic);
    }
    for (const [path, spec] of eachAlarmSpec(ctx.config)) {
      for (const list of ['notify', 'notifyOk', 'notifyInsufficientData'] as const) {
        (spec[list] ?? []).forEach((t, i) => checkTopic(ctx, [...path, list, i], t));
      }
    }
    for (const [name, tenant] of Object.entries(ctx.config.tenants ?? {}))
      checkSets(ctx, ['tenants', name, 'configurationSets'], tenant.configurationSets, 'a tenant of the file is associated with configuration sets of the file; add the set under configurationSets (--adopt takes over one that exists)');
    for (const [name, dash] of Object.entries(ctx.config.dashboards ?? {}))
      checkSets(ctx, ['dashboards', name, 'configurationSets'], dash.configurationSets, 'a generated dashboard charts configuration sets of this file; use a literal body for others');
  },
};
