/**
 * The SDK clients of one run: SESv2, CloudWatch, SNS and STS, built through the SDK's own providers so
 * ses-reconcile behaves like every other AWS tool in the same shell or pipeline.
 *
 * - Credentials: the SDK's default chain (env, shared config/credentials profile, SSO, web identity /
 *   GitHub OIDC, ECS/EC2 instance role). `profile` goes through the client config, which the chain and
 *   the Region loader both honour. The four clients share the STS client's memoized provider, so an
 *   SSO token or an assumed role is fetched once per run, not once per service. Nothing here logs: no
 *   logger is passed, so the SDK's own logger is its no-op default and credentials never reach a log.
 * - Region: `region` when given, else the SDK's loader (AWS_REGION, then the profile's `region`).
 *   resolvedRegion() resolves it once, so that a missing Region is one clear error before any call.
 * - Endpoint: `endpointUrl` for all four services when given. Otherwise the SDK itself honours
 *   AWS_ENDPOINT_URL_<SERVICE ID> and then AWS_ENDPOINT_URL (and `endpoint_url` / a `services` section
 *   of the profile; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS turns all of that off). Checked in
 *   @smithy/core 3.41 `getEndpointUrlConfig`: the variable is the service id upper-cased with spaces as
 *   `_`, so AWS_ENDPOINT_URL_SESV2, AWS_ENDPOINT_URL_CLOUDWATCH, AWS_ENDPOINT_URL_SNS,
 *   AWS_ENDPOINT_URL_STS (test/integration/aws-sesv2.test.ts proves it against the emulator).
 * - Pacing and retries (pacing/): every SESv2, CloudWatch, SNS and tagging call takes a slot of the run's
 *   Pacer at the rates AWS documents (pacing/rates.ts; `rates` overrides them) and is retried by
 *   pacing/retry.ts, which is why the SDK's own retries are off on those four clients (maxAttempts 1):
 *   the SDK's retry loop would resend without asking the pacer. STS (one GetCallerIdentity a run) keeps
 *   the SDK's standard retries. `maxAttempts` (cli/ passes AWS_MAX_ATTEMPTS; else 5) bounds transient retries.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SESv2Client, type SESv2ClientConfig } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { UsageError } from '../errors.js';
import { attachPacing, PacingStats, type RetryEvent } from './pacing/middleware.js';
import { Pacer, realClock, type Clock } from './pacing/pacer.js';
import { DOCUMENTED_RATES, type RateTable } from './pacing/rates.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './pacing/retry.js';

export interface ClientOptions {
  /** @default the SDK's Region loader: AWS_REGION, then the profile's `region` */
  readonly region?: string;
  /** A profile of ~/.aws/config and ~/.aws/credentials. @default AWS_PROFILE, else `default` */
  readonly profile?: string;
  /** One endpoint for every service (`--endpoint-url`). @default AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, else AWS's */
  readonly endpointUrl?: string;
  /** Attempts per call on a transient error, first included. @default 5 (cli/ reads AWS_MAX_ATTEMPTS: only cli/ sees the environment) */
  readonly maxAttempts?: number;
  /** Request rates per service and operation. @default DOCUMENTED_RATES (pacing/rates.ts) */
  readonly rates?: RateTable;
  /** Waits and retry limits. @default DEFAULT_RETRY_POLICY, with maxAttempts as its transientAttempts */
  readonly retry?: Partial<RetryPolicy>;
  /** Time for the pacer and the backoff (tests). @default the real clock */
  readonly clock?: Clock;
  /** Told about each retry, for the log. */
  readonly onRetry?: (event: RetryEvent) => void;
  /** Aborted when the run must stop: calls not yet sent are refused (pacing/middleware.ts). @default never */
  readonly stop?: AbortSignal;
  /** Fixed credentials instead of the default chain (tests). @default the SDK's default chain */
  readonly credentials?: SESv2ClientConfig['credentials'];
}

export interface AwsClients {
  readonly sesv2: SESv2Client;
  readonly cloudwatch: CloudWatchClient;
  readonly sns: SNSClient;
  readonly sts: STSClient;
  readonly tagging: ResourceGroupsTaggingAPIClient;
  /** What the pacer saw: requests sent, throttled and retried, and time waited, per operation. */
  readonly stats: PacingStats;
  readonly pacer: Pacer;
  /** Close the clients' sockets. */
  destroy(): void;
}

export const DEFAULT_MAX_ATTEMPTS = DEFAULT_RETRY_POLICY.transientAttempts;

function maxAttemptsOf(options: ClientOptions): number {
  return options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
}

/** Builds the clients; nothing is resolved or called yet (resolvedRegion and the first call do that). */
export function createClients(options: ClientOptions = {}): AwsClients {
  const base = {
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.endpointUrl !== undefined ? { endpoint: options.endpointUrl } : {}),
  };
  const sts = new STSClient({ ...base, maxAttempts: maxAttemptsOf(options), ...(options.credentials !== undefined ? { credentials: options.credentials } : {}) });
  // The STS client's provider is the default chain (or the given credentials), memoized: shared by all
  // the clients, it resolves credentials once per run. maxAttempts 1: the pacing middleware retries.
  const paced = { ...base, credentials: sts.config.credentials, maxAttempts: 1 };
  const sesv2 = new SESv2Client(paced);
  const cloudwatch = new CloudWatchClient(paced);
  const sns = new SNSClient(paced);
  const tagging = new ResourceGroupsTaggingAPIClient(paced);
  const clock = options.clock ?? realClock;
  const pacer = new Pacer(options.rates ?? DOCUMENTED_RATES, clock);
  const stats = new PacingStats();
  const ctx = {
    pacer,
    stats,
    clock,
    random: Math.random,
    policy: { ...DEFAULT_RETRY_POLICY, transientAttempts: maxAttemptsOf(options), ...options.retry },
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    ...(options.stop ? { stop: options.stop } : {}),
  };
  attachPacing(sesv2, 'sesv2', ctx);
  attachPacing(cloudwatch, 'cloudwatch', ctx);
  attachPacing(sns, 'sns', ctx);
  attachPacing(tagging, 'tagging', ctx);
  return {
    sesv2,
    cloudwatch,
    sns,
    sts,
    tagging,
    stats,
    pacer,
    destroy: () => {
      for (const c of [sesv2, cloudwatch, sns, sts, tagging]) c.destroy();
    },
  };
}

/**
 * The Region the clients sign for, resolved once before any call so that a missing Region is one clear
 * error (exit 3: nothing was called) instead of the SDK's "Region is missing" from deep inside a read.
 */
export async function resolvedRegion(clients: Pick<AwsClients, 'sesv2'>, profile?: string): Promise<string> {
  try {
    return await clients.sesv2.config.region();
  } catch (err) {
    throw new UsageError(
      `no AWS Region: pass --region, set AWS_REGION, write \`region:\` in the file, or set \`region\` in the AWS profile${profile ? ` "${profile}"` : ''} (${(err as Error).message})`,
    );
  }
}
