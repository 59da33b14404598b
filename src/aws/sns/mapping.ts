/**
 * SNS SDK shapes <-> the canonical Topic (model/resources.ts), and nothing else: no calls, no I/O.
 *
 * Read side (GetTopicAttributes + ListSubscriptionsByTopic [+ GetSubscriptionAttributes] +
 * ListTagsForResource -> Topic): the result must equal what config/normalize.ts makes of a file that
 * means the same thing, after canonicalize(), or every plan shows a perpetual diff (docs/architecture.md, "The file format"):
 *   name                         the last segment of the TopicArn
 *   DisplayName absent           -> '' (SNS reports '' when unset; normalize writes '' too)
 *   Policy                       -> TopicPolicy through topicPolicyFromDocument (our statements by Sid;
 *                                   AWS's default document reads as "no SES, no CloudWatch")
 *   Subscriptions                -> {protocol, endpoint, rawMessageDelivery, filterPolicy?, subscriptionRoleArn?}
 *     Endpoint                   an http(s) URL's password as `****`, as SNS lists it (model/endpoint.ts)
 *     RawMessageDelivery         'true' (any case) -> true; absent or anything else -> false
 *     FilterPolicy               '' or absent -> undefined; else JSON.parse (the file writes an object)
 *     SubscriptionRoleArn        absent or '' -> undefined
 *     A subscription pending confirmation has no ARN to read attributes with (SubscriptionArn is
 *     `PendingConfirmation` in listings): it reads as rawMessageDelivery false, no filter policy, no role.
 *   Tags [{Key, Value}]          -> record (a missing Value is '')
 *   Owner, SubscriptionsConfirmed/Pending/Deleted, EffectiveDeliveryPolicy, FilterPolicyScope … -> dropped
 *
 * Write side: the Subscribe attributes of a Subscription, only those that differ from SNS's defaults
 * (RawMessageDelivery is refused for protocols without raw delivery, so `false` is never sent).
 */
import type { Subscription as AwsSubscription, Tag } from '@aws-sdk/client-sns';
import { canonicalize } from '../../model/canonical.js';
import { maskEndpoint } from '../../model/endpoint.js';
import type { Subscription, Topic } from '../../model/resources.js';
import { topicPolicyFromDocument } from './policy.js';
import { tagsFromAws, tagsToAws } from '../tags.js';

export { tagsFromAws, tagsToAws };

/** `arn:aws:sns:us-east-1:123456789012:alerts` -> `alerts`. */
export function topicNameOf(arn: string): string {
  return arn.slice(arn.lastIndexOf(':') + 1);
}

/**
 * A listed subscription waiting for confirmation: SNS lists `PendingConfirmation` in place of the ARN
 * (Subscribe answers `pending confirmation` when ReturnSubscriptionArn is false); both are accepted.
 */
export function isPendingArn(arn: string | undefined): boolean {
  return arn === undefined || arn.replace(/\s+/g, '').toLowerCase() === 'pendingconfirmation';
}

/** One listed subscription with the attributes GetSubscriptionAttributes answered (none for a pending one). */
export function subscriptionFromAws(s: AwsSubscription, attributes: Readonly<Record<string, string>> = {}): Subscription {
  const filter = attributes.FilterPolicy;
  const role = attributes.SubscriptionRoleArn;
  return {
    protocol: s.Protocol ?? '',
    // SNS lists an endpoint's password masked; moto does not, so it is masked here too (model/endpoint.ts).
    endpoint: maskEndpoint(s.Endpoint ?? ''),
    rawMessageDelivery: (attributes.RawMessageDelivery ?? '').toLowerCase() === 'true',
    ...(filter ? { filterPolicy: JSON.parse(filter) as unknown } : {}),
    ...(role ? { subscriptionRoleArn: role } : {}),
  };
}

export interface TopicRead {
  readonly arn: string;
  /** GetTopicAttributes Attributes. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly subscriptions: readonly Subscription[];
  readonly tags: readonly Tag[] | undefined;
}

export function topicFromAws(t: TopicRead): Topic {
  return canonicalize({
    kind: 'topic',
    name: topicNameOf(t.arn),
    displayName: t.attributes.DisplayName ?? '',
    tags: tagsFromAws(t.tags),
    subscriptions: t.subscriptions,
    policy: topicPolicyFromDocument(t.attributes.Policy),
  });
}

/** Subscribe Attributes for a subscription: only what differs from SNS's defaults; undefined when nothing does. */
export function subscribeAttributes(s: Subscription): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  if (s.rawMessageDelivery) out.RawMessageDelivery = 'true';
  if (s.filterPolicy !== undefined) out.FilterPolicy = JSON.stringify(s.filterPolicy);
  if (s.subscriptionRoleArn !== undefined) out.SubscriptionRoleArn = s.subscriptionRoleArn;
  return Object.keys(out).length > 0 ? out : undefined;
}
