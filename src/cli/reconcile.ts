/**
 * What plan and apply share: validate the file (exit 3 before any AWS call), build the AWS adapters
 * (imported lazily: validate never loads the SDK), check the account guard, read the live state and
 * compute the plan.
 */
import { loadDesired } from '../config/index.js';
import { hasErrors } from '../model/diagnostic.js';
import type { Plan } from '../model/plan.js';
import { readFileSync } from 'node:fs';
import { ConfigError, StalePlanError, UnsafePlanError, UsageError } from '../errors.js';
import type { State } from '../model/state.js';
import { liveDigest } from '../plan/digest.js';
import { parsePlanFile } from '../plan/planfile.js';
import { recheckSafety } from '../plan/safety.js';
import { targetPlan } from '../plan/target.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import type { Logger } from '../log.js';
import type { Palette } from '../render/palette.js';
import type { StepRunner } from '../apply/port.js';
import type { ApplyCliOptions, ReconcileOptions } from './args.js';
import { planResolved, resolveDesired } from './pipeline.js';
import { readScopes } from '../live/scope.js';
import { createPacedClients, logRead, readLive, stackIndex, sumCalls } from './live-read.js';

type Aws = typeof import('../aws/index.js');

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly palette: Palette;
  readonly log: Logger;
  /** Aborted when the run must stop (apply interrupted): calls not yet sent are refused. @default never */
  readonly stop?: AbortSignal;
}

export interface Prepared {
  readonly plan: Plan;
  /** The live state the plan was computed from. */
  readonly live: State;
  readonly runner: StepRunner;
  readonly calls: Readonly<Record<string, number>>;
  /** AWS calls sent and not answered yet. */
  readonly inFlight: () => number;
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

  const aws: Aws = await import('../aws/index.js');
  const clients = createPacedClients(aws, { ...o, region: desired.region ?? o.region }, io.log, io.stop);
  const region = await aws.resolvedRegion(clients);
  const log = io.log.child({ stack: desired.stack, region });
  const accountId = await aws.lookupAccount(clients.sts);
  if (desired.accountId && desired.accountId !== accountId)
    throw new UnsafePlanError(`the file is for account ${desired.accountId}, but the credentials are for account ${accountId}; refusing to touch it`);

  const t0 = performance.now();
  const readWarnings: string[] = [];
  const index = await stackIndex(aws, clients, desired.stack, o.discovery, readWarnings);
  if (o.refresh === 'changed' && index.index === undefined)
    readWarnings.push('--refresh changed needs the tag index (--discovery tags): everything the file names was read in full');
  const resolved = resolveDesired(desired.resources, { stack: desired.stack, region, accountId });
  const scopes = readScopes(desired.stack, resolved, index.index, o.refresh);
  const live = await readLive(aws, clients, scopes, { region, accountId, concurrency: o.concurrency });
  const calls = sumCalls([index.calls, live.calls]);
  logRead(log, clients, calls, t0);

  const warnings = [
    ...loaded.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.code}: ${d.message}`),
    ...readWarnings,
    // SPEC 3: a subscription waiting for confirmation is not a change; the plan says it is pending.
    ...live.pending.map((p) => `subscription pending confirmation: ${p}`),
  ];
  const full = planResolved(resolved, live.state, {
    stack: desired.stack,
    region,
    accountId,
    adopt: o.adopt,
    allowDeletes: o.allowDeletes,
    ...(o.maxDeletes !== undefined ? { maxDeletes: o.maxDeletes } : {}),
    warnings,
    costHints: desired.costHints,
    ...(o.refresh === 'changed' && index.index !== undefined ? { refresh: { mode: 'changed' as const, notRead: live.notRead } } : {}),
  });
  const { plan, unmatched } = targetPlan(full, o.targets);
  for (const t of unmatched) io.err(`warning: --target ${t} matches no change\n`);
  return { plan, live: live.state, runner: live.runner, calls, inFlight: () => clients.stats.inFlight };
}

/**
 * `apply PLANFILE`: no configuration is read. The account must be the plan's, and the live state of every
 * resource the plan touches must be what it was when the plan was made (digest), else exit 4.
 */
export async function preparePlanFile(o: ApplyCliOptions & { planFile: string }, io: Io): Promise<Prepared> {
  let saved;
  try {
    saved = parsePlanFile(readFileSync(o.planFile, 'utf8'));
  } catch (err) {
    throw new UsageError(`${o.planFile}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  const stored = saved.plan;
  if (o.region && o.region !== stored.region) throw new UsageError(`the plan is for region ${stored.region}, but --region says ${o.region}`);
  const aws: Aws = await import('../aws/index.js');
  const clients = createPacedClients(aws, { ...o, region: stored.region }, io.log, io.stop);
  const accountId = await aws.lookupAccount(clients.sts);
  if (stored.accountId && stored.accountId !== accountId)
    throw new UnsafePlanError(`the plan was made for account ${stored.accountId}, but the credentials are for account ${accountId}; refusing to apply it`);
  // Exactly what the plan touches, by name: nothing is listed and the tag index is not asked (an empty
  // `discovered` means "these names and no others").
  const sets = new Set(stored.changes.filter((c) => c.kind === 'configurationSet' || c.kind === 'eventDestination').map((c) => c.id.split('/')[0] as string));
  const ids = (kind: string) => new Set(stored.changes.filter((c) => c.kind === kind).map((c) => c.id));
  const t0 = performance.now();
  const live = await readLive(
    aws,
    clients,
    {
      configurationSets: { stack: stored.stack, configurationSets: sets, discovered: new Set() },
      alarms: { stack: stored.stack, names: ids('alarm'), discovered: new Map() },
      topics: { stack: stored.stack, names: ids('topic'), discovered: new Map() },
      dashboards: ids('dashboard'),
      standIns: [],
    },
    { region: stored.region, accountId, concurrency: o.concurrency },
  );
  logRead(io.log.child({ stack: stored.stack, region: stored.region }), clients, live.calls, t0);
  if (liveDigest(stored, live.state) !== saved.liveDigest)
    throw new StalePlanError(`${o.planFile} is stale: resources it changes were changed since the plan was made; run plan again`);
  const plan = recheckSafety(stored, { allowDeletes: o.allowDeletes, ...(o.maxDeletes !== undefined ? { maxDeletes: o.maxDeletes } : {}) });
  return { plan, live: live.state, runner: live.runner, calls: live.calls, inFlight: () => clients.stats.inFlight };
}
