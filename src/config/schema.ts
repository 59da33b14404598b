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

function describe(e: ErrorObject, file: string, sourceMap: SourceMap): { diagnostic: Diagnostic; pointer: string } | undefined {
  const node = (e.parentSchema ?? {}) as SchemaNode;
  const what = node.title;
  const hintOf = (): string | undefined => node.patternErrorMessage ?? node.description;
  let pointer = e.instancePath;
  let prefer: 'key' | 'value' = 'value';
  let message: string;
  let hint: string | undefined;

  // A branch of `oneOf: [{required: [a]}, {required: [b]}]` failing is not news; the oneOf error says it all.
  if (/\/oneOf\/\d+\/required$/.test(e.schemaPath)) return undefined;
  // The propertyNames wrapper repeats the inner error, which names the key.
  if (e.keyword === 'propertyNames') return undefined;

  const propertyName = (e as ErrorObject & { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    pointer = join(e.instancePath, propertyName);
    prefer = 'key';
    message = `"${propertyName}" is not a valid ${what ?? 'name'}`;
    hint = hintOf();
    return finish();
  }

  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      pointer = join(e.instancePath, key);
      prefer = 'key';
      const known = Object.keys(node.properties ?? {});
      const guess = closest(key, known);
      const where = e.instancePath === '' ? 'at the top level' : `in ${dottedPathOfPointer(e.instancePath)}`;
      message = `unknown key "${key}" ${where}` + (guess ? `; did you mean "${guess}"?` : '');
      hint = known.length > 0 ? `allowed keys here: ${known.join(', ')}` : undefined;
      break;
    }
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      prefer = 'key';
      const where = e.instancePath === '' ? 'the file' : dottedPathOfPointer(e.instancePath);
      message = `${where} is missing "${missing}"`;
      const prop = (node.properties?.[missing] ?? {}) as SchemaNode;
      hint = prop.description ? `add "${missing}" (${prop.description})` : `add "${missing}"`;
      break;
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      const guess = typeof e.data === 'string' ? closest(e.data, allowed.map(String)) : undefined;
      message = `${show(e.data)} is not ${what ? `a valid ${what}` : 'an allowed value'}` + (guess ? `; did you mean "${guess}"?` : '');
      hint = `write one of ${listOf(allowed)}`;
      break;
    }
    case 'const':
      message = `${show(e.data)} is not supported here`;
      hint = `write ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}` + (node.description ? ` (${node.description})` : '');
      break;
    case 'type': {
      const expected = typeWords((e.params as { type: string | string[] }).type);
      const subject = e.instancePath === '' ? 'the file' : (what ?? lastSegment(e.instancePath));
      message = `${subject} must be ${expected}, not ${show(e.data)}`;
      hint =
        (typeof e.data === 'number' || typeof e.data === 'boolean') && expected.includes('string')
          ? `put it in quotes: "${sourceMap.get(e.instancePath)?.raw ?? String(e.data)}"`
          : typeof e.data === 'string' && /^(yes|no|on|off|y|n)$/i.test(e.data) && expected === 'true or false'
            ? `write true or false (YAML 1.2 reads ${e.data} as text)`
            : hintOf();
      break;
    }
    case 'pattern':
      message = `${show(e.data)} is not a valid ${what ?? lastSegment(e.instancePath)}`;
      hint = hintOf();
      break;
    case 'oneOf': {
      const options = (node.oneOf ?? []).map((b) => b.required?.[0]).filter((x): x is string => !!x);
      if (options.length === 0 || typeof e.data !== 'object' || e.data === null) {
        message = `${dottedPathOfPointer(e.instancePath) || 'the file'} does not match exactly one allowed form`;
        break;
      }
      const present = options.filter((o) => o in (e.data as object));
      prefer = 'key';
      message =
        present.length === 0
          ? `${lastSegment(e.instancePath)} needs one of ${options.join(', ')}`
          : `${lastSegment(e.instancePath)} has ${present.join(' and ')}; keep exactly one of them`;
      hint = node.description;
      break;
    }
    case 'maxProperties':
    case 'minProperties':
    case 'maxItems':
    case 'minItems': {
      const limit = (e.params as { limit: number }).limit;
      const count = Array.isArray(e.data) ? e.data.length : Object.keys(e.data as object).length;
      prefer = 'key'; // the mapping or list as a whole is the problem, not its first entry
      const noun = what ?? 'entries';
      const bound = e.keyword.startsWith('max') ? `at most ${limit}` : `at least ${limit}`;
      message =
        count === 0
          ? `${lastSegment(e.instancePath)} is empty; it needs ${bound}`
          : `${count} ${noun} in ${dottedPathOfPointer(e.instancePath) || 'the file'}; ${bound} allowed`;
      hint = node.description;
      break;
    }
    case 'uniqueItems': {
      const { i, j } = e.params as { i: number; j: number };
      message = `${lastSegment(e.instancePath)} lists the same value twice (items ${j + 1} and ${i + 1})`;
      hint = 'remove the repeated item';
      pointer = join(e.instancePath, String(i));
      break;
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const { comparison, limit } = e.params as { comparison: string; limit: number };
      message = `${show(e.data)} is out of range for ${what ?? lastSegment(e.instancePath)}: it must be ${comparison} ${limit}`;
      hint = hintOf();
      break;
    }
    case 'minLength':
    case 'maxLength': {
      const limit = (e.params as { limit: number }).limit;
      message = `${what ?? lastSegment(e.instancePath)} is too ${e.keyword === 'minLength' ? 'short' : 'long'}: ${e.keyword === 'minLength' ? 'at least' : 'at most'} ${limit} characters`;
      hint = hintOf();
      break;
    }
    default:
      message = `${dottedPathOfPointer(e.instancePath) || 'the file'} ${e.message ?? 'is invalid'}`;
      hint = hintOf();
  }
  return finish();

  function finish(): { diagnostic: Diagnostic; pointer: string } {
    const pos = positionOf(sourceMap, pointer, prefer) ?? { file, line: 1, col: 1 };
    const diagnostic: Diagnostic = {
      severity: 'error',
      code: 'schema',
      message,
      path: dottedPathOfPointer(pointer),
      pos,
      ...(hint ? { hint } : {}),
    };
    return { diagnostic, pointer };
  }
}

function lastSegment(pointer: string): string {
  const segs = segmentsOf(pointer);
  return segs.length === 0 ? 'the file' : `"${segs[segs.length - 1]}"`;
}
