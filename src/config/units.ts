/** The file's shorthand for durations and rates (docs/architecture.md, "The file format"), and the AWS limits on alarm periods. */
import type { WrittenDuration, WrittenRate } from './written.js';

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Seconds. The schema has already checked the spelling. */
export function durationSeconds(d: WrittenDuration): number {
  if (typeof d === 'number') return d;
  const m = /^(\d+)([smhd])$/.exec(d);
  if (!m) return Number.NaN;
  return Number(m[1]) * (UNIT_SECONDS[m[2] as string] as number);
}

/** A fraction: `3%` -> 0.03, `0.03` -> 0.03. Rounded to 12 places so 0.08% is exactly 0.0008. */
export function rateFraction(r: WrittenRate): number {
  const f = typeof r === 'number' ? r : Number(r.slice(0, -1)) / 100;
  return Number(f.toPrecision(12));
}

/**
 * CloudWatch alarm periods: 10, 20 or 30 seconds (high resolution) or any multiple of 60
 * (docs/aws-behaviour.md, "CloudWatch alarms", PutMetricAlarm Period).
 */
export function isValidAlarmPeriod(seconds: number): boolean {
  return seconds === 10 || seconds === 20 || seconds === 30 || (seconds >= 60 && seconds % 60 === 0);
}

/**
 * Period x EvaluationPeriods may not exceed 7 days, nor 1 day when the period is under an hour
 * (docs/aws-behaviour.md, "CloudWatch alarms").
 */
export function maxEvaluationWindow(periodSeconds: number): number {
  return periodSeconds < 3600 ? 86_400 : 604_800;
}

// Spelled back for a person by export and the plan alike: one definition, in model/.
export { formatDuration, formatRate } from '../model/units.js';
