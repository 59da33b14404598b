/**
 * Dedicated IP pools: CreateDedicatedIpPool and ListDedicatedIpPools (SESv2 API reference), on the
 * account of the request's Region (account.ts: the settings' pools and the created ones). ses-reconcile
 * reads the listing (its sending-pool check, docs/aws-behaviour.md, "Plan-time checks"); Create is here
 * so a test sets an account up as a user does. The pool's IPs, scaling and the other pool calls are not
 * emulated.
 */
import { listPosition } from '../core/list-order.js';
import { pageOf, type TokenRules } from '../core/paging.js';
import * as shape from '../core/shapes.js';
import { operation } from './context.js';
import { alreadyExists, badRequest } from './errors.js';
import { pageSizeOf } from './paging.js';

const POOLS = '/v2/email/dedicated-ip-pools';

interface CreateInput {
  readonly PoolName: string;
  readonly Tags?: readonly { readonly Key: string; readonly Value: string }[];
  readonly ScalingMode?: string;
}

const createDedicatedIpPool = operation<CreateInput>({
  name: 'CreateDedicatedIpPool',
  http: [{ method: 'POST', path: POOLS }],
  input: shape.structure(
    {
      PoolName: shape.string({ min: 1 }),
      Tags: shape.list(shape.structure({ Key: shape.string(), Value: shape.string() }, ['Key', 'Value'])),
      ScalingMode: shape.enumOf('STANDARD', 'MANAGED'),
    },
    ['PoolName'],
  ),
  run: (input, ctx) => {
    const name = input.PoolName;
    if (name.trim() === '') throw badRequest('PoolName must not be blank.');
    if (ctx.account.hasPool(name)) throw alreadyExists(`Dedicated IP pool <${name}> already exists.`);
    ctx.account.created.pools.set(name, { name, scalingMode: input.ScalingMode ?? 'STANDARD', tags: new Map((input.Tags ?? []).map((t) => [t.Key, t.Value])) });
    return {};
  },
});

const POOL_TOKENS: TokenRules = {
  list: 'sesv2:ListDedicatedIpPools',
  malformed: (token) => badRequest(`Invalid NextToken <${token}>.`),
  otherScope: (token) => badRequest(`NextToken <${token}> was issued for another Region; repeat the request that returned it.`),
};

const listDedicatedIpPools = operation<{ readonly NextToken?: string; readonly PageSize?: number }>({
  name: 'ListDedicatedIpPools',
  http: [{ method: 'GET', path: POOLS, query: { NextToken: 'NextToken', PageSize: 'PageSize' } }],
  input: shape.structure({ NextToken: shape.string(), PageSize: shape.integer() }),
  run: (input, ctx) => {
    const page = pageOf(POOL_TOKENS, ctx.account.pools(), { positionOf: listPosition, size: pageSizeOf(input.PageSize), token: input.NextToken, scope: { region: ctx.region } });
    return { DedicatedIpPools: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  },
});

export const dedicatedIpPoolOperations = [createDedicatedIpPool, listDedicatedIpPools];
