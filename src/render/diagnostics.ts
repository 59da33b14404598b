/** Diagnostics -> text or JSON. Pure: the palette and the summary are passed in. */
import type { Diagnostic } from '../model/diagnostic.js';
import type { Palette } from './palette.js';

export interface ConfigSummary {
  readonly configurationSets: number;
  readonly eventDestinations: number;
  readonly alarms: number;
  readonly topics: number;
  readonly dashboards: number;
  /** @default 0 */
  readonly tenants?: number;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function summaryLine(s: ConfigSummary): string {
  const parts = [
    plural(s.configurationSets, 'configuration set'),
    plural(s.eventDestinations, 'event destination'),
    plural(s.alarms, 'alarm'),
  ];
  if (s.topics > 0) parts.push(plural(s.topics, 'topic'));
  if (s.dashboards > 0) parts.push(plural(s.dashboards, 'dashboard'));
  if ((s.tenants ?? 0) > 0) parts.push(plural(s.tenants ?? 0, 'tenant'));
  return parts.join(', ');
}

export function renderDiagnosticsText(diagnostics: readonly Diagnostic[], palette: Palette): string {
  const lines: string[] = [];
  for (const d of diagnostics) {
    const where = d.pos ? `${d.pos.file}:${d.pos.line}:${d.pos.col}` : '';
    const sev = d.severity === 'error' ? palette.red('error') : palette.yellow('warning');
    const path = d.path ? palette.dim(` (at ${d.path})`) : '';
    lines.push(`${where} ${sev} ${d.code}: ${d.message}${path}`);
    if (d.hint) lines.push(`  ${palette.dim('→')} ${d.hint}`);
  }
  return lines.join('\n');
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { errors, warnings: diagnostics.length - errors };
}

export function renderValidationText(
  diagnostics: readonly Diagnostic[],
  summary: ConfigSummary | undefined,
  palette: Palette,
): string {
  const { errors, warnings } = countBySeverity(diagnostics);
  const out: string[] = [];
  if (diagnostics.length > 0) out.push(renderDiagnosticsText(diagnostics, palette));
  if (summary && errors === 0) {
    out.push(`${palette.green('ok')}: ${summaryLine(summary)}${warnings > 0 ? ` (${plural(warnings, 'warning')})` : ''}`);
  } else {
    out.push(palette.red(`invalid: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`));
  }
  return out.join('\n') + '\n';
}

export function renderValidationJson(
  diagnostics: readonly Diagnostic[],
  summary: ConfigSummary | undefined,
  files: readonly string[],
): string {
  const { errors, warnings } = countBySeverity(diagnostics);
  return (
    JSON.stringify(
      {
        ok: errors === 0 && summary !== undefined,
        files,
        summary: summary ?? null,
        errors,
        warnings,
        diagnostics: diagnostics.map((d) => ({
          severity: d.severity,
          code: d.code,
          message: d.message,
          path: d.path,
          file: d.pos?.file ?? null,
          line: d.pos?.line ?? null,
          col: d.pos?.col ?? null,
          hint: d.hint ?? null,
        })),
      },
      null,
      2,
    ) + '\n'
  );
}
