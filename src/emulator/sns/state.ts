/**
 * What the SNS emulator remembers. SNS resources are regional (an ARN names its region, and a client
 * of another region does not see them), so state is one `RegionState` per region, chosen by the
 * request's SigV4 region (EmulatorRequest.region).
 */
import { parseTopicArn } from './arn.js';
import type { SnsContext } from './context.js';
import { invalidParameter, notFound } from './errors.js';

export interface Topic {
  readonly arn: string;
  readonly name: string;
  readonly fifo: boolean;
  /** Attributes set by CreateTopic or SetTopicAttributes; defaults are filled in when read. */
  readonly attributes: Map<string, string>;
  readonly tags: Map<string, string>;
  /** For the SubscriptionsDeleted attribute. */
  subscriptionsDeleted: number;
}

export interface Subscription {
  readonly arn: string;
  readonly topicArn: string;
  readonly protocol: string;
  readonly endpoint: string;
  readonly owner: string;
  /** Until ConfirmSubscription (or the admin hook) confirms it. */
  pending: boolean;
  confirmationWasAuthenticated: boolean;
  /** What ConfirmSubscription takes; AWS sends it to the endpoint. */
  readonly token: string;
  /** Attributes set by Subscribe or SetSubscriptionAttributes; defaults are filled in when read. */
  readonly attributes: Map<string, string>;
}

/**
 * A notification another service published to a topic of this Region (messages.ts). The emulator
 * delivers nothing; it keeps what it would deliver, and to which confirmed subscriptions.
 */
export interface PublishedMessage {
  readonly MessageId: string;
  readonly TopicArn: string;
  readonly Subject?: string;
  readonly Message: string;
  /** The emulator clock's time of publication, ISO 8601. */
  readonly Timestamp: string;
  /** The service principal that published it, e.g. `ses.amazonaws.com`. */
  readonly Publisher: string;
  /** The confirmed subscriptions SNS would deliver it to, by ARN. */
  readonly DeliveredTo: readonly string[];
}

export class RegionState {
  readonly topics = new Map<string, Topic>();
  readonly subscriptions = new Map<string, Subscription>();
  /** What was published to this Region's topics, oldest first (the last MAX_MESSAGES). */
  readonly messages: PublishedMessage[] = [];

  subscriptionsOf(topicArn: string): Subscription[] {
    return [...this.subscriptions.values()].filter((s) => s.topicArn === topicArn);
  }
}

export interface SnsSettings {
  /** Confirm email/email-json/http/https subscriptions at once, as if the endpoint owner had. @default false */
  autoConfirm: boolean;
}

export class SnsState {
  private readonly regions = new Map<string, RegionState>();
  private sequence = 0;
  readonly settings: SnsSettings = { autoConfirm: false };

  region(name: string): RegionState {
    let r = this.regions.get(name);
    if (!r) {
      r = new RegionState();
      this.regions.set(name, r);
    }
    return r;
  }

  /** A region's state if it has any, without creating it. */
  peek(name: string): RegionState | undefined {
    return this.regions.get(name);
  }

  allRegions(): Iterable<[string, RegionState]> {
    return this.regions.entries();
  }

  /** A counter for ids that must differ between otherwise identical creations. */
  next(): number {
    this.sequence += 1;
    return this.sequence;
  }

  reset(): void {
    this.regions.clear();
    this.sequence = 0;
    this.settings.autoConfirm = false;
  }
}


/**
 * The topic a request names, or undefined when there is none. An ARN of another region is
 * InvalidParameter "Invalid parameter: TopicArn", not NotFound: SNS serves only its own region's topics
 * (recorded by localstack's AWS-validated SNS tests, services/sns/v2/provider.py `_get_topic`).
 */
export function findTopic(ctx: SnsContext, arn: string, param = 'TopicArn'): Topic | undefined {
  const parsed = parseTopicArn(arn, param);
  if (parsed.region !== ctx.region) throw invalidParameter(`Invalid parameter: ${param}`);
  // One emulated account: a topic of any other account does not exist here.
  return parsed.account === ctx.accountId ? ctx.store.topics.get(arn) : undefined;
}

/** The topic a request names; NotFound "Topic does not exist" (AWS's message, as moto and localstack record it). */
export function requireTopic(ctx: SnsContext, arn: string): Topic {
  const topic = findTopic(ctx, arn);
  if (!topic) throw notFound('Topic does not exist');
  return topic;
}
