/**
 * Recommendations (SES's reputation findings): ListRecommendations (POST `/v2/email/vdm/recommendations`,
 * client-sesv2 3.1169.0), and the emulator's hook that makes a finding about a tenant, as SES's reputation
 * monitoring would (`POST /_emulator/sesv2/findings`, server.ts). docs/aws-behaviour.md, "Tenants".
 *
 * A finding is one recommendation per tenant ARN and type: making it again updates its impact, status,
 * description and LastUpdatedTimestamp. An OPEN finding pauses the tenant when its reputation policy says
 * so: `standard` on HIGH impact, `strict` on any, `none` never (SES Developer Guide, tenants). The pause is
 * the AWS-managed status DISABLED with the finding's description as its Cause; it stays until the
 * customer reinstates the tenant (tenant-store.ts), even once the finding is FIXED, as "any attempt to send
 * email using that tenant will fail until you review the issue and manually re-enable sending".
 */
import { listPosition } from '../core/list-order.js';
import { pageOf } from '../core/paging.js';
import type { EmulatorLogger, ReputationFinding } from '../types.js';
import { operation } from './context.js';
import { badRequest } from './errors.js';
import * as shape from './shapes.js';
import { listTokens, type Recommendation, type RecommendationImpact, type RegionTenants, type Tenant } from './tenant-store.js';
import * as tenantShape from './tenant-shapes.js';

/** "The value you specify has to be at least 1, and can be no more than 100" (SDK doc, ListRecommendations PageSize). */
export const MAX_RECOMMENDATIONS_PAGE = 100;

interface ListInput {
  readonly Filter?: { readonly TYPE?: string; readonly IMPACT?: string; readonly STATUS?: string; readonly RESOURCE_ARN?: string };
  readonly NextToken?: string;
  readonly PageSize?: number;
}

/** "Can either be an individual filter, or combinations of STATUS and IMPACT or STATUS and TYPE" (SDK doc). */
const FILTER_SETS = ['', 'TYPE', 'IMPACT', 'STATUS', 'RESOURCE_ARN', 'IMPACT+STATUS', 'STATUS+TYPE'];

const TOKENS = listTokens('ListRecommendations');

function checkValue(key: string, value: string | undefined, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value)) throw badRequest(`Invalid ${key} filter <${value}>: use one of ${allowed.join(', ')}.`);
}

const listRecommendations = operation<ListInput>({
  name: 'ListRecommendations',
  http: [{ method: 'POST', path: '/v2/email/vdm/recommendations' }],
  input: shape.structure({ Filter: tenantShape.ListRecommendationsFilter, NextToken: shape.NextToken, PageSize: shape.PageSize }),
  run: (input, ctx) => {
    // INFERENCE: a page holds 100 when PageSize is left out (the documented maximum).
    const size = input.PageSize ?? MAX_RECOMMENDATIONS_PAGE;
    if (size < 1 || size > MAX_RECOMMENDATIONS_PAGE) throw badRequest(`PageSize must be between 1 and ${MAX_RECOMMENDATIONS_PAGE}; got ${size}.`);
    const f = input.Filter ?? {};
    const keys = Object.keys(f).sort().join('+');
    if (!FILTER_SETS.includes(keys)) throw badRequest(`Filter ${keys.replace(/\+/g, ' and ')} cannot be combined: use one filter, or STATUS with IMPACT or with TYPE.`);
    checkValue('TYPE', f.TYPE, tenantShape.RecommendationTypes);
    checkValue('IMPACT', f.IMPACT, ['LOW', 'HIGH']);
    checkValue('STATUS', f.STATUS, ['OPEN', 'FIXED']);
    const found = [...ctx.tenants.allRecommendations()].filter(
      (r) => (f.TYPE === undefined || r.Type === f.TYPE) && (f.IMPACT === undefined || r.Impact === f.IMPACT) && (f.STATUS === undefined || r.Status === f.STATUS) && (f.RESOURCE_ARN === undefined || r.ResourceArn === f.RESOURCE_ARN),
    );
    const page = pageOf(TOKENS, found, {
      positionOf: (r) => listPosition(`${r.ResourceArn}\u0000${r.Type}`),
      size,
      token: input.NextToken,
      scope: [ctx.region, f.TYPE, f.IMPACT, f.STATUS, f.RESOURCE_ARN],
    });
    return { Recommendations: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  },
});

export const recommendationOperations = [listRecommendations];

/** The finding types that concern a tenant's reputation (Developer Guide: bounce, complaint, third-party feedback, blocklist listings). */
export const FINDING_TYPES: readonly ReputationFinding['type'][] = ['BOUNCE', 'COMPLAINT', 'FEEDBACK_3P', 'IP_LISTING'];

const FINDING_EXAMPLE = '{"region": "us-east-1", "tenant": "acme", "type": "BOUNCE", "impact": "HIGH", "status": "OPEN"}';

function member(raw: Record<string, unknown>, key: string, allowed?: readonly string[], fallback?: string): string {
  const value = raw[key] ?? fallback;
  if (typeof value !== 'string' || value === '' || (allowed && !allowed.includes(value))) {
    throw new Error(`finding ${key} must be ${allowed ? `one of ${allowed.join(', ')}` : 'a non-empty string'}, got ${JSON.stringify(raw[key])}; e.g. ${FINDING_EXAMPLE}`);
  }
  return value;
}

/** A finding from the admin API or a test; throws a readable Error for a bad one. */
export function parseFinding(raw: unknown): ReputationFinding & Required<Pick<ReputationFinding, 'status'>> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`a finding is an object like ${FINDING_EXAMPLE}, got ${JSON.stringify(raw)}`);
  const r = raw as Record<string, unknown>;
  const unknown = Object.keys(r).filter((k) => !['region', 'tenant', 'type', 'impact', 'status', 'description'].includes(k));
  if (unknown.length > 0) throw new Error(`unknown finding member ${unknown.join(', ')}; the members are region, tenant, type, impact, status, description`);
  return {
    region: member(r, 'region'),
    tenant: member(r, 'tenant'),
    type: member(r, 'type', FINDING_TYPES) as ReputationFinding['type'],
    impact: member(r, 'impact', ['HIGH', 'LOW']) as RecommendationImpact,
    status: member(r, 'status', ['OPEN', 'FIXED'], 'OPEN') as 'OPEN' | 'FIXED',
    ...(r.description !== undefined ? { description: member(r, 'description') } : {}),
  };
}

const pauses = (tenant: Tenant, impact: RecommendationImpact): boolean => tenant.policy === 'strict' || (tenant.policy === 'standard' && impact === 'HIGH');

/** Record a finding about a tenant of `tenants` and apply its policy; the recommendation as listed. */
export function recordFinding(tenants: RegionTenants, finding: ReturnType<typeof parseFinding>, now: Date, log: EmulatorLogger): Recommendation {
  const tenant = tenants.get(finding.tenant);
  if (!tenant) throw new Error(`no tenant ${finding.tenant} in ${finding.region}; create it with CreateTenant first`);
  const description = finding.description ?? `The emulator's ${finding.impact} impact ${finding.type} finding about tenant ${tenant.name}.`;
  const r = tenants.recommendation(tenant.arn, finding.type, () => ({
    ResourceArn: tenant.arn,
    Type: finding.type,
    Description: description,
    Status: finding.status,
    CreatedTimestamp: now,
    LastUpdatedTimestamp: now,
    Impact: finding.impact,
  }));
  Object.assign(r, { Description: description, Status: finding.status, Impact: finding.impact, LastUpdatedTimestamp: now });
  if (finding.status === 'OPEN' && pauses(tenant, finding.impact)) {
    tenant.aws = { Status: 'DISABLED', Cause: description, LastUpdatedTimestamp: now };
    log.write({ level: 'info', service: 'sesv2', event: 'ses:TenantPaused', message: `tenant ${tenant.name} paused by its ${tenant.policy} reputation policy: ${description}`, details: { tenant: tenant.name, type: finding.type, impact: finding.impact } });
  }
  return r;
}
