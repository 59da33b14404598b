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
    const path = full.slice(0, cut);
    const key = path.join('.');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: key, before: at(before, path) ?? null, after: at(after, path) ?? null });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
