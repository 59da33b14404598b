/**
 * JSON Schema validation with ajv, compiled once, and its errors turned into Diagnostics a person can
 * act on: file:line:col, the dotted path, what is wrong in words, and what to write instead.
 *
 * The schema carries the words: `title` names what a value is ("event type"), `patternErrorMessage`
 * (the convention VS Code and yaml-language-server read too) says how to write it, `description` is
 * the fallback hint. This file knows no property of the format.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Diagnostic } from '../model/diagnostic.js';
import { dottedPathOfPointer, positionOf, segmentsOf, type SourceMap } from './source-map.js';
import { closest, listOf } from './suggest.js';

interface SchemaNode {
  title?: string;
  description?: string;
  patternErrorMessage?: string;
  properties?: Record<string, unknown>;
  oneOf?: { required?: string[] }[];
}

export interface SchemaResult {
  readonly diagnostics: Diagnostic[];
  /**
   * JSON pointers of the values that failed (for an unknown or badly named key: the key's own pointer).
   * The caller prunes them before running semantic rules. '' means the document itself is unusable.
   */
  readonly invalid: string[];
}

export type SchemaValidator = (value: unknown, file: string, sourceMap: SourceMap) => SchemaResult;

/** One set of ajv options for the runtime compile and the build-time standalone compile. */
export function newAjv(extra: { code?: { source: boolean } } = {}): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    verbose: true, // errors carry parentSchema: the title / patternErrorMessage that words the message
    allowUnionTypes: true,
    strict: true,
    strictRequired: false, // `oneOf: [{required: [a]}, …]` names properties declared beside it
    ...extra,
  });
  ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
  return ajv;
}

export function createSchemaValidator(schema: object): SchemaValidator {
  return schemaValidatorOf(newAjv().compile(schema));
}

/** Wraps a compiled (or build-time precompiled) ajv function. */
export function schemaValidatorOf(validate: ValidateFunction): SchemaValidator {
  return (value, file, sourceMap) => {
    if (validate(value)) return { diagnostics: [], invalid: [] };
    return toDiagnostics(validate.errors ?? [], file, sourceMap);
  };
}

function toDiagnostics(errors: readonly ErrorObject[], file: string, sourceMap: SourceMap): SchemaResult {
  const diagnostics: Diagnostic[] = [];
  const invalid = new Set<string>();
  const seen = new Set<string>();
  for (const e of errors) {
    const described = describe(e, file, sourceMap);
    if (!described) continue;
    // A missing key at the top does not spoil the rest of the document.
    if (!(described.pointer === '' && e.keyword === 'required')) invalid.add(described.pointer);
    const d = described.diagnostic;
    const id = `${d.path}\u0000${d.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    diagnostics.push(d);
  }
  return { diagnostics, invalid: [...invalid] };
}

function join(pointer: string, key: string): string {
  return `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function show(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function typeWords(t: string | string[]): string {
  const words: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    null: 'null',
  };
  const list = Array.isArray(t) ? t : [t];
  return list.map((x) => words[x] ?? x).join(' or ');
}

/** What one ajv error says: the message and hint, and where (the value, or its key) it points. */
interface Wording {
  readonly message: string;
  readonly hint?: string | undefined;
  /** @default the error's instancePath */
  readonly pointer?: string;
  /** @default 'value' */
  readonly prefer?: 'key' | 'value';
}

interface WordingContext {
  readonly node: SchemaNode;
  /** The schema node's title: what the value is ("configuration set name"). */
  readonly what: string | undefined;
  /** The pattern's own message, else the node's description. */
  readonly hint: string | undefined;
  readonly sourceMap: SourceMap;
}

type Worder = (e: ErrorObject, c: WordingContext) => Wording;

const params = <T>(e: ErrorObject) => e.params as T;

function countWording(e: ErrorObject, c: WordingContext): Wording {
  const limit = params<{ limit: number }>(e).limit;
  const count = Array.isArray(e.data) ? e.data.length : Object.keys(e.data as object).length;
  const bound = e.keyword.startsWith('max') ? `at most ${limit}` : `at least ${limit}`;
  return {
    // the mapping or list as a whole is the problem, not its first entry
    prefer: 'key',
    message:
      count === 0
        ? `${lastSegment(e.instancePath)} is empty; it needs ${bound}`
        : `${count} ${c.what ?? 'entries'} in ${dottedPathOfPointer(e.instancePath) || 'the file'}; ${bound} allowed`,
    hint: c.node.description,
  };
}

function rangeWording(e: ErrorObject, c: WordingContext): Wording {
  const { comparison, limit } = params<{ comparison: string; limit: number }>(e);
  return { message: `${show(e.data)} is out of range for ${c.what ?? lastSegment(e.instancePath)}: it must be ${comparison} ${limit}`, hint: c.hint };
}

function lengthWording(e: ErrorObject, c: WordingContext): Wording {
  const limit = params<{ limit: number }>(e).limit;
  const min = e.keyword === 'minLength';
  return { message: `${c.what ?? lastSegment(e.instancePath)} is too ${min ? 'short' : 'long'}: ${min ? 'at least' : 'at most'} ${limit} characters`, hint: c.hint };
}

/** One wording per ajv keyword the schema uses; others get the generic one. */
const WORDINGS: Readonly<Record<string, Worder>> = {
  additionalProperties: (e, c) => {
    const key = String(params<{ additionalProperty: string }>(e).additionalProperty);
    const known = Object.keys(c.node.properties ?? {});
    const guess = closest(key, known);
    const where = e.instancePath === '' ? 'at the top level' : `in ${dottedPathOfPointer(e.instancePath)}`;
    return {
      pointer: join(e.instancePath, key),
      prefer: 'key',
      message: `unknown key "${key}" ${where}` + (guess ? `; did you mean "${guess}"?` : ''),
      hint: known.length > 0 ? `allowed keys here: ${known.join(', ')}` : undefined,
    };
  },
  required: (e, c) => {
    const missing = params<{ missingProperty: string }>(e).missingProperty;
    const where = e.instancePath === '' ? 'the file' : dottedPathOfPointer(e.instancePath);
    const prop = (c.node.properties?.[missing] ?? {}) as SchemaNode;
    return { prefer: 'key', message: `${where} is missing "${missing}"`, hint: prop.description ? `add "${missing}" (${prop.description})` : `add "${missing}"` };
  },
  enum: (e, c) => {
    const allowed = params<{ allowedValues: unknown[] }>(e).allowedValues;
    const guess = typeof e.data === 'string' ? closest(e.data, allowed.map(String)) : undefined;
    return {
      message: `${show(e.data)} is not ${c.what ? `a valid ${c.what}` : 'an allowed value'}` + (guess ? `; did you mean "${guess}"?` : ''),
      hint: `write one of ${listOf(allowed)}`,
    };
  },
  const: (e, c) => ({
    message: `${show(e.data)} is not supported here`,
    hint: `write ${JSON.stringify(params<{ allowedValue: unknown }>(e).allowedValue)}` + (c.node.description ? ` (${c.node.description})` : ''),
  }),
  type: (e, c) => {
    const expected = typeWords(params<{ type: string | string[] }>(e).type);
    const subject = e.instancePath === '' ? 'the file' : (c.what ?? lastSegment(e.instancePath));
    const hint =
      (typeof e.data === 'number' || typeof e.data === 'boolean') && expected.includes('string')
        ? `put it in quotes: "${c.sourceMap.get(e.instancePath)?.raw ?? String(e.data)}"`
        : typeof e.data === 'string' && /^(yes|no|on|off|y|n)$/i.test(e.data) && expected === 'true or false'
          ? `write true or false (YAML 1.2 reads ${e.data} as text)`
          : c.hint;
    return { message: `${subject} must be ${expected}, not ${show(e.data)}`, hint };
  },
  pattern: (e, c) => ({ message: `${show(e.data)} is not a valid ${c.what ?? lastSegment(e.instancePath)}`, hint: c.hint }),
  oneOf: (e, c) => {
    const options = (c.node.oneOf ?? []).map((b) => b.required?.[0]).filter((x): x is string => !!x);
    if (options.length === 0 || typeof e.data !== 'object' || e.data === null)
      return { message: `${dottedPathOfPointer(e.instancePath) || 'the file'} does not match exactly one allowed form` };
    const present = options.filter((o) => o in (e.data as object));
    return {
      prefer: 'key',
      message:
        present.length === 0
          ? `${lastSegment(e.instancePath)} needs one of ${options.join(', ')}`
          : `${lastSegment(e.instancePath)} has ${present.join(' and ')}; keep exactly one of them`,
      hint: c.node.description,
    };
  },
  maxProperties: countWording,
  minProperties: countWording,
  maxItems: countWording,
  minItems: countWording,
  uniqueItems: (e) => {
    const { i, j } = params<{ i: number; j: number }>(e);
    return { message: `${lastSegment(e.instancePath)} lists the same value twice (items ${j + 1} and ${i + 1})`, hint: 'remove the repeated item', pointer: join(e.instancePath, String(i)) };
  },
  minimum: rangeWording,
  maximum: rangeWording,
  exclusiveMinimum: rangeWording,
  exclusiveMaximum: rangeWording,
  minLength: lengthWording,
  maxLength: lengthWording,
};

const genericWording: Worder = (e, c) => ({ message: `${dottedPathOfPointer(e.instancePath) || 'the file'} ${e.message ?? 'is invalid'}`, hint: c.hint });

function describe(e: ErrorObject, file: string, sourceMap: SourceMap): { diagnostic: Diagnostic; pointer: string } | undefined {
  // A branch of `oneOf: [{required: [a]}, {required: [b]}]` failing is not news; the oneOf error says it all.
  if (/\/oneOf\/\d+\/required$/.test(e.schemaPath)) return undefined;
  // The propertyNames wrapper repeats the inner error, which names the key.
  if (e.keyword === 'propertyNames') return undefined;
  const node = (e.parentSchema ?? {}) as SchemaNode;
  const context: WordingContext = { node, what: node.title, hint: node.patternErrorMessage ?? node.description, sourceMap };
  const propertyName = (e as ErrorObject & { propertyName?: string }).propertyName;
  const w: Wording =
    propertyName !== undefined
      ? { pointer: join(e.instancePath, propertyName), prefer: 'key', message: `"${propertyName}" is not a valid ${context.what ?? 'name'}`, hint: context.hint }
      : (WORDINGS[e.keyword] ?? genericWording)(e, context);
  const pointer = w.pointer ?? e.instancePath;
  const pos = positionOf(sourceMap, pointer, w.prefer ?? 'value') ?? { file, line: 1, col: 1 };
  const diagnostic: Diagnostic = { severity: 'error', code: 'schema', message: w.message, path: dottedPathOfPointer(pointer), pos, ...(w.hint ? { hint: w.hint } : {}) };
  return { diagnostic, pointer };
}

function lastSegment(pointer: string): string {
  const segs = segmentsOf(pointer);
  return segs.length === 0 ? 'the file' : `"${segs[segs.length - 1]}"`;
}
