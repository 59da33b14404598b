/**
 * The account the credentials belong to, from STS GetCallerIdentity: needed to build ARNs (tag calls,
 * topic references) and to enforce the file's `accountId` guard (docs/architecture.md, "The file format"). GetCallerIdentity needs no
 * IAM permission, so it works for any principal that can sign a request.
 */
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { toAwsCallError } from './errors.js';

export async function lookupAccount(sts: STSClient): Promise<string> {
  let account: string | undefined;
  try {
    account = (await sts.send(new GetCallerIdentityCommand({}))).Account;
  } catch (err) {
    throw toAwsCallError(err, 'sts', 'GetCallerIdentity');
  }
  if (account === undefined || !/^\d{12}$/.test(account)) {
    throw toAwsCallError({ name: 'InvalidResponse', message: `GetCallerIdentity answered no 12-digit Account (${JSON.stringify(account)})` }, 'sts', 'GetCallerIdentity');
  }
  return account;
}
