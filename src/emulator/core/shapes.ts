/**
 * The emulator's one shape system: the types of an API model (Smithy / botocore `shapes`) that the
 * emulated operations use, as data. Every protocol decodes its input against these shapes (decode.ts,
 * with query.ts and rest-json.ts reading the wire form first) and the XML protocols encode output by
 * them (xml.ts), so a member's type is written once, in the resource file that declares the operation.
 *
 * Constraints (enum, length, range, pattern, required) are the model's own; AWS's front end checks them
 * before an operation runs and reports them together (docs/aws-behaviour.md, "Errors and retries").
 */

export interface StringShape {
  readonly type: 'string';
  readonly enum?: readonly string[];
  /** Length in code points, as Smithy length constraints count. */
  readonly min?: number;
  readonly max?: number;
  /** A Smithy pattern; matched against the whole value. */
  readonly pattern?: string;
}
export interface NumberShape {
  readonly type: 'integer' | 'long' | 'double';
  readonly min?: number;
  readonly max?: number;
}
export interface BooleanShape {
  readonly type: 'boolean';
}
/** ISO 8601 in XML and query parameters, epoch seconds in JSON (docs/aws-behaviour.md, "Wire protocols"). */
export interface TimestampShape {
  readonly type: 'timestamp';
}
export interface ListShape {
  readonly type: 'list';
  readonly member: Shape;
}
export interface MapShape {
  readonly type: 'map';
  readonly key: StringShape;
  readonly value: Shape;
}
export interface StructureShape {
  readonly type: 'structure';
  /** In the model's member order: decoding reports violations in this order. */
  readonly members: Readonly<Record<string, Shape>>;
  readonly required: readonly string[];
}
export type Shape = StringShape | NumberShape | BooleanShape | TimestampShape | ListShape | MapShape | StructureShape;

export const string = (constraints: Omit<StringShape, 'type'> = {}): StringShape => ({ type: 'string', ...constraints });
export const enumOf = (...values: string[]): StringShape => ({ type: 'string', enum: values });
export const integer = (range: Omit<NumberShape, 'type'> = {}): NumberShape => ({ type: 'integer', ...range });
export const long = (range: Omit<NumberShape, 'type'> = {}): NumberShape => ({ type: 'long', ...range });
export const double: NumberShape = { type: 'double' };
export const boolean: BooleanShape = { type: 'boolean' };
export const timestamp: TimestampShape = { type: 'timestamp' };
export const list = (member: Shape): ListShape => ({ type: 'list', member });
export const map = (key: StringShape, value: Shape): MapShape => ({ type: 'map', key, value });
export const structure = (members: Record<string, Shape>, required: readonly string[] = []): StructureShape => ({ type: 'structure', members, required });

/** An operation without input members. */
export const NO_INPUT = structure({});

/** `AlarmName` -> `alarmName`: member names as AWS's validation messages spell them. */
export const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * A member path as AWS's validation messages write it: lower-camel member names, 1-based list items as
 * `N.member` (`metrics.1.member.metricStat.period`).
 */
export function memberPath(...names: (string | number)[]): string {
  return names.map((n) => (typeof n === 'number' ? `${n + 1}.member` : lowerFirst(n))).join('.');
}

/** `parent` + one step (a member name, a list index or a map key), in memberPath's spelling. */
export function childPath(parent: string, step: string | number): string {
  const s = typeof step === 'number' ? `${step + 1}.member` : step;
  return parent === '' ? s : `${parent}.${s}`;
}
