/**
 * What plan and apply share: validate the file (exit 3 before any AWS call), build the AWS adapters
 * (imported lazily: validate never loads the SDK), check the account guard, read the live state and
 * compute the plan.
 */
import { loadDesired } from '../config/index.js';
import type { DesiredState } from '../model/desired.js';
import { hasErrors } from '../model/diagnostic.js';
import type { Plan } from '../model/plan.js';
import { ConfigError, UnsafePlanError, UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import { targetPlan } from '../plan/target.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import type { Palette } from '../render/palette.js';
import type { StepRunner } from '../apply/port.js';
import type { ReconcileOptions } from './args.js';
import { computePlan } from './pipeline.js';

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly palette: Palette;
  readonly log: Logger;
}

export interface Prepared {
  readonly desired: DesiredState;
  readonly plan: Plan;
  readonly runner: StepRunner;
  readonly calls: Readonly<Record<string, number>>;
}

export async function preparePlan(o: ReconcileOptions, io: Io): Promise<Prepared> {
  const loaded = loadDesired(o.config);
  // Invalid: the diagnostics go to stderr (stdout may be a JSON plan consumer). Warnings travel in the plan.
  if (hasErrors(loaded.diagnostics) || !loaded.desired) {
    io.err(renderDiagnosticsText(loaded.diagnostics, io.palette) + '\n');
    throw new ConfigError(loaded.diagnostics);
  }
  const desired = loaded.desired;
  if (desired.region && o.region && desired.region !== o.region)
    throw new UsageError(`the file manages region ${desired.region}, but --region says ${o.region}; remove one of them`);

  const aws = await import('../aws/index.js');
  const clients = aws.createClients({ region: desired.region ?? o.region, profile: o.profile, endpointUrl: o.endpointUrl });
  const region = await aws.resolvedRegion(clients);
  const log = io.log.child({ stack: desired.stack, region });
  const accountId = await aws.lookupAccount(clients.sts);
  if (desired.accountId && desired.accountId !== accountId)
    throw new UnsafePlanError(`the file is for account ${desired.accountId}, but the credentials are for account ${accountId}; refusing to touch it`);

  const names = new Set([...desired.resources.values()].filter((r) => r.kind === 'configurationSet').map((r) => r.name));
  const t0 = performance.now();
  const live = await new aws.SesV2Reader(clients.sesv2, { concurrency: o.concurrency }).read({ stack: desired.stack, configurationSets: names });
  log.info({ calls: live.calls, ms: Math.round(performance.now() - t0) }, 'read live state');

  const warnings = loaded.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.code}: ${d.message}`);
  const full = computePlan(desired.resources, live.state, {
    stack: desired.stack,
    region,
    accountId,
    adopt: o.adopt,
    allowDeletes: o.allowDeletes,
    ...(o.maxDeletes !== undefined ? { maxDeletes: o.maxDeletes } : {}),
    warnings,
  });
  const { plan, unmatched } = targetPlan(full, o.targets);
  for (const t of unmatched) io.err(`warning: --target ${t} matches no change\n`);
  return { desired, plan, runner: new aws.SesV2StepRunner(clients.sesv2, region, accountId), calls: live.calls };
}
