/**
 * Topics: CreateTopic, DeleteTopic, ListTopics, GetTopicAttributes, SetTopicAttributes.
 *
 * Attributes are stored as set; GetTopicAttributes fills in what AWS reports for every topic
 * (TopicArn, Owner, Policy, DisplayName, the three subscription counts, EffectiveDeliveryPolicy) and,
 * for FIFO topics, FifoTopic and ContentBasedDeduplication. Sources: the SNS model's documentation of
 * CreateTopic/SetTopicAttributes/GetTopicAttributes, and the attribute values AWS returns for a new
 * topic as recorded in localstack's AWS-validated snapshots (services/sns/v2/provider.py).
 */
import { structure } from '../core/shapes.js';
import { parseTopicArn, topicArn } from './arn.js';
import { operation, type SnsContext } from './context.js';
import { authorizationError, invalidParameter, topicLimitExceeded } from './errors.js';
import { pageByArn, TOPIC_TOKENS } from './paging.js';
import { Attributes, AttributesOutput, Tags, Text } from './shapes.js';
import { findTopic, requireTopic, type Topic } from './state.js';
import { applyTags, readTags, type TagInput } from './tags.js';

/** "Users can create at most 100,000 standard topics (at most 1,000 FIFO topics)" (model, CreateTopic). */
const MAX_STANDARD_TOPICS = 100_000;
const MAX_FIFO_TOPICS = 1_000;

const FEEDBACK_ATTRIBUTES = ['HTTP', 'Firehose', 'Lambda', 'Application', 'SQS'].flatMap((p) => [
  `${p}SuccessFeedbackRoleArn`,
  `${p}SuccessFeedbackSampleRate`,
  `${p}FailureFeedbackRoleArn`,
]);

/** The attributes CreateTopic and SetTopicAttributes accept (model documentation of both). */
const SETTABLE = new Set([
  'DeliveryPolicy',
  'DisplayName',
  'Policy',
  'TracingConfig',
  'KmsMasterKeyId',
  'SignatureVersion',
  'ArchivePolicy',
  'ContentBasedDeduplication',
  'FifoThroughputScope',
  ...FEEDBACK_ATTRIBUTES,
]);
/** "The following attributes apply only to FIFO topics" (model). */
const FIFO_ONLY = new Set(['ArchivePolicy', 'ContentBasedDeduplication', 'FifoThroughputScope']);
const JSON_VALUED = new Set(['Policy', 'DeliveryPolicy', 'ArchivePolicy']);

/**
 * AWS's default access policy for a new topic: the owner account may perform the topic actions. The
 * same document appears in moto (sns/models.py `_create_default_topic_policy`) and in localstack's
 * AWS-validated snapshots (services/sns/v2/provider.py `_create_default_topic_policy`).
 */
function defaultPolicy(arn: string, accountId: string): string {
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Effect: 'Allow',
        Sid: '__default_statement_ID',
        Principal: { AWS: '*' },
        Action: [
          'SNS:GetTopicAttributes',
          'SNS:SetTopicAttributes',
          'SNS:AddPermission',
          'SNS:RemovePermission',
          'SNS:DeleteTopic',
          'SNS:Subscribe',
          'SNS:ListSubscriptionsByTopic',
          'SNS:Publish',
        ],
        Resource: arn,
        Condition: { StringEquals: { 'AWS:SourceOwner': accountId } },
      },
    ],
  });
}

/** AWS's EffectiveDeliveryPolicy of a topic without a DeliveryPolicy (localstack's AWS-validated snapshot). */
const DEFAULT_HTTP_DELIVERY = {
  defaultHealthyRetryPolicy: {
    minDelayTarget: 20,
    maxDelayTarget: 20,
    numRetries: 3,
    numMaxDelayRetries: 0,
    numNoDelayRetries: 0,
    numMinDelayRetries: 0,
    backoffFunction: 'linear',
  },
  disableSubscriptionOverrides: false,
  defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
};

/**
 * The topic's delivery policy with system defaults filled in. INFERENCE: the topic's `http` keys
 * replace the default's key by key; AWS documents the attribute ("taking system defaults into
 * account", model) but not the merge.
 */
export function effectiveDeliveryPolicy(topic: Topic): string {
  const own = topic.attributes.get('DeliveryPolicy');
  const http = own ? ((JSON.parse(own) as { http?: Record<string, unknown> }).http ?? {}) : {};
  return JSON.stringify({ http: { ...DEFAULT_HTTP_DELIVERY, ...http } });
}

/** Whether `value` is the JSON text of an object (policies, filter policies). */
export function isJsonObject(value: string): boolean {
  try {
    const v: unknown = JSON.parse(value);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** JSON text in one canonical form (keys sorted), to compare two spellings of the same document. */
function canonicalJson(value: string): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : typeof v === 'object' && v !== null ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  try {
    return JSON.stringify(sort(JSON.parse(value)));
  } catch {
    return value;
  }
}

/**
 * Check one attribute value; `reason` prefixes the message (SNS says "Invalid parameter: Attributes
 * Reason: …" for CreateTopic's map and "Invalid parameter: …" for SetTopicAttributes; localstack's
 * AWS-validated tests record that pattern for subscriptions).
 */
function checkAttribute(name: string, value: string, fifo: boolean, reason: string): string {
  const bad = (why: string) => invalidParameter(`${reason}${name}: ${why}`);
  if (FIFO_ONLY.has(name) && !fifo && !(name === 'ContentBasedDeduplication' && value.toLowerCase() === 'false')) {
    throw bad('applies only to FIFO topics');
  }
  if (name === 'DisplayName') {
    // "up to 100 characters" (SNS Developer Guide, "Creating an Amazon SNS topic", Display name).
    if (value.length > 100) throw bad('must be at most 100 characters');
    return value;
  }
  if (JSON_VALUED.has(name)) {
    // INFERENCE: "" removes a DeliveryPolicy or ArchivePolicy; a topic always has a Policy document.
    if (value === '' && name !== 'Policy') return value;
    if (!isJsonObject(value)) throw bad('must be a JSON object');
    return value;
  }
  if (name === 'TracingConfig') {
    if (value !== 'PassThrough' && value !== 'Active') throw bad('must be PassThrough or Active');
    // "This is only supported on standard topics." (model, TracingConfig)
    if (value === 'Active' && fifo) throw bad('Active is supported only on standard topics');
    return value;
  }
  if (name === 'SignatureVersion') {
    if (value !== '1' && value !== '2') throw bad('must be 1 or 2');
    return value;
  }
  if (name === 'ContentBasedDeduplication') {
    if (!/^(true|false)$/i.test(value)) throw bad('must be true or false');
    return value.toLowerCase();
  }
  if (name === 'FifoThroughputScope') {
    if (value !== 'Topic' && value !== 'MessageGroup') throw bad('must be Topic or MessageGroup');
    return value;
  }
  if (name.endsWith('SampleRate')) {
    // "the sample rate percentage (0-100)" (model)
    if (!/^\d{1,3}$/.test(value) || Number(value) > 100) throw bad('must be an integer from 0 to 100');
    return value;
  }
  if (name.endsWith('RoleArn')) {
    if (value !== '' && !value.startsWith('arn:')) throw bad('must be an IAM role ARN');
    return value;
  }
  return value;
}

/** What GetTopicAttributes reports for one attribute (defaults filled in). */
function reportedValue(topic: Topic, name: string, accountId: string): string | undefined {
  const set = topic.attributes.get(name);
  switch (name) {
    case 'FifoTopic':
      return topic.fifo ? 'true' : 'false';
    case 'DisplayName':
      return set ?? '';
    case 'Policy':
      return set ?? defaultPolicy(topic.arn, accountId);
    case 'ContentBasedDeduplication':
      return set ?? 'false';
    default:
      return set;
  }
}

function checkName(name: string, fifo: boolean): void {
  if (fifo) {
    // INFERENCE: the model's "between 1 and 256 characters" counts the .fifo suffix.
    if (!/^[A-Za-z0-9_-]{1,251}\.fifo$/.test(name)) {
      // AWS's wording, as moto and localstack record it.
      throw invalidParameter(
        'Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.',
      );
    }
  } else if (!/^[A-Za-z0-9_-]{1,256}$/.test(name)) {
    // AWS's wording, recorded by localstack's AWS-validated tests; a `.fifo` name without FifoTopic=true lands here too.
    throw invalidParameter('Invalid parameter: Topic Name');
  }
}

interface CreateTopicInput {
  readonly Name: string;
  readonly Attributes?: Readonly<Record<string, string>>;
  readonly Tags?: readonly TagInput[];
}

function createTopic(input: CreateTopicInput, ctx: SnsContext): { TopicArn: string } {
  const name = input.Name;
  const requested = new Map(Object.entries(input.Attributes ?? {}));
  const fifoValue = requested.get('FifoTopic');
  if (fifoValue !== undefined && !/^(true|false)$/i.test(fifoValue)) throw invalidParameter('Invalid parameter: Attributes Reason: FifoTopic: must be true or false');
  const fifo = fifoValue?.toLowerCase() === 'true';
  checkName(name, fifo);

  const attributes = new Map<string, string>();
  for (const [k, v] of requested) {
    if (k === 'FifoTopic') continue;
    if (!SETTABLE.has(k)) throw invalidParameter(`Invalid parameter: Attributes Reason: Invalid attribute name: ${k}`);
    attributes.set(k, checkAttribute(k, v, fifo, 'Invalid parameter: Attributes Reason: '));
  }
  const tags = readTags(input.Tags);
  const arn = topicArn(ctx.region, ctx.accountId, name);

  const existing = ctx.store.topics.get(arn);
  if (existing) {
    // Idempotent: "if the requester already owns a topic with the specified name, that topic's ARN is
    // returned" (model). The model does not say what happens when the request's attributes or tags
    // differ from the topic's; AWS refuses: "Invalid parameter: Attributes Reason: Topic already exists
    // with different attributes" (AWS's error quoted in MassTransit/MassTransit#3720; tested against AWS
    // in localstack/localstack#13714) and "Invalid parameter: Tags Reason: Topic already exists with
    // different tags" (localstack services/sns/provider.py create_topic). Only what the request names
    // is compared (localstack#13714): omitting an attribute or a tag is no conflict.
    for (const [k, v] of requested) {
      const current = reportedValue(existing, k, ctx.accountId) ?? '';
      const wanted = k === 'FifoTopic' ? v.toLowerCase() : (attributes.get(k) ?? v);
      const same = JSON_VALUED.has(k) ? canonicalJson(current) === canonicalJson(wanted) : current === wanted;
      if (!same) throw invalidParameter('Invalid parameter: Attributes Reason: Topic already exists with different attributes');
    }
    for (const [k, v] of tags) {
      if (existing.tags.get(k) !== v) throw invalidParameter('Invalid parameter: Tags Reason: Topic already exists with different tags');
    }
    return { TopicArn: arn };
  }

  const count = [...ctx.store.topics.values()].filter((t) => t.fifo === fifo).length;
  if (count >= (fifo ? MAX_FIFO_TOPICS : MAX_STANDARD_TOPICS)) {
    throw topicLimitExceeded(`Topic limit exceeded: at most ${fifo ? MAX_FIFO_TOPICS : MAX_STANDARD_TOPICS} ${fifo ? 'FIFO' : 'standard'} topics`);
  }
  const topic: Topic = { arn, name, fifo, attributes, tags: new Map(), subscriptionsDeleted: 0 };
  applyTags(topic, tags);
  ctx.store.topics.set(arn, topic);
  return { TopicArn: arn };
}

/** "Deletes a topic and all its subscriptions … deleting a topic that does not exist does not result in an error" (model). */
function deleteTopic(input: { readonly TopicArn: string }, ctx: SnsContext): undefined {
  const topic = findTopic(ctx, input.TopicArn);
  if (topic) {
    ctx.store.topics.delete(topic.arn);
    for (const s of ctx.store.subscriptionsOf(topic.arn)) ctx.store.subscriptions.delete(s.arn);
  }
  return undefined;
}

function listTopics(input: { readonly NextToken?: string }, ctx: SnsContext): object {
  const { items, nextToken } = pageByArn(TOPIC_TOKENS, ctx.store.topics.values(), input.NextToken, ctx.region);
  return { Topics: items.map((t) => ({ TopicArn: t.arn })), NextToken: nextToken };
}

function getTopicAttributes(input: { readonly TopicArn: string }, ctx: SnsContext): object {
  const parsed = parseTopicArn(input.TopicArn, 'TopicArn');
  // Another account's topic: not ours to read (the default topic policy grants only its owner).
  if (parsed.region === ctx.region && parsed.account !== ctx.accountId) throw authorizationError('GetTopicAttributes', input.TopicArn);
  const topic = requireTopic(ctx, input.TopicArn);
  const subscriptions = ctx.store.subscriptionsOf(topic.arn);
  const attributes = new Map<string, string>(topic.attributes);
  attributes.set('TopicArn', topic.arn);
  attributes.set('Owner', ctx.accountId);
  attributes.set('Policy', reportedValue(topic, 'Policy', ctx.accountId) as string);
  attributes.set('DisplayName', reportedValue(topic, 'DisplayName', ctx.accountId) as string);
  attributes.set('SubscriptionsConfirmed', String(subscriptions.filter((s) => !s.pending).length));
  attributes.set('SubscriptionsPending', String(subscriptions.filter((s) => s.pending).length));
  attributes.set('SubscriptionsDeleted', String(topic.subscriptionsDeleted));
  attributes.set('EffectiveDeliveryPolicy', effectiveDeliveryPolicy(topic));
  // An emptied policy was removed: report it absent, as before it was set.
  for (const k of ['DeliveryPolicy', 'ArchivePolicy']) if (attributes.get(k) === '') attributes.delete(k);
  if (topic.fifo) {
    attributes.set('FifoTopic', 'true');
    attributes.set('ContentBasedDeduplication', reportedValue(topic, 'ContentBasedDeduplication', ctx.accountId) as string);
  }
  return { Attributes: Object.fromEntries([...attributes].sort((a, b) => (a[0] < b[0] ? -1 : 1))) };
}

interface SetAttributeInput {
  readonly AttributeName: string;
  readonly AttributeValue?: string;
}

function setTopicAttributes(input: SetAttributeInput & { readonly TopicArn: string }, ctx: SnsContext): undefined {
  const topic = requireTopic(ctx, input.TopicArn);
  const name = input.AttributeName;
  // FifoTopic is fixed at creation; anything outside the documented list is refused (moto accepts
  // anything here; localstack's AWS-validated tests record "Invalid parameter: AttributeName").
  if (!SETTABLE.has(name)) throw invalidParameter('Invalid parameter: AttributeName');
  const value = checkAttribute(name, input.AttributeValue ?? '', topic.fifo, 'Invalid parameter: ');
  topic.attributes.set(name, value);
  return undefined;
}

export const topicOperations = [
  operation<CreateTopicInput>({
    name: 'CreateTopic',
    input: structure({ Name: Text, Attributes, Tags }, ['Name']),
    run: createTopic,
  }),
  operation<{ readonly TopicArn: string }>({ name: 'DeleteTopic', input: structure({ TopicArn: Text }, ['TopicArn']), run: deleteTopic }),
  operation<{ readonly NextToken?: string }>({ name: 'ListTopics', input: structure({ NextToken: Text }), run: listTopics }),
  operation<{ readonly TopicArn: string }>({
    name: 'GetTopicAttributes',
    input: structure({ TopicArn: Text }, ['TopicArn']),
    output: AttributesOutput,
    run: getTopicAttributes,
  }),
  operation<SetAttributeInput & { readonly TopicArn: string }>({
    name: 'SetTopicAttributes',
    input: structure({ TopicArn: Text, AttributeName: Text, AttributeValue: Text }, ['TopicArn', 'AttributeName']),
    run: setTopicAttributes,
  }),
];
