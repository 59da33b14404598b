/**
 * Every AWS operation ses-reconcile calls, with what it acts on: the reads the readers make (aws/*
 * readers, declared here because the core must know them without importing an adapter) and the writes,
 * derived from the steps (model/step.ts AWS_OPERATION), so `iam-policy` grants exactly what runs
 * (plan/permissions.ts). A test holds the readers to this list: every command an adapter sends is
 * declared here (test/unit/model/operations.test.ts), and every call the emulator logs for plan and apply
 * is granted (test/integration/iam-policy.test.ts).
 */
import type { ResourceKind } from './resources.js';
import { AWS_OPERATION, type StepOp } from './step.js';

export type Service = 'sesv2' | 'cloudwatch' | 'sns' | 'tagging' | 'sts';

/**
 * What an operation acts on, for its IAM resource: a resource kind, a subscription, nothing (the account),
 * or `referencedTopic`, a topic the file names by ARN and does not declare (granted on those ARNs).
 */
export type Target = Exclude<ResourceKind, 'eventDestination'> | 'subscription' | 'account' | 'referencedTopic';

/**
 * A read of the plan-time checks (plan/preflight.ts), made only when the file uses what it checks:
 * `identities`, a tracking domain; `pools`, a sending pool; `topicArns`, a topic by ARN outside the file.
 */
export type PreflightRead = 'identities' | 'pools' | 'topicArns';

export interface Operation {
  readonly service: Service;
  /** The API operation, as AWS names it (and as the emulator logs it). */
  readonly name: string;
  readonly target: Target;
  /**
   * When the operation runs: `always`; `scan`, only with `--discovery scan` (the tag index denied);
   * `apply`, only while applying (a read apply makes to carry out a step); or a PreflightRead, only when
   * the file uses that feature.
   */
  readonly when: 'always' | 'scan' | 'apply' | PreflightRead;
}

/** The reads (docs/architecture.md, "Reading the account"). */
export const READS: readonly Operation[] = [
  { service: 'sts', name: 'GetCallerIdentity', target: 'account', when: 'always' },
  { service: 'tagging', name: 'GetResources', target: 'account', when: 'always' },
  { service: 'sesv2', name: 'ListConfigurationSets', target: 'account', when: 'scan' },
  { service: 'sesv2', name: 'GetConfigurationSet', target: 'configurationSet', when: 'always' },
  { service: 'sesv2', name: 'GetConfigurationSetEventDestinations', target: 'configurationSet', when: 'always' },
  // Listed by name prefix, not by one alarm's ARN: granted on the account (docs/aws-behaviour.md, "IAM").
  { service: 'cloudwatch', name: 'DescribeAlarms', target: 'account', when: 'always' },
  { service: 'cloudwatch', name: 'ListTagsForResource', target: 'alarm', when: 'always' },
  { service: 'cloudwatch', name: 'ListDashboards', target: 'account', when: 'always' },
  { service: 'cloudwatch', name: 'GetDashboard', target: 'dashboard', when: 'always' },
  { service: 'cloudwatch', name: 'ListTagsForResource', target: 'dashboard', when: 'always' },
  { service: 'sns', name: 'ListTopics', target: 'account', when: 'scan' },
  { service: 'sns', name: 'GetTopicAttributes', target: 'topic', when: 'always' },
  { service: 'sns', name: 'ListTagsForResource', target: 'topic', when: 'always' },
  { service: 'sns', name: 'ListSubscriptionsByTopic', target: 'topic', when: 'always' },
  { service: 'sns', name: 'GetSubscriptionAttributes', target: 'subscription', when: 'always' },
  // Tenants (aws/sesv2/tenants.ts): each of the file's and the stack's, by name; the listing with --discovery scan.
  { service: 'sesv2', name: 'ListTenants', target: 'account', when: 'scan' },
  { service: 'sesv2', name: 'GetTenant', target: 'tenant', when: 'always' },
  // A reputation entity is named by the tenant's ARN in the request, but its IAM resource type is not one we
  // could find documented: granted on the account (INFERENCE; docs/aws-behaviour.md, "IAM").
  { service: 'sesv2', name: 'GetReputationEntity', target: 'account', when: 'always' },
  { service: 'sesv2', name: 'ListTenantResources', target: 'tenant', when: 'always' },
  // A set the plan deletes: the tenants it is associated with (AWS refuses to delete it otherwise).
  { service: 'sesv2', name: 'ListResourceTenants', target: 'configurationSet', when: 'always' },
  // The plan-time checks (docs/aws-behaviour.md, "Plan-time checks"); the two listings take no resource.
  { service: 'sesv2', name: 'ListEmailIdentities', target: 'account', when: 'identities' },
  { service: 'sesv2', name: 'ListDedicatedIpPools', target: 'account', when: 'pools' },
  { service: 'sns', name: 'GetTopicAttributes', target: 'referencedTopic', when: 'topicArns' },
];

/** The service and the resource each step's operation acts on. */
const STEP_TARGET: Readonly<Record<StepOp, readonly [Service, Target]>> = {
  CreateConfigurationSet: ['sesv2', 'configurationSet'],
  DeleteConfigurationSet: ['sesv2', 'configurationSet'],
  PutConfigurationSetDeliveryOptions: ['sesv2', 'configurationSet'],
  PutConfigurationSetReputationOptions: ['sesv2', 'configurationSet'],
  PutConfigurationSetSendingOptions: ['sesv2', 'configurationSet'],
  PutConfigurationSetSuppressionOptions: ['sesv2', 'configurationSet'],
  PutConfigurationSetTrackingOptions: ['sesv2', 'configurationSet'],
  PutConfigurationSetVdmOptions: ['sesv2', 'configurationSet'],
  PutConfigurationSetArchivingOptions: ['sesv2', 'configurationSet'],
  UpdateConfigurationSetMessageSecurity: ['sesv2', 'configurationSet'],
  TagConfigurationSet: ['sesv2', 'configurationSet'],
  UntagConfigurationSet: ['sesv2', 'configurationSet'],
  CreateConfigurationSetEventDestination: ['sesv2', 'configurationSet'],
  UpdateConfigurationSetEventDestination: ['sesv2', 'configurationSet'],
  DeleteConfigurationSetEventDestination: ['sesv2', 'configurationSet'],
  PutMetricAlarm: ['cloudwatch', 'alarm'],
  DeleteAlarm: ['cloudwatch', 'alarm'],
  TagAlarm: ['cloudwatch', 'alarm'],
  UntagAlarm: ['cloudwatch', 'alarm'],
  CreateTopic: ['sns', 'topic'],
  SetTopicDisplayName: ['sns', 'topic'],
  SetTopicPolicy: ['sns', 'topic'],
  TagTopic: ['sns', 'topic'],
  UntagTopic: ['sns', 'topic'],
  Subscribe: ['sns', 'topic'],
  // Unsubscribe names the subscription, not its topic.
  Unsubscribe: ['sns', 'subscription'],
  DeleteTopic: ['sns', 'topic'],
  PutDashboard: ['cloudwatch', 'dashboard'],
  TagDashboard: ['cloudwatch', 'dashboard'],
  DeleteDashboard: ['cloudwatch', 'dashboard'],
  CreateTenant: ['sesv2', 'tenant'],
  DeleteTenant: ['sesv2', 'tenant'],
  PutTenantSuppressionAttributes: ['sesv2', 'tenant'],
  // The reputation entity's calls: on the account, as GetReputationEntity (READS).
  UpdateTenantReputationPolicy: ['sesv2', 'account'],
  UpdateTenantSendingStatus: ['sesv2', 'account'],
  AssociateTenantResource: ['sesv2', 'tenant'],
  DisassociateTenantResource: ['sesv2', 'tenant'],
  TagTenant: ['sesv2', 'tenant'],
  UntagTenant: ['sesv2', 'tenant'],
};

/** The writes: one per step operation, from the steps themselves. */
export const WRITES: readonly Operation[] = (Object.keys(STEP_TARGET) as StepOp[]).map((op) => {
  const [service, target] = STEP_TARGET[op];
  return { service, name: AWS_OPERATION[op], target, when: 'always' };
});

/** The reads of `status` (cli/commands/status.ts): metrics, the stack's alarms' states, the sets' sending flags. */
export const STATUS_READS: readonly Operation[] = [
  { service: 'sts', name: 'GetCallerIdentity', target: 'account', when: 'always' },
  // GetMetricData names metrics, not resources: it takes no resource (docs/aws-behaviour.md, "IAM").
  { service: 'cloudwatch', name: 'GetMetricData', target: 'account', when: 'always' },
  { service: 'cloudwatch', name: 'DescribeAlarms', target: 'account', when: 'always' },
  { service: 'sesv2', name: 'GetConfigurationSet', target: 'configurationSet', when: 'always' },
  { service: 'sesv2', name: 'GetTenant', target: 'tenant', when: 'always' },
  { service: 'sesv2', name: 'GetReputationEntity', target: 'account', when: 'always' },
  // Recommendations are listed for the account, filtered to OPEN, not read per tenant.
  { service: 'sesv2', name: 'ListRecommendations', target: 'account', when: 'always' },
];

/**
 * Reads apply makes to carry out a step: the subscription ARN an Unsubscribe needs (aws/sns/applier.ts), and
 * a tenant's ARN when the read did not see it (a re-run after CreateTenant; aws/sesv2/tenants.ts).
 */
export const APPLY_READS: readonly Operation[] = [
  { service: 'sns', name: 'ListSubscriptionsByTopic', target: 'topic', when: 'apply' },
  { service: 'sesv2', name: 'GetTenant', target: 'tenant', when: 'apply' },
];
