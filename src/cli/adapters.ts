/**
 * The AWS adapters of one plan or apply: the paced clients, the tag index, the readers behind the live
 * port and the step runners behind the apply port. Lives in cli/ because only cli/ builds adapters and
 * wires them to ports (docs/architecture.md, "The rooms"); aws/ is imported lazily by the caller and
 * passed in, so validate never loads the SDK.
 */
import { routeSteps } from '../apply/router.js';
import type { StepRunner } from '../apply/port.js';
import type { LiveReaders, StackIndex } from '../live/port.js';
import type { LiveState } from '../live/read.js';
import type { Logger } from '../log.js';
import type { ReconcileOptions } from './args.js';
import { resolveEndpoint } from '../model/endpoint.js';

type Aws = typeof import('../aws/index.js');
type Clients = ReturnType<Aws['createClients']>;

/** The SDK's AWS_MAX_ATTEMPTS, honoured for our own retries too: a whole number above 0, else undefined. */
export function maxAttemptsFrom(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const n = Number(env.AWS_MAX_ATTEMPTS);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The run's clients, paced at AWS's documented rates with the `--max-rate` overrides on top; `stop` refuses calls not yet sent. */
export function createPacedClients(
  aws: Aws,
  o: { region?: string | undefined; profile?: string | undefined; endpointUrl?: string | undefined; maxRates: ReconcileOptions['maxRates'] },
  { log, stop, env }: { readonly log: Logger; readonly stop?: AbortSignal | undefined; readonly env: Readonly<Record<string, string | undefined>> },
): Clients {
  const maxAttempts = maxAttemptsFrom(env);
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
      `the tag index is not readable (${(err as { code?: string }).code ?? 'AccessDenied'} on tag:GetResources); the account was listed instead (--discovery scan): this costs a read of every configuration set and tenant of the account, and an owned topic, or alarm not named "${stack}/…", that the file no longer names is not found (so not deleted). Allow tag:GetResources, or pass --discovery scan to say this is expected.`,
    );
    return { calls: calls.snapshot() };
  }
}

/** The readers of one run, one per kind (live/port.ts), on the run's paced clients. */
export function liveReaders(aws: Aws, clients: Clients, at: { region: string; accountId: string; concurrency: number }): LiveReaders {
  const pool = { concurrency: at.concurrency };
  return {
    configurationSets: new aws.SesV2Reader(clients.sesv2, pool),
    alarms: new aws.CloudWatchAlarmReader(clients.cloudwatch, pool),
    topics: new aws.SnsTopicReader(clients.sns, { ...pool, at }),
    dashboards: new aws.CloudWatchDashboardReader(clients.cloudwatch, pool),
    tenants: new aws.SesV2TenantReader(clients.sesv2, pool),
  };
}

/**
 * The runner that applies steps through the same clients, so the executor's calls are paced with the
 * readers'; its tag calls use the ARNs the read saw.
 */
/**
 * `env`: where an SNS endpoint's `${env:NAME}` password is read, at the Subscribe call (model/endpoint.ts;
 * README, "SNS endpoints with a password").
 */
export function stepRunner(aws: Aws, clients: Clients, at: { region: string; accountId: string }, arns: LiveState['arns'], env: Readonly<Record<string, string | undefined>> = {}): StepRunner {
  return routeSteps({
    sesv2: new aws.SesV2StepRunner(clients.sesv2, at.region, at.accountId, arns.tenants),
    cloudwatch: new aws.CloudWatchStepRunner(clients.cloudwatch, at.region, at.accountId, { alarmArns: arns.alarms }),
    sns: new aws.SnsStepRunner(clients.sns, at.region, at.accountId, (e) => resolveEndpoint(e, (name) => env[name])),
    dashboards: new aws.CloudWatchDashboardRunner(clients.cloudwatch, { region: at.region, accountId: at.accountId, arns: arns.dashboards }),
  });
}

export function logRead(log: Logger, clients: Clients, calls: Record<string, number>, t0: number): void {
  log.info({ calls, pacing: clients.stats.totals(), byOperation: clients.stats.snapshot(), ms: Math.round(performance.now() - t0) }, 'read live state');
}
