import { loadDesired } from '../../config/index.js';
import type { DesiredState } from '../../model/desired.js';
import { hasErrors } from '../../model/diagnostic.js';
import { EXIT, type ExitCode } from '../../errors.js';
import type { ConfigSummary } from '../../render/diagnostics.js';
import { renderValidationJson, renderValidationText } from '../../render/diagnostics.js';
import type { Palette } from '../../render/palette.js';
import type { ValidateOptions } from '../args.js';

export function summarize(desired: DesiredState): ConfigSummary {
  const count = (kind: string) => [...desired.resources.values()].filter((r) => r.kind === kind).length;
  return {
    configurationSets: count('configurationSet'),
    eventDestinations: count('eventDestination'),
    alarms: count('alarm'),
    topics: count('topic'),
    dashboards: count('dashboard'),
    tenants: count('tenant'),
  };
}

/** `ses-reconcile validate`: schema and rules, no AWS. 0 when valid, 3 when not. */
export function runValidate(options: ValidateOptions, io: { out: (s: string) => void; palette: Palette }): ExitCode {
  const result = loadDesired(options.config, { strict: options.strict, maxFileBytes: options.maxFileBytes });
  const summary = result.desired ? summarize(result.desired) : undefined;
  io.out(
    options.format === 'json'
      ? renderValidationJson(result.diagnostics, summary, result.files)
      : renderValidationText(result.diagnostics, summary, io.palette),
  );
  return hasErrors(result.diagnostics) || !result.desired ? EXIT.invalid : EXIT.ok;
}
