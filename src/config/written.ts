/**
 * The file as written (docs/architecture.md, "The file format"), after YAML parsing and schema validation: the changesets split between
 * the *written* config and the normalised model. Shapes mirror schema/ses-reconcile.schema.json; a value
 * of these types has passed the schema, so rules may rely on types but not on cross-references.
 */
import type {
  ComparisonOperator,
  ConfidenceVerdictThreshold,
  DimensionSource,
  EnabledFlag,
  EventType,
  HttpsPolicy,
  LowSampleCountPercentile,
  ReputationPolicy,
  SigningScheme,
  Statistic,
  SuppressionReason,
  SuppressionScope,
  TlsPolicy,
  TreatMissingData,
} from '../model/resources.js';

export type WrittenTags = Record<string, string>;
/** Seconds, or `10s`, `5m`, `1h`, `1d`. */
export type WrittenDuration = number | string;
/** `3%` or `0.03`. */
export type WrittenRate = number | string;

export interface WrittenSubscription {
  protocol: string;
  endpoint: string;
  rawMessageDelivery?: boolean;
  subscriptionRoleArn?: string;
  filterPolicy?: Record<string, unknown>;
}

export interface WrittenTopic {
  displayName?: string;
  tags?: WrittenTags;
  subscriptions?: WrittenSubscription[];
}

export interface WrittenDimension {
  source: DimensionSource;
  default: string;
  expectedValues?: number;
}

export interface WrittenEventDestination {
  enabled?: boolean;
  events: EventType[];
  cloudWatch?: { dimensions: Record<string, WrittenDimension> };
  sns?: { topic?: string; topicArn?: string };
  kinesisFirehose?: { deliveryStreamArn: string; iamRoleArn: string };
  eventBridge?: { eventBusArn: string };
  pinpoint?: { applicationArn: string };
}

export interface WrittenAlarmCommon {
  period?: WrittenDuration;
  evaluationPeriods?: number;
  datapointsToAlarm?: number;
  comparison?: ComparisonOperator;
  treatMissingData?: TreatMissingData;
  description?: string;
  actionsEnabled?: boolean;
  notify?: string[];
  notifyOk?: string[];
  notifyInsufficientData?: string[];
}

export interface WrittenRatePreset extends WrittenAlarmCommon {
  threshold?: WrittenRate;
  minSends?: number;
  destination?: string;
  dimensions?: Record<string, string>;
}

export interface WrittenCountPreset extends WrittenAlarmCommon {
  threshold?: number;
  destination?: string;
  dimensions?: Record<string, string>;
}

export interface WrittenSetAlarms {
  bounceRate?: WrittenRatePreset;
  complaintRate?: WrittenRatePreset;
  rejects?: WrittenCountPreset;
  deliveryDrop?: WrittenCountPreset;
  renderingFailures?: WrittenCountPreset;
  deliveryDelays?: WrittenCountPreset;
}

export interface WrittenAccountPreset extends WrittenAlarmCommon {
  threshold?: WrittenRate;
}

export interface WrittenConfigurationSet {
  sendingEnabled?: boolean;
  reputationMetricsEnabled?: boolean;
  delivery?: { tlsPolicy?: TlsPolicy; sendingPoolName?: string; maxDeliverySeconds?: number };
  tracking?: { customRedirectDomain: string; httpsPolicy?: HttpsPolicy };
  suppression?: {
    reasons: SuppressionReason[];
    validation?: { conditionThreshold: EnabledFlag; confidenceVerdictThreshold?: ConfidenceVerdictThreshold };
    scope?: SuppressionScope;
  };
  messageSecurity?: { signing: SigningScheme };
  vdm?: { engagementMetrics?: EnabledFlag; optimizedSharedDelivery?: EnabledFlag };
  archiveArn?: string;
  tags?: WrittenTags;
  eventDestinations?: Record<string, WrittenEventDestination>;
  alarms?: WrittenSetAlarms;
}

export interface WrittenMetricQuery {
  id: string;
  expression?: string;
  metric?: {
    namespace: string;
    name: string;
    dimensions?: Record<string, string>;
    stat: string;
    period?: WrittenDuration;
    unit?: string;
  };
  label?: string;
  returnData?: boolean;
}

export interface WrittenAlarm extends WrittenAlarmCommon {
  namespace?: string;
  metric?: string;
  dimensions?: Record<string, string>;
  statistic?: Statistic;
  extendedStatistic?: string;
  unit?: string;
  metrics?: WrittenMetricQuery[];
  threshold: number;
  comparison: ComparisonOperator;
  evaluateLowSampleCountPercentile?: LowSampleCountPercentile;
  tags?: WrittenTags;
}

export interface WrittenDashboard {
  configurationSets?: string[];
  accountMetrics?: boolean;
  period?: WrittenDuration;
  /** Set -> the CloudWatch event destination to chart it from, where the choice rule cannot decide. */
  destinations?: Record<string, string>;
  body?: Record<string, unknown>;
}

export interface WrittenTenant {
  reputationPolicy?: ReputationPolicy;
  configurationSets?: string[];
  identities?: string[];
  suppression?: { reasons: SuppressionReason[]; scope?: SuppressionScope };
  sendingEnabled?: boolean;
  tags?: WrittenTags;
}

export interface WrittenConfig {
  version: 1;
  stack: string;
  region?: string;
  accountId?: string;
  tags?: WrittenTags;
  topics?: Record<string, WrittenTopic>;
  configurationSets?: Record<string, WrittenConfigurationSet>;
  accountAlarms?: { bounceRate?: WrittenAccountPreset; complaintRate?: WrittenAccountPreset };
  alarms?: Record<string, WrittenAlarm>;
  dashboards?: Record<string, WrittenDashboard>;
  tenants?: Record<string, WrittenTenant>;
}

/** Top-level keys whose value is a map of named entries; directories merge them entry by entry. */
export const NAMED_COLLECTIONS = ['topics', 'configurationSets', 'alarms', 'dashboards', 'tenants'] as const;
/** Top-level keys that are maps merged key by key across the files of a directory. */
export const MERGED_MAPS = ['tags', ...NAMED_COLLECTIONS, 'accountAlarms'] as const;
