/**
 * A Step is one AWS API call, as data: the narrowest call that makes one part of a change (docs/architecture.md, "Plans"). The
 * planner chooses steps; an adapter (aws/) turns each into exactly one SDK command. Steps name resources,
 * never ARNs: resolving names and topic references to ARNs needs the account, which only the adapter knows.
 */
import type {
  Alarm,
  ConfigurationSet,
  DeliveryOptions,
  EventDestination,
  MessageSecurityOptions,
  Subscription,
  SuppressionOptions,
  Tags,
  Topic,
  Tenant,
  TenantSuppression,
  TopicPolicy,
  TrackingOptions,
  VdmOptions,
} from './resources.js';
import { maskEndpoint } from './endpoint.js';

export type Step =
  /** Every option group and all tags in one call. */
  | { readonly op: 'CreateConfigurationSet'; readonly set: ConfigurationSet }
  | { readonly op: 'DeleteConfigurationSet'; readonly name: string }
  | { readonly op: 'PutConfigurationSetDeliveryOptions'; readonly name: string; readonly delivery: DeliveryOptions }
  | { readonly op: 'PutConfigurationSetReputationOptions'; readonly name: string; readonly reputationMetricsEnabled: boolean }
  | { readonly op: 'PutConfigurationSetSendingOptions'; readonly name: string; readonly sendingEnabled: boolean }
  /** undefined: back to the account-level settings. */
  | { readonly op: 'PutConfigurationSetSuppressionOptions'; readonly name: string; readonly suppression: SuppressionOptions | undefined }
  /** undefined: no custom redirect domain. */
  | { readonly op: 'PutConfigurationSetTrackingOptions'; readonly name: string; readonly tracking: TrackingOptions | undefined }
  /** undefined: the account's VDM settings. */
  | { readonly op: 'PutConfigurationSetVdmOptions'; readonly name: string; readonly vdm: VdmOptions | undefined }
  /** undefined: no archive. */
  | { readonly op: 'PutConfigurationSetArchivingOptions'; readonly name: string; readonly archiveArn: string | undefined }
  /**
   * UpdateConfigurationSet with MessageSecurityOptions only (a partial update: every other attribute is left
   * unchanged). undefined: DefaultScheme, no S/MIME signing (the call cannot remove the option, only set it).
   */
  | { readonly op: 'UpdateConfigurationSetMessageSecurity'; readonly name: string; readonly messageSecurity: MessageSecurityOptions | undefined }
  | { readonly op: 'TagConfigurationSet'; readonly name: string; readonly tags: Tags }
  | { readonly op: 'UntagConfigurationSet'; readonly name: string; readonly keys: readonly string[] }
  | { readonly op: 'CreateConfigurationSetEventDestination'; readonly destination: EventDestination }
  /**
   * A full replacement: UpdateConfigurationSetEventDestination takes the whole definition
   * (docs/aws-behaviour.md, "Event destinations").
   */
  | { readonly op: 'UpdateConfigurationSetEventDestination'; readonly destination: EventDestination }
  | { readonly op: 'DeleteConfigurationSetEventDestination'; readonly configurationSet: string; readonly name: string }
  /**
   * Creates, or completely overwrites (docs/aws-behaviour.md, "CloudWatch alarms"), one alarm; its tags apply
   * only on create.
   */
  | { readonly op: 'PutMetricAlarm'; readonly alarm: Alarm }
  | { readonly op: 'DeleteAlarm'; readonly name: string }
  | { readonly op: 'TagAlarm'; readonly name: string; readonly tags: Tags }
  | { readonly op: 'UntagAlarm'; readonly name: string; readonly keys: readonly string[] }
  /** DisplayName, the policy the topic needs (TopicPolicy) and tags, in one call. */
  | { readonly op: 'CreateTopic'; readonly topic: Topic }
  | { readonly op: 'SetTopicDisplayName'; readonly name: string; readonly displayName: string }
  /** The whole policy document is rebuilt from TopicPolicy: the file is the whole truth for a managed topic. */
  | { readonly op: 'SetTopicPolicy'; readonly name: string; readonly policy: TopicPolicy }
  | { readonly op: 'TagTopic'; readonly name: string; readonly tags: Tags }
  | { readonly op: 'UntagTopic'; readonly name: string; readonly keys: readonly string[] }
  | { readonly op: 'Subscribe'; readonly topic: string; readonly subscription: Subscription }
  | { readonly op: 'Unsubscribe'; readonly topic: string; readonly protocol: string; readonly endpoint: string }
  | { readonly op: 'DeleteTopic'; readonly name: string }
  /**
   * The whole body (PutDashboard replaces it); tags apply on create only (docs/aws-behaviour.md,
   * "Dashboards").
   */
  | { readonly op: 'PutDashboard'; readonly name: string; readonly body: unknown; readonly tags: Tags }
  /** CloudWatch TagResource on the dashboard's ARN: PutDashboard ignores tags on an update. */
  | { readonly op: 'TagDashboard'; readonly name: string; readonly tags: Tags }
  | { readonly op: 'DeleteDashboard'; readonly name: string }
  /**
   * Tags and suppression attributes ride on the create; the rest of a new tenant (policy, associations,
   * sending status) are calls of their own after it (docs/aws-behaviour.md, "Tenants").
   */
  | { readonly op: 'CreateTenant'; readonly tenant: Tenant }
  /** AWS removes the tenant's associations with it, not the associated resources. */
  | { readonly op: 'DeleteTenant'; readonly name: string }
  | { readonly op: 'PutTenantSuppressionAttributes'; readonly name: string; readonly suppression: TenantSuppression }
  /** UpdateReputationEntityPolicy on the tenant's reputation entity, to AWS's managed policy of that name. */
  | { readonly op: 'UpdateTenantReputationPolicy'; readonly name: string; readonly policy: Tenant['reputationPolicy'] }
  /**
   * UpdateReputationEntityCustomerManagedStatus. REINSTATED resumes a tenant SES paused on a finding
   * (ENABLED would leave SES's pause in force).
   */
  | { readonly op: 'UpdateTenantSendingStatus'; readonly name: string; readonly status: TenantSendingStatus }
  | { readonly op: 'AssociateTenantResource'; readonly name: string; readonly resource: TenantResource }
  | { readonly op: 'DisassociateTenantResource'; readonly name: string; readonly resource: TenantResource }
  | { readonly op: 'TagTenant'; readonly name: string; readonly tags: Tags }
  | { readonly op: 'UntagTenant'; readonly name: string; readonly keys: readonly string[] };

export type TenantSendingStatus = 'ENABLED' | 'DISABLED' | 'REINSTATED';

/** What a tenant is associated with, by name (the adapter builds the ARN). */
export interface TenantResource {
  readonly type: 'configurationSet' | 'identity';
  readonly name: string;
}

export type StepOp = Step['op'];

export type CloudWatchStep = Extract<Step, { readonly op: 'PutMetricAlarm' | 'DeleteAlarm' | 'TagAlarm' | 'UntagAlarm' }>;
export type SnsStep = Extract<
  Step,
  { readonly op: 'CreateTopic' | 'SetTopicDisplayName' | 'SetTopicPolicy' | 'TagTopic' | 'UntagTopic' | 'Subscribe' | 'Unsubscribe' | 'DeleteTopic' }
>;
export type DashboardStep = Extract<Step, { readonly op: 'PutDashboard' | 'TagDashboard' | 'DeleteDashboard' }>;
export type TenantStep = Extract<
  Step,
  {
    readonly op:
      | 'CreateTenant'
      | 'DeleteTenant'
      | 'PutTenantSuppressionAttributes'
      | 'UpdateTenantReputationPolicy'
      | 'UpdateTenantSendingStatus'
      | 'AssociateTenantResource'
      | 'DisassociateTenantResource'
      | 'TagTenant'
      | 'UntagTenant';
  }
>;
export type SesV2Step = Exclude<Step, CloudWatchStep | SnsStep | DashboardStep>;

export function isTenantStep(step: Step): step is TenantStep {
  return TENANT_OPS.has(step.op);
}

const TENANT_OPS: ReadonlySet<StepOp> = new Set<StepOp>([
  'CreateTenant',
  'DeleteTenant',
  'PutTenantSuppressionAttributes',
  'UpdateTenantReputationPolicy',
  'UpdateTenantSendingStatus',
  'AssociateTenantResource',
  'DisassociateTenantResource',
  'TagTenant',
  'UntagTenant',
]);

export function isDashboardStep(step: Step): step is DashboardStep {
  return step.op === 'PutDashboard' || step.op === 'TagDashboard' || step.op === 'DeleteDashboard';
}

export function isSnsStep(step: Step): step is SnsStep {
  return serviceOf(step) === 'sns';
}

/** An alarm step (dashboard steps call CloudWatch too, but have a runner of their own). */
export function isAlarmStep(step: Step): step is CloudWatchStep {
  return step.op === 'PutMetricAlarm' || step.op === 'DeleteAlarm' || step.op === 'TagAlarm' || step.op === 'UntagAlarm';
}

/**
 * The service each step calls: for rate limits and concurrency per service. A record over every op, so a
 * new step does not compile until it says which service (and so which rate limit) it calls.
 */
const SERVICE_OF: Readonly<Record<StepOp, 'sesv2' | 'cloudwatch' | 'sns'>> = {
  CreateConfigurationSet: 'sesv2',
  DeleteConfigurationSet: 'sesv2',
  PutConfigurationSetDeliveryOptions: 'sesv2',
  PutConfigurationSetReputationOptions: 'sesv2',
  PutConfigurationSetSendingOptions: 'sesv2',
  PutConfigurationSetSuppressionOptions: 'sesv2',
  PutConfigurationSetTrackingOptions: 'sesv2',
  PutConfigurationSetVdmOptions: 'sesv2',
  PutConfigurationSetArchivingOptions: 'sesv2',
  UpdateConfigurationSetMessageSecurity: 'sesv2',
  TagConfigurationSet: 'sesv2',
  UntagConfigurationSet: 'sesv2',
  CreateConfigurationSetEventDestination: 'sesv2',
  UpdateConfigurationSetEventDestination: 'sesv2',
  DeleteConfigurationSetEventDestination: 'sesv2',
  PutMetricAlarm: 'cloudwatch',
  DeleteAlarm: 'cloudwatch',
  TagAlarm: 'cloudwatch',
  UntagAlarm: 'cloudwatch',
  PutDashboard: 'cloudwatch',
  TagDashboard: 'cloudwatch',
  DeleteDashboard: 'cloudwatch',
  CreateTopic: 'sns',
  SetTopicDisplayName: 'sns',
  SetTopicPolicy: 'sns',
  TagTopic: 'sns',
  UntagTopic: 'sns',
  Subscribe: 'sns',
  Unsubscribe: 'sns',
  DeleteTopic: 'sns',
  CreateTenant: 'sesv2',
  DeleteTenant: 'sesv2',
  PutTenantSuppressionAttributes: 'sesv2',
  UpdateTenantReputationPolicy: 'sesv2',
  UpdateTenantSendingStatus: 'sesv2',
  AssociateTenantResource: 'sesv2',
  DisassociateTenantResource: 'sesv2',
  TagTenant: 'sesv2',
  UntagTenant: 'sesv2',
};

export function serviceOf(step: Step): 'sesv2' | 'cloudwatch' | 'sns' {
  return SERVICE_OF[step.op];
}

/**
 * The AWS API operation each step is: what the plan shows, what apply's report and errors name, and what
 * an IAM policy must allow. Several steps share one operation (TagResource on a set, an alarm, a topic).
 */
export const AWS_OPERATION: Readonly<Record<StepOp, string>> = {
  CreateConfigurationSet: 'CreateConfigurationSet',
  DeleteConfigurationSet: 'DeleteConfigurationSet',
  PutConfigurationSetDeliveryOptions: 'PutConfigurationSetDeliveryOptions',
  PutConfigurationSetReputationOptions: 'PutConfigurationSetReputationOptions',
  PutConfigurationSetSendingOptions: 'PutConfigurationSetSendingOptions',
  PutConfigurationSetSuppressionOptions: 'PutConfigurationSetSuppressionOptions',
  PutConfigurationSetTrackingOptions: 'PutConfigurationSetTrackingOptions',
  PutConfigurationSetVdmOptions: 'PutConfigurationSetVdmOptions',
  PutConfigurationSetArchivingOptions: 'PutConfigurationSetArchivingOptions',
  UpdateConfigurationSetMessageSecurity: 'UpdateConfigurationSet',
  TagConfigurationSet: 'TagResource',
  UntagConfigurationSet: 'UntagResource',
  CreateConfigurationSetEventDestination: 'CreateConfigurationSetEventDestination',
  UpdateConfigurationSetEventDestination: 'UpdateConfigurationSetEventDestination',
  DeleteConfigurationSetEventDestination: 'DeleteConfigurationSetEventDestination',
  PutMetricAlarm: 'PutMetricAlarm',
  DeleteAlarm: 'DeleteAlarms',
  TagAlarm: 'TagResource',
  UntagAlarm: 'UntagResource',
  CreateTopic: 'CreateTopic',
  SetTopicDisplayName: 'SetTopicAttributes',
  SetTopicPolicy: 'SetTopicAttributes',
  TagTopic: 'TagResource',
  UntagTopic: 'UntagResource',
  Subscribe: 'Subscribe',
  Unsubscribe: 'Unsubscribe',
  DeleteTopic: 'DeleteTopic',
  PutDashboard: 'PutDashboard',
  TagDashboard: 'TagResource',
  DeleteDashboard: 'DeleteDashboards',
  CreateTenant: 'CreateTenant',
  DeleteTenant: 'DeleteTenant',
  PutTenantSuppressionAttributes: 'PutTenantSuppressionAttributes',
  UpdateTenantReputationPolicy: 'UpdateReputationEntityPolicy',
  UpdateTenantSendingStatus: 'UpdateReputationEntityCustomerManagedStatus',
  AssociateTenantResource: 'CreateTenantResourceAssociation',
  DisassociateTenantResource: 'DeleteTenantResourceAssociation',
  TagTenant: 'TagResource',
  UntagTenant: 'UntagResource',
};

/** What a shared operation acts on, where the name alone would not say (`TagResource alarm app/x`). */
function qualifier(step: Step): string {
  switch (step.op) {
    case 'TagConfigurationSet':
    case 'UntagConfigurationSet':
      return 'configuration set ';
    case 'TagAlarm':
    case 'UntagAlarm':
      return 'alarm ';
    case 'TagTopic':
    case 'UntagTopic':
      return 'topic ';
    case 'TagDashboard':
      return 'dashboard ';
    case 'TagTenant':
    case 'UntagTenant':
    case 'UpdateTenantReputationPolicy':
    case 'UpdateTenantSendingStatus':
      return 'tenant ';
    default:
      return '';
  }
}

/**
 * `PutConfigurationSetTrackingOptions production`, `TagResource alarm app/prod/bounce-rate`,
 * `SetTopicAttributes alerts Policy`: the AWS operation and what it acts on, as plans and apply reports
 * name a call.
 */
export function describeStep(step: Step): string {
  const attribute =
    step.op === 'SetTopicPolicy'
      ? ' Policy'
      : step.op === 'SetTopicDisplayName'
        ? ' DisplayName'
        : step.op === 'UpdateTenantReputationPolicy'
          ? ` ${step.policy}`
          : step.op === 'UpdateTenantSendingStatus'
            ? ` ${step.status}`
            : '';
  return `${AWS_OPERATION[step.op]} ${qualifier(step)}${stepTarget(step)}${attribute}`;
}

function stepTarget(step: Step): string {
  switch (step.op) {
    case 'CreateConfigurationSet':
      return step.set.name;
    case 'CreateConfigurationSetEventDestination':
    case 'UpdateConfigurationSetEventDestination':
      return `${step.destination.configurationSet}/${step.destination.name}`;
    case 'DeleteConfigurationSetEventDestination':
      return `${step.configurationSet}/${step.name}`;
    case 'PutMetricAlarm':
      return step.alarm.name;
    case 'CreateTopic':
      return step.topic.name;
    case 'Subscribe':
      return `${step.topic} ${step.subscription.protocol}:${maskEndpoint(step.subscription.endpoint)}`;
    case 'Unsubscribe':
      return `${step.topic} ${step.protocol}:${maskEndpoint(step.endpoint)}`;
    case 'CreateTenant':
      return step.tenant.name;
    case 'AssociateTenantResource':
    case 'DisassociateTenantResource':
      return `${step.name} ${step.resource.type === 'configurationSet' ? 'configuration set' : 'identity'} ${step.resource.name}`;
    default:
      return step.name;
  }
}
