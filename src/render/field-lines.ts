/**
 * How a change's fields are shown to a reader, shared by the text and markdown renderers: which lines a
 * change has (the diff of an update or replace, the fields of a create, none for a delete), each value as
 * compact JSON clipped to a width. Values go through model/json.ts jsonValue(), as in the JSON plan, so a value reads
 * the same in every format and key order never shows up as a change.
 */
import { assertNever } from '../model/canonical.js';
import type { Action, Change } from '../model/change.js';
import type { Resource } from '../model/resources.js';
import { diffView } from '../model/view.js';
import { jsonValue } from '../model/json.js';

/** Terraform's symbols (internal/plans/action.go), with ours for replace. */
export const ACTION_SYMBOL: Readonly<Record<Action, string>> = { create: '+', update: '~', replace: '-/+', delete: '-' };

/** The legend and summary order: the order Terraform prints them in. */
export const ACTIONS: readonly Action[] = ['create', 'update', 'replace', 'delete'];

export interface FieldLine {
  /** `+` a field that appears, `-` one that goes, `~` one whose value changes. */
  readonly sign: '+' | '-' | '~';
  /** Dotted path inside the resource; keys that are not identifiers are written `["key"]`. */
  readonly path: string;
  /** Compact JSON, clipped; absent for `+`. */
  readonly before?: string;
  /** Compact JSON, clipped; absent for `-`. */
  readonly after?: string;
}

/** One line, no spaces after separators, object keys in code-unit order. */
export function compactJson(value: unknown): string {
  return JSON.stringify(jsonValue(value));
}

/**
 * `text` cut to at most `max` characters with `…` where something was cut. `from` is where the interesting
 * part starts (the first character that differs between before and after): the window keeps a little
 * context before it, so two long values that differ near their end still show the difference.
 */
export function clip(text: string, max: number, from = 0): string {
  if (text.length <= max) return text;
  const start = from > max / 2 ? Math.min(from - Math.floor(max / 4), text.length - max + 1) : 0;
  const head = start > 0 ? '…' : '';
  if (text.length - start + head.length <= max) return head + text.slice(start);
  return `${head}${text.slice(start, start + max - head.length - 1)}…`;
}

function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

const absent = (v: unknown): boolean => v === undefined || v === null;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function joinPath(prefix: string, key: string): string {
  if (!IDENTIFIER.test(key)) return `${prefix}[${JSON.stringify(key)}]`;
  return prefix === '' ? key : `${prefix}.${key}`;
}

/** Fields that name the resource: already in the header line. */
const NAMING_FIELDS = new Set(['kind', 'name', 'configurationSet']);

/** Nested objects are spelled out to this many path segments; deeper values stay compact JSON. */
const CREATE_DEPTH = 2;

function createdFields(created: unknown, max: number): FieldLine[] {
  // Shown in the diff's own shape (`cloudWatch.dimensions.Campaign`), so create and update read alike.
  const resource = created !== null && typeof created === 'object' && 'kind' in created ? diffView(created as Resource) : created;
  const lines: FieldLine[] = [];
  const walk = (value: unknown, path: string, depth: number): void => {
    const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
    const entries = isObject ? Object.entries(value as Record<string, unknown>) : [];
    if (isObject && depth < CREATE_DEPTH && entries.length > 0) {
      for (const [k, v] of entries) walk(v, joinPath(path, k), depth + 1);
    } else {
      lines.push({ sign: '+', path, after: clip(compactJson(value), max) });
    }
  };
  const top = jsonValue(resource);
  if (top === null || typeof top !== 'object' || Array.isArray(top)) return lines;
  for (const [k, v] of Object.entries(top)) if (!NAMING_FIELDS.has(k)) walk(v, joinPath('', k), 1);
  return lines;
}

function diffLines(change: Change, max: number): FieldLine[] {
  return change.diff.map((d): FieldLine => {
    if (absent(d.before)) return { sign: '+', path: d.path, after: clip(compactJson(d.after), max) };
    if (absent(d.after)) return { sign: '-', path: d.path, before: clip(compactJson(d.before), max) };
    const before = compactJson(d.before);
    const after = compactJson(d.after);
    const from = firstDifference(before, after);
    return { sign: '~', path: d.path, before: clip(before, max, from), after: clip(after, max, from) };
  });
}

/**
 * The lines a change shows under its header: an update its field diffs; a replace its field diffs (or,
 * when the planner gave none, the fields of the new resource); a create the fields of the new resource;
 * a delete none (the header names what goes).
 */
export function fieldLines(change: Change, max: number): FieldLine[] {
  switch (change.action) {
    case 'update':
      return diffLines(change, max);
    case 'replace':
      return change.diff.length > 0 ? diffLines(change, max) : createdFields(change.after, max);
    case 'create':
      return createdFields(change.after, max);
    case 'delete':
      return [];
    default:
      return assertNever(change.action);
  }
}
