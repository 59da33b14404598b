/**
 * SnsTopicReader: the file's and the stack's SNS topics, with subscriptions, policy and tags, as
 * canonical State.
 *
 * Which topics, by `--discovery` (docs/architecture.md, "Commands and exit codes", "Ownership and deletes"):
 *   tags (default; `scope.discovered` given): the file's names and the tag index's hits for the stack,
 *     minus `scope.unchanged` (`--refresh changed`). No ListTopics: a topic's ARN follows from its name,
 *     the Region and the account (model/arn.ts), and GetTopicAttributes answering NotFound says it does
 *     not exist (or that an index hit was deleted since).
 *   scan (`scope.discovered` absent): ListTopics, page by page (SNS answers up to 100 topics a page and
 *     takes no page size) until NextToken is absent; only the names the file has are kept. ListTopics has
 *     no tags, so an owned topic the file no longer names is not found in this mode.
 * Then, for each topic: GetTopicAttributes (DisplayName, Policy), ListSubscriptionsByTopic (every page,
 * 100 a page), GetSubscriptionAttributes for each CONFIRMED subscription (RawMessageDelivery,
 * FilterPolicy, SubscriptionRoleArn), and ListTagsForResource unless `scope.trustedTags` has the topic's
 * tags (the index's, where they are what the file wants). The topics are read in a pool (default 4 at
 * once), each topic's calls one after another.
 *
 * Cost per topic t with S_t subscriptions of which C_t are confirmed:
 *   1 GetTopicAttributes + max(1, ceil(S_t / 100)) ListSubscriptionsByTopic + C_t GetSubscriptionAttributes
 *   + 1 ListTagsForResource (0 when trusted); scan adds max(1, ceil(N / 100)) ListTopics for N topics in
 *   the Region, tags adds nothing.
 *
 * Pending subscriptions (docs/architecture.md, "The file format": a subscription pending confirmation is not a change): SNS lists them
 * with SubscriptionArn `PendingConfirmation`. They ARE subscriptions (protocol + endpoint are in the
 * state, so the plan does not subscribe them again), and they are also reported in `pending` as
 * `<topic> <protocol>:<endpoint>` so plan and apply reports can say so. Their attributes cannot be read
 * (no ARN), so they read as rawMessageDelivery false, no filter policy, no role: the planner should
 * compare a pending subscription by protocol and endpoint only.
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
import type { LiveRead, LiveReader, NamedScope } from '../../live/port.js';
import { topicArn } from '../../model/arn.js';
import type { Subscription, Tags, Topic } from '../../model/resources.js';
import { maskEndpoint } from '../../model/endpoint.js';
import { stateOf } from '../../model/state.js';
import { CallCount } from '../call-count.js';
import { mapPool } from '../pool.js';
import { isPendingArn, subscriptionFromAws, tagsToAws, topicFromAws, topicNameOf } from './mapping.js';

export interface SnsTopicRead extends LiveRead {
  /** Subscriptions pending confirmation, as `<topic> <protocol>:<endpoint>`, sorted. */
  readonly pending: readonly string[];
  /** Topic name -> the TopicArn ListTopics reported. */
  readonly arns: ReadonlyMap<string, string>;
}

export interface SnsTopicReaderOptions {
  /** Topics read at once. @default 4 */
  readonly concurrency?: number;
  /**
   * Where the topics are, so a topic of the file has an ARN without a listing (`--discovery tags`).
   * @default none: only `--discovery scan` (ListTopics) reads
   */
  readonly at?: { readonly region: string; readonly accountId: string };
}

/** SNS's NotFound (query code `NotFound`, SDK name NotFoundException) and the tag calls' ResourceNotFound. */
function isNotFound(err: unknown): boolean {
  return err instanceof AwsCallError && ['NotFound', 'NotFoundException', 'ResourceNotFound', 'ResourceNotFoundException'].includes(err.code);
}

export class SnsTopicReader implements LiveReader<NamedScope> {
  private readonly concurrency: number;
  private readonly at: SnsTopicReaderOptions['at'];

  constructor(
    private readonly sns: SNSClient,
    options: SnsTopicReaderOptions = {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.at = options.at;
  }

  async read(scope: NamedScope): Promise<SnsTopicRead> {
    const calls = new CallCount('sns');
    const arns = scope.discovered !== undefined ? this.byName(scope, scope.discovered) : await this.listByName(scope, calls);
    const read = await mapPool([...arns.values()].sort(), this.concurrency, (arn) => this.topic(arn, scope.trustedTags?.get(topicNameOf(arn)), calls));
    const found = read.filter((r): r is { topic: Topic; pending: string[] } => r !== undefined);
    const pending = found.flatMap((r) => r.pending).sort();
    const foundArns = new Map([...arns].filter(([name]) => found.some((r) => r.topic.name === name)));
    return { state: stateOf(found.map((r) => r.topic)), calls: calls.snapshot(), pending, arns: foundArns };
  }

  /** The file's topics and the index's, by name -> ARN, minus the unchanged ones (tags). */
  private byName(scope: NamedScope, discovered: ReadonlyMap<string, string>): Map<string, string> {
    const arns = new Map(discovered);
    for (const name of scope.names) {
      if (arns.has(name)) continue;
      if (!this.at) throw new Error(`SnsTopicReader: no ARN for topic ${name} (the reader was built without \`at\`)`);
      arns.set(name, topicArn(this.at.region, this.at.accountId, name));
    }
    for (const name of scope.unchanged ?? []) arns.delete(name);
    return arns;
  }

  /** The file's topics that ListTopics shows, by name -> ARN (scan). */
  private async listByName(scope: NamedScope, calls: CallCount): Promise<Map<string, string>> {
    const arns = new Map<string, string>();
    // Topics are found by the file's names only (ListTopics carries no tags): no names, nothing to list.
    if (scope.names.size === 0) return arns;
    let token: string | undefined;
    do {
      const page = await calls.call('ListTopics', () => this.sns.send(new ListTopicsCommand(token ? { NextToken: token } : {})));
      for (const t of page.Topics ?? []) {
        const arn = t.TopicArn;
        if (arn !== undefined && scope.names.has(topicNameOf(arn))) arns.set(topicNameOf(arn), arn);
      }
      token = page.NextToken || undefined;
    } while (token !== undefined);
    return arns;
  }

  /** One topic; undefined when it does not exist (deleted since it was listed, or never made). */
  private async topic(arn: string, trustedTags: Tags | undefined, calls: CallCount): Promise<{ topic: Topic; pending: string[] } | undefined> {
    try {
      const attrs = await calls.call('GetTopicAttributes', () => this.sns.send(new GetTopicAttributesCommand({ TopicArn: arn })));
      const listed = await this.subscriptionsOf(arn, calls);
      const subscriptions: Subscription[] = [];
      const pending: string[] = [];
      const name = topicNameOf(arn);
      for (const s of listed) {
        if (isPendingArn(s.SubscriptionArn)) {
          subscriptions.push(subscriptionFromAws(s));
          pending.push(`${name} ${s.Protocol ?? ''}:${maskEndpoint(s.Endpoint ?? '')}`);
          continue;
        }
        const sub = await this.confirmed(s, calls);
        if (sub !== undefined) subscriptions.push(sub);
      }
      const tags =
        trustedTags !== undefined
          ? tagsToAws(trustedTags)
          : (await calls.call('ListTagsForResource', () => this.sns.send(new ListTagsForResourceCommand({ ResourceArn: arn })))).Tags;
      return { topic: topicFromAws({ arn, attributes: attrs.Attributes ?? {}, subscriptions, tags }), pending };
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
