/**
 * A problem found in the user's input: reported, never thrown one at a time. Every stage (parse, schema,
 * rules) appends to a list so one run reports everything, as octoDNS's ValidationError does.
 */
export type Severity = 'error' | 'warning';

export interface SourcePosition {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly col: number;
}

export interface Diagnostic {
  readonly severity: Severity;
  /** Stable, kebab-case name of the check, e.g. `schema`, `yaml`, `dimension-charset`. */
  readonly code: string;
  readonly message: string;
  /** Dotted path in the merged document, e.g. `configurationSets.prod.eventDestinations.cw`; '' for the root. */
  readonly path: string;
  readonly pos?: SourcePosition;
  /** What to write instead. */
  readonly hint?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** File, then line, then column, then path: the order diagnostics are printed in. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.pos?.file ?? '';
  const fb = b.pos?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const byLine = (a.pos?.line ?? 0) - (b.pos?.line ?? 0);
  if (byLine !== 0) return byLine;
  const byCol = (a.pos?.col ?? 0) - (b.pos?.col ?? 0);
  if (byCol !== 0) return byCol;
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
