/**
 * `status`'s tenants (docs/aws-behaviour.md, "Tenants"): each tenant of the file's sending status and who
 * paused it (GetTenant for its ARN, GetReputationEntity for the statuses), and the open reputation findings
 * on them from one ListRecommendations walk filtered to OPEN, matched by ARN: 2 calls a tenant and
 * ceil(F / 100) for F open recommendations of the account. None when the file has no tenant.
 */
import { ListRecommendationsCommand, type Recommendation, type SESv2Client } from '@aws-sdk/client-sesv2';
import { getTenantWithEntity } from './tenants.js';
import { isNotFound } from './reader.js';
import type { TenantFinding, TenantRead } from '../../model/status.js';
import type { CallCount } from '../call-count.js';
import { mapPool } from '../pool.js';

async function openRecommendations(ses: SESv2Client, calls: CallCount): Promise<Recommendation[]> {
  const out: Recommendation[] = [];
  let token: string | undefined;
  do {
    const page = await calls.call('ListRecommendations', () => ses.send(new ListRecommendationsCommand({ Filter: { STATUS: 'OPEN' }, PageSize: 100, ...(token ? { NextToken: token } : {}) })));
    out.push(...(page.Recommendations ?? []));
    token = page.NextToken || undefined;
  } while (token !== undefined);
  return out;
}

/** The tenants of `names` that exist, with their statuses and open findings. */
export async function readTenantStatus(ses: SESv2Client, names: readonly string[], concurrency: number, calls: CallCount): Promise<TenantRead[]> {
  if (names.length === 0) return [];
  const [read, open] = await Promise.all([
    mapPool(names, concurrency, async (name) => {
      try {
        const found = await getTenantWithEntity(ses, name, calls);
        if (found === undefined) return undefined;
        const { got, arn } = found;
        const e = found.entity.ReputationEntity;
        const sending = e?.SendingStatusAggregate ?? got.Tenant?.SendingStatus ?? 'ENABLED';
        const cause = e?.AwsSesManagedStatus?.Cause;
        return { name, arn, sending, pausedBySes: e?.AwsSesManagedStatus?.Status === 'DISABLED', ...(cause ? { cause } : {}) };
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    }),
    openRecommendations(ses, calls),
  ]);
  return read.flatMap((t) => {
    if (!t) return [];
    const findings = open
      .filter((r) => r.ResourceArn === t.arn)
      .map((r): TenantFinding => ({ type: r.Type ?? 'UNKNOWN', ...(r.Impact ? { impact: r.Impact } : {}), ...(r.Description ? { description: r.Description } : {}) }));
    const { arn: _a, ...rest } = t;
    return [{ ...rest, findings }];
  });
}
