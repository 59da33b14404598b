/**
 * The resource each call acts on, as the root that carries its ownership (diff/ownership.ts): a
 * destination's call acts on its set, a subscription's on its topic. Safety checks what the calls do
 * against this, never the change's label (a plan file's rows can say anything).
 */
import { assertNever } from '../model/canonical.js';
import type { ResourceKey } from '../model/key.js';
import type { Step } from '../model/step.js';

export function stepRoot(step: Step): ResourceKey {
  switch (step.op) {
    case 'CreateConfigurationSet':
      return `configurationSet:${step.set.name}`;
    case 'DeleteConfigurationSet':
    case 'PutConfigurationSetDeliveryOptions':
    case 'PutConfigurationSetReputationOptions':
    case 'PutConfigurationSetSendingOptions':
    case 'PutConfigurationSetSuppressionOptions':
    case 'PutConfigurationSetTrackingOptions':
    case 'PutConfigurationSetVdmOptions':
    case 'PutConfigurationSetArchivingOptions':
    case 'UpdateConfigurationSetMessageSecurity':
    case 'TagConfigurationSet':
    case 'UntagConfigurationSet':
      return `configurationSet:${step.name}`;
    case 'CreateConfigurationSetEventDestination':
    case 'UpdateConfigurationSetEventDestination':
      return `configurationSet:${step.destination.configurationSet}`;
    case 'DeleteConfigurationSetEventDestination':
      return `configurationSet:${step.configurationSet}`;
    case 'PutMetricAlarm':
      return `alarm:${step.alarm.name}`;
    case 'DeleteAlarm':
    case 'TagAlarm':
    case 'UntagAlarm':
      return `alarm:${step.name}`;
    case 'CreateTopic':
      return `topic:${step.topic.name}`;
    case 'SetTopicDisplayName':
    case 'SetTopicPolicy':
    case 'TagTopic':
    case 'UntagTopic':
    case 'DeleteTopic':
      return `topic:${step.name}`;
    case 'Subscribe':
    case 'Unsubscribe':
      return `topic:${step.topic}`;
    case 'PutDashboard':
    case 'TagDashboard':
    case 'DeleteDashboard':
      return `dashboard:${step.name}`;
    case 'CreateTenant':
      return `tenant:${step.tenant.name}`;
    case 'DeleteTenant':
    case 'PutTenantSuppressionAttributes':
    case 'UpdateTenantReputationPolicy':
    case 'UpdateTenantSendingStatus':
    case 'AssociateTenantResource':
    case 'DisassociateTenantResource':
    case 'TagTenant':
    case 'UntagTenant':
      return `tenant:${step.name}`;
    default:
      return assertNever(step);
  }
}

/** Calls that delete a resource (docs/architecture.md, "Ownership and deletes"), whatever the change around them is labelled. */
export function isDeleteStep(step: Step): boolean {
  switch (step.op) {
    case 'DeleteConfigurationSet':
    case 'DeleteConfigurationSetEventDestination':
    case 'DeleteAlarm':
    case 'DeleteTopic':
    case 'DeleteDashboard':
    case 'DeleteTenant':
      return true;
    default:
      return false;
  }
}
