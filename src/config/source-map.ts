import type { SourcePosition } from '../model/diagnostic.js';

/**
 * Where each value of a parsed document came from, keyed by JSON pointer (the form ajv reports in
 * `instancePath`). `key` is the position of the mapping key that holds the value, when there is one;
 * errors about a name (unknown key, bad name) point there, errors about a value point at `value`.
 */
export interface NodePosition {
  readonly key?: SourcePosition;
  readonly value: SourcePosition;
  /** A scalar as written (`012345678901`, not the number 12345678901): hints quote what the user wrote. */
  readonly raw?: string;
}

export type SourceMap = ReadonlyMap<string, NodePosition>;

export function pointerOf(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function segmentsOf(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `configurationSets.prod.eventDestinations.cw`, `alarms["ses/high"].notify[0]`: what users read. */
export function dottedPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number' || /^\d+$/.test(s)) out += `[${s}]`;
    else if (/^[A-Za-z0-9_:@-]+$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

export function dottedPathOfPointer(pointer: string): string {
  return dottedPath(segmentsOf(pointer));
}

/**
 * The position to report for a pointer: the nearest recorded ancestor when the pointer itself has none
 * (a missing property is reported at the mapping that lacks it).
 */
export function positionOf(map: SourceMap, pointer: string, prefer: 'key' | 'value' = 'value'): SourcePosition | undefined {
  let p = pointer;
  for (;;) {
    const hit = map.get(p);
    if (hit) return prefer === 'key' ? (hit.key ?? hit.value) : hit.value;
    if (p === '') return undefined;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
