/**
 * SES tenants of one Region: the tenants, their resource associations, their reputation entity (one per
 * tenant, referenced by the tenant's ARN) and the recommendations (reputation findings) made about them
 * (docs/aws-behaviour.md, "Tenants"). The operations are in tenants.ts, tenant-resources.ts,
 * reputation-entities.ts and recommendations.ts; they share what is here.
 *
 * Terms: the *customer-managed status* is what UpdateReputationEntityCustomerManagedStatus sets; the
 * *AWS-managed status* is what SES's reputation policy sets when it pauses a tenant on a finding (the
 * emulator's findings hook, recommendations.ts); the *aggregate* (`SendingStatusAggregate`, and the
 * tenant's `SendingStatus`) is what sending obeys:
 *
 *   customer DISABLED                                            -> DISABLED
 *   AWS DISABLED, customer REINSTATED after the AWS pause        -> REINSTATED
 *   AWS DISABLED otherwise                                       -> DISABLED
 *   customer REINSTATED                                          -> REINSTATED
 *   otherwise                                                    -> ENABLED
 *
 * The SDK says "if either is DISABLED, the aggregate is DISABLED", but the Developer Guide says a paused
 * tenant sends again once re-enabled by hand, in a "reinstated" state in which active findings are
 * ignored until they are resolved or new violations occur. The emulator's reading (INFERENCE): SES's pause
 * stays recorded in the AWS-managed status, a later REINSTATED lifts it, and a finding that pauses again
 * after the reinstatement ends the grace.
 */
import { randomBytes } from 'node:crypto';
import { partitionOf } from '../core/arn.js';
import type { TokenRules } from '../core/paging.js';
import { badRequest, limitExceeded, notFound } from './errors.js';

/** "By default, accounts can create up to 10,000 tenants" (SES Developer Guide, tenants, Limitations). */
export const MAX_TENANTS = 10_000;

export type SendingStatus = 'ENABLED' | 'REINSTATED' | 'DISABLED';
export const SENDING_STATUSES: readonly SendingStatus[] = ['ENABLED', 'REINSTATED', 'DISABLED'];

/**
 * What an association's ResourceType is on the wire: the ARN's resource-type segment, not the SDK enum's
 * EMAIL_IDENTITY spelling, which AWS refuses as a filter value (floci's record; docs/aws-behaviour.md, "Tenants").
 */
export type TenantResourceType = 'identity' | 'configuration-set' | 'template';
export const TENANT_RESOURCE_TYPES: readonly TenantResourceType[] = ['identity', 'configuration-set', 'template'];

export type ReputationPolicy = 'none' | 'standard' | 'strict';
export const REPUTATION_POLICIES: readonly ReputationPolicy[] = ['none', 'standard', 'strict'];

export interface StatusRecord {
  readonly Status: SendingStatus;
  readonly Cause?: string;
  readonly LastUpdatedTimestamp: Date;
}

export interface TenantSuppressionAttributes {
  readonly SuppressedReasons: readonly string[];
  readonly SuppressionScope: string;
}

export interface TenantResource {
  readonly type: TenantResourceType;
  readonly name: string;
  /** As the caller sent it; what the lists answer. */
  readonly arn: string;
  readonly associatedAt: Date;
}

export interface Tenant {
  readonly name: string;
  readonly id: string;
  readonly arn: string;
  readonly createdAt: Date;
  readonly tags: Map<string, string>;
  /** Absent: the account-level suppression list (never set, or cleared by a Put with neither member). */
  suppression?: TenantSuppressionAttributes;
  policy: ReputationPolicy;
  customer: StatusRecord;
  aws: StatusRecord;
  /** ARN -> association. */
  readonly resources: Map<string, TenantResource>;
}

export type RecommendationImpact = 'LOW' | 'HIGH';

/** A ListRecommendations item, in the wire's member names. */
export interface Recommendation {
  readonly ResourceArn: string;
  readonly Type: string;
  Description: string;
  Status: 'OPEN' | 'FIXED';
  readonly CreatedTimestamp: Date;
  LastUpdatedTimestamp: Date;
  Impact: RecommendationImpact;
}

/** `arn:aws:ses:<region>:<account>:tenant/<name>/<id>` (Service Authorization Reference, SES v2 resource types). */
export function tenantArn(region: string, accountId: string, name: string, id: string): string {
  return `arn:${partitionOf(region)}:ses:${region}:${accountId}:tenant/${name}/${id}`;
}

/** The AWS-owned policies: `arn:aws:ses:<region>:aws:reputation-policy/<name>` (same reference). */
export function policyArn(region: string, policy: ReputationPolicy): string {
  return `arn:${partitionOf(region)}:ses:${region}:aws:reputation-policy/${policy}`;
}

/** `tn-` and 30 lowercase hex digits (floci's record of real tenant ids). */
const newTenantId = (): string => `tn-${randomBytes(15).toString('hex')}`;

/** TenantName: 1 to 64 letters, digits, `-` and `_` (sesv2 model, CreateTenantRequest doc; CloudFormation AWS::SES::Tenant). */
const TENANT_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export function checkTenantName(name: string): void {
  if (name.trim() === '') throw badRequest('TenantName must not be empty.');
  if (!TENANT_NAME.test(name)) throw badRequest(`Invalid tenant name <${name}>: use 1 to 64 ASCII letters, digits, '_' and '-'.`);
}

/** The aggregate sending status (the table in this file's header). */
export function aggregateOf(t: Tenant): SendingStatus {
  if (t.customer.Status === 'DISABLED') return 'DISABLED';
  if (t.aws.Status === 'DISABLED') {
    return t.customer.Status === 'REINSTATED' && t.customer.LastUpdatedTimestamp >= t.aws.LastUpdatedTimestamp ? 'REINSTATED' : 'DISABLED';
  }
  return t.customer.Status === 'REINSTATED' ? 'REINSTATED' : 'ENABLED';
}

/** A SESv2 list's token rules: BadRequestException for a token that does not decode or was issued elsewhere (paging.ts). */
export function listTokens(operation: string): TokenRules {
  return {
    list: `sesv2:${operation}`,
    malformed: (token) => badRequest(`Invalid NextToken <${token}>.`),
    otherScope: (token) => badRequest(`NextToken <${token}> was issued for another Region, tenant or filter; repeat the request that returned it.`),
  };
}

/** What `tenant/<name>/<id>` ARNs resolve by: the id alone, the name segment unread (floci's record of TagResource). */
const TENANT_ARN = /^arn:(aws|aws-[a-z-]+):ses:([a-z0-9-]+):(\d{12}):tenant\/(?:.*\/)?([^/]+)$/;

export class RegionTenants {
  private readonly tenants = new Map<string, Tenant>();
  private readonly recommendations = new Map<string, Recommendation>();

  get(name: string): Tenant | undefined {
    return this.tenants.get(name);
  }

  /** The tenant, or NotFoundException (404). */
  require(name: string): Tenant {
    if (name.trim() === '') throw badRequest('TenantName must not be empty.');
    const tenant = this.tenants.get(name);
    if (!tenant) throw notFound(`Tenant <${name}> does not exist in this Region.`);
    return tenant;
  }

  /** The tenant an ARN of this Region and account names, by its id; undefined when none. */
  byArn(arn: string, region: string, accountId: string): Tenant | undefined {
    const m = TENANT_ARN.exec(arn);
    if (!m || m[2] !== region || m[3] !== accountId) return undefined;
    for (const t of this.tenants.values()) if (t.id === m[4]) return t;
    return undefined;
  }

  /** The caller has checked the name and that it is free. */
  add(name: string, region: string, accountId: string, now: Date, tags: ReadonlyMap<string, string>, suppression: TenantSuppressionAttributes | undefined): Tenant {
    if (this.tenants.size >= MAX_TENANTS) throw limitExceeded(`You have reached the quota of ${MAX_TENANTS} tenants in this Region.`);
    const id = newTenantId();
    const enabled: StatusRecord = { Status: 'ENABLED', LastUpdatedTimestamp: now };
    const tenant: Tenant = {
      name,
      id,
      arn: tenantArn(region, accountId, name, id),
      createdAt: now,
      tags: new Map(tags),
      ...(suppression ? { suppression } : {}),
      // "When you create a tenant, SES automatically assigns the Standard reputation policy" (Developer Guide, tenants).
      policy: 'standard',
      customer: enabled,
      aws: enabled,
      resources: new Map(),
    };
    this.tenants.set(name, tenant);
    return tenant;
  }

  /** The tenant goes, with its associations (not the resources) and the findings about it. */
  delete(name: string): void {
    const tenant = this.require(name);
    this.tenants.delete(name);
    for (const [key, r] of this.recommendations) if (r.ResourceArn === tenant.arn) this.recommendations.delete(key);
  }

  /** In insertion order; callers that answer a list put it in list order (core/list-order.ts). */
  all(): IterableIterator<Tenant> {
    return this.tenants.values();
  }

  /** Every tenant a resource is associated with, with its association. */
  tenantsOf(type: TenantResourceType, name: string): { tenant: Tenant; resource: TenantResource }[] {
    const out: { tenant: Tenant; resource: TenantResource }[] = [];
    for (const tenant of this.tenants.values()) {
      for (const resource of tenant.resources.values()) if (resource.type === type && resource.name === name) out.push({ tenant, resource });
    }
    return out;
  }

  /**
   * Deleting an identity or configuration set that is associated with a tenant fails until the
   * associations are removed: BadRequestException (SES Developer Guide, tenants; floci's record and
   * ekristen/aws-nuke#962 for the error; docs/aws-behaviour.md, "Tenants").
   */
  refuseDeleteWhileAssociated(type: TenantResourceType, name: string): void {
    const first = this.tenantsOf(type, name)[0];
    if (first) {
      throw badRequest(`Cannot delete <${first.resource.arn}>: it is associated with tenant ${first.tenant.name}. Delete its tenant associations first.`);
    }
  }

  /** The finding about `arn` of type `type`, creating it when new. */
  recommendation(arn: string, type: string, make: () => Recommendation): Recommendation {
    const key = `${arn}\u0000${type}`;
    let r = this.recommendations.get(key);
    if (!r) {
      r = make();
      this.recommendations.set(key, r);
    }
    return r;
  }

  allRecommendations(): IterableIterator<Recommendation> {
    return this.recommendations.values();
  }

  /** The highest impact of the open findings about a tenant ("the highest impact reputation finding currently active", SDK doc). */
  impactOf(tenant: Tenant): RecommendationImpact | undefined {
    let impact: RecommendationImpact | undefined;
    for (const r of this.recommendations.values()) {
      if (r.ResourceArn === tenant.arn && r.Status === 'OPEN') impact = r.Impact === 'HIGH' || impact === 'HIGH' ? 'HIGH' : 'LOW';
    }
    return impact;
  }
}
