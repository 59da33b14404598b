/**
 * SesV2StepRunner: each Step (model/step.ts) becomes exactly one SESv2 command. Steps name resources;
 * the ARNs the API wants (tag calls, SNS topics of the file) are built here from the Region and the
 * account, which is why the constructor takes both. Failures become AwsCallError with the API's own
 * operation name (TagResource, not TagConfigurationSet), after the pacing middleware's retries (aws/pacing/).
 */
import {
  CreateConfigurationSetCommand,
  CreateConfigurationSetEventDestinationCommand,
  DeleteConfigurationSetCommand,
  DeleteConfigurationSetEventDestinationCommand,
  PutConfigurationSetArchivingOptionsCommand,
  PutConfigurationSetDeliveryOptionsCommand,
  PutConfigurationSetReputationOptionsCommand,
  PutConfigurationSetSendingOptionsCommand,
  PutConfigurationSetSuppressionOptionsCommand,
  PutConfigurationSetTrackingOptionsCommand,
  PutConfigurationSetVdmOptionsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateConfigurationSetCommand,
  UpdateConfigurationSetEventDestinationCommand,
  type SESv2Client,
} from '@aws-sdk/client-sesv2';
import { assertNever } from '../../model/canonical.js';
import type { TopicRef } from '../../model/resources.js';
import { AWS_OPERATION, isTenantStep, type SesV2Step, type TenantStep } from '../../model/step.js';
import { SesV2TenantRunner } from './tenants.js';
import { configurationSetArn, topicArn } from '../../model/arn.js';
import { callFailure } from '../errors.js';
import {
  archivingOptionsInput,
  createConfigurationSetInput,
  deliveryOptionsInput,
  eventDestinationDefinition,
  messageSecurityInput,
  reputationOptionsInput,
  sendingOptionsInput,
  suppressionOptionsInput,
  tagsToAws,
  trackingOptionsInput,
  vdmOptionsInput,
} from './mapping.js';

/** Runs the SESv2 steps; apply/router.ts sends each step to its service's runner. */
export class SesV2StepRunner {
  /** `account`: the 12-digit account id (aws/account.ts lookupAccount). */
  constructor(
    private readonly ses: SESv2Client,
    private readonly region: string,
    private readonly account: string,
    /** Tenant ARNs the live read saw (aws/sesv2/tenants.ts). */
    tenantArns: ReadonlyMap<string, string> = new Map(),
  ) {
    this.tenants = new SesV2TenantRunner(ses, region, account, tenantArns);
  }

  private readonly tenants: SesV2TenantRunner;

  async run(step: SesV2Step): Promise<void> {
    if (isTenantStep(step)) return this.tenants.run(step);
    const [operation, send] = this.command(step);
    try {
      await send();
    } catch (err) {
      throw callFailure(err, 'sesv2', operation);
    }
  }

  private readonly topicArnOf = (ref: TopicRef): string => ('arn' in ref ? ref.arn : topicArn(this.region, this.account, ref.topic));

  private setArn(name: string): string {
    return configurationSetArn(this.region, this.account, name);
  }

  /** The API operation and the one call that makes the step. */
  private command(step: Exclude<SesV2Step, TenantStep>): [string, () => Promise<unknown>] {
    const ses = this.ses;
    switch (step.op) {
      case 'CreateConfigurationSet':
        return [AWS_OPERATION[step.op], () => ses.send(new CreateConfigurationSetCommand(createConfigurationSetInput(step.set)))];
      case 'DeleteConfigurationSet':
        return [AWS_OPERATION[step.op], () => ses.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: step.name }))];
      case 'PutConfigurationSetDeliveryOptions':
        return [AWS_OPERATION[step.op], () => ses.send(new PutConfigurationSetDeliveryOptionsCommand(deliveryOptionsInput(step.name, step.delivery)))];
      case 'PutConfigurationSetReputationOptions':
        return [AWS_OPERATION[step.op], () => ses.send(new PutConfigurationSetReputationOptionsCommand(reputationOptionsInput(step.name, step.reputationMetricsEnabled)))];
      case 'PutConfigurationSetSendingOptions':
        return [AWS_OPERATION[step.op], () => ses.send(new PutConfigurationSetSendingOptionsCommand(sendingOptionsInput(step.name, step.sendingEnabled)))];
      case 'PutConfigurationSetSuppressionOptions':
        return [AWS_OPERATION[step.op], () => ses.send(new PutConfigurationSetSuppressionOptionsCommand(suppressionOptionsInput(step.name, step.suppression)))];
      case 'PutConfigurationSetTrackingOptions':
        return [AWS_OPERATION[step.op], () => ses.send(new PutConfigurationSetTrackingOptionsCommand(trackingOptionsInput(step.name, step.tracking)))];
      case 'PutConfigurationSetVdmOptions':
        return [AWS_OPERATION[step.op], () => ses.send(new PutConfigurationSetVdmOptionsCommand(vdmOptionsInput(step.name, step.vdm)))];
      case 'PutConfigurationSetArchivingOptions':
        return [AWS_OPERATION[step.op], () => ses.send(new PutConfigurationSetArchivingOptionsCommand(archivingOptionsInput(step.name, step.archiveArn)))];
      case 'UpdateConfigurationSetMessageSecurity':
        return [AWS_OPERATION[step.op], () => ses.send(new UpdateConfigurationSetCommand(messageSecurityInput(step.name, step.messageSecurity)))];
      case 'TagConfigurationSet':
        return [AWS_OPERATION[step.op], () => ses.send(new TagResourceCommand({ ResourceArn: this.setArn(step.name), Tags: tagsToAws(step.tags) }))];
      case 'UntagConfigurationSet':
        return [AWS_OPERATION[step.op], () => ses.send(new UntagResourceCommand({ ResourceArn: this.setArn(step.name), TagKeys: [...step.keys] }))];
      case 'CreateConfigurationSetEventDestination':
        return [
          step.op,
          () =>
            ses.send(
              new CreateConfigurationSetEventDestinationCommand({
                ConfigurationSetName: step.destination.configurationSet,
                EventDestinationName: step.destination.name,
                EventDestination: eventDestinationDefinition(step.destination, this.topicArnOf),
              }),
            ),
        ];
      case 'UpdateConfigurationSetEventDestination':
        return [
          step.op,
          () =>
            ses.send(
              new UpdateConfigurationSetEventDestinationCommand({
                ConfigurationSetName: step.destination.configurationSet,
                EventDestinationName: step.destination.name,
                EventDestination: eventDestinationDefinition(step.destination, this.topicArnOf),
              }),
            ),
        ];
      case 'DeleteConfigurationSetEventDestination':
        return [
          step.op,
          () => ses.send(new DeleteConfigurationSetEventDestinationCommand({ ConfigurationSetName: step.configurationSet, EventDestinationName: step.name })),
        ];
      default:
        return assertNever(step);
    }
  }
}
