/**
 * Periods CloudWatch accepts, and evaluation windows (docs/aws-behaviour.md, "CloudWatch alarms"): Period is
 * 10, 20, 30 or a multiple of 60 seconds; Period x EvaluationPeriods <= 7 days, and <= 1 day when Period < 1
 * hour; DatapointsToAlarm (M of N) cannot exceed EvaluationPeriods.
 */
import type { PathSegment, Rule, RuleContext } from './rule.js';
import { eachAlarmSpec } from './rule.js';
import { durationSeconds, formatDuration, isValidAlarmPeriod, maxEvaluationWindow } from '../units.js';
import type { WrittenDuration } from '../written.js';

function checkPeriod(ctx: RuleContext, at: PathSegment[], period: WrittenDuration): number | undefined {
  const seconds = durationSeconds(period);
  if (isValidAlarmPeriod(seconds)) return seconds;
  const up = seconds < 10 ? 10 : seconds < 60 ? (seconds <= 20 ? 20 : seconds <= 30 ? 30 : 60) : Math.ceil(seconds / 60) * 60;
  ctx.report({
    severity: 'error',
    at,
    message: `a period of ${seconds} seconds is not accepted by CloudWatch`,
    hint: `use 10s, 20s, 30s or a multiple of 60 seconds, e.g. ${formatDuration(up)}`,
  });
  return undefined;
}

export const alarmPeriods: Rule = {
  code: 'alarm-periods',
  check(ctx) {
    for (const [path, spec, defaults] of eachAlarmSpec(ctx.config)) {
      const period = spec.period === undefined ? defaults.period : checkPeriod(ctx, [...path, 'period'], spec.period);
      const n = spec.evaluationPeriods ?? defaults.evaluationPeriods;
      if (period !== undefined && period * n > maxEvaluationWindow(period)) {
        const limit = maxEvaluationWindow(period);
        ctx.report({
          severity: 'error',
          at: [...path, 'evaluationPeriods'],
          message: `${n} periods of ${formatDuration(period)}${spec.period === undefined ? ' (the default period)' : ''} evaluate ${formatDuration(period * n)}; CloudWatch allows at most ${formatDuration(limit)}${period < 3600 ? ' with periods under an hour' : ''}`,
          hint: `use at most ${Math.floor(limit / period)} evaluation periods, or a longer period`,
        });
      }
      const m = spec.datapointsToAlarm;
      if (m !== undefined && m > n) {
        ctx.report({
          severity: 'error',
          at: [...path, 'datapointsToAlarm'],
          message: `datapointsToAlarm ${m} is more than evaluationPeriods ${n}${spec.evaluationPeriods === undefined ? ' (the default)' : ''}: the alarm could never fire`,
          hint: `set datapointsToAlarm to at most ${n}, or raise evaluationPeriods`,
        });
      }
    }
    for (const [name, alarm] of Object.entries(ctx.config.alarms ?? {})) {
      (alarm.metrics ?? []).forEach((q, i) => {
        if (q.metric?.period !== undefined) checkPeriod(ctx, ['alarms', name, 'metrics', i, 'metric', 'period'], q.metric.period);
      });
    }
  },
};
