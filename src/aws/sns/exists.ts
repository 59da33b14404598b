/**
 * Whether an SNS topic the file names by ARN, and does not declare, exists (plan/preflight.ts):
 * GetTopicAttributes, NotFound meaning it does not. One call per such ARN, through the run's paced client.
 */
import { GetTopicAttributesCommand, type SNSClient } from '@aws-sdk/client-sns';
import { AwsCallError } from '../../errors.js';
import type { CallCount } from '../call-count.js';

export async function topicExists(sns: SNSClient, arn: string, calls: CallCount): Promise<boolean> {
  try {
    await calls.call('GetTopicAttributes', () => sns.send(new GetTopicAttributesCommand({ TopicArn: arn })));
    return true;
  } catch (err) {
    if (err instanceof AwsCallError && ['NotFound', 'NotFoundException'].includes(err.code)) return false;
    throw err;
  }
}
