/**
 * The resources ses-reconcile manages, in the one shape that both the file (config/normalize.ts) and the
 * live account (live/, later) produce. Everything here is what AWS stores: hints that only serve the
 * plan (cost estimates, source positions) live beside the state, never inside a resource, so a diff of
 * two resources is a diff of AWS fields only.
 */

export const EVENT_TYPES = [
  'SEND',
  'REJECT',
  'BOUNCE',
  'COMPLAINT',
  'DELIVERY',
  'OPEN',
  'CLICK',
  'RENDERING_FAILURE',
  'DELIVERY_DELAY',
  'SUBSCRIPTION',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/*
 * The enumerations of the model, as values so that the JSON Schema can be checked against them
 * (test/unit/config/schema-enums.test.ts): one definition, the types derived from it.
 */
export const DIMENSION_SOURCES = ['MESSAGE_TAG', 'EMAIL_HEADER', 'LINK_TAG'] as const;
export type DimensionSource = (typeof DIMENSION_SOURCES)[number];
export const SUPPRESSION_REASONS = ['BOUNCE', 'COMPLAINT'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];
/** SuppressionOptions.SuppressionScope (client-sesv2 3.1169.0; not in botocore 1.43.11). */
export const SUPPRESSION_SCOPES = ['ACCOUNT', 'TENANT'] as const;
export type SuppressionScope = (typeof SUPPRESSION_SCOPES)[number];
/** MessageSecurityOptions.SigningScheme: DefaultScheme (no S/MIME signature) or SmimeScheme (DETACHED). */
export const SIGNING_SCHEMES = ['default', 'smime'] as const;
export type SigningScheme = (typeof SIGNING_SCHEMES)[number];
export const ENABLED_FLAGS = ['ENABLED', 'DISABLED'] as const;
export type EnabledFlag = (typeof ENABLED_FLAGS)[number];
export const TLS_POLICIES = ['REQUIRE', 'OPTIONAL'] as const;
export type TlsPolicy = (typeof TLS_POLICIES)[number];
export const HTTPS_POLICIES = ['REQUIRE', 'REQUIRE_OPEN_ONLY', 'OPTIONAL'] as const;
export type HttpsPolicy = (typeof HTTPS_POLICIES)[number];
export const CONFIDENCE_VERDICT_THRESHOLDS = ['MEDIUM', 'HIGH', 'MANAGED'] as const;
export type ConfidenceVerdictThreshold = (typeof CONFIDENCE_VERDICT_THRESHOLDS)[number];

/** Tag key -> value, keys in code-unit order. */
export type Tags = Readonly<Record<string, string>>;

/** The ownership tag (docs/architecture.md, "Ownership and deletes"). */
export const STACK_TAG = 'ses-reconcile:stack';
/**
 * A dashboard's second ownership tag: dashboards are global (one namespace for every Region) while the
 * stack is applied per Region, so a dashboard is owned by a stack *in a Region* and the same stack applied
 * in another Region leaves it alone instead of taking it over (docs/aws-behaviour.md, "Dashboards").
 */
export const REGION_TAG = 'ses-reconcile:region';
/**
 * A digest of what the file said for a configuration set (with its destinations) at the last apply. A
 * plan whose file digest equals it knows the file has not changed, so any difference was made outside
 * ses-reconcile (the reasons of docs/architecture.md, "Plans") — without keeping any state of its own.
 */
export const DIGEST_TAG = 'ses-reconcile:digest';
/**
 * Beside the digest, one short hash per field the file gave the resource at the last apply (and, on a
 * set, per event destination): a field whose hash is there was not changed by the file since, so its
 * difference was made outside ses-reconcile, field by field (plan/reason.ts fieldReasons).
 */
export const FIELDS_TAG = 'ses-reconcile:fields';
/** The tags that are bookkeeping: never a difference of their own, never shown (model/view.ts). */
export const BOOKKEEPING_TAGS: ReadonlySet<string> = new Set([DIGEST_TAG, FIELDS_TAG]);

export interface DeliveryOptions {
  /** AWS reports OPTIONAL when unset, so the canonical form always has it. */
  readonly tlsPolicy: TlsPolicy;
  readonly sendingPoolName?: string;
  readonly maxDeliverySeconds?: number;
}

export interface TrackingOptions {
  readonly customRedirectDomain: string;
  readonly httpsPolicy: HttpsPolicy;
}

export interface SuppressionOptions {
  /** Sorted. `[]` is a real state: "this set does not use the suppression list". */
  readonly reasons: readonly SuppressionReason[];
  readonly validation?: {
    readonly conditionThreshold: EnabledFlag;
    readonly confidenceVerdictThreshold?: ConfidenceVerdictThreshold;
  };
  /**
   * undefined: no override, the tenant's or the account's scope applies (AWS: "This overrides the tenant or
   * account suppression scope"; it documents no value Get reports for a set without one, so none is assumed).
   */
  readonly scope?: SuppressionScope;
}

/**
 * Only `smime` is ever held: the canonical form drops `signing: default` (canonical.ts), because AWS
 * documents DefaultScheme as "doesn't add an S/MIME signature", what a set without the option does.
 */
export interface MessageSecurityOptions {
  readonly signing: SigningScheme;
}

export interface VdmOptions {
  readonly engagementMetrics?: EnabledFlag;
  readonly optimizedSharedDelivery?: EnabledFlag;
}

export interface ConfigurationSet {
  readonly kind: 'configurationSet';
  readonly name: string;
  /** undefined: not managed at all (docs/architecture.md, "The file format": never resume a paused sender behind the user's back). */
  readonly sendingEnabled?: boolean;
  readonly reputationMetricsEnabled: boolean;
  readonly delivery: DeliveryOptions;
  /** undefined: no custom redirect domain (SES's own tracking domain). */
  readonly tracking?: TrackingOptions;
  /** undefined: the account-level suppression settings apply. */
  readonly suppression?: SuppressionOptions;
  /** undefined: the account's VDM settings apply. */
  readonly vdm?: VdmOptions;
  readonly archiveArn?: string;
  /** undefined: no S/MIME signing (DefaultScheme, or never set). */
  readonly messageSecurity?: MessageSecurityOptions;
  readonly tags: Tags;
  /**
   * The live side only, and only for a set the plan would delete: the tenants it is associated with
   * (ListResourceTenants). AWS refuses to delete an associated set, so the plan removes the associations of
   * the stack's tenants first and refuses when a tenant is not the stack's (plan/build.ts). Never a difference.
   */
  readonly tenants?: readonly string[];
}

/** A topic of the file (by name, resolved to an ARN once the account is known) or any topic by ARN. */
export type TopicRef = { readonly topic: string } | { readonly arn: string };

export interface CloudWatchDimension {
  readonly name: string;
  readonly source: DimensionSource;
  readonly default: string;
}

export type DestinationTarget =
  | { readonly type: 'cloudWatch'; readonly dimensions: readonly CloudWatchDimension[] }
  | { readonly type: 'sns'; readonly topic: TopicRef }
  | { readonly type: 'kinesisFirehose'; readonly deliveryStreamArn: string; readonly iamRoleArn: string }
  | { readonly type: 'eventBridge'; readonly eventBusArn: string }
  | { readonly type: 'pinpoint'; readonly applicationArn: string };

export type DestinationType = DestinationTarget['type'];

export interface EventDestination {
  readonly kind: 'eventDestination';
  readonly configurationSet: string;
  readonly name: string;
  readonly enabled: boolean;
  /** Sorted: AWS does not keep the order (a perpetual diff in Terraform's SESv2 resource). */
  readonly events: readonly EventType[];
  readonly target: DestinationTarget;
}

export interface Subscription {
  readonly protocol: string;
  readonly endpoint: string;
  readonly rawMessageDelivery: boolean;
  readonly filterPolicy?: unknown;
  readonly subscriptionRoleArn?: string;
}

export interface TopicPolicy {
  /** Configuration sets whose event destinations publish to the topic (statement scoped to them). */
  readonly sesConfigurationSets: readonly string[];
  /** true when an alarm of the file notifies the topic. */
  readonly cloudWatchAlarms: boolean;
  /**
   * The live side only: the document's statements ses-reconcile does not own (a `Sid` without the
   * `ses-reconcile-` prefix, or none), as AWS holds them. Never a difference; kept as they are when
   * ses-reconcile rewrites the document (docs/architecture.md, "Ownership and deletes").
   */
  readonly others?: readonly Readonly<Record<string, unknown>>[];
}

export interface Topic {
  readonly kind: 'topic';
  readonly name: string;
  /** SNS reports '' when unset. */
  readonly displayName: string;
  readonly tags: Tags;
  /** Sorted by protocol, then endpoint. */
  readonly subscriptions: readonly Subscription[];
  readonly policy: TopicPolicy;
}

export const STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;
export type Statistic = (typeof STATISTICS)[number];
export const COMPARISON_OPERATORS = [
  'GreaterThanOrEqualToThreshold',
  'GreaterThanThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
  'LessThanLowerOrGreaterThanUpperThreshold',
  'LessThanLowerThreshold',
  'GreaterThanUpperThreshold',
] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];
export const TREAT_MISSING_DATA = ['breaching', 'notBreaching', 'ignore', 'missing'] as const;
export type TreatMissingData = (typeof TREAT_MISSING_DATA)[number];
export const LOW_SAMPLE_COUNT_PERCENTILE = ['evaluate', 'ignore'] as const;
export type LowSampleCountPercentile = (typeof LOW_SAMPLE_COUNT_PERCENTILE)[number];

export interface MetricDimension {
  readonly name: string;
  readonly value: string;
}

export interface MetricRef {
  readonly namespace: string;
  readonly metricName: string;
  /** Sorted by name. */
  readonly dimensions: readonly MetricDimension[];
}

export type MetricQuery =
  | {
      readonly id: string;
      readonly kind: 'metric';
      readonly metric: MetricRef;
      readonly stat: string;
      readonly period: number;
      readonly unit?: string;
      readonly label?: string;
      readonly returnData: boolean;
    }
  | {
      readonly id: string;
      readonly kind: 'expression';
      readonly expression: string;
      readonly label?: string;
      readonly returnData: boolean;
    };

export type AlarmQuery =
  | {
      readonly type: 'metric';
      readonly metric: MetricRef;
      readonly statistic?: Statistic;
      readonly extendedStatistic?: string;
      readonly unit?: string;
      readonly period: number;
    }
  | { readonly type: 'math'; readonly metrics: readonly MetricQuery[] };

export type SetAlarmPreset =
  | 'bounceRate'
  | 'complaintRate'
  | 'rejects'
  | 'deliveryDrop'
  | 'renderingFailures'
  | 'deliveryDelays';
export type AccountAlarmPreset = 'bounceRate' | 'complaintRate';

export interface Alarm {
  readonly kind: 'alarm';
  readonly name: string;
  readonly description?: string;
  readonly actionsEnabled: boolean;
  /** Each sorted and de-duplicated. */
  readonly alarmActions: readonly TopicRef[];
  readonly okActions: readonly TopicRef[];
  readonly insufficientDataActions: readonly TopicRef[];
  readonly query: AlarmQuery;
  readonly evaluationPeriods: number;
  /** CloudWatch treats absent as equal to evaluationPeriods, so the canonical form always has it. */
  readonly datapointsToAlarm: number;
  readonly threshold: number;
  readonly comparison: ComparisonOperator;
  /** CloudWatch treats absent as `missing`. */
  readonly treatMissingData: TreatMissingData;
  readonly evaluateLowSampleCountPercentile?: LowSampleCountPercentile;
  readonly tags: Tags;
}

export type DashboardSource =
  | {
      readonly type: 'generated';
      /** Sorted. */
      readonly configurationSets: readonly string[];
      readonly accountMetrics: boolean;
      readonly period: number;
      /**
       * Set -> the CloudWatch event destination the file names for it (`destinations:`); a set not named
       * here is charted from the destinations model/ses.ts chooseMetricSource picks. Absent when empty.
       */
      readonly destinations?: Readonly<Record<string, string>>;
    }
  | { readonly type: 'literal'; readonly body: unknown };

export interface Dashboard {
  readonly kind: 'dashboard';
  readonly name: string;
  readonly source: DashboardSource;
  /**
   * Only the ownership tags (STACK_TAG, REGION_TAG): the file's own tags are not given to dashboards.
   * PutDashboard applies tags on create only; later tag changes are TagResource calls.
   */
  readonly tags: Tags;
}

/** AWS's managed reputation policies for a tenant (docs/aws-behaviour.md, "Tenants"); a new tenant has `standard`. */
export const REPUTATION_POLICIES = ['none', 'standard', 'strict'] as const;
export type ReputationPolicy = (typeof REPUTATION_POLICIES)[number];

/** PutTenantSuppressionAttributes: the reasons and which list (the tenant's own, or the account's). */
export interface TenantSuppression {
  /** Sorted. */
  readonly reasons: readonly SuppressionReason[];
  readonly scope: SuppressionScope;
}

/**
 * An SES tenant (docs/aws-behaviour.md, "Tenants"): a customer of a multi-tenant sender whose reputation
 * SES tracks apart, with the configuration sets and identities it sends through (its associations).
 */
export interface Tenant {
  readonly kind: 'tenant';
  readonly name: string;
  readonly reputationPolicy: ReputationPolicy;
  /** Associated configuration sets, by name; sorted. */
  readonly configurationSets: readonly string[];
  /** Associated email identities (domains, addresses), by name; sorted. ses-reconcile does not manage identities themselves. */
  readonly identities: readonly string[];
  /** undefined: not managed (the file leaves it out; whatever the tenant has stays). */
  readonly suppression?: TenantSuppression;
  /**
   * The customer-managed sending status; undefined: not managed, as a set's (a tenant SES paused stays
   * paused). Live: false when sending is off, whoever turned it off.
   */
  readonly sendingEnabled?: boolean;
  readonly tags: Tags;
  /**
   * The live side only: SES itself paused the tenant (AwsSesManagedStatus DISABLED, from a reputation
   * finding under its policy), with AWS's cause. Never a difference: it decides how sending is resumed
   * (REINSTATED rather than ENABLED) and what the plan warns.
   */
  readonly pausedBySes?: { readonly cause?: string };
}

export type Resource = ConfigurationSet | EventDestination | Topic | Alarm | Dashboard | Tenant;
export type ResourceKind = Resource['kind'];
