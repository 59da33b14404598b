import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { desiredFromSources, type LoadResult } from '../../src/config/index.js';
import type { Resource } from '../../src/model/resources.js';

/** Validate YAML text as if it were one file named `file`. */
export function load(text: string, file = 'ses-reconcile.yaml', strict = false): LoadResult {
  return desiredFromSources([{ file, text }], { strict });
}

/** The diagnostics as `line:col severity code message` lines: readable failures. */
export function lines(result: LoadResult): string[] {
  return result.diagnostics.map((d) => `${d.pos?.line}:${d.pos?.col} ${d.severity} ${d.code} ${d.message}`);
}

export function resource<K extends Resource['kind']>(result: LoadResult, kind: K, id: string): Extract<Resource, { kind: K }> {
  const r = result.desired?.resources.get(`${kind}:${id}`);
  if (!r) throw new Error(`no ${kind}:${id} in ${[...(result.desired?.resources.keys() ?? [])].join(', ')}; ${lines(result).join('\n')}`);
  return r as Extract<Resource, { kind: K }>;
}

/** A temporary fixture tree from an object literal (changesets' testdir). */
export function testdir(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ses-reconcile-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}
