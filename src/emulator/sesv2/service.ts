/**
 * The SESv2 service of the emulator: configuration sets, their option groups, event destinations and
 * tags, tenants with their resources, reputation entities and recommendations, and SendEmail, over AWS's
 * REST-JSON protocol (core/rest-json.ts), so the unmodified `@aws-sdk/client-sesv2` works against it with
 * only `endpoint` set. The operations are declared in configuration-sets.ts, event-destinations.ts,
 * outbound-emails.ts, tags.ts, tenants.ts, tenant-resources.ts, reputation-entities.ts and
 * recommendations.ts; they run on the Region's sets and tenants (store.ts, tenant-store.ts). A sent
 * message's events go to CloudWatch and SNS through the links it is given (event-publishing.ts).
 * Email identities and dedicated IP pools (identities.ts, dedicated-ip-pools.ts) are the account the sets
 * are checked against (account.ts), from the settings and what the calls created.
 * `recordFinding` stands in for SES's reputation monitoring (recommendations.ts).
 */
import { restJsonProtocol } from '../core/rest-json.js';
import { serveService } from '../core/service.js';
import { EMULATOR_ACCOUNT_ID, type EmulatorRuntime, type InjectedError, type MetricSink, type ServiceHandler, type TaggableResource, type TopicPublisher } from '../types.js';
import { AccountStore, Sesv2Account } from './account.js';
import { configurationSetOperations } from './configuration-sets.js';
import { dedicatedIpPoolOperations } from './dedicated-ip-pools.js';
import { SESV2_ERRORS } from './errors.js';
import { eventDestinationOperations } from './event-destinations.js';
import { identityOperations } from './identities.js';
import { outboundEmailOperations } from './outbound-emails.js';
import { parseFinding, recommendationOperations, recordFinding } from './recommendations.js';
import { reputationEntityOperations } from './reputation-entities.js';
import { DEFAULT_SESV2_SETTINGS, parseSesv2Settings, type Sesv2Settings } from './settings.js';
import { Sesv2Store } from './store.js';
import { configurationSetArn, tagOperations } from './tags.js';
import { tenantResourceOperations } from './tenant-resources.js';
import { tenantOperations } from './tenants.js';

export { configureSesv2, parseSesv2Settings, type Sesv2Settings } from './settings.js';

export const SESV2_OPERATIONS = [
  ...configurationSetOperations,
  ...eventDestinationOperations,
  ...outboundEmailOperations,
  ...tagOperations,
  ...tenantOperations,
  ...tenantResourceOperations,
  ...reputationEntityOperations,
  ...recommendationOperations,
  ...identityOperations,
  ...dedicatedIpPoolOperations,
];

export interface Sesv2HandlerOptions {
  /** The clock and log shared with the other services. @default the real clock, no log */
  readonly runtime?: EmulatorRuntime;
  /** CloudWatch's metric store, for CloudWatch event destinations and SES's own metrics. @default nowhere */
  readonly metrics?: MetricSink;
  /** SNS, for SNS event destinations. @default nowhere: no topic exists */
  readonly topics?: TopicPublisher;
}

export interface Sesv2Handler extends ServiceHandler {
  /** Settings from the admin API or CLI; throws a readable Error for bad ones. Replaces all settings. */
  configure(settings: unknown): void;
  settings(): Sesv2Settings;
  recordFinding(finding: unknown): object;
}

/**
 * SESv2's "too many requests" error: 429 TooManyRequestsException (botocore sesv2 model;
 * docs/aws-behaviour.md, "Errors and retries"). The SDK classifies it as throttling and retries it unless
 * maxAttempts is 1.
 */
const THROTTLING: InjectedError = { code: 'TooManyRequestsException', message: 'Too many requests have been made to the operation.', status: 429 };

export function createSesv2Handler(options: Sesv2HandlerOptions = {}): Sesv2Handler {
  const store = new Sesv2Store();
  const account = new AccountStore();
  let settings: Sesv2Settings = DEFAULT_SESV2_SETTINGS;
  const clock = options.runtime?.clock ?? { now: () => new Date() };
  const links = {
    metrics: options.metrics ?? { publish: () => undefined },
    topics: options.topics ?? { publish: () => undefined },
    log: options.runtime?.log ?? { write: () => undefined },
  };

  return {
    ...serveService({
      service: 'sesv2',
      protocols: [restJsonProtocol({ pathPrefix: '/v2/email/' })],
      operations: SESV2_OPERATIONS,
      errors: SESV2_ERRORS,
      throttlingError: THROTTLING,
      context: (req) => {
        const sets = store.region(req.region);
        return { region: req.region, accountId: req.accountId, sets, tenants: sets.tenants, account: new Sesv2Account(settings, account.region(req.region)), now: clock.now(), links };
      },
    }),
    reset: () => {
      store.clear();
      account.clear();
      settings = DEFAULT_SESV2_SETTINGS;
    },
    configure: (raw) => {
      settings = parseSesv2Settings(raw);
    },
    settings: () => settings,
    recordFinding: (raw) => {
      const finding = parseFinding(raw);
      return recordFinding(store.region(finding.region).tenants, finding, clock.now(), links.log);
    },
    // Configuration sets are in the tag index as `ses:configuration-set`, tenants as `ses:tenant`
    // (docs/aws-behaviour.md, "The tag index", "Tenants").
    *taggableResources(): Iterable<TaggableResource> {
      for (const [region, sets] of store.allRegions()) {
        for (const set of sets.all()) yield { region, arn: configurationSetArn(region, EMULATOR_ACCOUNT_ID, set.name), tags: set.tags };
        for (const tenant of sets.tenants.all()) yield { region, arn: tenant.arn, tags: tenant.tags };
      }
    },
  };
}
