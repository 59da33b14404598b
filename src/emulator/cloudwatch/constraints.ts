/**
 * The model's member constraints (required, length, range, enum, pattern), checked the way AWS's
 * request validation reports them: all violations in one ValidationError,
 * "2 validation errors detected: Value '30' at 'period' failed to satisfy constraint: Member must have
 * value greater than or equal to 60; Value null at 'alarmName' failed to satisfy constraint: Member must
 * not be null" (format recorded from CloudWatch in ansible/ansible#29694 and, for SetAlarmState, in
 * localstack tests/aws/services/cloudwatch/test_cloudwatch.snapshot.json). Member paths are the member
 * names with a lower-case first letter, list items `metrics.1.member.id` (same format).
 */
import { validationError } from './errors.js';

/** `AlarmName` -> `alarmName`; `Metrics[0].Id` is built by callers as `metrics.1.member.id`. */
export function memberPath(...names: (string | number)[]): string {
  return names.map((n) => (typeof n === 'number' ? `${n + 1}.member` : n.charAt(0).toLowerCase() + n.slice(1))).join('.');
}

function shown(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ')}]`;
  return String(value);
}

export class Constraints {
  private readonly violations: string[] = [];

  private fail(path: string, value: unknown, rule: string): void {
    const v = value === undefined || value === null ? 'null' : `'${shown(value)}'`;
    this.violations.push(`Value ${v} at '${path}' failed to satisfy constraint: Member must ${rule}`);
  }

  required(path: string, value: unknown): this {
    if (value === undefined || value === null) this.fail(path, value, 'not be null');
    return this;
  }

  /** String length in characters (the model's `min`/`max` on strings). */
  length(path: string, value: string | undefined, min: number, max?: number): this {
    if (value === undefined) return this;
    if (value.length < min) this.fail(path, value, `have length greater than or equal to ${min}`);
    else if (max !== undefined && value.length > max) this.fail(path, value, `have length less than or equal to ${max}`);
    return this;
  }

  /** List size (the model's `max` on lists). */
  items(path: string, value: readonly unknown[] | undefined, max: number): this {
    if (value !== undefined && value.length > max) this.fail(path, value, `have length less than or equal to ${max}`);
    return this;
  }

  range(path: string, value: number | undefined, min: number, max?: number): this {
    if (value === undefined) return this;
    if (value < min) this.fail(path, value, `have value greater than or equal to ${min}`);
    else if (max !== undefined && value > max) this.fail(path, value, `have value less than or equal to ${max}`);
    return this;
  }

  oneOf(path: string, value: string | undefined, allowed: readonly string[]): this {
    if (value !== undefined && !allowed.includes(value)) this.fail(path, value, `satisfy enum value set: [${allowed.join(', ')}]`);
    return this;
  }

  pattern(path: string, value: string | undefined, re: RegExp, source: string): this {
    if (value !== undefined && !re.test(value)) this.fail(path, value, `satisfy regular expression pattern: ${source}`);
    return this;
  }

  /** Throw one ValidationError listing every violation, if there is any. */
  check(): void {
    const n = this.violations.length;
    if (n > 0) throw validationError(`${n} validation error${n === 1 ? '' : 's'} detected: ${this.violations.join('; ')}`);
  }
}
