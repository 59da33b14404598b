/**
 * The account resources the plan-time checks compare the file with (plan/preflight.ts; docs/aws-behaviour.md,
 * "Plan-time checks"): the Region's email identities and its dedicated IP pools, each one walk of every
 * page, made only when the file uses the feature (a tracking domain; a sending pool).
 *
 * Cost: ceil(I / 1000) ListEmailIdentities for I identities, and ceil(P / 1000) ListDedicatedIpPools for
 * P pools (both take PageSize up to 1000, API reference), through the run's paced client.
 *
 * Only verified identities count: VerificationStatus SUCCESS, or, from an endpoint older than that member,
 * SendingEnabled ("an identity can be used for sending only if it's verified", IdentityInfo, API
 * reference). A domain still PENDING would be refused by SES all the same.
 */
import { ListDedicatedIpPoolsCommand, ListEmailIdentitiesCommand, type IdentityInfo, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { CallCount } from '../call-count.js';

const PAGE_SIZE = 1000;

export interface AccountIdentity {
  readonly name: string;
  readonly type: 'DOMAIN' | 'EMAIL_ADDRESS' | 'MANAGED_DOMAIN' | string;
  readonly verified: boolean;
}

function identityOf(i: IdentityInfo): AccountIdentity | undefined {
  if (i.IdentityName === undefined) return undefined;
  const verified = i.VerificationStatus !== undefined ? i.VerificationStatus === 'SUCCESS' : i.SendingEnabled === true;
  return { name: i.IdentityName, type: i.IdentityType ?? (i.IdentityName.includes('@') ? 'EMAIL_ADDRESS' : 'DOMAIN'), verified };
}

/** Every identity of the Region, verified or not (the caller keeps the verified ones; the others make a hint). */
export async function listEmailIdentities(sesv2: SESv2Client, calls: CallCount): Promise<AccountIdentity[]> {
  const out: AccountIdentity[] = [];
  let token: string | undefined;
  do {
    const page = await calls.call('ListEmailIdentities', () => sesv2.send(new ListEmailIdentitiesCommand({ PageSize: PAGE_SIZE, ...(token ? { NextToken: token } : {}) })));
    for (const i of page.EmailIdentities ?? []) {
      const identity = identityOf(i);
      if (identity) out.push(identity);
    }
    token = page.NextToken || undefined;
  } while (token);
  return out;
}

/** Every dedicated IP pool name of the Region. */
export async function listDedicatedIpPools(sesv2: SESv2Client, calls: CallCount): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const page = await calls.call('ListDedicatedIpPools', () => sesv2.send(new ListDedicatedIpPoolsCommand({ PageSize: PAGE_SIZE, ...(token ? { NextToken: token } : {}) })));
    out.push(...(page.DedicatedIpPools ?? []));
    token = page.NextToken || undefined;
  } while (token);
  return out;
}
