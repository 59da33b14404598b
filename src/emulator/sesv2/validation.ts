/**
 * SESv2 rules that the model states only in documentation, or that AWS was seen to enforce, checked
 * after core/decode.ts has applied the model's own constraints. Each throws the BadRequestException AWS
 * answers (docs/aws-behaviour.md: "SESv2 configuration sets", "Event destinations", "SES quotas",
 * "Dimensions and message tags"). Messages are the emulator's own words.
 */
import { badRequest } from './errors.js';
import type { DeliveryOptions, DimensionConfiguration, EventDestinationDefinition, MessageSecurityOptions, Tag, TrackingOptions } from './model.js';
import type { Sesv2Account } from './account.js';

/**
 * Configuration set names: "up to 64 characters ... letters, numbers, hyphens and underscores"
 * (sesv2 model CreateConfigurationSet doc; [DG quotas.md]). Event destination names: the same rule
 * (SES v1 model EventDestination.Name; floci's record; docs/aws-behaviour.md, "Event destinations").
 */
const NAME = /^[A-Za-z0-9_-]{1,64}$/;

export function checkConfigurationSetName(name: string): void {
  if (!NAME.test(name)) {
    throw badRequest(`Invalid configuration set name <${name}>: use 1 to 64 ASCII letters, digits, '_' and '-'.`);
  }
}

export function checkEventDestinationName(name: string): void {
  if (!NAME.test(name)) {
    throw badRequest(`Invalid event destination name <${name}>: use 1 to 64 ASCII letters, digits, '_' and '-'.`);
  }
}

/**
 * "You can associate up to 50 tags with a resource" (sesv2 model Tag doc; docs/aws-behaviour.md, "Tagging").
 */
export const MAX_TAGS = 50;
/**
 * Tag doc (sesv2 model Tag): keys 1..128 and values 0..256 characters of Unicode letters, digits,
 * whitespace and `_ . : / = + -`; floci found real SES also accepts `@`. The `aws:` prefix is reserved.
 */
const TAG_CHARS = /^[\p{L}\p{N}\p{Z}\s_.:/=+\-@]*$/u;

/** A tag list as sent (Create's Tags or TagResource's); the 50-tag total is checked by the caller. */
export function checkTags(tags: readonly Tag[]): void {
  const seen = new Set<string>();
  for (const { Key, Value } of tags) {
    if (!TAG_CHARS.test(Key) || !TAG_CHARS.test(Value)) {
      throw badRequest(`Tag <${Key}>: keys and values may contain only letters, numbers, spaces and _ . : / = + - @`);
    }
    if (/^aws:/i.test(Key)) throw badRequest(`Tag key <${Key}>: the aws: prefix is reserved for AWS's own tags.`);
    const keyLength = [...Key].length;
    if (keyLength < 1 || keyLength > 128) throw badRequest(`Tag key <${Key}> must be 1 to 128 characters long.`);
    if ([...Value].length > 256) throw badRequest(`The value of tag <${Key}> must be at most 256 characters long.`);
    if (seen.has(Key)) throw badRequest(`Tag key <${Key}> appears more than once; keys must be unique.`);
    seen.add(Key);
  }
}

export function checkTagCount(count: number): void {
  if (count > MAX_TAGS) throw badRequest(`A resource can have at most ${MAX_TAGS} tags; this request would leave ${count}.`);
}

/**
 * Tracking options as Create and PutConfigurationSetTrackingOptions receive them. Recorded against real
 * AWS (docs/aws-behaviour.md, "SESv2 configuration sets"): a blank domain and an HttpsPolicy without a domain
 * are rejected, and the domain must be a verified domain identity of the account, or a subdomain of one
 * (account.ts, "Covering"; docs/aws-behaviour.md, "Plan-time checks").
 */
export function checkTracking(t: Partial<TrackingOptions>, account: Pick<Sesv2Account, 'coversDomain'>): void {
  const domain = t.CustomRedirectDomain;
  if (domain === undefined) {
    if (t.HttpsPolicy !== undefined) throw badRequest('HttpsPolicy needs a CustomRedirectDomain: it sets the protocol of that domain\'s tracking links.');
    return;
  }
  if (domain.trim() === '') throw badRequest('CustomRedirectDomain must not be blank.');
  if (!account.coversDomain(domain)) throw badRequest(`Domain <${domain}> is not a verified domain identity of this account, nor a subdomain of one.`);
}

/**
 * MessageSecurityOptions (client-sesv2 3.1169.0: SigningScheme is a Smithy union, "you specify exactly one
 * of its members"): a scheme with both members or neither is refused, as AWS's front end refuses a union
 * that is not exactly one member. The enum (SignatureFormat DETACHED) is in the shape (shapes.ts).
 */
export function checkMessageSecurity(m: MessageSecurityOptions): void {
  const scheme = m.SigningScheme;
  if (scheme === undefined) return;
  const members = [scheme.DefaultScheme, scheme.SmimeScheme].filter((x) => x !== undefined).length;
  if (members !== 1) throw badRequest(`SigningScheme is a union: set exactly one of DefaultScheme and SmimeScheme (${members} set).`);
}

/**
 * Delivery options (docs/aws-behaviour.md, "SESv2 configuration sets"): a blank or unknown SendingPoolName is
 * rejected; the 300..50400 range is in the model.
 */
export function checkDelivery(d: DeliveryOptions, account: Pick<Sesv2Account, 'hasPool'>): void {
  const pool = d.SendingPoolName;
  if (pool === undefined) return;
  if (pool.trim() === '') throw badRequest('SendingPoolName must not be blank.');
  if (!account.hasPool(pool)) throw badRequest(`Dedicated IP pool <${pool}> does not exist in this account and Region.`);
}

/** "Dimensions per CloudWatch event destination: 10" ([DG quotas.md], docs/aws-behaviour.md, "SES quotas"). */
export const MAX_DIMENSIONS = 10;
/**
 * SESv2 documents `[A-Za-z0-9_-]` for dimension names, but auto-tag dimensions such as
 * `ses:configuration-set` contain ':' and are documented as usable ([DG
 * event-publishing-add-event-destination-cloudwatch.md]; CFN pattern `^[a-zA-Z0-9_:-]{1,256}$`), so ':'
 * is accepted (docs/aws-behaviour.md, "Dimensions and message tags").
 */
const DIMENSION_NAME = /^[A-Za-z0-9_:-]{1,256}$/;
/**
 * "Dimension values can contain only ... at signs (@), and periods (.)" ([API-v2], [DG];
 * docs/aws-behaviour.md, "Dimensions and message tags").
 */
const DIMENSION_VALUE = /^[A-Za-z0-9_.@-]{1,256}$/;

const DESTINATION_TYPES = ['KinesisFirehoseDestination', 'CloudWatchDestination', 'SnsDestination', 'EventBridgeDestination', 'PinpointDestination'] as const;

export interface DestinationScope {
  readonly region: string;
  readonly accountId: string;
}

/** An event destination definition as Create and Update receive it. */
export function checkEventDestination(d: EventDestinationDefinition, scope: DestinationScope): void {
  // Event types are optional in the model but required in the output shape, and AWS rejects none
  // (floci's record; docs/aws-behaviour.md, "Event destinations").
  if (!d.MatchingEventTypes || d.MatchingEventTypes.length === 0) {
    throw badRequest('MatchingEventTypes must name at least one event type.');
  }
  // "You must provide one, and only one, destination" (SES v1 API CreateConfigurationSetEventDestination;
  // docs/aws-behaviour.md, "Event destinations").
  const types = DESTINATION_TYPES.filter((t) => d[t] !== undefined);
  if (types.length !== 1) {
    throw badRequest(
      types.length === 0
        ? `An event destination needs exactly one destination: one of ${DESTINATION_TYPES.join(', ')}.`
        : `An event destination takes exactly one destination; this request has ${types.length}: ${types.join(', ')}.`,
    );
  }
  if (d.CloudWatchDestination) checkDimensions(d.CloudWatchDestination.DimensionConfigurations);
  if (d.EventBridgeDestination) checkEventBus(d.EventBridgeDestination.EventBusArn, scope);
  // The model does not require ApplicationArn, but floci found AWS rejects a Pinpoint destination without one.
  if (d.PinpointDestination && !d.PinpointDestination.ApplicationArn?.trim()) {
    throw badRequest('PinpointDestination needs an ApplicationArn.');
  }
}

function checkDimensions(dimensions: readonly DimensionConfiguration[]): void {
  if (dimensions.length === 0) throw badRequest('A CloudWatch destination needs at least one dimension configuration.');
  // A quota, but answered as BadRequest: UpdateConfigurationSetEventDestination models no
  // LimitExceededException, and the count is a property of the request (INFERENCE).
  if (dimensions.length > MAX_DIMENSIONS) {
    throw badRequest(`A CloudWatch destination can have at most ${MAX_DIMENSIONS} dimensions; this one has ${dimensions.length}.`);
  }
  for (const dim of dimensions) {
    if (!DIMENSION_NAME.test(dim.DimensionName)) {
      throw badRequest(`Dimension name <${dim.DimensionName}>: use 1 to 256 ASCII letters, digits, '_', '-' and ':'.`);
    }
    if (!DIMENSION_VALUE.test(dim.DefaultDimensionValue)) {
      throw badRequest(`Default value <${dim.DefaultDimensionValue}> of dimension ${dim.DimensionName}: use 1 to 256 ASCII letters, digits, '_', '-', '@' and '.'.`);
    }
  }
}

/**
 * "Only the default bus is supported" (sesv2 model EventBridgeDestination doc); floci recorded that AWS
 * also requires the bus to be in the set's own account and Region (docs/aws-behaviour.md,
 * "Event destinations").
 */
function checkEventBus(arn: string, scope: DestinationScope): void {
  const m = /^arn:(aws|aws-[a-z-]+):events:([a-z0-9-]+):(\d{12}):event-bus\/(.+)$/.exec(arn);
  if (!m) throw badRequest(`EventBusArn <${arn}> is not an EventBridge event bus ARN.`);
  if (m[4] !== 'default') throw badRequest(`EventBusArn <${arn}>: SES publishes only to the default event bus.`);
  if (m[2] !== scope.region || m[3] !== scope.accountId) {
    throw badRequest(`EventBusArn <${arn}> must be the default bus of account ${scope.accountId} in ${scope.region}, where the configuration set is.`);
  }
}
