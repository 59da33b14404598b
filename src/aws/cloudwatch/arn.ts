/**
 * The alarm ARN the CloudWatch tag calls take (aws-facts 4.4):
 * `arn:{partition}:cloudwatch:{region}:{account}:alarm:{name}` — a `:` before the name, not a `/`.
 * Kept here, not in model/arn.ts, because only this adapter needs it (model/ is the lead's; move it there
 * beside configurationSetArn if the planner ever compares alarm ARNs). aws-facts 4.4 prefers the
 * AlarmArn DescribeAlarms reports; the reader hands those over and the step runner uses them when known.
 */
import { partitionOf } from '../../model/arn.js';

export function alarmArn(region: string, account: string, name: string): string {
  return `arn:${partitionOf(region)}:cloudwatch:${region}:${account}:alarm:${name}`;
}
