/**
 * Constraint violations in AWS's (Coral's) wording, collected over a whole input and reported in one
 * error: "2 validation errors detected: Value '30' at 'period' failed to satisfy constraint: Member must
 * have value greater than or equal to 60; Value null at 'alarmName' failed to satisfy constraint: Member
 * must not be null" (the wording SESv2 and CloudWatch answer; docs/aws-behaviour.md, "Errors and
 * retries"). decode.ts checks the shapes' constraints with it; a service checks with it directly the
 * constraints AWS applies in an order of its own (cloudwatch/alarm-rules.ts).
 */

function shown(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ')}]`;
  return String(value);
}

const codePoints = (s: string): number => [...s].length;

export class Constraints {
  private readonly violations: string[] = [];

  /** `error` turns the listing into the service's validation error (BadRequestException, ValidationError). */
  constructor(private readonly error: (message: string) => Error) {}

  /** How many violations so far. */
  get size(): number {
    return this.violations.length;
  }

  private fail(path: string, value: unknown, rule: string): void {
    const v = value === undefined || value === null ? 'null' : `'${shown(value)}'`;
    this.violations.push(`Value ${v} at '${path}' failed to satisfy constraint: Member must ${rule}`);
  }

  required(path: string, value: unknown): this {
    if (value === undefined || value === null) this.fail(path, value, 'not be null');
    return this;
  }

  /** String length in code points (the model's `min`/`max` on strings, as Smithy counts). */
  length(path: string, value: string | undefined, min: number | undefined, max?: number): this {
    if (value === undefined) return this;
    const n = codePoints(value);
    if (min !== undefined && n < min) this.fail(path, value, `have length greater than or equal to ${min}`);
    else if (max !== undefined && n > max) this.fail(path, value, `have length less than or equal to ${max}`);
    return this;
  }

  /** List size (the model's `max` on lists). */
  items(path: string, value: readonly unknown[] | undefined, max: number): this {
    if (value !== undefined && value.length > max) this.fail(path, value, `have length less than or equal to ${max}`);
    return this;
  }

  range(path: string, value: number | undefined, min: number | undefined, max?: number): this {
    if (value === undefined) return this;
    if (min !== undefined && value < min) this.fail(path, value, `have value greater than or equal to ${min}`);
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

  /** Throw the service's validation error listing every violation, if there is any. */
  check(): void {
    const n = this.violations.length;
    if (n > 0) throw this.error(`${n} validation error${n === 1 ? '' : 's'} detected: ${this.violations.join('; ')}`);
  }
}
