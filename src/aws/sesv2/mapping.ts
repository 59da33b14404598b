/**
 * SESv2 SDK shapes <-> the canonical model (model/resources.ts), and nothing else: no calls, no I/O.
 *
 * Read side (AWS -> model): the result must equal, after canonicalize(), what config/normalize.ts makes
 * of a file that means the same thing, or the plan shows a perpetual diff (docs/architecture.md, "The file format"). So every AWS
 * spelling of a default folds into the model's one spelling here:
 *   ReputationOptions absent                  -> reputationMetricsEnabled false
 *   DeliveryOptions absent / {} / no TlsPolicy -> delivery.tlsPolicy OPTIONAL (canonicalize fills it)
 *   TrackingOptions without HttpsPolicy       -> httpsPolicy OPTIONAL (canonicalize); without a domain -> undefined
 *   SuppressionOptions absent / no SuppressedReasons -> undefined; SuppressedReasons [] -> {reasons: []}
 *   VdmOptions absent / empty                 -> undefined
 *   SendingOptions.SendingEnabled             -> sendingEnabled, always read (the planner decides)
 *   Tags [{Key, Value}]                       -> record (a missing Value is "")
 *   event destination Enabled absent          -> false;  SnsDestination.TopicArn -> {arn}
 *   SuppressionScope absent                   -> scope undefined (no override; no default is documented)
 *   MessageSecurityOptions absent / DefaultScheme -> messageSecurity undefined; SmimeScheme -> {signing: smime}
 *   LastFreshStart                            -> dropped (not in the model)
 *
 * Write side (model -> request): every member the model defines is sent and nothing else, so an option
 * the model leaves undefined is never sent (MaxDeliverySeconds unset means "SES's default", not 0).
 * Two rules the apply depends on: event destinations always carry `Enabled` (the API's default is false,
 * the file's is true: docs/aws-behaviour.md, "Event destinations"), and `suppression: {reasons: []}` is sent
 * as `SuppressedReasons: []` (an empty list dropped on the way is how "stop using the suppression list"
 * silently does nothing).
 */
import type {
  CreateConfigurationSetCommandInput,
  DeliveryOptions as AwsDeliveryOptions,
  EventDestination as AwsEventDestination,
  EventDestinationDefinition,
  GetConfigurationSetResponse,
  MessageSecurityOptions as AwsMessageSecurityOptions,
  PutConfigurationSetArchivingOptionsCommandInput,
  PutConfigurationSetDeliveryOptionsCommandInput,
  PutConfigurationSetReputationOptionsCommandInput,
  PutConfigurationSetSendingOptionsCommandInput,
  PutConfigurationSetSuppressionOptionsCommandInput,
  PutConfigurationSetTrackingOptionsCommandInput,
  PutConfigurationSetVdmOptionsCommandInput,
  UpdateConfigurationSetCommandInput,
  SuppressionOptions as AwsSuppressionOptions,
  TrackingOptions as AwsTrackingOptions,
  VdmOptions as AwsVdmOptions,
} from '@aws-sdk/client-sesv2';
import { assertNever, canonicalize, type SpelledConfigurationSet } from '../../model/canonical.js';
import { ReconcileError, EXIT } from '../../errors.js';
import type {
  ConfigurationSet,
  DeliveryOptions,
  DestinationTarget,
  DimensionSource,
  EventDestination,
  EventType,
  MessageSecurityOptions,
  SuppressionOptions,
  SuppressionReason,
  SuppressionScope,
  TopicRef,
  TrackingOptions,
  VdmOptions,
} from '../../model/resources.js';
import { tagsFromAws, tagsToAws } from '../tags.js';

export { tagsFromAws, tagsToAws };

// ---------------------------------------------------------------------------------------------------
// AWS -> model

/** A string AWS may send as "" where it means "none" (moto and older answers); "" never names a pool or an archive. */
function present(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}

function deliveryFromAws(d: AwsDeliveryOptions | undefined): SpelledConfigurationSet['delivery'] {
  return {
    // GetConfigurationSet omits DeliveryOptions (or TlsPolicy) when unset; SES then uses opportunistic
    // TLS, which canonicalize() fills in (docs/aws-behaviour.md, "SESv2 configuration sets": INFERENCE;
    // moto answers `DeliveryOptions: {}`).
    tlsPolicy: d?.TlsPolicy,
    sendingPoolName: present(d?.SendingPoolName),
    maxDeliverySeconds: d?.MaxDeliverySeconds,
  };
}

function trackingFromAws(t: AwsTrackingOptions | undefined): SpelledConfigurationSet['tracking'] {
  // CustomRedirectDomain is the shape's one required member; moto answers `TrackingOptions: {}` for "none".
  const domain = present(t?.CustomRedirectDomain);
  if (domain === undefined) return undefined;
  return { customRedirectDomain: domain, httpsPolicy: t?.HttpsPolicy };
}

function suppressionFromAws(s: AwsSuppressionOptions | undefined): SuppressionOptions | undefined {
  // `SuppressedReasons: []` is a state of its own: "this set does not use the suppression list"
  // (docs/aws-behaviour.md, "SESv2 configuration sets", Terraform's suppressedReasonsEmpty test). Without the
  // member (moto's `{}` for a set that never had suppression options) it is the account default, like the
  // group being absent.
  if (!Array.isArray(s?.SuppressedReasons)) return undefined;
  const threshold = s.ValidationOptions?.ConditionThreshold;
  return {
    reasons: s.SuppressedReasons as SuppressionReason[],
    validation:
      threshold?.ConditionThresholdEnabled === undefined
        ? undefined
        : {
            conditionThreshold: threshold.ConditionThresholdEnabled,
            confidenceVerdictThreshold: threshold.OverallConfidenceThreshold?.ConfidenceVerdictThreshold,
          },
    scope: s.SuppressionScope as SuppressionScope | undefined,
  };
}

function messageSecurityFromAws(m: AwsMessageSecurityOptions | undefined): MessageSecurityOptions | undefined {
  // SmimeScheme whatever its SignatureFormat (DETACHED is the one value); DefaultScheme or nothing: no signing.
  return m?.SigningScheme?.SmimeScheme !== undefined ? { signing: 'smime' } : undefined;
}

function vdmFromAws(v: AwsVdmOptions | undefined): VdmOptions | undefined {
  const engagementMetrics = v?.DashboardOptions?.EngagementMetrics;
  const optimizedSharedDelivery = v?.GuardianOptions?.OptimizedSharedDelivery;
  // Absent, `{}` and `{DashboardOptions: {}}` all mean "the account's VDM settings" (normalize.ts drops an empty vdm too).
  if (engagementMetrics === undefined && optimizedSharedDelivery === undefined) return undefined;
  return { engagementMetrics, optimizedSharedDelivery };
}

/** GetConfigurationSet's answer as a canonical ConfigurationSet. `listedName` covers an answer without its name. */
export function configurationSetFromAws(out: GetConfigurationSetResponse, listedName?: string): ConfigurationSet {
  const name = out.ConfigurationSetName ?? listedName;
  if (name === undefined) throw new ReconcileError('GetConfigurationSet answered without ConfigurationSetName', EXIT.failure);
  const sending = out.SendingOptions?.SendingEnabled;
  return canonicalize({
    kind: 'configurationSet',
    name,
    // A set is created sending-enabled (docs/aws-behaviour.md, "SESv2 configuration sets", INFERENCE). moto
    // answers `{SendingEnabled: {}}` for a set created without SendingOptions: not a boolean, so it reads as
    // that default too.
    sendingEnabled: typeof sending === 'boolean' ? sending : true,
    // Returned even when never set (Terraform marks it Computed); absent or without the member means false.
    reputationMetricsEnabled: out.ReputationOptions?.ReputationMetricsEnabled === true,
    delivery: deliveryFromAws(out.DeliveryOptions),
    tracking: trackingFromAws(out.TrackingOptions),
    suppression: suppressionFromAws(out.SuppressionOptions),
    vdm: vdmFromAws(out.VdmOptions),
    archiveArn: present(out.ArchivingOptions?.ArchiveArn),
    messageSecurity: messageSecurityFromAws(out.MessageSecurityOptions),
    tags: tagsFromAws(out.Tags),
  });
}

function targetFromAws(setName: string, d: AwsEventDestination): DestinationTarget {
  if (d.CloudWatchDestination) {
    return {
      type: 'cloudWatch',
      dimensions: (d.CloudWatchDestination.DimensionConfigurations ?? []).map((c) => ({
        name: c.DimensionName ?? '',
        source: c.DimensionValueSource as DimensionSource,
        default: c.DefaultDimensionValue ?? '',
      })),
    };
  }
  if (d.SnsDestination) return { type: 'sns', topic: { arn: d.SnsDestination.TopicArn ?? '' } };
  if (d.KinesisFirehoseDestination) {
    return {
      type: 'kinesisFirehose',
      deliveryStreamArn: d.KinesisFirehoseDestination.DeliveryStreamArn ?? '',
      iamRoleArn: d.KinesisFirehoseDestination.IamRoleArn ?? '',
    };
  }
  if (d.EventBridgeDestination) return { type: 'eventBridge', eventBusArn: d.EventBridgeDestination.EventBusArn ?? '' };
  // ApplicationArn is optional in the model (docs/aws-behaviour.md, "Event destinations"); "" makes the plan
  // show the file's ARN as a change.
  if (d.PinpointDestination) return { type: 'pinpoint', applicationArn: d.PinpointDestination.ApplicationArn ?? '' };
  // A destination type newer than this release (SESv2 has added types before): refuse rather than guess,
  // since planning over it could delete a destination ses-reconcile cannot even describe.
  throw new ReconcileError(
    `event destination ${setName}/${d.Name ?? '?'} has a destination type ses-reconcile does not know (it knows CloudWatch, SNS, Kinesis Data Firehose, EventBridge and Pinpoint); upgrade ses-reconcile`,
    EXIT.failure,
  );
}

/** One entry of GetConfigurationSetEventDestinations as a canonical EventDestination. */
export function eventDestinationFromAws(setName: string, d: AwsEventDestination): EventDestination {
  return canonicalize<EventDestination>({
    kind: 'eventDestination',
    configurationSet: setName,
    name: d.Name ?? '',
    // "The default value is false" (SES v1 EventDestination.Enabled; SESv2 is silent: docs/aws-behaviour.md,
    // "Event destinations").
    enabled: d.Enabled === true,
    // Sorted by canonicalize: AWS does not keep the order.
    events: (d.MatchingEventTypes ?? []) as EventType[],
    target: targetFromAws(setName, d),
  });
}

// ---------------------------------------------------------------------------------------------------
// model -> AWS requests

function deliveryToAws(d: DeliveryOptions): AwsDeliveryOptions {
  return {
    TlsPolicy: d.tlsPolicy,
    ...(d.sendingPoolName !== undefined ? { SendingPoolName: d.sendingPoolName } : {}),
    ...(d.maxDeliverySeconds !== undefined ? { MaxDeliverySeconds: d.maxDeliverySeconds } : {}),
  };
}

function trackingToAws(t: TrackingOptions): AwsTrackingOptions {
  return { CustomRedirectDomain: t.customRedirectDomain, HttpsPolicy: t.httpsPolicy };
}

function suppressionToAws(s: SuppressionOptions): AwsSuppressionOptions {
  return {
    // Always sent, [] included: the empty list IS the setting (see the header).
    SuppressedReasons: [...s.reasons],
    ...(s.validation
      ? {
          ValidationOptions: {
            ConditionThreshold: {
              ConditionThresholdEnabled: s.validation.conditionThreshold,
              ...(s.validation.confidenceVerdictThreshold !== undefined
                ? { OverallConfidenceThreshold: { ConfidenceVerdictThreshold: s.validation.confidenceVerdictThreshold } }
                : {}),
            },
          },
        }
      : {}),
    ...(s.scope !== undefined ? { SuppressionScope: s.scope } : {}),
  };
}

/** undefined is DefaultScheme: UpdateConfigurationSet cannot remove the option, only set the default scheme. */
function messageSecurityToAws(m: MessageSecurityOptions | undefined): AwsMessageSecurityOptions {
  return { SigningScheme: m?.signing === 'smime' ? { SmimeScheme: { SignatureFormat: 'DETACHED' } } : { DefaultScheme: {} } };
}

function vdmToAws(v: VdmOptions): AwsVdmOptions {
  return {
    ...(v.engagementMetrics !== undefined ? { DashboardOptions: { EngagementMetrics: v.engagementMetrics } } : {}),
    ...(v.optimizedSharedDelivery !== undefined ? { GuardianOptions: { OptimizedSharedDelivery: v.optimizedSharedDelivery } } : {}),
  };
}

/** Every option group and all tags in one call (Step CreateConfigurationSet). */
export function createConfigurationSetInput(set: ConfigurationSet): CreateConfigurationSetCommandInput {
  return {
    ConfigurationSetName: set.name,
    ReputationOptions: { ReputationMetricsEnabled: set.reputationMetricsEnabled },
    DeliveryOptions: deliveryToAws(set.delivery),
    ...(set.sendingEnabled !== undefined ? { SendingOptions: { SendingEnabled: set.sendingEnabled } } : {}),
    ...(set.tracking ? { TrackingOptions: trackingToAws(set.tracking) } : {}),
    ...(set.suppression ? { SuppressionOptions: suppressionToAws(set.suppression) } : {}),
    ...(set.vdm ? { VdmOptions: vdmToAws(set.vdm) } : {}),
    ...(set.archiveArn !== undefined ? { ArchivingOptions: { ArchiveArn: set.archiveArn } } : {}),
    // Sent only for S/MIME: a set created without it signs nothing, as DefaultScheme does.
    ...(set.messageSecurity ? { MessageSecurityOptions: messageSecurityToAws(set.messageSecurity) } : {}),
    Tags: tagsToAws(set.tags),
  };
}

/*
 * The Put...Options inputs. Each Put replaces its whole group (docs/aws-behaviour.md,
 * "SESv2 configuration sets"), so a member left out is reset: that is how a pool, a MaxDeliverySeconds or a
 * tracking domain is removed. For the groups the model can leave undefined (suppression, tracking, VDM,
 * archive), `undefined` sends the call with no member at all. INFERENCE (docs/aws-behaviour.md,
 * "SESv2 configuration sets"): AWS then restores the default, as Terraform relies on when it clears a
 * redirect domain or a pool; AWS does not document the value it stores. For suppression, a Put with no member
 * returns the set to the account-level settings, while `SuppressedReasons: []` means "suppress nothing":
 * Terraform dropped the empty list until 2025 and so sent the former when the user asked for the latter
 * (terraform-provider-aws#45756, as recorded in src/emulator/sesv2/configuration-sets.ts).
 */

export function deliveryOptionsInput(name: string, delivery: DeliveryOptions): PutConfigurationSetDeliveryOptionsCommandInput {
  return { ConfigurationSetName: name, ...deliveryToAws(delivery) };
}

export function reputationOptionsInput(name: string, enabled: boolean): PutConfigurationSetReputationOptionsCommandInput {
  return { ConfigurationSetName: name, ReputationMetricsEnabled: enabled };
}

export function sendingOptionsInput(name: string, enabled: boolean): PutConfigurationSetSendingOptionsCommandInput {
  return { ConfigurationSetName: name, SendingEnabled: enabled };
}

export function suppressionOptionsInput(name: string, suppression: SuppressionOptions | undefined): PutConfigurationSetSuppressionOptionsCommandInput {
  return { ConfigurationSetName: name, ...(suppression ? suppressionToAws(suppression) : {}) };
}

export function trackingOptionsInput(name: string, tracking: TrackingOptions | undefined): PutConfigurationSetTrackingOptionsCommandInput {
  return { ConfigurationSetName: name, ...(tracking ? trackingToAws(tracking) : {}) };
}

export function vdmOptionsInput(name: string, vdm: VdmOptions | undefined): PutConfigurationSetVdmOptionsCommandInput {
  return { ConfigurationSetName: name, ...(vdm ? { VdmOptions: vdmToAws(vdm) } : {}) };
}

/** UpdateConfigurationSet carrying MessageSecurityOptions only: a partial update leaves every other attribute unchanged. */
export function messageSecurityInput(name: string, messageSecurity: MessageSecurityOptions | undefined): UpdateConfigurationSetCommandInput {
  return { ConfigurationSetName: name, MessageSecurityOptions: messageSecurityToAws(messageSecurity) };
}

export function archivingOptionsInput(name: string, archiveArn: string | undefined): PutConfigurationSetArchivingOptionsCommandInput {
  return { ConfigurationSetName: name, ...(archiveArn !== undefined ? { ArchiveArn: archiveArn } : {}) };
}

/**
 * The full definition Create and Update take (Update replaces the whole destination: docs/aws-behaviour.md,
 * "Event destinations"). `topicArnOf` resolves a topic of the file by name; only the adapter knows the
 * account and Region.
 */
export function eventDestinationDefinition(d: EventDestination, topicArnOf: (ref: TopicRef) => string): EventDestinationDefinition {
  const common = { Enabled: d.enabled, MatchingEventTypes: [...d.events] };
  const t = d.target;
  switch (t.type) {
    case 'cloudWatch':
      return {
        ...common,
        CloudWatchDestination: {
          DimensionConfigurations: t.dimensions.map((x) => ({ DimensionName: x.name, DimensionValueSource: x.source, DefaultDimensionValue: x.default })),
        },
      };
    case 'sns':
      return { ...common, SnsDestination: { TopicArn: topicArnOf(t.topic) } };
    case 'kinesisFirehose':
      return { ...common, KinesisFirehoseDestination: { DeliveryStreamArn: t.deliveryStreamArn, IamRoleArn: t.iamRoleArn } };
    case 'eventBridge':
      return { ...common, EventBridgeDestination: { EventBusArn: t.eventBusArn } };
    case 'pinpoint':
      return { ...common, PinpointDestination: { ApplicationArn: t.applicationArn } };
    default:
      return assertNever(t);
  }
}
