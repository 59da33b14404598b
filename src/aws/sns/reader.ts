/**
 * SnsTopicReader: the file's SNS topics, with subscriptions, policy and tags, as canonical State.
 *
 * Premise: ListTopics answers ARNs only (no tags, no attributes, no filter), so the reader finds topics by
 * name, which the file controls:
 *   1. ListTopics, page by page (SNS answers up to 100 topics a page and takes no page size) until
 *      NextToken is absent; a topic's name is the last segment of its ARN. Only the names the file has
 *      are kept.
 *   2. For each topic found: GetTopicAttributes (DisplayName, Policy), ListSubscriptionsByTopic (every
 *      page, 100 a page), GetSubscriptionAttributes for each CONFIRMED subscription (RawMessageDelivery,
 *      FilterPolicy, SubscriptionRoleArn), ListTagsForResource (its tags are part of the model and
 *      STACK_TAG says who owns it; ownership is decided by diff/, not here).
 * The topics are read in a pool (default 4 at once), each topic's calls one after another.
 *
 * Cost for N topics in the Region, T of them the file's, S_t subscriptions and C_t confirmed ones on topic t:
 *   max(1, ceil(N / 100)) ListTopics + Σ_t (2 + max(1, ceil(S_t / 100)) + C_t) calls, i.e. per topic
 *   1 GetTopicAttributes + max(1, ceil(S_t / 100)) ListSubscriptionsByTopic + C_t
 *   GetSubscriptionAttributes + 1 ListTagsForResource.
 *
 * Pending subscriptions (SPEC 3, "a subscription pending confirmation is not a change"): SNS lists them
 * with SubscriptionArn `PendingConfirmation`. They ARE subscriptions (protocol + endpoint are in the
 * state, so the plan does not subscribe them again), and they are also reported in `pending` as
 * `<topic> <protocol>:<endpoint>` so plan and apply reports can say so. Their attributes cannot be read
 * (no ARN), so they read as rawMessageDelivery false, no filter policy, no role: the planner should
 * compare a pending subscription by protocol and endpoint only.
 *
 * Known blind spot, on purpose (the same as free-form alarms, cloudwatch/reader.ts): a topic tagged with
 * this stack that the file no longer names is NOT found, so it is not deleted. ListTopics has no tags and
 * topics have no naming rule to list by prefix; finding it would take one ListTagsForResource per topic
 * of the account. `scope.stack` is accepted for symmetry with the other readers and is unused.
 *
 * A topic deleted between the listing and its reads (NotFound) is left out: the state is what exists. A
 * subscription removed between ListSubscriptionsByTopic and GetSubscriptionAttributes is left out too.
 */
import {
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
  type SNSClient,
  type Subscription as AwsSubscription,
} from '@aws-sdk/client-sns';
import { AwsCallError } from '../../errors.js';
import type { Subscription, Topic } from '../../model/resources.js';
import { stateOf, type State } from '../../model/state.js';
import { CallCount } from '../call-count.js';
import { mapPool } from '../pool.js';
import { isPendingArn, subscriptionFromAws, topicFromAws, topicNameOf } from './mapping.js';

export interface TopicReadScope {
  readonly stack: string;
  /** The topic names the file has. */
  readonly topicNames: ReadonlySet<string>;
}

export interface SnsTopicRead {
  /** The file's topics that exist, each with its subscriptions, policy and tags. */
  readonly state: State;
  /** API calls made, by `sns:Operation`: one per command sent (the SDK's own retries are not counted). */
  readonly calls: Record<string, number>;
  /** Subscriptions pending confirmation, as `<topic> <protocol>:<endpoint>`, sorted. */
  readonly pending: readonly string[];
  /** Topic name -> the TopicArn ListTopics reported. */
  readonly arns: ReadonlyMap<string, string>;
}

export interface SnsTopicReaderOptions {
  /** Topics read at once. @default 4 */
  readonly concurrency?: number;
}

/** SNS's NotFound (query code `NotFound`, SDK name NotFoundException) and the tag calls' ResourceNotFound. */
function isNotFound(err: unknown): boolean {
  return err instanceof AwsCallError && ['NotFound', 'NotFoundException', 'ResourceNotFound', 'ResourceNotFoundException'].includes(err.code);
}

export class SnsTopicReader {
  private readonly concurrency: number;

  constructor(
    private readonly sns: SNSClient,
    options: SnsTopicReaderOptions = {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
  }

  async read(scope: TopicReadScope): Promise<SnsTopicRead> {
    const calls = new CallCount('sns');
    const arns = new Map<string, string>();
    // Topics are found by the file's names only (ListTopics carries no tags): no names, nothing to list.
    if (scope.topicNames.size === 0) return { state: new Map(), calls: calls.snapshot(), pending: [], arns };
    let token: string | undefined;
    do {
      const page = await calls.call('ListTopics', () => this.sns.send(new ListTopicsCommand(token ? { NextToken: token } : {})));
      for (const t of page.Topics ?? []) {
        const arn = t.TopicArn;
        if (arn !== undefined && scope.topicNames.has(topicNameOf(arn))) arns.set(topicNameOf(arn), arn);
      }
      token = page.NextToken || undefined;
    } while (token !== undefined);

    const read = await mapPool([...arns.values()], this.concurrency, (arn) => this.topic(arn, calls));
    const found = read.filter((r): r is { topic: Topic; pending: string[] } => r !== undefined);
    const pending = found.flatMap((r) => r.pending).sort();
    const foundArns = new Map([...arns].filter(([name]) => found.some((r) => r.topic.name === name)));
    return { state: stateOf(found.map((r) => r.topic)), calls: calls.snapshot(), pending, arns: foundArns };
  }

  /** One topic; undefined when it was deleted since it was listed. */
  private async topic(arn: string, calls: CallCount): Promise<{ topic: Topic; pending: string[] } | undefined> {
    try {
      const attrs = await calls.call('GetTopicAttributes', () => this.sns.send(new GetTopicAttributesCommand({ TopicArn: arn })));
      const listed = await this.subscriptionsOf(arn, calls);
      const subscriptions: Subscription[] = [];
      const pending: string[] = [];
      const name = topicNameOf(arn);
      for (const s of listed) {
        if (isPendingArn(s.SubscriptionArn)) {
          subscriptions.push(subscriptionFromAws(s));
          pending.push(`${name} ${s.Protocol ?? ''}:${s.Endpoint ?? ''}`);
          continue;
        }
        const sub = await this.confirmed(s, calls);
        if (sub !== undefined) subscriptions.push(sub);
      }
      const tags = await calls.call('ListTagsForResource', () => this.sns.send(new ListTagsForResourceCommand({ ResourceArn: arn })));
      return { topic: topicFromAws({ arn, attributes: attrs.Attributes ?? {}, subscriptions, tags: tags.Tags }), pending };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  private async subscriptionsOf(arn: string, calls: CallCount): Promise<AwsSubscription[]> {
    const out: AwsSubscription[] = [];
    let token: string | undefined;
    do {
      const input = { TopicArn: arn, ...(token ? { NextToken: token } : {}) };
      const page = await calls.call('ListSubscriptionsByTopic', () => this.sns.send(new ListSubscriptionsByTopicCommand(input)));
      out.push(...(page.Subscriptions ?? []));
      token = page.NextToken || undefined;
    } while (token !== undefined);
    return out;
  }

  private async confirmed(s: AwsSubscription, calls: CallCount): Promise<Subscription | undefined> {
    const arn = s.SubscriptionArn as string;
    try {
      const out = await calls.call('GetSubscriptionAttributes', () => this.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arn })));
      return subscriptionFromAws(s, out.Attributes ?? {});
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }
}
