/**
 * SnsStepRunner: each SNS Step (model/step.ts) becomes one SNS command; Unsubscribe first finds the
 * subscription's ARN (the step names protocol and endpoint, the API wants the ARN). Steps name topics;
 * the TopicArn is built from the Region and the account (model/arn.ts topicArn). Failures become
 * AwsCallError with the API's own operation name (SetTopicAttributes, TagResource, not
 * SetTopicDisplayName / TagTopic), after the pacing middleware's retries (aws/pacing/).
 *
 *   CreateTopic          CreateTopic {Name, Attributes {DisplayName (when not ''), Policy}, Tags (when any)}.
 *                        Subscriptions are NOT made here: the planner emits one Subscribe step each.
 *   SetTopicDisplayName  SetTopicAttributes DisplayName ('' clears it)
 *   SetTopicPolicy       SetTopicAttributes Policy = topicPolicyDocument(policy): the whole document
 *   TagTopic/UntagTopic  TagResource / UntagResource
 *   Subscribe            Subscribe {ReturnSubscriptionArn: true, Attributes only where not SNS's default}.
 *                        The endpoint's `${env:NAME}` password is resolved here, at the call, by the
 *                        injected `resolveEndpoint` (model/endpoint.ts): the secret exists only in the
 *                        SDK command, never in the step, the plan or the plan file. A password that is
 *                        the mask `****` (a literal one a plan file could not keep) is refused.
 *                        An email/http(s) subscription stays pending until its owner confirms: that is
 *                        success here (docs/architecture.md, "The file format": pending is not a change).
 *   Unsubscribe          ListSubscriptionsByTopic (every page) to find protocol+endpoint (passwords
 *                        compared masked, as SNS lists them), then
 *                        Unsubscribe {SubscriptionArn}. Nothing to find: success (already gone). Found
 *                        only pending: success WITHOUT a call — a pending subscription has no ARN and
 *                        the API cannot remove it; SNS deletes unconfirmed subscriptions itself after a
 *                        few days (SNS Developer Guide, deleting subscriptions; not re-verified here).
 *   DeleteTopic          DeleteTopic (SNS deletes the subscriptions with it; a topic already gone is no error)
 */
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  ListSubscriptionsByTopicCommand,
  SetTopicAttributesCommand,
  SubscribeCommand,
  TagResourceCommand,
  UnsubscribeCommand,
  UntagResourceCommand,
  type SNSClient,
} from '@aws-sdk/client-sns';
import { topicArn } from '../../model/arn.js';
import { hasLiteralPassword, maskEndpoint } from '../../model/endpoint.js';
import { UsageError } from '../../errors.js';
import { assertNever } from '../../model/canonical.js';
import { AWS_OPERATION, type SnsStep } from '../../model/step.js';
import { callFailure } from '../errors.js';
import { isPendingArn, subscribeAttributes, tagsToAws } from './mapping.js';
import { topicPolicyDocument } from './policy.js';

/** Runs the SNS steps; apply/router.ts sends each step to its service's runner. */
export class SnsStepRunner {
  /** `account`: the 12-digit account id (aws/account.ts lookupAccount). */
  constructor(
    private readonly sns: SNSClient,
    private readonly region: string,
    private readonly account: string,
    /** The endpoint to send for a step's: `${env:NAME}` passwords resolved (cli/adapters.ts passes the environment's). */
    private readonly resolveEndpoint: (endpoint: string) => string = (e) => e,
  ) {}

  async run(step: SnsStep): Promise<void> {
    if (step.op === 'Unsubscribe') return this.unsubscribe(step.topic, step.protocol, step.endpoint);
    const [operation, send] = this.command(step);
    await this.call(operation, send);
  }

  private async call<T>(operation: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (err) {
      throw callFailure(err, 'sns', operation);
    }
  }

  private arnOf(name: string): string {
    return topicArn(this.region, this.account, name);
  }

  private async unsubscribe(topic: string, protocol: string, endpoint: string): Promise<void> {
    const TopicArn = this.arnOf(topic);
    let token: string | undefined;
    const matches: string[] = [];
    do {
      const input = { TopicArn, ...(token ? { NextToken: token } : {}) };
      const page = await this.call('ListSubscriptionsByTopic', () => this.sns.send(new ListSubscriptionsByTopicCommand(input)));
      for (const s of page.Subscriptions ?? []) {
        if (s.Protocol === protocol && maskEndpoint(s.Endpoint ?? '') === maskEndpoint(endpoint) && !isPendingArn(s.SubscriptionArn)) matches.push(s.SubscriptionArn as string);
      }
      token = page.NextToken || undefined;
    } while (token !== undefined);
    // SNS keeps one subscription per protocol+endpoint on a topic; more than one would all be removed.
    for (const SubscriptionArn of matches) await this.call('Unsubscribe', () => this.sns.send(new UnsubscribeCommand({ SubscriptionArn })));
  }

  /** The API operation and the one call that makes the step. */
  private command(step: Exclude<SnsStep, { op: 'Unsubscribe' }>): [string, () => Promise<unknown>] {
    const sns = this.sns;
    switch (step.op) {
      case 'CreateTopic': {
        const t = step.topic;
        const Attributes: Record<string, string> = {
          ...(t.displayName !== '' ? { DisplayName: t.displayName } : {}),
          Policy: topicPolicyDocument(t.policy, this.arnOf(t.name), this.account, this.region),
        };
        const tags = tagsToAws(t.tags);
        return [AWS_OPERATION[step.op], () => sns.send(new CreateTopicCommand({ Name: t.name, Attributes, ...(tags.length > 0 ? { Tags: tags } : {}) }))];
      }
      case 'SetTopicDisplayName':
        return [
          AWS_OPERATION[step.op],
          () => sns.send(new SetTopicAttributesCommand({ TopicArn: this.arnOf(step.name), AttributeName: 'DisplayName', AttributeValue: step.displayName })),
        ];
      case 'SetTopicPolicy': {
        const arn = this.arnOf(step.name);
        const AttributeValue = topicPolicyDocument(step.policy, arn, this.account, this.region);
        return [AWS_OPERATION[step.op], () => sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'Policy', AttributeValue }))];
      }
      case 'TagTopic':
        return [AWS_OPERATION[step.op], () => sns.send(new TagResourceCommand({ ResourceArn: this.arnOf(step.name), Tags: tagsToAws(step.tags) }))];
      case 'UntagTopic':
        return [AWS_OPERATION[step.op], () => sns.send(new UntagResourceCommand({ ResourceArn: this.arnOf(step.name), TagKeys: [...step.keys] }))];
      case 'Subscribe': {
        const s = step.subscription;
        const Attributes = subscribeAttributes(s);
        if (hasLiteralPassword(s.endpoint) && maskEndpoint(s.endpoint) === s.endpoint)
          throw new UsageError(`Subscribe ${step.topic} ${s.protocol}:${s.endpoint}: the endpoint's password is masked (a plan file never holds a literal password); write it as \${env:NAME} in the file`);
        const Endpoint = this.resolveEndpoint(s.endpoint);
        return [
          step.op,
          () =>
            sns.send(
              new SubscribeCommand({
                TopicArn: this.arnOf(step.topic),
                Protocol: s.protocol,
                Endpoint,
                ReturnSubscriptionArn: true,
                ...(Attributes !== undefined ? { Attributes } : {}),
              }),
            ),
        ];
      }
      case 'DeleteTopic':
        return [AWS_OPERATION[step.op], () => sns.send(new DeleteTopicCommand({ TopicArn: this.arnOf(step.name) }))];
      default:
        return assertNever(step);
    }
  }
}
