/**
 * An account set up as a user sets one up with the AWS CLI before running ses-reconcile: email identities
 * (`aws sesv2 create-email-identity`), dedicated IP pools (`create-dedicated-ip-pool`) and SNS topics made
 * by hand or by another stack (`aws sns create-topic`). What a file names but does not manage must exist,
 * or plan refuses it (the plan-time checks, docs/aws-behaviour.md). The real SDK, against any endpoint
 * (the emulator, moto).
 */
import { CreateDedicatedIpPoolCommand, CreateEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';

export interface AccountSetup {
  /** Domains or addresses; created verified (the emulator and moto verify at once). */
  readonly identities?: readonly string[];
  readonly pools?: readonly string[];
  /** Topic names, created in the client's Region. */
  readonly topics?: readonly string[];
  /** Tags of the topics (e.g. another stack's `ses-reconcile:stack`). */
  readonly topicTags?: Readonly<Record<string, string>>;
}

export function clientsAt(endpoint: string, region = 'us-east-1'): { ses: SESv2Client; sns: SNSClient } {
  const config = { endpoint, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  return { ses: new SESv2Client(config), sns: new SNSClient(config) };
}

/** Creates what `setup` names; returns the topics' ARNs in its order. */
export async function setUpAccount(clients: { ses: SESv2Client; sns: SNSClient }, setup: AccountSetup): Promise<string[]> {
  for (const EmailIdentity of setup.identities ?? []) await clients.ses.send(new CreateEmailIdentityCommand({ EmailIdentity }));
  for (const PoolName of setup.pools ?? []) await clients.ses.send(new CreateDedicatedIpPoolCommand({ PoolName }));
  const Tags = Object.entries(setup.topicTags ?? {}).map(([Key, Value]) => ({ Key, Value }));
  const arns: string[] = [];
  for (const Name of setup.topics ?? []) arns.push((await clients.sns.send(new CreateTopicCommand({ Name, ...(Tags.length > 0 ? { Tags } : {}) }))).TopicArn as string);
  return arns;
}
