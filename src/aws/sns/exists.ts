/**
 * Whether an SNS topic the file names by ARN, and does not declare, exists (plan/preflight.ts;
 * docs/aws-behaviour.md, "Plan-time checks"): one GetTopicAttributes per such ARN, through the run's
 * paced client.
 *
 * - `missing`: NotFound (SNS API reference, GetTopicAttributes errors). The plan refuses it.
 * - `unknown`: the caller may not read the topic (AuthorizationError: a topic of another account whose
 *   policy grants SES or CloudWatch, not this role, the right to read it; AccessDenied), or SNS will not
 *   look it up from this Region (InvalidParameter, which SNS answers for an ARN of another Region, as
 *   localstack's AWS-validated tests record). Publishing may still work, so this is a warning, not a refusal.
 * - Any other failure is the run's failure (exit 1), as any read's.
 */
import { GetTopicAttributesCommand, type SNSClient } from '@aws-sdk/client-sns';
import { AwsCallError } from '../../errors.js';
import type { CallCount } from '../call-count.js';

export type TopicExistence = { readonly state: 'exists' } | { readonly state: 'missing' } | { readonly state: 'unknown'; readonly code: string };

const MISSING = ['NotFound', 'NotFoundException'];
const UNREADABLE = ['AuthorizationError', 'AuthorizationErrorException', 'AccessDenied', 'AccessDeniedException', 'InvalidParameter', 'InvalidParameterException'];

export async function topicExistence(sns: SNSClient, arn: string, calls: CallCount): Promise<TopicExistence> {
  try {
    await calls.call('GetTopicAttributes', () => sns.send(new GetTopicAttributesCommand({ TopicArn: arn })));
    return { state: 'exists' };
  } catch (err) {
    if (err instanceof AwsCallError && MISSING.includes(err.code)) return { state: 'missing' };
    if (err instanceof AwsCallError && UNREADABLE.includes(err.code)) return { state: 'unknown', code: err.code };
    throw err;
  }
}
