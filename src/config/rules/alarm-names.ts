/**
 * Alarm names are unique per Region and at most 255 characters (docs/aws-behaviour.md, "CloudWatch alarms").
 * Preset names are derived (`<stack>/<set>/<preset>`), so two presets, or a preset and a free-form alarm,
 * can end up with the same name; that is an error here rather than one alarm silently overwriting another.
 */
import type { PathSegment, Rule } from './rule.js';
import { eachSetPreset } from './rule.js';
import { ACCOUNT_PRESETS, ACCOUNT_SEGMENT, SET_PRESETS, presetAlarmName } from '../presets.js';
import { dottedPath } from '../source-map.js';

export const alarmNames: Rule = {
  code: 'alarm-names',
  check(ctx) {
    const stack = ctx.config.stack;
    const named: [string, PathSegment[]][] = [];
    for (const [setName, preset] of eachSetPreset(ctx.config))
      named.push([presetAlarmName(stack, setName, SET_PRESETS[preset].slug), ['configurationSets', setName, 'alarms', preset]]);
    for (const preset of ['bounceRate', 'complaintRate'] as const)
      if (ctx.config.accountAlarms?.[preset])
        named.push([presetAlarmName(stack, ACCOUNT_SEGMENT, ACCOUNT_PRESETS[preset].slug), ['accountAlarms', preset]]);
    for (const name of Object.keys(ctx.config.alarms ?? {})) named.push([name, ['alarms', name]]);

    const first = new Map<string, PathSegment[]>();
    for (const [name, at] of named) {
      if (name.length > 255) {
        ctx.report({
          severity: 'error',
          at,
          prefer: 'key',
          message: `the alarm name "${name.slice(0, 40)}…" is ${name.length} characters; CloudWatch allows 255`,
          hint: 'shorten the stack or configuration set name',
        });
      }
      const earlier = first.get(name);
      if (earlier) {
        ctx.report({
          severity: 'error',
          at,
          prefer: 'key',
          message: `alarm name "${name}" is also the name of ${dottedPath(earlier)}`,
          hint:
            at[0] === 'alarms'
              ? 'rename this alarm: preset alarms are named <stack>/<configuration set>/<preset>'
              : 'rename the configuration set: its preset alarm name collides (account presets are named <stack>/account/<preset>)',
        });
      } else first.set(name, at);
    }
  },
};
