/**
 * Subscriptions: Subscribe, Unsubscribe, ListSubscriptionsByTopic, ListSubscriptions,
 * Get/SetSubscriptionAttributes, ConfirmSubscription, and the admin hook that confirms pending ones.
 *
 * Confirmation (model, Subscribe and SubscribeResponse): email, email-json, http and https
 * subscriptions, and any whose endpoint is in another account, wait for the endpoint owner to confirm.
 * Until then Subscribe answers the ARN as the string "pending confirmation" (unless
 * ReturnSubscriptionArn), and the List* operations show "PendingConfirmation" in its place: AWS's
 * listing value, which Terraform's SNS sweeper skips on (hashicorp/terraform-provider-aws
 * internal/service/sns/sweep.go) as do other AWS inventory tools. The endpoint owner confirms with the
 * token AWS sends; the emulator sends nothing, so tests confirm through the admin hook
 * (`configure({confirm})`, `confirmSubscription`) or read the token from `pendingConfirmations()`.
 */
import { createHash } from 'node:crypto';
import { parseArn, parseTopicArn } from './arn.js';
import { checkEndpoint, isProtocol, maskedEndpoint, needsConfirmation, type Protocol } from './endpoints.js';
import { boolean, structure } from '../core/shapes.js';
import { operation, type SnsContext } from './context.js';
import { invalidParameter, missingParameter, notFound } from './errors.js';
import { pageByArn, SUBSCRIPTION_TOKENS, TOPIC_SUBSCRIPTION_TOKENS } from './paging.js';
import { Attributes, AttributesOutput, Text } from './shapes.js';
import { requireTopic, type RegionState, type SnsState, type Subscription, type Topic } from './state.js';
import { effectiveDeliveryPolicy, isJsonObject } from './topics.js';

/** SubscribeInput.Attributes / SetSubscriptionAttributes names (model). */
const ATTRIBUTE_NAMES = new Set(['DeliveryPolicy', 'FilterPolicy', 'FilterPolicyScope', 'RawMessageDelivery', 'RedrivePolicy', 'SubscriptionRoleArn', 'ReplayPolicy']);

/**
 * Check one subscription attribute and return the value as stored. `reason` is the message prefix:
 * Subscribe says "Invalid parameter: Attributes Reason: ", SetSubscriptionAttributes "Invalid
 * parameter: " (localstack's AWS-validated tests, services/sns/v2/utils.py validate_subscription_attribute,
 * whose wordings are used below).
 */
function checkAttribute(name: string, value: string, topic: Pick<Topic, 'fifo'>, reason: string): string {
  if (!ATTRIBUTE_NAMES.has(name)) throw invalidParameter(`${reason}AttributeName`);
  switch (name) {
    case 'FilterPolicy':
      if (value !== '' && !isJsonObject(value)) throw invalidParameter(`${reason}FilterPolicy: failed to parse JSON.`);
      return value;
    case 'FilterPolicyScope':
      if (value !== 'MessageAttributes' && value !== 'MessageBody') {
        throw invalidParameter(`${reason}FilterPolicyScope: Invalid value [${value}]. Please use either MessageBody or MessageAttributes`);
      }
      return value;
    case 'RawMessageDelivery':
      if (!/^(true|false)$/i.test(value)) throw invalidParameter(`${reason}RawMessageDelivery: Invalid value [${value}]. Must be true or false.`);
      return value.toLowerCase();
    case 'RedrivePolicy': {
      if (!isJsonObject(value)) throw invalidParameter(`${reason}RedrivePolicy: failed to parse JSON.`);
      const dlq = (JSON.parse(value) as { deadLetterTargetArn?: unknown }).deadLetterTargetArn;
      if (typeof dlq !== 'string' || !parseArn(dlq)) throw invalidParameter(`${reason}RedrivePolicy: deadLetterTargetArn is an invalid arn`);
      return value;
    }
    case 'SubscriptionRoleArn':
      if (!parseArn(value)) throw invalidParameter(`${reason}SubscriptionRoleArn: must be an IAM role ARN`);
      return value;
    case 'ReplayPolicy':
      // "The following attributes apply only to FIFO topics: ReplayPolicy" (model, Subscribe).
      if (!topic.fifo) throw invalidParameter(`${reason}ReplayPolicy: applies only to subscriptions to FIFO topics`);
      if (!isJsonObject(value)) throw invalidParameter(`${reason}ReplayPolicy: failed to parse JSON.`);
      return value;
    default: // DeliveryPolicy
      if (value !== '' && !isJsonObject(value)) throw invalidParameter(`${reason}${name}: failed to parse JSON.`);
      return value;
  }
}

/** What GetSubscriptionAttributes reports for one set attribute (defaults filled in). */
function reportedAttribute(sub: Subscription, name: string): string | undefined {
  const set = sub.attributes.get(name);
  if (name === 'RawMessageDelivery') return set ?? 'false';
  if (name === 'FilterPolicyScope') return set ?? 'MessageAttributes';
  return set;
}

/** A subscription id: UUID-shaped, derived from the creation so the same calls give the same ARNs. */
function subscriptionId(state: SnsState, topicArn: string, protocol: string, endpoint: string): string {
  const h = createHash('sha256').update(`${state.next()}\u0000${topicArn}\u0000${protocol}\u0000${endpoint}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface SubscribeInput {
  readonly TopicArn: string;
  readonly Protocol: string;
  readonly Endpoint?: string;
  readonly Attributes?: Readonly<Record<string, string>>;
  readonly ReturnSubscriptionArn?: boolean;
}

function subscribe(input: SubscribeInput, ctx: SnsContext): { SubscriptionArn: string } {
  const topic = requireTopic(ctx, input.TopicArn);
  const protocol = input.Protocol;
  // AWS's wording, recorded by localstack's AWS-validated tests.
  if (!isProtocol(protocol)) throw invalidParameter(`Invalid parameter: Amazon SNS does not support this protocol string: ${protocol}`);
  const endpoint = input.Endpoint;
  if (endpoint === undefined || endpoint === '') throw missingParameter('Endpoint');
  checkEndpoint(protocol, endpoint, topic.arn);

  const requested = new Map(Object.entries(input.Attributes ?? {}));
  const attributes = new Map<string, string>();
  for (const [k, v] of requested) attributes.set(k, checkAttribute(k, v, topic, 'Invalid parameter: Attributes Reason: '));
  // "Specifying a valid ARN for this attribute is required for Firehose delivery stream subscriptions" (model, SubscriptionRoleArn).
  if (protocol === 'firehose' && !attributes.has('SubscriptionRoleArn')) {
    throw invalidParameter('Invalid parameter: Attributes Reason: SubscriptionRoleArn is required for firehose subscriptions');
  }
  const returnArn = input.ReturnSubscriptionArn === true;

  // Subscribing the same endpoint again returns the existing subscription; with different attributes
  // AWS refuses: "Invalid parameter: Attributes Reason: Subscription already exists with different
  // attributes" (AWS's error quoted in localstack/localstack#8816). Only the requested attributes count.
  const existing = ctx.store.subscriptionsOf(topic.arn).find((s) => s.protocol === protocol && s.endpoint === endpoint);
  if (existing) {
    for (const [k, v] of attributes) {
      if (reportedAttribute(existing, k) !== v) throw invalidParameter('Invalid parameter: Attributes Reason: Subscription already exists with different attributes');
    }
    return { SubscriptionArn: existing.pending && !returnArn ? 'pending confirmation' : existing.arn };
  }

  const arn = `${topic.arn}:${subscriptionId(ctx.state, topic.arn, protocol, endpoint)}`;
  const pending = !ctx.state.settings.autoConfirm && needsConfirmation(protocol, endpoint, ctx.accountId);
  const sub: Subscription = {
    arn,
    topicArn: topic.arn,
    protocol,
    endpoint,
    owner: ctx.accountId,
    pending,
    confirmationWasAuthenticated: !pending,
    token: createHash('sha256').update(`token\u0000${arn}`).digest('hex'),
    attributes,
  };
  ctx.store.subscriptions.set(arn, sub);
  return { SubscriptionArn: pending && !returnArn ? 'pending confirmation' : arn };
}

/** Where a subscription ARN points: its region's state, if any. InvalidParameter when it is not one. */
function subscriptionStore(ctx: SnsContext, arn: string): RegionState | undefined {
  const parsed = parseArn(arn);
  // AWS's wordings, recorded by localstack's AWS-validated tests (provider.py unsubscribe).
  if (!parsed) throw invalidParameter(`Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not ${arn.split(':').length}`);
  if (parsed.service !== 'sns' || !parsed.resource.includes(':')) throw invalidParameter('Invalid parameter: SubscriptionId');
  return parsed.region === ctx.region ? ctx.store : ctx.state.peek(parsed.region);
}

function requireSubscription(ctx: SnsContext, arn: string): Subscription {
  const sub = subscriptionStore(ctx, arn)?.subscriptions.get(arn);
  // AWS's message, as moto and localstack record it.
  if (!sub) throw notFound('Subscription does not exist');
  return sub;
}

/**
 * Idempotent: an unknown (well-formed) subscription ARN is no error, as for DeleteTopic (localstack's
 * AWS-validated tests: "unsubscribe is idempotent"; moto agrees).
 */
function unsubscribe(input: SubscriptionInput, ctx: SnsContext): undefined {
  const arn = input.SubscriptionArn;
  const store = subscriptionStore(ctx, arn);
  const sub = store?.subscriptions.get(arn);
  if (store && sub) {
    store.subscriptions.delete(arn);
    const topic = store.topics.get(sub.topicArn);
    if (topic) topic.subscriptionsDeleted += 1;
  }
  return undefined;
}

/** A listed subscription; a pending one shows "PendingConfirmation" in place of its ARN (header). */
function listed(s: Subscription): object {
  return { SubscriptionArn: s.pending ? 'PendingConfirmation' : s.arn, Owner: s.owner, Protocol: s.protocol, Endpoint: maskedEndpoint(s.endpoint), TopicArn: s.topicArn };
}

function listSubscriptionsByTopic(input: { readonly TopicArn: string; readonly NextToken?: string }, ctx: SnsContext): object {
  const topic = requireTopic(ctx, input.TopicArn);
  const { items, nextToken } = pageByArn(TOPIC_SUBSCRIPTION_TOKENS, ctx.store.subscriptionsOf(topic.arn), input.NextToken, topic.arn);
  return { Subscriptions: items.map(listed), NextToken: nextToken };
}

function listSubscriptions(input: { readonly NextToken?: string }, ctx: SnsContext): object {
  const { items, nextToken } = pageByArn(SUBSCRIPTION_TOKENS, ctx.store.subscriptions.values(), input.NextToken, ctx.region);
  return { Subscriptions: items.map(listed), NextToken: nextToken };
}

interface SubscriptionInput {
  readonly SubscriptionArn: string;
}

function getSubscriptionAttributes(input: SubscriptionInput, ctx: SnsContext): object {
  const sub = requireSubscription(ctx, input.SubscriptionArn);
  const attributes = new Map<string, string>();
  for (const k of sub.attributes.keys()) attributes.set(k, reportedAttribute(sub, k) as string);
  attributes.set('SubscriptionArn', sub.arn);
  attributes.set('TopicArn', sub.topicArn);
  attributes.set('Owner', sub.owner);
  attributes.set('Protocol', sub.protocol);
  attributes.set('Endpoint', maskedEndpoint(sub.endpoint));
  attributes.set('PendingConfirmation', String(sub.pending));
  attributes.set('ConfirmationWasAuthenticated', String(sub.confirmationWasAuthenticated));
  attributes.set('RawMessageDelivery', reportedAttribute(sub, 'RawMessageDelivery') as string);
  // AWS reports FilterPolicyScope only alongside a FilterPolicy (localstack's AWS-validated tests; moto agrees).
  if (sub.attributes.get('FilterPolicy')) attributes.set('FilterPolicyScope', reportedAttribute(sub, 'FilterPolicyScope') as string);
  else {
    attributes.delete('FilterPolicy');
    attributes.delete('FilterPolicyScope');
  }
  if (sub.protocol === 'http' || sub.protocol === 'https') {
    const topic = subscriptionStore(ctx, sub.arn)?.topics.get(sub.topicArn);
    if (topic) attributes.set('EffectiveDeliveryPolicy', effectiveDeliveryPolicy(topic));
  }
  return { Attributes: Object.fromEntries([...attributes].sort((a, b) => (a[0] < b[0] ? -1 : 1))) };
}

interface SetAttributeInput extends SubscriptionInput {
  readonly AttributeName: string;
  readonly AttributeValue?: string;
}

function setSubscriptionAttributes(input: SetAttributeInput, ctx: SnsContext): undefined {
  const sub = requireSubscription(ctx, input.SubscriptionArn);
  const name = input.AttributeName;
  const topic = subscriptionStore(ctx, sub.arn)?.topics.get(sub.topicArn) ?? { fifo: sub.topicArn.endsWith('.fifo') };
  sub.attributes.set(name, checkAttribute(name, input.AttributeValue ?? '', topic, 'Invalid parameter: '));
  return undefined;
}

/** The endpoint owner's side of confirmation, with the token AWS would have sent (see pendingConfirmations). */
function confirmSubscription(input: { readonly TopicArn: string; readonly Token: string }, ctx: SnsContext): { SubscriptionArn: string } {
  const topicArn = input.TopicArn;
  const token = input.Token;
  const parsed = parseTopicArn(topicArn, 'TopicArn');
  const store = ctx.state.peek(parsed.region);
  const sub = store ? [...store.subscriptions.values()].find((s) => s.token === token) : undefined;
  // AWS's wordings, recorded by localstack's AWS-validated tests (provider.py confirm_subscription).
  if (!sub) throw invalidParameter('Invalid parameter: Token');
  if (sub.topicArn !== topicArn) throw invalidParameter('Invalid parameter: Topic');
  if (sub.pending) {
    sub.pending = false;
    // The SDK signs the request, so the confirmation was authenticated.
    sub.confirmationWasAuthenticated = true;
  }
  return { SubscriptionArn: sub.arn };
}

export const subscriptionOperations = [
  operation<SubscribeInput>({
    name: 'Subscribe',
    input: structure({ TopicArn: Text, Protocol: Text, Endpoint: Text, Attributes, ReturnSubscriptionArn: boolean }, ['TopicArn', 'Protocol']),
    run: subscribe,
  }),
  operation<SubscriptionInput>({ name: 'Unsubscribe', input: structure({ SubscriptionArn: Text }, ['SubscriptionArn']), run: unsubscribe }),
  operation<{ readonly TopicArn: string; readonly Token: string }>({
    name: 'ConfirmSubscription',
    input: structure({ TopicArn: Text, Token: Text, AuthenticateOnUnsubscribe: Text }, ['TopicArn', 'Token']),
    run: confirmSubscription,
  }),
  operation<{ readonly TopicArn: string; readonly NextToken?: string }>({
    name: 'ListSubscriptionsByTopic',
    input: structure({ TopicArn: Text, NextToken: Text }, ['TopicArn']),
    run: listSubscriptionsByTopic,
  }),
  operation<{ readonly NextToken?: string }>({ name: 'ListSubscriptions', input: structure({ NextToken: Text }), run: listSubscriptions }),
  operation<SubscriptionInput>({
    name: 'GetSubscriptionAttributes',
    input: structure({ SubscriptionArn: Text }, ['SubscriptionArn']),
    output: AttributesOutput,
    run: getSubscriptionAttributes,
  }),
  operation<SetAttributeInput>({
    name: 'SetSubscriptionAttributes',
    input: structure({ SubscriptionArn: Text, AttributeName: Text, AttributeValue: Text }, ['SubscriptionArn', 'AttributeName']),
    run: setSubscriptionAttributes,
  }),
];

export interface PendingConfirmation {
  readonly region: string;
  readonly subscriptionArn: string;
  readonly topicArn: string;
  readonly protocol: Protocol | string;
  readonly endpoint: string;
  /** For ConfirmSubscription. */
  readonly token: string;
}

/** Every subscription waiting for confirmation, in every region. */
export function pendingConfirmations(state: SnsState): PendingConfirmation[] {
  const out: PendingConfirmation[] = [];
  for (const [region, store] of state.allRegions()) {
    for (const s of store.subscriptions.values()) {
      if (s.pending) out.push({ region, subscriptionArn: s.arn, topicArn: s.topicArn, protocol: s.protocol, endpoint: s.endpoint, token: s.token });
    }
  }
  return out.sort((a, b) => (a.subscriptionArn < b.subscriptionArn ? -1 : 1));
}

/**
 * The admin hook: confirm, as the endpoint owner would by following the link AWS sends, every pending
 * subscription whose ARN or endpoint is `arnOrEndpoint`, in every region. Returns the ARNs confirmed;
 * throws when no subscription at all (pending or not) has that ARN or endpoint.
 */
export function confirmPending(state: SnsState, arnOrEndpoint: string): string[] {
  const confirmed: string[] = [];
  let matched = false;
  for (const [, store] of state.allRegions()) {
    for (const s of store.subscriptions.values()) {
      if (s.arn !== arnOrEndpoint && s.endpoint !== arnOrEndpoint) continue;
      matched = true;
      if (!s.pending) continue;
      s.pending = false;
      // Following the emailed link is an unsigned request.
      s.confirmationWasAuthenticated = false;
      confirmed.push(s.arn);
    }
  }
  if (!matched) throw new Error(`no SNS subscription has the ARN or endpoint ${JSON.stringify(arnOrEndpoint)}`);
  return confirmed.sort();
}
