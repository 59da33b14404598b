/**
 * An exported file must validate (docs/architecture.md, "Export"). The live account can hold what the
 * file's rules refuse, e.g. an alarm on a metric no destination of the file publishes (it never fires:
 * alarm-dimensions). Such an alarm or dashboard is left out of the file, with the rule's words as the
 * reason (a `#` comment and a warning), and the file validated again; an error on anything else is
 * reported, never hidden.
 */
import { hasErrors } from '../../model/diagnostic.js';
import { desiredFromSources } from '../index.js';
import type { WrittenConfig } from '../written.js';

/** `alarms["a b"].metrics[0]` -> ['alarms', 'a b', 'metrics', '0']: the inverse of source-map.ts dottedPath. */
export function segmentsOfDotted(path: string): string[] {
  const out: string[] = [];
  const re = /(?:^|\.)([A-Za-z0-9_:@-]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const m of path.matchAll(re)) out.push(m[1] ?? m[2] ?? (JSON.parse(m[3] as string) as string));
  return out;
}

export type Removable = { readonly section: 'alarms' | 'dashboards' | 'accountAlarms'; readonly name: string } | { readonly section: 'preset'; readonly set: string; readonly name: string };

function removableAt(path: string): Removable | undefined {
  const [a, b, c, d] = segmentsOfDotted(path);
  if ((a === 'alarms' || a === 'dashboards' || a === 'accountAlarms') && b !== undefined) return { section: a, name: b };
  if (a === 'configurationSets' && b !== undefined && c === 'alarms' && d !== undefined) return { section: 'preset', set: b, name: d };
  return undefined;
}

function without(config: WrittenConfig, r: Removable): WrittenConfig {
  if (r.section === 'preset') {
    const set = config.configurationSets?.[r.set];
    if (!set?.alarms) return config;
    const { [r.name as keyof typeof set.alarms]: _gone, ...alarms } = set.alarms;
    return { ...config, configurationSets: { ...config.configurationSets, [r.set]: { ...set, alarms } } };
  }
  const { [r.name]: _gone, ...rest } = (config[r.section] ?? {}) as Record<string, unknown>;
  return { ...config, [r.section]: rest } as WrittenConfig;
}

export interface Validated {
  readonly config: WrittenConfig;
  /** What was left out, each `what: why`. */
  readonly leftOut: readonly string[];
  /** The entries left out. */
  readonly removed: readonly Removable[];
  /** Errors that could not be left out (the file does not validate). */
  readonly errors: readonly string[];
}

export function validateOut(config: WrittenConfig, render: (c: WrittenConfig) => string): Validated {
  let current = config;
  const leftOut: string[] = [];
  const removed: Removable[] = [];
  for (let round = 0; round < 10; round++) {
    const diagnostics = desiredFromSources([{ file: 'export.yaml', text: render(current) }]).diagnostics.filter((d) => d.severity === 'error');
    if (!hasErrors(diagnostics)) return { config: current, leftOut, removed, errors: [] };
    const removable = diagnostics.map((d) => ({ d, r: removableAt(d.path) }));
    const fixable = removable.filter((x) => x.r !== undefined);
    if (fixable.length === 0) return { config: current, leftOut, removed, errors: diagnostics.map((d) => `${d.path}: ${d.message}`) };
    for (const { d, r } of fixable) {
      const what = r?.section === 'preset' ? `preset ${r.name} of configuration set ${r.set}` : `${r?.section === 'dashboards' ? 'dashboard' : 'alarm'} ${r?.name}`;
      if (!leftOut.some((l) => l.startsWith(`${what}:`))) leftOut.push(`${what}: ${d.message}`);
      current = without(current, r as Removable);
      removed.push(r as Removable);
    }
  }
  return { config: current, leftOut, removed, errors: ['the file still does not validate after leaving out what the rules refuse'] };
}
