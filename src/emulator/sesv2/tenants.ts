/**
 * Tenants: CreateTenant, GetTenant, ListTenants, DeleteTenant and PutTenantSuppressionAttributes
 * (docs/aws-behaviour.md, "Tenants"). All are POSTs with JSON bodies, the name in the body
 * (client-sesv2 3.1169.0: `/v2/email/tenants`, `/tenants/get`, `/tenants/list`, `/tenants/delete`, and the
 * singular `/v2/email/tenant/suppression`).
 *
 * A tenant's SendingStatus is its reputation entity's aggregate (tenant-store.ts); its tags are the
 * tags TagResource sets on its ARN (tags.ts).
 */
import { listPosition } from '../core/list-order.js';
import { pageOf } from '../core/paging.js';
import { tagsOf } from './configuration-sets.js';
import { operation } from './context.js';
import { alreadyExists, badRequest } from './errors.js';
import type { Tag } from './model.js';
import { pageSizeOf } from './paging.js';
import * as shape from './shapes.js';
import { aggregateOf, checkTenantName, listTokens, SENDING_STATUSES, type Tenant, type TenantSuppressionAttributes } from './tenant-store.js';
import * as tenantShape from './tenant-shapes.js';
import { checkTagCount, checkTags } from './validation.js';

const TENANTS = '/v2/email/tenants';

/**
 * The suppression pair, as floci recorded real SES checking it on Create and Put alike: reasons and
 * scope come together (either alone is a BadRequestException), a reason appears once, an empty reason
 * list is a state of its own, and neither member means "no tenant-level settings" (undefined). The SDK's
 * "the tenant defaults to ACCOUNT scope" describes that last state.
 */
function suppressionOf(reasons: readonly string[] | undefined, scope: string | undefined): TenantSuppressionAttributes | undefined {
  if (reasons && new Set(reasons).size !== reasons.length) throw badRequest('SuppressedReasons lists a reason more than once.');
  if (reasons !== undefined && scope === undefined) throw badRequest('SuppressedReasons needs a SuppressionScope (TENANT or ACCOUNT).');
  if (reasons === undefined && scope !== undefined) throw badRequest('SuppressionScope needs SuppressedReasons (possibly []).');
  return reasons === undefined || scope === undefined ? undefined : { SuppressedReasons: [...reasons], SuppressionScope: scope };
}

/** TenantInfo, as ListTenants answers it. */
const infoOf = (t: Tenant) => ({ TenantName: t.name, TenantId: t.id, TenantArn: t.arn, CreatedTimestamp: t.createdAt, SendingStatus: aggregateOf(t) });

/** Tenant, as Create and Get answer it: SuppressionAttributes absent when the account list applies (Developer Guide). */
const tenantOf = (t: Tenant) => ({ ...infoOf(t), Tags: tagsOf(t), ...(t.suppression ? { SuppressionAttributes: t.suppression } : {}) });

interface CreateInput {
  readonly TenantName: string;
  readonly Tags?: readonly Tag[];
  readonly SuppressionAttributes?: { readonly SuppressedReasons?: readonly string[]; readonly SuppressionScope?: string };
}

const createTenant = operation<CreateInput>({
  name: 'CreateTenant',
  http: [{ method: 'POST', path: TENANTS }],
  input: shape.structure({ TenantName: tenantShape.TenantName, Tags: shape.TagList, SuppressionAttributes: tenantShape.TenantSuppressionAttributes }, ['TenantName']),
  run: (input, ctx) => {
    checkTenantName(input.TenantName);
    const tags = input.Tags ?? [];
    checkTags(tags);
    checkTagCount(tags.length);
    const suppression = suppressionOf(input.SuppressionAttributes?.SuppressedReasons, input.SuppressionAttributes?.SuppressionScope);
    if (ctx.tenants.get(input.TenantName)) throw alreadyExists(`Tenant <${input.TenantName}> already exists in this Region.`);
    const tenant = ctx.tenants.add(input.TenantName, ctx.region, ctx.accountId, ctx.now, new Map(tags.map((t) => [t.Key, t.Value])), suppression);
    return tenantOf(tenant);
  },
});

interface NameInput {
  readonly TenantName: string;
}
const nameInput = shape.structure({ TenantName: tenantShape.TenantName }, ['TenantName']);

const getTenant = operation<NameInput>({
  name: 'GetTenant',
  http: [{ method: 'POST', path: `${TENANTS}/get` }],
  input: nameInput,
  run: (input, ctx) => {
    checkTenantName(input.TenantName);
    return { Tenant: tenantOf(ctx.tenants.require(input.TenantName)) };
  },
});

const deleteTenant = operation<NameInput>({
  name: 'DeleteTenant',
  http: [{ method: 'POST', path: `${TENANTS}/delete` }],
  input: nameInput,
  run: (input, ctx) => {
    checkTenantName(input.TenantName);
    ctx.tenants.delete(input.TenantName);
    return {};
  },
});

interface ListInput {
  readonly Filter?: { readonly SENDING_STATUS?: string; readonly TENANT_NAME_CONTAINS?: string };
  readonly NextToken?: string;
  readonly PageSize?: number;
}

const TENANT_TOKENS = listTokens('ListTenants');

const listTenants = operation<ListInput>({
  name: 'ListTenants',
  http: [{ method: 'POST', path: `${TENANTS}/list` }],
  input: shape.structure({ Filter: tenantShape.ListTenantsFilter, NextToken: shape.NextToken, PageSize: shape.PageSize }),
  run: (input, ctx) => {
    // Page sizes as ListConfigurationSets' (INFERENCE: the tenant lists document no range).
    const size = pageSizeOf(input.PageSize);
    const status = input.Filter?.SENDING_STATUS;
    if (status !== undefined && !(SENDING_STATUSES as readonly string[]).includes(status)) {
      throw badRequest(`Invalid SENDING_STATUS <${status}>: use one of ${SENDING_STATUSES.join(', ')}.`);
    }
    // INFERENCE: matched anywhere in the name, without regard to case, as CONFIGURATION_SET_NAME_CONTAINS is.
    const contains = input.Filter?.TENANT_NAME_CONTAINS?.toLowerCase();
    const tenants = [...ctx.tenants.all()].filter((t) => (status === undefined || aggregateOf(t) === status) && (contains === undefined || t.name.toLowerCase().includes(contains)));
    const page = pageOf(TENANT_TOKENS, tenants, { positionOf: (t) => listPosition(t.name), size, token: input.NextToken, scope: { region: ctx.region, status, contains } });
    return { Tenants: page.items.map(infoOf), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  },
});

interface PutSuppressionInput extends NameInput {
  readonly SuppressedReasons?: readonly string[];
  readonly SuppressionScope?: string;
}

const putTenantSuppressionAttributes = operation<PutSuppressionInput>({
  name: 'PutTenantSuppressionAttributes',
  http: [{ method: 'POST', path: '/v2/email/tenant/suppression' }],
  input: shape.structure({ TenantName: tenantShape.TenantName, SuppressedReasons: tenantShape.SuppressedReasons, SuppressionScope: tenantShape.SuppressionScope }, ['TenantName']),
  run: (input, ctx) => {
    // The request is checked before the tenant is looked up (floci's record of the order).
    if (input.TenantName.trim() === '') throw badRequest('TenantName must not be empty.');
    const suppression = suppressionOf(input.SuppressedReasons, input.SuppressionScope);
    const tenant = ctx.tenants.require(input.TenantName);
    if (suppression) tenant.suppression = suppression;
    else delete tenant.suppression;
    return {};
  },
});

export const tenantOperations = [createTenant, getTenant, listTenants, deleteTenant, putTenantSuppressionAttributes];
