/**
 * Field-level differences between two diff views, with deep-diff computing the paths. Lists are compared
 * and shown whole (`events: [BOUNCE] -> [BOUNCE, SEND]`): canonicalize() has already sorted every list AWS
 * treats as a set, so an index-by-index report would only be noise.
 */
import deepDiff from 'deep-diff';
import type { FieldDiff } from '../model/change.js';

function at(obj: unknown, path: readonly (string | number)[]): unknown {
  let cur = obj;
  for (const p of path) cur = cur === null || cur === undefined ? undefined : (cur as Record<string | number, unknown>)[p];
  return cur;
}

export function fieldDiffs(before: Record<string, unknown>, after: Record<string, unknown>): FieldDiff[] {
  const raw = deepDiff.diff(before, after) ?? [];
  const seen = new Set<string>();
  const out: FieldDiff[] = [];
  for (const d of raw) {
    const full = (d.path ?? []) as (string | number)[];
    // Cut the path at the first list: the whole list is the changed value.
    let cut = full.length;
    for (let i = 0; i < full.length; i++) {
      if (Array.isArray(at(before, full.slice(0, i + 1))) || Array.isArray(at(after, full.slice(0, i + 1)))) {
        cut = i + 1;
        break;
      }
    }
    const path = full.slice(0, cut).map(String);
    const key = JSON.stringify(path);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, before: at(before, path) ?? null, after: at(after, path) ?? null });
  }
  return out.sort((a, b) => comparePaths(a.path, b.path));
}

/** Segment by segment, in code-unit order; a path before the paths inside it. */
function comparePaths(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
