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
import { computePlan, resolveDesired } from './pipeline.js';
import type { StackIndex } from '../live/port.js';
import { readScopes, type ReadScopes } from '../live/scope.js';

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
type Clients = ReturnType<Aws['createClients']>;

/** Call counts of several readers; two of them (alarms and dashboards) share the cloudwatch: prefix. */
function sumCalls(all: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const calls of all) for (const [k, n] of Object.entries(calls)) out[k] = (out[k] ?? 0) + n;
  return out;
}

interface LiveRead {
  readonly state: State;
  readonly calls: Record<string, number>;
  readonly runner: StepRunner;
  readonly pending: readonly string[];
  readonly warnings: readonly string[];
  /** Resources not read because the file's definition stood in for them (`--refresh changed`). */
  readonly notRead: number;
}

function createClients(aws: Aws, o: { region?: string | undefined; profile?: string | undefined; endpointUrl?: string | undefined; maxRates: ReconcileOptions['maxRates'] }, log: Logger): Clients {
  return aws.createClients({
    ...(o.region !== undefined ? { region: o.region } : {}),
    ...(o.profile !== undefined ? { profile: o.profile } : {}),
    ...(o.endpointUrl !== undefined ? { endpointUrl: o.endpointUrl } : {}),
    rates: aws.withOverrides(aws.DOCUMENTED_RATES, o.maxRates),
    // Throttling the pacer could not avoid means another tool shares the quota: a line at info, and a
    // warning once one call has been refused five times in a row (the run is slow, not stuck).
    onRetry: (e) => {
      const fields = { service: e.service, op: e.operation, kind: e.kind, attempt: e.attempt, waitMs: e.delayMs };
      if (e.kind === 'throttling' && e.attempt % 5 === 0) log.warn(fields, 'aws call still throttled; retrying (another client may share the quota)');
      else log.info(fields, 'aws call retried');
    },
  });
}

/**
 * The stack's resources as the tag index lists them, or undefined for `--discovery scan`, and also when
 * the policy denies tag:GetResources (SPEC 2: fall back to scan, with a warning).
 */
async function stackIndex(aws: Aws, clients: Clients, stack: string, discovery: 'tags' | 'scan', warnings: string[]): Promise<{ index?: StackIndex; calls: Record<string, number> }> {
  if (discovery === 'scan') return { calls: {} };
  const calls = new aws.CallCount('tagging');
  try {
    return { index: await aws.readStackIndex(clients.tagging, stack, calls), calls: calls.snapshot() };
  } catch (err) {
    if (!aws.isAccessDenied(err)) throw err;
    warnings.push(
      `the tag index is not readable (${(err as { code?: string }).code ?? 'AccessDenied'} on tag:GetResources); the account was listed instead (--discovery scan): this costs a read of every configuration set of the account, and alarms and topics the file no longer names are not found. Allow tag:GetResources, or pass --discovery scan to say this is expected.`,
    );
    return { calls: calls.snapshot() };
  }
}

/**
 * The live state of what the scopes name: SESv2 sets and destinations, CloudWatch alarms and dashboards,
 * SNS topics, read concurrently (different services, different rate limits; the pacer keeps each service
 * at its own). Also builds the runner that applies steps through the same clients, so the executor's calls
 * are paced with the readers'.
 */
async function readLive(aws: Aws, clients: Clients, scopes: ReadScopes, at: { region: string; accountId: string; concurrency: number }): Promise<Omit<LiveRead, 'warnings'>> {
  const pool = { concurrency: at.concurrency };
  const [ses, cw, sns, dashboards] = await Promise.all([
    new aws.SesV2Reader(clients.sesv2, pool).read(scopes.configurationSets),
    new aws.CloudWatchAlarmReader(clients.cloudwatch, pool).read({
      stack: scopes.alarms.stack,
      alarmNames: scopes.alarms.names,
      ...(scopes.alarms.discovered ? { discovered: new Set(scopes.alarms.discovered.keys()) } : {}),
      ...(scopes.alarms.unchanged ? { unchanged: scopes.alarms.unchanged } : {}),
      ...(scopes.alarms.trustedTags ? { trustedTags: scopes.alarms.trustedTags } : {}),
    }),
    new aws.SnsTopicReader(clients.sns, pool).read({
      stack: scopes.topics.stack,
      topicNames: scopes.topics.names,
      arnOf: (name) => aws.topicArn(at.region, at.accountId, name),
      ...(scopes.topics.discovered ? { discovered: scopes.topics.discovered } : {}),
      ...(scopes.topics.unchanged ? { unchanged: scopes.topics.unchanged } : {}),
      ...(scopes.topics.trustedTags ? { trustedTags: scopes.topics.trustedTags } : {}),
    }),
    scopes.dashboards.size === 0
      ? { state: new Map(), calls: {} } // dashboards are not in the tag index: read by the file's names only
      : new aws.CloudWatchDashboardReader(clients.cloudwatch, pool).read({ names: scopes.dashboards }),
  ]);
  return {
    state: stateOf([...ses.state.values(), ...cw.state.values(), ...sns.state.values(), ...dashboards.state.values(), ...scopes.standIns]),
    calls: sumCalls([ses.calls, cw.calls, sns.calls, dashboards.calls]),
    pending: sns.pending,
    notRead: scopes.standIns.filter((r) => r.kind !== 'eventDestination').length,
    runner: routeSteps({
      sesv2: new aws.SesV2StepRunner(clients.sesv2, at.region, at.accountId),
      cloudwatch: new aws.CloudWatchStepRunner(clients.cloudwatch, at.region, at.accountId, { alarmArns: cw.arns }),
      sns: new aws.SnsStepRunner(clients.sns, at.region, at.accountId),
      dashboards: new aws.CloudWatchDashboardRunner(clients.cloudwatch),
    }),
  };
}

function logRead(log: Logger, clients: Clients, calls: Record<string, number>, t0: number): void {
  log.info({ calls, pacing: clients.stats.totals(), byOperation: clients.stats.snapshot(), ms: Math.round(performance.now() - t0) }, 'read live state');
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
  const clients = createClients(aws, { ...o, region: desired.region ?? o.region }, io.log);
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
  const full = computePlan(desired.resources, live.state, {
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
  return { plan, live: live.state, runner: live.runner, calls };
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
  const clients = createClients(aws, { ...o, region: stored.region }, io.log);
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
  return { plan, live: live.state, runner: live.runner, calls: live.calls };
}
