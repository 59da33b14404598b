/**
 * What plan and apply share: validate the file (exit 3 before any AWS call), build the AWS adapters
 * (imported lazily: validate never loads the SDK), check the account guard, read the live state and
 * compute the plan.
 */
import { loadDesired } from '../config/index.js';
import { hasErrors } from '../model/diagnostic.js';
import type { Plan } from '../model/plan.js';
import { readFileSync } from 'node:fs';
import { routeSteps } from '../apply/router.js';
import { ConfigError, StalePlanError, UnsafePlanError, UsageError } from '../errors.js';
import { stateOf, type State } from '../model/state.js';
import { liveDigest } from '../plan/digest.js';
import { parsePlanFile } from '../plan/planfile.js';
import { recheckSafety } from '../plan/safety.js';
import type { Logger } from '../log.js';
import { targetPlan } from '../plan/target.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import type { Palette } from '../render/palette.js';
import type { StepRunner } from '../apply/port.js';
import type { ApplyCliOptions, ReconcileOptions } from './args.js';
import { computePlan } from './pipeline.js';

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly palette: Palette;
  readonly log: Logger;
}

export interface Prepared {
  readonly plan: Plan;
  /** The live state the plan was computed from. */
  readonly live: State;
  readonly runner: StepRunner;
  readonly calls: Readonly<Record<string, number>>;
}

type Aws = typeof import('../aws/index.js');

/** Call counts of several readers; two of them (alarms and dashboards) share the cloudwatch: prefix. */
function sumCalls(all: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const calls of all) for (const [k, n] of Object.entries(calls)) out[k] = (out[k] ?? 0) + n;
  return out;
}

/**
 * The live state of a stack's scope: SESv2 sets and destinations, and CloudWatch alarms, read
 * concurrently (different services, different rate limits). Also builds the runner that applies steps.
 */
async function readLive(
  aws: Aws,
  clients: ReturnType<Aws['createClients']>,
  scope: {
    stack: string;
    configurationSets: ReadonlySet<string>;
    alarmNames: ReadonlySet<string>;
    topicNames: ReadonlySet<string>;
    dashboardNames: ReadonlySet<string>;
  },
  at: { region: string; accountId: string; concurrency: number },
): Promise<{ state: State; calls: Record<string, number>; runner: StepRunner; pending: readonly string[] }> {
  const [ses, cw, sns, dashboards] = await Promise.all([
    new aws.SesV2Reader(clients.sesv2, { concurrency: at.concurrency }).read({ stack: scope.stack, configurationSets: scope.configurationSets }),
    new aws.CloudWatchAlarmReader(clients.cloudwatch, { concurrency: at.concurrency }).read({ stack: scope.stack, alarmNames: scope.alarmNames }),
    new aws.SnsTopicReader(clients.sns, { concurrency: at.concurrency }).read({ stack: scope.stack, topicNames: scope.topicNames }),
    scope.dashboardNames.size === 0
      ? { state: new Map(), calls: {} } // dashboards are read by the file's names only
      : new aws.CloudWatchDashboardReader(clients.cloudwatch, { concurrency: at.concurrency }).read({ names: scope.dashboardNames }),
  ]);
  return {
    state: stateOf([...ses.state.values(), ...cw.state.values(), ...sns.state.values(), ...dashboards.state.values()]),
    calls: sumCalls([ses.calls, cw.calls, sns.calls, dashboards.calls]),
    pending: sns.pending,
    runner: routeSteps({
      sesv2: new aws.SesV2StepRunner(clients.sesv2, at.region, at.accountId),
      cloudwatch: new aws.CloudWatchStepRunner(clients.cloudwatch, at.region, at.accountId, { alarmArns: cw.arns }),
      sns: new aws.SnsStepRunner(clients.sns, at.region, at.accountId),
      dashboards: new aws.CloudWatchDashboardRunner(clients.cloudwatch),
    }),
  };
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

  const namesOf = (kind: string) => new Set([...desired.resources.values()].filter((r) => r.kind === kind).map((r) => (r as { name: string }).name));
  const t0 = performance.now();
  const live = await readLive(
    aws,
    clients,
    { stack: desired.stack, configurationSets: namesOf('configurationSet'), alarmNames: namesOf('alarm'), topicNames: namesOf('topic'), dashboardNames: namesOf('dashboard') },
    { region, accountId, concurrency: o.concurrency },
  );
  log.info({ calls: live.calls, ms: Math.round(performance.now() - t0) }, 'read live state');

  const warnings = [
    ...loaded.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.code}: ${d.message}`),
    // SPEC 3: a subscription waiting for confirmation is not a change; the plan says it is pending.
    ...live.pending.map((p) => `subscription pending confirmation: ${p}`),
  ];
  const full = computePlan(desired.resources, live.state, {
    stack: desired.stack,
    region,
    accountId,
    adopt: o.adopt,
    allowDeletes: o.allowDeletes,
    ...(o.maxDeletes !== undefined ? { maxDeletes: o.maxDeletes } : {}),
    warnings,
    costHints: desired.costHints,
  });
  const { plan, unmatched } = targetPlan(full, o.targets);
  for (const t of unmatched) io.err(`warning: --target ${t} matches no change\n`);
  return { plan, live: live.state, runner: live.runner, calls: live.calls };
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
  const aws = await import('../aws/index.js');
  const clients = aws.createClients({ region: stored.region, profile: o.profile, endpointUrl: o.endpointUrl });
  const accountId = await aws.lookupAccount(clients.sts);
  if (stored.accountId && stored.accountId !== accountId)
    throw new UnsafePlanError(`the plan was made for account ${stored.accountId}, but the credentials are for account ${accountId}; refusing to apply it`);
  const sets = new Set(stored.changes.filter((c) => c.kind === 'configurationSet' || c.kind === 'eventDestination').map((c) => c.id.split('/')[0] as string));
  const ids = (kind: string) => new Set(stored.changes.filter((c) => c.kind === kind).map((c) => c.id));
  const live = await readLive(
    aws,
    clients,
    { stack: stored.stack, configurationSets: sets, alarmNames: ids('alarm'), topicNames: ids('topic'), dashboardNames: ids('dashboard') },
    { region: stored.region, accountId, concurrency: o.concurrency },
  );
  if (liveDigest(stored, live.state) !== saved.liveDigest)
    throw new StalePlanError(`${o.planFile} is stale: resources it changes were changed since the plan was made; run plan again`);
  const plan = recheckSafety(stored, { allowDeletes: o.allowDeletes, ...(o.maxDeletes !== undefined ? { maxDeletes: o.maxDeletes } : {}) });
  return { plan, live: live.state, runner: live.runner, calls: live.calls };
}
