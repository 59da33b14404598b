/**
 * A tenant's resources: CreateTenantResourceAssociation, DeleteTenantResourceAssociation,
 * ListTenantResources and ListResourceTenants (client-sesv2 3.1169.0: POST `/v2/email/tenants/resources`,
 * `/tenants/resources/delete`, `/tenants/resources/list`, `/v2/email/resources/tenants/list`), and the
 * check a send naming a tenant passes (outbound-emails.ts). docs/aws-behaviour.md, "Tenants".
 *
 * A resource is named by its ARN, `arn:aws:ses:<region>:<account>:<type>/<name>` with type `identity`,
 * `configuration-set` or `template`. The ARN is checked in the order floci saw real SES check it: an
 * ARN at all, an SES ARN, a supported type with a name, this Region, this account; each a
 * BadRequestException. Then the resource must exist (NotFoundException): a configuration set of this
 * Region; an email identity of the account, by its exact name (account.ts: the default account's, the
 * settings', or one CreateEmailIdentity made); any template (not emulated).
 */
import { partitionOf } from '../core/arn.js';
import { listPosition } from '../core/list-order.js';
import { pageOf } from '../core/paging.js';
import { operation, type Sesv2Context } from './context.js';
import { accessDenied, alreadyExists, badRequest, notFound, sendingPaused } from './errors.js';
import { pageSizeOf } from './paging.js';
import * as shape from './shapes.js';
import { aggregateOf, listTokens, TENANT_RESOURCE_TYPES, type Tenant, type TenantResourceType } from './tenant-store.js';
import * as tenantShape from './tenant-shapes.js';

interface ResourceRef {
  readonly type: TenantResourceType;
  readonly name: string;
  readonly arn: string;
}

/** The identity an address or domain belongs to, for the verified-domain check. */
const domainOf = (identity: string): string => identity.slice(identity.lastIndexOf('@') + 1);

function resourceOf(arn: string, ctx: Sesv2Context): ResourceRef {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') throw badRequest(`<${arn}> is not an ARN of an SES resource.`);
  if (parts[2] !== 'ses') throw badRequest(`<${arn}> is not an SES ARN.`);
  const resource = parts.slice(5).join(':');
  const slash = resource.indexOf('/');
  const type = slash < 0 ? resource : resource.slice(0, slash);
  if (!(TENANT_RESOURCE_TYPES as readonly string[]).includes(type)) {
    throw badRequest(`Resources of type <${type}> cannot be associated with a tenant; use ${TENANT_RESOURCE_TYPES.join(', ')}.`);
  }
  const name = slash < 0 ? '' : resource.slice(slash + 1);
  if (name === '') throw badRequest(`<${arn}> names no resource.`);
  if (parts[3] !== ctx.region) throw badRequest(`Resource <${arn}> is not in ${ctx.region}, the Region of the tenant.`);
  if (parts[4] !== ctx.accountId) throw badRequest(`Resource <${arn}> is not in account ${ctx.accountId}.`);
  return { type: type as TenantResourceType, name, arn };
}

function requireResource(ref: ResourceRef, ctx: Sesv2Context): void {
  const exists = ref.type === 'configuration-set' ? ctx.sets.get(ref.name) !== undefined : ref.type === 'identity' ? ctx.account.identity(ref.name) !== undefined : true;
  if (!exists) throw notFound(`Resource <${ref.arn}> does not exist.`);
}

interface AssociationInput {
  readonly TenantName: string;
  readonly ResourceArn: string;
}
const associationInput = shape.structure({ TenantName: tenantShape.TenantName, ResourceArn: shape.ResourceArn }, ['TenantName', 'ResourceArn']);

const createAssociation = operation<AssociationInput>({
  name: 'CreateTenantResourceAssociation',
  http: [{ method: 'POST', path: '/v2/email/tenants/resources' }],
  input: associationInput,
  run: (input, ctx) => {
    const tenant = ctx.tenants.require(input.TenantName);
    const ref = resourceOf(input.ResourceArn, ctx);
    requireResource(ref, ctx);
    if (tenant.resources.has(ref.arn)) throw alreadyExists(`Resource <${ref.arn}> is already associated with tenant ${tenant.name}.`);
    tenant.resources.set(ref.arn, { ...ref, associatedAt: ctx.now });
    return {};
  },
});

const deleteAssociation = operation<AssociationInput>({
  name: 'DeleteTenantResourceAssociation',
  http: [{ method: 'POST', path: '/v2/email/tenants/resources/delete' }],
  input: associationInput,
  run: (input, ctx) => {
    const tenant = ctx.tenants.require(input.TenantName);
    const ref = resourceOf(input.ResourceArn, ctx);
    // Removing an association that does not exist succeeds (floci's record).
    tenant.resources.delete(ref.arn);
    return {};
  },
});

interface ListInput {
  readonly NextToken?: string;
  readonly PageSize?: number;
}

const RESOURCE_TOKENS = listTokens('ListTenantResources');

const listTenantResources = operation<ListInput & { readonly TenantName: string; readonly Filter?: { readonly RESOURCE_TYPE?: string } }>({
  name: 'ListTenantResources',
  http: [{ method: 'POST', path: '/v2/email/tenants/resources/list' }],
  input: shape.structure({ TenantName: tenantShape.TenantName, Filter: tenantShape.ListTenantResourcesFilter, PageSize: shape.PageSize, NextToken: shape.NextToken }, ['TenantName']),
  run: (input, ctx) => {
    // Page sizes as ListConfigurationSets' (INFERENCE: the tenant lists document no range).
    const size = pageSizeOf(input.PageSize);
    const type = input.Filter?.RESOURCE_TYPE;
    if (type !== undefined && !(TENANT_RESOURCE_TYPES as readonly string[]).includes(type)) {
      throw badRequest(`Invalid RESOURCE_TYPE <${type}>: use one of ${TENANT_RESOURCE_TYPES.join(', ')}.`);
    }
    const tenant = ctx.tenants.require(input.TenantName);
    const resources = [...tenant.resources.values()].filter((r) => type === undefined || r.type === type);
    const page = pageOf(RESOURCE_TOKENS, resources, { positionOf: (r) => listPosition(r.arn), size, token: input.NextToken, scope: { region: ctx.region, tenant: tenant.id, type } });
    return { TenantResources: page.items.map((r) => ({ ResourceType: r.type, ResourceArn: r.arn })), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  },
});

const TENANT_TOKENS = listTokens('ListResourceTenants');

const listResourceTenants = operation<ListInput & { readonly ResourceArn: string }>({
  name: 'ListResourceTenants',
  http: [{ method: 'POST', path: '/v2/email/resources/tenants/list' }],
  input: shape.structure({ ResourceArn: shape.ResourceArn, PageSize: shape.PageSize, NextToken: shape.NextToken }, ['ResourceArn']),
  run: (input, ctx) => {
    const size = pageSizeOf(input.PageSize);
    const ref = resourceOf(input.ResourceArn, ctx);
    requireResource(ref, ctx);
    const found = ctx.tenants.tenantsOf(ref.type, ref.name);
    const page = pageOf(TENANT_TOKENS, found, { positionOf: (x) => listPosition(x.tenant.name), size, token: input.NextToken, scope: { region: ctx.region, arn: ref.arn } });
    return {
      ResourceTenants: page.items.map(({ tenant, resource }) => ({ TenantName: tenant.name, TenantId: tenant.id, ResourceArn: resource.arn, AssociatedTimestamp: resource.associatedAt })),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  },
});

export const tenantResourceOperations = [createAssociation, deleteAssociation, listTenantResources, listResourceTenants];

export interface TenantSend {
  readonly tenantName: string;
  /** The From address, bare. */
  readonly from: string;
  readonly configurationSet: string | undefined;
  readonly template: string | undefined;
}

const arnOf = (ctx: Sesv2Context, type: TenantResourceType, name: string): string => `arn:${partitionOf(ctx.region)}:ses:${ctx.region}:${ctx.accountId}:${type}/${name}`;

/** Identities match without regard to case (addresses and domains); set and template names exactly. */
function associated(tenant: Tenant, type: TenantResourceType, ...names: string[]): boolean {
  const key = (name: string): string => (type === 'identity' ? name.toLowerCase() : name);
  const wanted = names.map(key);
  for (const r of tenant.resources.values()) if (r.type === type && wanted.includes(key(r.name))) return true;
  return false;
}

/**
 * A send naming `TenantName`, checked in this order: the tenant exists (NotFoundException); the send
 * names a configuration set (BadRequestException, INFERENCE: "you must specify a configuration set that is
 * associated with that tenant, or use an identity that has a default configuration set", and the emulator
 * keeps no identity defaults); the From identity (the address's own, or its domain's), the set and the
 * template are each associated with the tenant, else 403 AccessDeniedException naming every one that is
 * not (floci's record of real SES); the tenant is not paused (aggregate DISABLED: SendingPausedException,
 * INFERENCE: the model's "sending is currently paused" error).
 */
export function checkTenantSend(send: TenantSend, ctx: Sesv2Context): void {
  const tenant = ctx.tenants.require(send.tenantName);
  if (send.configurationSet === undefined) throw badRequest(`A send for tenant ${tenant.name} needs a ConfigurationSetName that is associated with the tenant.`);
  const domain = domainOf(send.from);
  const missing = [
    ...(associated(tenant, 'identity', send.from, domain) ? [] : [arnOf(ctx, 'identity', domain)]),
    ...(associated(tenant, 'configuration-set', send.configurationSet) ? [] : [arnOf(ctx, 'configuration-set', send.configurationSet)]),
    ...(send.template === undefined || associated(tenant, 'template', send.template) ? [] : [arnOf(ctx, 'template', send.template)]),
  ];
  if (missing.length > 0) throw accessDenied(`Tenant ${tenant.name} is not associated with ${missing.join(', ')}.`);
  if (aggregateOf(tenant) === 'DISABLED') throw sendingPaused(`Sending is paused for tenant ${tenant.name}.`);
}
