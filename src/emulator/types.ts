/**
 * The emulator's internal contract. The emulator is a second, independent implementation of the AWS
 * side: it shares no code with the rest of src/ (docs/architecture.md, "The rooms"), only this small vocabulary among its
 * own parts. Each service is built on core/ (core/service.ts: operations, shapes, protocols, errors) and
 * says which protocol it speaks; the server owns routing, the call log and fault injection.
 */

/** Every emulated service, as the call log, fault injection and `PUT /_emulator/config/<service>` name it. */
export const SERVICE_NAMES = ['sesv2', 'cloudwatch', 'sns', 'sts', 'tagging'] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface EmulatorRequest {
  readonly method: string;
  /** Path without the query string, still percent-encoded as sent. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
  /** From the SigV4 credential scope of the Authorization header; `us-east-1` when absent. */
  readonly region: string;
  /** The emulated account: always EMULATOR_ACCOUNT_ID. */
  readonly accountId: string;
}

export interface EmulatorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What a service answers when the server injects a failure or a throttle into one of its operations. */
export interface InjectedError {
  /** The service's own error code, e.g. TooManyRequestsException, Throttling, Throttled, InternalFailure. */
  readonly code: string;
  readonly message: string;
  readonly status: number;
}

/** A resource the Resource Groups Tagging API indexes, as the service that owns it sees it now. */
export interface TaggableResource {
  readonly region: string;
  readonly arn: string;
  /** Its current tags, possibly none; the index copies what it keeps. */
  readonly tags: ReadonlyMap<string, string>;
}

/**
 * A reputation finding SES makes about a tenant, which no AWS API creates: what
 * `POST /_emulator/sesv2/findings` and Emulator.recordFinding simulate (sesv2/recommendations.ts).
 */
export interface ReputationFinding {
  readonly region: string;
  /** The tenant's name. */
  readonly tenant: string;
  readonly type: 'BOUNCE' | 'COMPLAINT' | 'FEEDBACK_3P' | 'IP_LISTING';
  readonly impact: 'HIGH' | 'LOW';
  /** @default 'OPEN' */
  readonly status?: 'OPEN' | 'FIXED';
  /** The recommendation's Description. @default a sentence naming the type, impact and tenant */
  readonly description?: string;
}

export interface ServiceHandler {
  readonly service: ServiceName;
  /**
   * The operation this request calls (e.g. `CreateConfigurationSet`), or undefined when the request is
   * not for this service. Must not consume or mutate anything.
   */
  operationOf(req: EmulatorRequest): string | undefined;
  /** Serve one request. Unknown operations answer the service's own "unknown operation" error. */
  handle(req: EmulatorRequest, operation: string): EmulatorResponse;
  /** Encode an injected error in this service's protocol. */
  errorResponse(req: EmulatorRequest, operation: string, error: InjectedError): EmulatorResponse;
  /** The code, message and status this service answers when its request rate is exceeded. */
  readonly throttlingError: InjectedError;
  /** Forget all state. */
  reset(): void;
  /**
   * Service settings from the admin API (`PUT /_emulator/config/<service>`) or CLI flags, e.g. SESv2's
   * verified domains and sending pools. Throws an Error with a readable message for bad settings.
   */
  configure?(settings: unknown): void;
  /**
   * Every resource of this service that AWS's tag index covers (tagged or not, in every Region), for the
   * tagging service (tagging/tag-index.ts). Untagged ones are included so that the index can tell a
   * resource whose last tag was removed (still listed, with no tags) from a deleted one.
   */
  taggableResources?(): Iterable<TaggableResource>;
  /**
   * SESv2 only: record a reputation finding (a ReputationFinding, from the admin API or a test) and let the
   * tenant's policy act on it; returns the recommendation as ListRecommendations lists it. Throws an Error
   * with a readable message for a bad finding or an unknown tenant.
   */
  recordFinding?(finding: unknown): object;
  /**
   * Called by the server after every AWS request it served, whichever service served it: the tagging
   * service records then what changed, and when, in the other services' state.
   */
  afterRequest?(): void;
}

/**
 * The emulator's clock (clock.ts): the services read the time through it (SES events, metric datapoints,
 * alarm evaluation, every timestamp they report), so a test can set it. Fault injection's token buckets
 * and the tag index's lag keep the real clock: they measure how fast the test itself runs.
 */
export interface Clock {
  now(): Date;
}

export type LogLevel = 'debug' | 'info' | 'warn';

/** The emulator's own log (log.ts): what the services did on their own, beyond answering a request. */
export interface EmulatorLogger {
  write(entry: { readonly level: LogLevel; readonly service: ServiceName; readonly event: string; readonly message: string; readonly details?: Readonly<Record<string, unknown>> }): void;
}

export interface MetricDimension {
  readonly Name: string;
  readonly Value: string;
}

/** One datapoint a service publishes into CloudWatch's metric store, as AWS services publish their metrics. */
export interface PublishedDatum {
  readonly region: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: readonly MetricDimension[];
  readonly timestamp: Date;
  readonly value: number;
  /** @default 'None' */
  readonly unit?: string;
}

/**
 * CloudWatch's metric store, as SES publishes into it (cloudwatch/metric-store.ts). A batch is one
 * publication: the alarms that watch any of its metrics are evaluated once, after it.
 */
export interface MetricSink {
  publish(data: readonly PublishedDatum[]): void;
}

/** A notification another service publishes to an SNS topic (SES events, alarm state changes). */
export interface TopicMessage {
  readonly topicArn: string;
  readonly subject?: string;
  /** The message body: SES's event record or CloudWatch's alarm notification, as JSON text. */
  readonly message: string;
  /** Who published it, as SNS names the service principal (`ses.amazonaws.com`, `cloudwatch.amazonaws.com`). */
  readonly publisher: string;
}

/** SNS, as other services publish to it (sns/messages.ts). */
export interface TopicPublisher {
  /** The MessageId, or undefined when no such topic exists (then nothing is published, as on AWS). */
  publish(message: TopicMessage): string | undefined;
}

/** What the services of one emulator share: its clock and log, and the links between services. */
export interface EmulatorRuntime {
  readonly clock: Clock;
  readonly log: EmulatorLogger;
}

/** moto's default account, so the two emulators name the same ARNs. */
export const EMULATOR_ACCOUNT_ID = '123456789012';

export function requestId(): string {
  // Uniqueness is all that matters; AWS request ids are UUIDs.
  return crypto.randomUUID();
}
