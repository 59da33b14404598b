/**
 * The account the credentials belong to, from STS GetCallerIdentity: needed to build ARNs (tag calls,
 * topic references) and to enforce the file's `accountId` guard (docs/architecture.md, "The file format"). GetCallerIdentity needs no
 * IAM permission, so it works for any principal that can sign a request.
 */
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { EXIT, ReconcileError } from '../errors.js';
import { toAwsCallError } from './errors.js';

/**
 * The SDK's own words for "no credentials" ("Could not load credentials from any providers") name
 * neither the profile nor what was tried: say both, and what to do.
 */
function noCredentials(err: unknown, profile: string | undefined): ReconcileError | undefined {
  if ((err as { name?: string } | undefined)?.name !== 'CredentialsProviderError') return undefined;
  const tried = profile
    ? `profile "${profile}" of ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE): its keys, SSO, role or credential_process`
    : 'the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), the default profile of ~/.aws/config and ~/.aws/credentials, SSO, web identity (AWS_WEB_IDENTITY_TOKEN_FILE), and the container and instance roles';
  const fix = profile ? `check the profile's name (aws configure list-profiles) or pass another --profile` : 'export credentials, pass --profile NAME, or run where a role is available';
  return new ReconcileError(`no AWS credentials: tried ${tried} (${(err as Error).message}); ${fix}`, EXIT.failure);
}

export async function lookupAccount(sts: STSClient, profile?: string): Promise<string> {
  let account: string | undefined;
  try {
    account = (await sts.send(new GetCallerIdentityCommand({}))).Account;
  } catch (err) {
    throw noCredentials(err, profile) ?? toAwsCallError(err, 'sts', 'GetCallerIdentity');
  }
  if (account === undefined || !/^\d{12}$/.test(account)) {
    throw toAwsCallError({ name: 'InvalidResponse', message: `GetCallerIdentity answered no 12-digit Account (${JSON.stringify(account)})` }, 'sts', 'GetCallerIdentity');
  }
  return account;
}
