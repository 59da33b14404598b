/**
 * CloudWatchStepRunner: each CloudWatch Step (model/step.ts) becomes exactly one CloudWatch command.
 * Steps name alarms; the ARNs the API wants (the tag calls' ResourceARN, the SNS topics of the file) are
 * built here from the Region and the account, or taken from the AlarmArn the reader saw
 * (docs/aws-behaviour.md, "Tagging": prefers AWS's own ARN to a built one). Failures become AwsCallError with
 * the API's own operation name (DeleteAlarms, TagResource, not DeleteAlarm / TagAlarm), after the pacing
 * middleware's retries (aws/pacing/).
 */
import {
  DeleteAlarmsCommand,
  PutMetricAlarmCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type CloudWatchClient,
} from '@aws-sdk/client-cloudwatch';
import { topicArn } from '../../model/arn.js';
import { assertNever } from '../../model/canonical.js';
import type { TopicRef } from '../../model/resources.js';
import { AWS_OPERATION, type CloudWatchStep } from '../../model/step.js';
import { callFailure } from '../errors.js';
import { alarmArn } from '../../model/arn.js';
import { putMetricAlarmInput, tagsToAws } from './mapping.js';

export interface CloudWatchStepRunnerOptions {
  /** Alarm name -> AlarmArn as DescribeAlarms reported it (CloudWatchAlarmReader's `arns`). @default none: ARNs are built */
  readonly alarmArns?: ReadonlyMap<string, string>;
}

/** Runs the CloudWatch steps; apply/router.ts sends each step to its service's runner. */
export class CloudWatchStepRunner {
  /** `account`: the 12-digit account id (aws/account.ts lookupAccount). */
  constructor(
    private readonly cw: CloudWatchClient,
    private readonly region: string,
    private readonly account: string,
    private readonly options: CloudWatchStepRunnerOptions = {},
  ) {}

  async run(step: CloudWatchStep): Promise<void> {
    const [operation, send] = this.command(step);
    try {
      await send();
    } catch (err) {
      throw callFailure(err, 'cloudwatch', operation);
    }
  }

  private readonly topicArnOf = (ref: TopicRef): string => ('arn' in ref ? ref.arn : topicArn(this.region, this.account, ref.topic));

  private arnOf(name: string): string {
    return this.options.alarmArns?.get(name) ?? alarmArn(this.region, this.account, name);
  }

  /** The API operation and the one call that makes the step. */
  private command(step: CloudWatchStep): [string, () => Promise<unknown>] {
    const cw = this.cw;
    switch (step.op) {
      case 'PutMetricAlarm':
        return [AWS_OPERATION[step.op], () => cw.send(new PutMetricAlarmCommand(putMetricAlarmInput(step.alarm, this.topicArnOf)))];
      case 'DeleteAlarm':
        // Unknown names are ignored by DeleteAlarms (docs/aws-behaviour.md, "CloudWatch alarms"): deleting an
        // alarm already gone succeeds.
        return [AWS_OPERATION[step.op], () => cw.send(new DeleteAlarmsCommand({ AlarmNames: [step.name] }))];
      case 'TagAlarm':
        return [AWS_OPERATION[step.op], () => cw.send(new TagResourceCommand({ ResourceARN: this.arnOf(step.name), Tags: tagsToAws(step.tags) }))];
      case 'UntagAlarm':
        return [AWS_OPERATION[step.op], () => cw.send(new UntagResourceCommand({ ResourceARN: this.arnOf(step.name), TagKeys: [...step.keys] }))];
      default:
        return assertNever(step);
    }
  }
}
