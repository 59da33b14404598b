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
 * - Retries: the SDK's standard mode (full-jitter exponential backoff; throttling errors, 429, 5xx and
 *   network timeouts; @smithy/core 3.41: base 1 s for throttling, 50 ms otherwise, capped at 20 s).
 *   maxAttempts defaults to 5, not the SDK's 3: SESv2's control plane is throttled at one request per
 *   second, not adjustable (aws-facts 3.3), so a plan that reads or writes a few sets at once meets
 *   TooManyRequestsException routinely; 4 retries wait up to 1+2+4+8 s, which rides out a 1 TPS limit
 *   without hiding a real outage for minutes. AWS_MAX_ATTEMPTS still wins over the default, and
 *   AWS_RETRY_MODE=adaptive (client-side rate limiting) is honoured because retryMode is left to the SDK.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SESv2Client, type SESv2ClientConfig } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';
import { UsageError } from '../errors.js';

export interface ClientOptions {
  /** @default the SDK's Region loader: AWS_REGION, then the profile's `region` */
  readonly region?: string;
  /** A profile of ~/.aws/config and ~/.aws/credentials. @default AWS_PROFILE, else `default` */
  readonly profile?: string;
  /** One endpoint for every service (`--endpoint-url`). @default AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, else AWS's */
  readonly endpointUrl?: string;
  /** Attempts per call, first included. @default AWS_MAX_ATTEMPTS, else 5 */
  readonly maxAttempts?: number;
  /** Fixed credentials instead of the default chain (tests). @default the SDK's default chain */
  readonly credentials?: SESv2ClientConfig['credentials'];
}

export interface AwsClients {
  readonly sesv2: SESv2Client;
  readonly cloudwatch: CloudWatchClient;
  readonly sns: SNSClient;
  readonly sts: STSClient;
  /** Close the clients' sockets. */
  destroy(): void;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * SESv2 allows about one management call per second per Region, not adjustable (aws-facts 3.3). The
 * standard retry mode backs off only ~0.1–0.8 s between attempts, so a plan reading more than a handful
 * of sets ran out of attempts under that limit (measured with bench/plan-read.mjs --ses-rps 1). Adaptive
 * mode adds the SDK's client-side rate limiter, which slows to the rate the service accepts after the
 * first throttle and costs nothing while nothing is throttled; more attempts give it room to settle.
 */
export const SESV2_MAX_ATTEMPTS = 10;

function maxAttemptsOf(options: ClientOptions): number | undefined {
  if (options.maxAttempts !== undefined) return options.maxAttempts;
  // Left undefined, the SDK reads AWS_MAX_ATTEMPTS itself (and would default to 3 without it).
  return process.env.AWS_MAX_ATTEMPTS ? undefined : DEFAULT_MAX_ATTEMPTS;
}

/** Builds the clients; nothing is resolved or called yet (resolvedRegion and the first call do that). */
export function createClients(options: ClientOptions = {}): AwsClients {
  const maxAttempts = maxAttemptsOf(options);
  const base = {
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.endpointUrl !== undefined ? { endpoint: options.endpointUrl } : {}),
    ...(maxAttempts !== undefined ? { maxAttempts } : {}),
  };
  const sts = new STSClient({ ...base, ...(options.credentials !== undefined ? { credentials: options.credentials } : {}) });
  // The STS client's provider is the default chain (or the given credentials), memoized: shared by all
  // four clients, it resolves credentials once per run.
  const shared = { ...base, credentials: sts.config.credentials };
  const sesv2 = new SESv2Client({
    ...shared,
    ...(process.env.AWS_RETRY_MODE ? {} : { retryMode: 'adaptive' }),
    ...(options.maxAttempts === undefined && !process.env.AWS_MAX_ATTEMPTS ? { maxAttempts: SESV2_MAX_ATTEMPTS } : {}),
  });
  const cloudwatch = new CloudWatchClient(shared);
  const sns = new SNSClient(shared);
  return {
    sesv2,
    cloudwatch,
    sns,
    sts,
    destroy: () => {
      for (const c of [sesv2, cloudwatch, sns, sts]) c.destroy();
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
