/**
 * A generated dashboard charts each set's metrics from the CloudWatch destination the preset alarms
 * would read them from (model/ses.ts chooseMetricSource, shared with config/preset-source.ts and
 * plan/dashboard-body.ts): the one `destinations:` names for the set, else the only one publishing a
 * metric, else the set's own total (only dimension `ses:configuration-set`). When several publish a
 * metric and none is the total, charting one of them would draw a slice of the set's mail (e.g.
 * `campaign=none`) under the set's name, so the file must say which (docs/aws-behaviour.md, "Metrics SES
 * publishes": a metric exists only with exactly a destination's dimensions).
 */
import { EVENT_OF_METRIC, SET_NAME_DIMENSION } from '../../model/ses.js';
import type { EventType } from '../../model/resources.js';
import { pickMetricSource } from '../preset-source.js';
import { closest } from '../suggest.js';
import type { Rule } from './rule.js';

/** What a generated dashboard reads of a set: each charted metric's event, and each rate's pair. */
const CHARTED: readonly (readonly EventType[])[] = [
  ...(['Send', 'Delivery', 'Bounce', 'Complaint', 'Open', 'Click', 'Reject', 'RenderingFailure'] as const).map((m) => [EVENT_OF_METRIC[m] as EventType]),
  ['BOUNCE', 'SEND'],
  ['COMPLAINT', 'SEND'],
];

export const dashboardSources: Rule = {
  code: 'dashboard-sources',
  check(ctx) {
    for (const [name, dash] of Object.entries(ctx.config.dashboards ?? {})) {
      const at = ['dashboards', name];
      const named = dash.destinations ?? {};
      const listed = dash.configurationSets ?? [];
      if (dash.body !== undefined && dash.destinations !== undefined) {
        ctx.report({
          severity: 'error',
          at: [...at, 'destinations'],
          prefer: 'key',
          message: `dashboard "${name}" has a literal body, so destinations: chooses nothing`,
          hint: 'destinations: goes with configurationSets: (a generated dashboard); remove it, or generate the dashboard',
        });
        continue;
      }
      for (const setName of Object.keys(named)) {
        if (listed.includes(setName)) continue;
        const guess = closest(setName, listed);
        ctx.report({
          severity: 'error',
          at: [...at, 'destinations', setName],
          prefer: 'key',
          message: `dashboard "${name}" does not chart configuration set "${setName}"` + (guess ? `; did you mean "${guess}"?` : ''),
          hint: `destinations: names, per set of configurationSets, the destination to chart it from; its sets: ${listed.join(', ')}`,
        });
      }
      listed.forEach((setName, i) => {
        const set = ctx.config.configurationSets?.[setName];
        if (set === undefined || ctx.declared.incompleteSets.has(setName)) return; // references (or the set's own errors) report it
        const reader = `dashboard "${name}"`;
        const dest = Object.hasOwn(named, setName) ? named[setName] : undefined;
        if (dest !== undefined) {
          const source = pickMetricSource(setName, set, [], dest, reader);
          if (!source.ok) ctx.report({ severity: 'error', at: [...at, 'destinations', setName], message: source.message, hint: source.hint });
          return;
        }
        for (const needed of CHARTED) {
          const candidates = pickMetricSource(setName, set, needed, undefined, reader);
          if (candidates.ok || candidates.ambiguous === undefined) continue;
          ctx.report({
            severity: 'error',
            at: [...at, 'configurationSets', i],
            message: `${candidates.ambiguous.length} CloudWatch destinations of "${setName}" publish ${needed.join(' and ')} and none has ${SET_NAME_DIMENSION} as its only dimension; ${reader} needs to know which one to chart`,
            hint: `add destinations: { ${setName}: ${candidates.ambiguous.join(' or ')} } to the dashboard`,
          });
          return; // one report per set: naming the destination settles every metric
        }
      });
    }
  },
};
