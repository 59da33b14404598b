/**
 * YAML text -> a plain value plus a SourceMap, as octoDNS's ContextLoader attaches "file, line, column"
 * to every mapping at parse time. Never throws: every problem becomes a Diagnostic.
 *
 * Choices: YAML 1.2 core schema; `<<` merge keys on (users share defaults between sets with them);
 * duplicate keys are errors (SPEC 3); custom tags (`!Ref`) are errors, because the `yaml` package would
 * otherwise keep them as plain strings and change the meaning silently; aliases are capped against
 * "billion laughs" documents.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic, SourcePosition } from '../model/diagnostic.js';
import { pointerOf, type NodePosition, type SourceMap } from './source-map.js';

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
    });
  } catch (err) {
    // The yaml package reports through doc.errors; a throw here is a bug of its own. Still no crash.
    diagnostics.push(yamlDiagnostic(`cannot parse: ${(err as Error).message}`, { file, line: 1, col: 1 }));
    return { file, value: undefined, sourceMap: new Map(), diagnostics };
  }

  for (const e of doc.errors) diagnostics.push(yamlDiagnostic(e.message, at(e.pos[0]), YAML_HINTS[e.code]));
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
  return { file, value, sourceMap: mapPositions(doc, at), diagnostics };
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
    if (own && !map.has(pointer)) map.set(pointer, keyPos ? { key: keyPos, value: own } : { value: own });
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
