/**
 * Reading the live state for plan and apply: the composition of aws/ (clients, the tag index, the
 * readers, the step runners) with the pure scopes of live/scope.ts. Lives in cli/ because only cli/ wires
 * adapters to ports (docs/architecture.md, "The rooms"); aws/ is imported lazily by the caller and passed in.
 */
import { routeSteps } from '../apply/router.js';
import type { StepRunner } from '../apply/port.js';
import type { StackIndex } from '../live/port.js';
import type { ReadScopes } from '../live/scope.js';
import type { Logger } from '../log.js';
import { stateOf, type State } from '../model/state.js';
import type { ReconcileOptions } from './args.js';

type Aws = typeof import('../aws/index.js');
type Clients = ReturnType<Aws['createClients']>;

/** Call counts of several readers; two of them (alarms and dashboards) share the cloudwatch: prefix. */
export function sumCalls(all: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const calls of all) for (const [k, n] of Object.entries(calls)) out[k] = (out[k] ?? 0) + n;
  return out;
}

export interface LiveRead {
  readonly state: State;
  readonly calls: Record<string, number>;
  readonly runner: StepRunner;
  /** Subscriptions pending confirmation, as `<topic> <protocol>:<endpoint>`. */
  readonly pending: readonly string[];
  /** Resources not read because the file's definition stood in for them (`--refresh changed`). */
  readonly notRead: number;
}

/** The SDK's AWS_MAX_ATTEMPTS, honoured for our own retries too: a whole number above 0, else undefined. */
export function maxAttemptsFrom(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const n = Number(env.AWS_MAX_ATTEMPTS);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The run's clients, paced at AWS's documented rates with the `--max-rate` overrides on top; `stop` refuses calls not yet sent. */
export function createPacedClients(
  aws: Aws,
  o: { region?: string | undefined; profile?: string | undefined; endpointUrl?: string | undefined; maxRates: ReconcileOptions['maxRates'] },
  log: Logger,
  stop?: AbortSignal,
): Clients {
  const maxAttempts = maxAttemptsFrom(process.env);
  return aws.createClients({
    ...(stop ? { stop } : {}),
    ...(maxAttempts !== undefined ? { maxAttempts } : {}),
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
 * the policy denies tag:GetResources (docs/architecture.md, "Commands and exit codes": fall back to scan, with a warning).
 */
export async function stackIndex(aws: Aws, clients: Clients, stack: string, discovery: 'tags' | 'scan', warnings: string[]): Promise<{ index?: StackIndex; calls: Record<string, number> }> {
  if (discovery === 'scan') return { calls: {} };
  const calls = new aws.CallCount('tagging');
  try {
    return { index: await aws.readStackIndex(clients.tagging, stack, calls), calls: calls.snapshot() };
  } catch (err) {
    if (!aws.isAccessDenied(err)) throw err;
    warnings.push(
      `the tag index is not readable (${(err as { code?: string }).code ?? 'AccessDenied'} on tag:GetResources); the account was listed instead (--discovery scan): this costs a read of every configuration set of the account, and an owned topic, or alarm not named "${stack}/…", that the file no longer names is not found (so not deleted). Allow tag:GetResources, or pass --discovery scan to say this is expected.`,
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
export async function readLive(aws: Aws, clients: Clients, scopes: ReadScopes, at: { region: string; accountId: string; concurrency: number }): Promise<LiveRead> {
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
      dashboards: new aws.CloudWatchDashboardRunner(clients.cloudwatch, { region: at.region, accountId: at.accountId, ...('arns' in dashboards ? { arns: dashboards.arns } : {}) }),
    }),
  };
}

export function logRead(log: Logger, clients: Clients, calls: Record<string, number>, t0: number): void {
  log.info({ calls, pacing: clients.stats.totals(), byOperation: clients.stats.snapshot(), ms: Math.round(performance.now() - t0) }, 'read live state');
}
