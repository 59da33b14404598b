/**
 * YAML text -> a plain value plus a SourceMap, as octoDNS's ContextLoader attaches "file, line, column"
 * to every mapping at parse time. Never throws: every problem becomes a Diagnostic.
 *
 * Choices: YAML 1.2 core schema; `<<` merge keys on (users share defaults between sets with them);
 * duplicate keys are errors (docs/architecture.md, "The file format"); custom tags (`!Ref`) are errors, because the `yaml` package would
 * otherwise keep them as plain strings and change the meaning silently; aliases are capped against
 * "billion laughs" documents.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type YAMLError } from 'yaml';
import type { Diagnostic, SourcePosition } from '../model/diagnostic.js';
import { pointerOf, positionOf, type NodePosition, type SourceMap } from './source-map.js';

/** Aliases expanded per document; far above any real file, far below a YAML bomb. */
export const MAX_ALIAS_COUNT = 1000;
/** Nodes visited while mapping positions (aliases re-visit their anchor). */
const MAX_MAPPED_NODES = 200_000;

export interface ParsedFile {
  readonly file: string;
  /** undefined when the YAML could not be parsed. */
  readonly value: unknown;
  readonly sourceMap: SourceMap;
  readonly diagnostics: readonly Diagnostic[];
}

const YAML_HINTS: Readonly<Record<string, string>> = {
  DUPLICATE_KEY: 'each name may appear once in a mapping; remove or rename one of them',
  MULTIPLE_DOCS: 'put one document in each file (split it into several files of a directory)',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  BAD_INDENT: 'line the key up with its siblings',
  TAG_RESOLVE_FAILED: 'write the value itself; ses-reconcile does not resolve custom YAML tags',
};

export function parseYaml(file: string, text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };

  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      lineCounter,
      prettyErrors: false,
      uniqueKeys: true,
      merge: true,
      strict: true,
      logLevel: 'error', // warnings come back in doc.warnings; never printed by the library itself
    });
  } catch (err) {
    // The yaml package reports through doc.errors; a throw here is a bug of its own. Still no crash.
    diagnostics.push(yamlDiagnostic(`cannot parse: ${(err as Error).message}`, { file, line: 1, col: 1 }));
    return { file, value: undefined, sourceMap: new Map(), diagnostics };
  }

  for (const e of doc.errors) diagnostics.push(describeYamlError(e, doc, text, at));
  for (const w of doc.warnings) {
    // Unresolved custom tags silently become strings; that changes meaning, so it is an error here.
    const severity = w.code === 'TAG_RESOLVE_FAILED' ? 'error' : 'warning';
    diagnostics.push({ ...yamlDiagnostic(w.message, at(w.pos[0]), YAML_HINTS[w.code]), severity });
  }
  if (doc.errors.length > 0) return { file, value: undefined, sourceMap: new Map(), diagnostics };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    diagnostics.push(
      yamlDiagnostic(
        `cannot expand the document: ${(err as Error).message}`,
        { file, line: 1, col: 1 },
        `use fewer aliases (at most ${MAX_ALIAS_COUNT} expansions)`,
      ),
    );
    return { file, value: undefined, sourceMap: new Map(), diagnostics };
  }
  const sourceMap = mapPositions(doc, at);
  // Explicit YAML types (!!binary, !!set, !!timestamp…) make values JSON has no word for; the format has none.
  const exotic = nonJsonValues(value);
  for (const pointer of exotic) {
    diagnostics.push(
      yamlDiagnostic(
        'this value has a YAML type (such as !!binary or !!set) that the file format does not use',
        positionOf(sourceMap, pointer) ?? { file, line: 1, col: 1 },
        'write plain mappings, lists, strings, numbers and booleans',
      ),
    );
  }
  return { file, value: exotic.length > 0 ? undefined : value, sourceMap, diagnostics };
}

/** Pointers of values that are not plain JSON data (Uint8Array, Set, Map, Date …). */
function nonJsonValues(value: unknown, segments: string[] = [], out: string[] = []): string[] {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return out;
  if (Array.isArray(value)) value.forEach((v, i) => nonJsonValues(v, [...segments, String(i)], out));
  else if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    for (const [k, v] of Object.entries(value)) nonJsonValues(v, [...segments, k], out);
  else out.push(pointerOf(segments));
  return out;
}

/** yaml's messages, reworded where they speak to programmers, and pointed where the user must edit. */
function describeYamlError(e: YAMLError, doc: Document.Parsed, text: string, at: (offset: number) => SourcePosition): Diagnostic {
  if (e.code === 'MULTIPLE_DOCS')
    return yamlDiagnostic('the file holds more than one YAML document (a second `---`)', at(e.pos[0]), YAML_HINTS.MULTIPLE_DOCS);
  if (e.code === 'DUPLICATE_KEY') {
    const key = duplicateKeyAt(doc, e.pos[0]) ?? text.slice(e.pos[0], e.pos[1]).trim();
    const first = firstKeyOffset(doc, e.pos[0]);
    const where = first === undefined ? '' : `; first at line ${at(first).line}`;
    return yamlDiagnostic(`the key "${key}" appears twice in one mapping${where}`, at(e.pos[0]), YAML_HINTS.DUPLICATE_KEY);
  }
  const flow = /Flow (sequence|mapping).*end with an? ([\]}])/.exec(e.message);
  if (flow) {
    const close = flow[2] as string;
    const open = openingBracket(text, e.pos[0], close === ']' ? '[' : '{', close);
    return yamlDiagnostic(
      `a ${close === ']' ? '[ list' : '{ mapping'} is not closed`,
      at(open ?? e.pos[0]),
      `end it with ${close} on the same line, or write it as a block (one "- item" or "key: value" per line)`,
    );
  }
  return yamlDiagnostic(e.message, at(e.pos[0]), YAML_HINTS[e.code]);
}

function duplicateKeyAt(doc: Document.Parsed, offset: number): string | undefined {
  let found: string | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.range?.[0] === offset) found = String(pair.key.value);
    },
  });
  return found;
}

/** Offset of the first occurrence of the key whose duplicate starts at `offset`. */
function firstKeyOffset(doc: Document.Parsed, offset: number): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Map(_, map) {
      const dup = map.items.find((p) => isScalar(p.key) && p.key.range?.[0] === offset);
      if (!dup || !isScalar(dup.key)) return;
      const name = dup.key.value;
      const first = map.items.find((p) => isScalar(p.key) && p.key.value === name);
      if (first && isScalar(first.key)) found = first.key.range?.[0];
    },
  });
  return found;
}

/** The nearest unmatched opening bracket before `offset` (quotes ignored: good enough for a hint). */
function openingBracket(text: string, offset: number, open: string, close: string): number | undefined {
  let depth = 0;
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    if (text[i] === close) depth++;
    else if (text[i] === open) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}

function yamlDiagnostic(message: string, pos: SourcePosition, hint?: string): Diagnostic {
  return { severity: 'error', code: 'yaml', message: `YAML: ${message}`, path: '', pos, ...(hint ? { hint } : {}) };
}

function mapPositions(doc: Document.Parsed, at: (offset: number) => SourcePosition): SourceMap {
  const map = new Map<string, NodePosition>();
  let visits = 0;

  const start = (node: Node | null | undefined): SourcePosition | undefined =>
    node?.range ? at(node.range[0]) : undefined;

  const walk = (node: unknown, segments: readonly string[], keyPos: SourcePosition | undefined, depth: number): void => {
    if (++visits > MAX_MAPPED_NODES || depth > 200) return;
    const pointer = pointerOf(segments);
    const own = start(node as Node | null) ?? keyPos;
    const raw = isScalar(node) && typeof node.source === 'string' ? { raw: node.source } : {};
    if (own && !map.has(pointer)) map.set(pointer, keyPos ? { key: keyPos, value: own, ...raw } : { value: own, ...raw });
    let target = node;
    if (isAlias(target)) target = target.resolve(doc);
    if (isMap(target)) {
      // Merged (`<<`) entries first, so the mapping's own keys win, as YAML merge semantics say.
      const explicit: [string, unknown, SourcePosition | undefined][] = [];
      for (const pair of target.items) {
        if (isScalar(pair.key) && typeof pair.key.value === 'symbol') {
          const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
          for (const src of sources) {
            const resolved = isAlias(src) ? src.resolve(doc) : src;
            if (!isMap(resolved)) continue;
            for (const mp of resolved.items) {
              const k = keyString(mp.key);
              if (k !== undefined) walk(mp.value, [...segments, k], start(mp.key as Node), depth + 1);
            }
          }
        } else {
          const k = keyString(pair.key);
          if (k !== undefined) explicit.push([k, pair.value, start(pair.key as Node)]);
        }
      }
      for (const [k, v, kp] of explicit) {
        map.delete(pointerOf([...segments, k]));
        walk(v, [...segments, k], kp, depth + 1);
      }
    } else if (isSeq(target)) {
      target.items.forEach((item, i) => walk(item, [...segments, String(i)], undefined, depth + 1));
    }
  };

  walk(doc.contents, [], undefined, 0);
  return map;
}

function keyString(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  if (key === null || key === undefined) return '';
  return undefined; // complex keys: the schema rejects the mapping anyway
}
