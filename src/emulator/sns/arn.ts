/**
 * SNS ARNs: topics `arn:{partition}:sns:{region}:{account}:{name}`, subscriptions the topic ARN plus
 * `:{id}` (SNS API Reference, Subscribe / ListSubscriptions samples).
 */
import { partitionOf } from '../core/arn.js';
import { invalidParameter } from './errors.js';

export function topicArn(region: string, accountId: string, name: string): string {
  return `arn:${partitionOf(region)}:sns:${region}:${accountId}:${name}`;
}

export interface ParsedArn {
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** Everything after the account, e.g. `my-topic` or `my-topic:8a21d249-…`. */
  readonly resource: string;
}

/** Any ARN; undefined when it has fewer than 6 colon-separated elements. */
export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !parts[1]) return undefined;
  return { service: parts[2] ?? '', region: parts[3] ?? '', account: parts[4] ?? '', resource: parts.slice(5).join(':') };
}

/**
 * A topic ARN named by parameter `param` (TopicArn, ResourceArn). A malformed one is InvalidParameter,
 * worded as AWS words it ("Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements,
 * not 1", recorded by localstack's AWS-validated SNS tests, services/sns/v2/utils.py).
 */
export function parseTopicArn(arn: string, param: string): ParsedArn & { readonly name: string } {
  const parsed = parseArn(arn);
  if (!parsed) throw invalidParameter(`Invalid parameter: ${param} Reason: An ARN must have at least 6 elements, not ${arn.split(':').length}`);
  if (parsed.service !== 'sns' || parsed.resource.includes(':') || parsed.resource === '') throw invalidParameter(`Invalid parameter: ${param}`);
  return { ...parsed, name: parsed.resource };
}
