/**
 * Turns the files of a configuration (one, or a directory's) into one document.
 *
 * Premise: every file is a complete file on its own (its own `version` and `stack`, so an editor with the
 * schema accepts it); a directory is their union. Named collections (topics, configurationSets, alarms,
 * dashboards) and the maps `tags` and `accountAlarms` merge entry by entry, and an entry defined in two
 * files is an error naming both places. Every other top-level value must be equal wherever it appears,
 * except `x-` extension keys, which only hold YAML anchors for their own file and are dropped.
 *
 * Before merging, entries the schema rejected are pruned, so the semantic rules run on valid data and
 * report what they can about the rest of the file in the same run.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { MERGED_MAPS, NAMED_COLLECTIONS } from './written.js';
import { dottedPath, pointerOf, segmentsOf, type NodePosition, type SourceMap } from './source-map.js';

export interface FileDocument {
  readonly file: string;
  readonly value: unknown;
  readonly sourceMap: SourceMap;
  /** Pointers the schema rejected in this file. */
  readonly invalid: readonly string[];
}

export type DeclaredNames = Readonly<Record<(typeof NAMED_COLLECTIONS)[number], ReadonlySet<string>>> & {
  /** Configuration sets with a pruned part: rules that reason about a whole set skip them. */
  readonly incompleteSets: ReadonlySet<string>;
};

export interface MergedDocument {
  /** undefined when no file is usable for the semantic rules. */
  readonly value: Record<string, unknown> | undefined;
  readonly sourceMap: SourceMap;
  /** Every name defined in some file, valid or not: a reference to a broken entry is not also "unknown". */
  readonly declared: DeclaredNames;
  readonly diagnostics: readonly Diagnostic[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Names are user data: `constructor`, `toString` and `__proto__` are valid configuration set and topic
 * names. So membership is own-property only, and writes define a property rather than assign one.
 */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A structural copy of a parsed YAML value (plain data only), so pruning never touches the input. */
function clone<T>(v: T): T {
  return structuredClone(v);
}

/**
 * Removes the smallest unit around each invalid value that the rules can do without: a configuration
 * set's option group, event destination or preset alarm; an entry of another collection; else the
 * top-level key.
 */
function prune(doc: Record<string, unknown>, invalid: readonly string[], incompleteSets: Set<string>): void {
  for (const pointer of invalid) {
    const segs = segmentsOf(pointer);
    const [top, name, group, item] = segs;
    if (top === undefined) continue;
    const container = doc[top];
    const entryLevel = (NAMED_COLLECTIONS as readonly string[]).includes(top) || top === 'accountAlarms' || top === 'tags';
    if (!entryLevel || name === undefined || !isPlainObject(container)) {
      delete doc[top];
      continue;
    }
    const entry = container[name];
    if (top === 'configurationSets' && group !== undefined && isPlainObject(entry)) {
      incompleteSets.add(name);
      const sub = entry[group];
      if ((group === 'eventDestinations' || group === 'alarms') && item !== undefined && isPlainObject(sub)) delete sub[item];
      else delete entry[group];
      continue;
    }
    if (top === 'configurationSets') incompleteSets.add(name);
    delete container[name];
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function where(pos: NodePosition | undefined): string {
  const p = pos?.key ?? pos?.value;
  return p ? `${p.file}:${p.line}:${p.col}` : 'another file';
}

export function mergeDocuments(files: readonly FileDocument[]): MergedDocument {
  const diagnostics: Diagnostic[] = [];
  const declared = {
    topics: new Set<string>(),
    configurationSets: new Set<string>(),
    alarms: new Set<string>(),
    dashboards: new Set<string>(),
    tenants: new Set<string>(),
    incompleteSets: new Set<string>(),
  };
  const sourceMap = new Map<string, NodePosition>();
  const merged: Record<string, unknown> = {};
  let usable = false;

  for (const f of files) {
    if (!isPlainObject(f.value)) continue;
    for (const c of NAMED_COLLECTIONS) {
      const coll = f.value[c];
      if (isPlainObject(coll)) for (const name of Object.keys(coll)) declared[c].add(name);
    }
    if (f.invalid.includes('')) continue;
    usable = true;
    const doc = clone(f.value);
    prune(doc, f.invalid, declared.incompleteSets);

    const clash = (segments: string[], message: string, hint: string): void => {
      const pos = f.sourceMap.get(pointerOf(segments));
      diagnostics.push({
        severity: 'error',
        code: 'duplicate-definition',
        message,
        path: dottedPath(segments),
        pos: pos?.key ?? pos?.value ?? { file: f.file, line: 1, col: 1 },
        hint,
      });
    };

    for (const [key, value] of Object.entries(doc)) {
      if (key.startsWith('x-')) continue; // extension keys only carry anchors for the file they are in
      if ((MERGED_MAPS as readonly string[]).includes(key) && isPlainObject(value)) {
        const target = isPlainObject(merged[key]) ? (merged[key] as Record<string, unknown>) : {};
        setOwn(merged, key, target);
        for (const [name, entry] of Object.entries(value)) {
          if (Object.hasOwn(target, name)) {
            const first = sourceMap.get(pointerOf([key, name]));
            clash(
              [key, name],
              `${dottedPath([key, name])} is defined twice: here and at ${where(first)}`,
              'each name may be defined in one file only; rename or remove one of them',
            );
            continue;
          }
          setOwn(target, name, entry);
        }
      } else if (Object.hasOwn(merged, key)) {
        if (!sameValue(merged[key], value)) {
          clash(
            [key],
            `${key} is ${JSON.stringify(value)} here but ${JSON.stringify(merged[key])} at ${where(sourceMap.get(pointerOf([key])))}`,
            `all files of one configuration must agree on ${key}`,
          );
        }
      } else {
        setOwn(merged, key, value);
      }
    }
    // First definition wins: later files' positions only fill in what is new.
    for (const [pointer, pos] of f.sourceMap) if (!sourceMap.has(pointer)) sourceMap.set(pointer, pos);
  }
  return { value: usable ? merged : undefined, sourceMap, declared, diagnostics };
}
