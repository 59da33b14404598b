/**
 * Reputation entities: GetReputationEntity (GET), UpdateReputationEntityPolicy and
 * UpdateReputationEntityCustomerManagedStatus (PUT), all at
 * `/v2/email/reputation/entities/{ReputationEntityType}/{ReputationEntityReference}[/policy |
 * /customer-managed-status]`, and ListReputationEntities (POST `/v2/email/reputation/entities`)
 * (client-sesv2 3.1169.0; docs/aws-behaviour.md, "Tenants").
 *
 * The emulated entities are the tenants: type `RESOURCE`, reference the tenant's ARN (resolved by its id,
 * as tags.ts resolves it). The statuses and their aggregate are tenant-store.ts's. A reference that names
 * no tenant is NotFoundException on Get; the two updates model no NotFoundException, so they answer
 * BadRequestException (INFERENCE).
 */
import { listPosition } from '../core/list-order.js';
import { pageOf } from '../core/paging.js';
import { operation, type Sesv2Context } from './context.js';
import { badRequest, notFound } from './errors.js';
import { pageSizeOf } from './paging.js';
import * as shape from './shapes.js';
import { aggregateOf, listTokens, policyArn, REPUTATION_POLICIES, SENDING_STATUSES, type ReputationPolicy, type SendingStatus, type Tenant } from './tenant-store.js';
import * as tenantShape from './tenant-shapes.js';

const ENTITIES = '/v2/email/reputation/entities';
const ENTITY = `${ENTITIES}/{ReputationEntityType}/{ReputationEntityReference}`;

interface EntityInput {
  readonly ReputationEntityType: string;
  readonly ReputationEntityReference: string;
}
const entityMembers = { ReputationEntityType: tenantShape.ReputationEntityType, ReputationEntityReference: tenantShape.ReputationEntityReference };
const entityRequired = ['ReputationEntityType', 'ReputationEntityReference'];

function tenantOf(reference: string, ctx: Sesv2Context, missing: (message: string) => Error): Tenant {
  const tenant = ctx.tenants.byArn(reference, ctx.region, ctx.accountId);
  if (!tenant) throw missing(`Reputation entity <${reference}> does not exist in this Region.`);
  return tenant;
}

/** ReputationEntity, as Get and List answer it; ReputationImpact only while a finding is open. */
function entityOf(tenant: Tenant, ctx: Sesv2Context) {
  const impact = ctx.tenants.impactOf(tenant);
  return {
    ReputationEntityReference: tenant.arn,
    ReputationEntityType: 'RESOURCE',
    ReputationManagementPolicy: policyArn(ctx.region, tenant.policy),
    CustomerManagedStatus: tenant.customer,
    AwsSesManagedStatus: tenant.aws,
    SendingStatusAggregate: aggregateOf(tenant),
    ...(impact ? { ReputationImpact: impact } : {}),
  };
}

const getReputationEntity = operation<EntityInput>({
  name: 'GetReputationEntity',
  http: [{ method: 'GET', path: ENTITY }],
  input: shape.structure(entityMembers, entityRequired),
  run: (input, ctx) => ({ ReputationEntity: entityOf(tenantOf(input.ReputationEntityReference, ctx, notFound), ctx) }),
});

/** `arn:aws:ses:<region>:aws:reputation-policy/<none|standard|strict>` of the request's Region. */
function policyOf(arn: string, ctx: Sesv2Context): ReputationPolicy {
  const policy = REPUTATION_POLICIES.find((p) => policyArn(ctx.region, p) === arn);
  if (!policy) throw badRequest(`Invalid ReputationEntityPolicy <${arn}>: use ${policyArn(ctx.region, 'standard')} (or none, strict).`);
  return policy;
}

const updatePolicy = operation<EntityInput & { readonly ReputationEntityPolicy: string }>({
  name: 'UpdateReputationEntityPolicy',
  http: [{ method: 'PUT', path: `${ENTITY}/policy` }],
  input: shape.structure({ ...entityMembers, ReputationEntityPolicy: tenantShape.ReputationEntityPolicy }, [...entityRequired, 'ReputationEntityPolicy']),
  run: (input, ctx) => {
    const tenant = tenantOf(input.ReputationEntityReference, ctx, badRequest);
    // The policy governs findings from now on; a pause already made stays (INFERENCE).
    tenant.policy = policyOf(input.ReputationEntityPolicy, ctx);
    return {};
  },
});

const updateCustomerStatus = operation<EntityInput & { readonly SendingStatus: SendingStatus }>({
  name: 'UpdateReputationEntityCustomerManagedStatus',
  http: [{ method: 'PUT', path: `${ENTITY}/customer-managed-status` }],
  input: shape.structure({ ...entityMembers, SendingStatus: tenantShape.SendingStatus }, [...entityRequired, 'SendingStatus']),
  run: (input, ctx) => {
    const tenant = tenantOf(input.ReputationEntityReference, ctx, badRequest);
    // "When you update the customer-managed status, the AWS SES-managed status remains unchanged" (SDK doc).
    tenant.customer = { Status: input.SendingStatus, Cause: 'Set by UpdateReputationEntityCustomerManagedStatus.', LastUpdatedTimestamp: ctx.now };
    return {};
  },
});

interface ListInput {
  readonly Filter?: { readonly ENTITY_TYPE?: string; readonly REPUTATION_IMPACT?: string; readonly SENDING_STATUS?: string; readonly ENTITY_REFERENCE_PREFIX?: string };
  readonly NextToken?: string;
  readonly PageSize?: number;
}

function checkOneOf(key: string, value: string | undefined, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value)) throw badRequest(`Invalid ${key} <${value}>: use one of ${allowed.join(', ')}.`);
}

const ENTITY_TOKENS = listTokens('ListReputationEntities');

const listReputationEntities = operation<ListInput>({
  name: 'ListReputationEntities',
  http: [{ method: 'POST', path: ENTITIES }],
  input: shape.structure({ Filter: tenantShape.ReputationEntityFilter, NextToken: shape.NextToken, PageSize: shape.PageSize }),
  run: (input, ctx) => {
    // Page sizes as ListConfigurationSets' (INFERENCE: no range documented).
    const size = pageSizeOf(input.PageSize);
    const f = input.Filter ?? {};
    checkOneOf('ENTITY_TYPE', f.ENTITY_TYPE, ['RESOURCE']);
    checkOneOf('REPUTATION_IMPACT', f.REPUTATION_IMPACT, ['LOW', 'HIGH']);
    checkOneOf('SENDING_STATUS', f.SENDING_STATUS, SENDING_STATUSES);
    // INFERENCE: the filters combine with AND.
    const entities = [...ctx.tenants.all()]
      .map((t) => entityOf(t, ctx))
      .filter(
        (e) =>
          (f.REPUTATION_IMPACT === undefined || e.ReputationImpact === f.REPUTATION_IMPACT) &&
          (f.SENDING_STATUS === undefined || e.SendingStatusAggregate === f.SENDING_STATUS) &&
          (f.ENTITY_REFERENCE_PREFIX === undefined || e.ReputationEntityReference.startsWith(f.ENTITY_REFERENCE_PREFIX)),
      );
    const page = pageOf(ENTITY_TOKENS, entities, {
      positionOf: (e) => listPosition(e.ReputationEntityReference),
      size,
      token: input.NextToken,
      scope: [ctx.region, f.ENTITY_TYPE, f.REPUTATION_IMPACT, f.SENDING_STATUS, f.ENTITY_REFERENCE_PREFIX],
    });
    return { ReputationEntities: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  },
});

export const reputationEntityOperations = [getReputationEntity, updatePolicy, updateCustomerStatus, listReputationEntities];
