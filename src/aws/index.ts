/**
 * The AWS adapter, as cli/ loads it: lazily (`await import('../aws/index.js')`), so `validate` and
 * `schema` never load the SDK (docs/architecture.md, "The rooms").
 */
export { createClients, resolvedRegion, DEFAULT_MAX_ATTEMPTS, type AwsClients, type ClientOptions } from './clients.js';
export { lookupAccount } from './account.js';
export { toAwsCallError } from './errors.js';
export { CallCount } from './call-count.js';
export { DOCUMENTED_RATES, withOverrides, type RateTable } from './pacing/rates.js';
export { readStackIndex, isAccessDenied } from './tagging/stack-index.js';
export { alarmArn, configurationSetArn, partitionOf, topicArn } from '../model/arn.js';
export { SesV2Reader, type SesV2ReaderOptions } from './sesv2/reader.js';
export { SesV2StepRunner } from './sesv2/applier.js';
export { SesV2TenantReader, listTenantNames, readSetTenants } from './sesv2/tenants.js';
export {
  CloudWatchAlarmReader,
  stackAlarmPrefix,
  type AlarmRead,
  type CloudWatchAlarmReaderOptions,
} from './cloudwatch/reader.js';
export { CloudWatchStepRunner, type CloudWatchStepRunnerOptions } from './cloudwatch/applier.js';
export { SnsTopicReader, type SnsTopicRead, type SnsTopicReaderOptions } from './sns/reader.js';
export { SnsStepRunner } from './sns/applier.js';
export { topicPolicyDocument, topicPolicyFromDocument } from './sns/policy.js';
export {
  CloudWatchDashboardReader,
  CloudWatchDashboardRunner,
  type CloudWatchDashboardReaderOptions,
  type DashboardRead,
} from './cloudwatch/dashboards.js';
export { readMetricData, readAlarmStates, METRIC_QUERIES_MAX } from './cloudwatch/metrics.js';
export { readSendingEnabled } from './sesv2/sending.js';
export { readTenantStatus } from './sesv2/tenant-status.js';
export { listEmailIdentities, listDedicatedIpPools, type AccountIdentity } from './sesv2/account-resources.js';
export { topicExistence, type TopicExistence } from './sns/exists.js';
