/**
 * What the emulator stores for a configuration set, in the wire's own member names so that what was
 * sent is what Get returns. These types mirror the shapes in shapes.ts: core/decode.ts produces values of
 * exactly these forms, and each operation casts its decoded input once, at its boundary.
 */

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

export interface TrackingOptions {
  readonly CustomRedirectDomain: string;
  readonly HttpsPolicy?: string;
}

export interface DeliveryOptions {
  readonly TlsPolicy?: string;
  readonly SendingPoolName?: string;
  readonly MaxDeliverySeconds?: number;
}

export interface ReputationOptions {
  readonly ReputationMetricsEnabled?: boolean;
}

export interface SendingOptions {
  readonly SendingEnabled?: boolean;
}

export interface SuppressionOptions {
  readonly SuppressedReasons?: readonly string[];
  readonly SuppressionScope?: string;
  readonly ValidationOptions?: object;
}

export interface VdmOptions {
  readonly DashboardOptions?: object;
  readonly GuardianOptions?: object;
}

/** SigningScheme: a union, exactly one member (validation.ts checkMessageSecurity). */
export interface MessageSecurityOptions {
  readonly SigningScheme?: { readonly DefaultScheme?: object; readonly SmimeScheme?: { readonly SignatureFormat?: string } };
}

export interface ArchivingOptions {
  readonly ArchiveArn?: string;
}

export interface DimensionConfiguration {
  readonly DimensionName: string;
  readonly DimensionValueSource: string;
  readonly DefaultDimensionValue: string;
}

/** The five destination members of an event destination; exactly one is set (validation.ts). */
export interface DestinationMembers {
  readonly KinesisFirehoseDestination?: { readonly IamRoleArn: string; readonly DeliveryStreamArn: string };
  readonly CloudWatchDestination?: { readonly DimensionConfigurations: readonly DimensionConfiguration[] };
  readonly SnsDestination?: { readonly TopicArn: string };
  readonly EventBridgeDestination?: { readonly EventBusArn: string };
  readonly PinpointDestination?: { readonly ApplicationArn?: string };
}

/** Create/Update input: no member is required by the model. */
export interface EventDestinationDefinition extends DestinationMembers {
  readonly Enabled?: boolean;
  readonly MatchingEventTypes?: readonly string[];
}

/** Get output: Name and MatchingEventTypes are required members; Enabled is always stored. */
export interface EventDestination extends DestinationMembers {
  readonly Name: string;
  readonly Enabled: boolean;
  readonly MatchingEventTypes: readonly string[];
}

/**
 * The option groups, each replaced whole by its Put call (docs/aws-behaviour.md, "SESv2 configuration sets");
 * absent = never set or cleared.
 */
export interface ConfigurationSetOptions {
  readonly TrackingOptions?: TrackingOptions;
  readonly DeliveryOptions?: DeliveryOptions;
  readonly ReputationOptions: Required<ReputationOptions>;
  readonly SendingOptions: Required<SendingOptions>;
  readonly SuppressionOptions?: SuppressionOptions;
  readonly VdmOptions?: VdmOptions;
  readonly ArchivingOptions?: ArchivingOptions;
  /** Set by CreateConfigurationSet or UpdateConfigurationSet (a partial update), never cleared by either. */
  readonly MessageSecurityOptions?: MessageSecurityOptions;
}

/**
 * Recipients sent to, and of them bounced and complained, for the reputation metrics
 * (event-publishing.ts): a running count since the set (or, for the account, the Region's state) was made.
 */
export interface ReputationCounts {
  sends: number;
  bounces: number;
  complaints: number;
}

export interface ConfigurationSet {
  readonly name: string;
  options: ConfigurationSetOptions;
  /** Key -> value; a key appears once (TagResource overwrites). */
  readonly tags: Map<string, string>;
  readonly eventDestinations: Map<string, EventDestination>;
  /** Counted while ReputationMetricsEnabled. */
  readonly reputation: ReputationCounts;
}
