/**
 * GetResources: "Returns all the tagged or previously tagged resources that are located in the specified
 * Amazon Web Services Region for the account" (model), read from the tag index (tag-index.ts), filtered,
 * in the emulator's list order (core/list-order.ts: AWS documents none), one page at a time.
 *
 * Filters (model, GetResourcesInput.TagFilters): filters AND, the values of one filter OR, a filter with
 * no values matches the key with any value; at most 50 filters of at most 20 values. Without TagFilters,
 * resources whose tags were all removed are listed with `Tags: []`. ResourceTypeFilters:
 * resource-types.ts. ResourceARNList instead of filters and paging: the listed resources among those ARNs.
 *
 * Paging (core/paging.ts): ResourcesPerPage 1 to 100 (model docs); TagsPerPage 100 to 500, where "A resource with no tags
 * is counted as having one tag" and a resource is never split across pages. The last page says
 * `PaginationToken: ""`: AWS sends the empty string, so callers loop "until empty or absent"
 * (docs/aws-behaviour.md, "The tag index"); moto sends null.
 */
import { comparePositions, inListOrder } from '../core/list-order.js';
import { operationsOf } from '../core/operation.js';
import { pageOf, type TokenRules } from '../core/paging.js';
import { boolean, integer, list, string, structure } from '../core/shapes.js';
import { invalidParameter, paginationTokenExpired } from './errors.js';
import { matchesTypeFilters } from './resource-types.js';
import type { IndexedResource } from './tag-index.js';

/**
 * INFERENCE: the page size when ResourcesPerPage is omitted; the model and the API reference give only
 * the range. 50 is moto 5.2.1's default (resourcegroupstaggingapi/responses.py); change it here.
 */
export const DEFAULT_RESOURCES_PER_PAGE = 50;

export interface GetResourcesContext {
  readonly region: string;
  readonly now: number;
  /** The index's listed resources of the Region, unordered. */
  readonly resources: readonly IndexedResource[];
}

export interface TagFilter {
  readonly Key?: string;
  readonly Values?: readonly string[];
}

/** GetResourcesInput (botocore resourcegroupstaggingapi 2017-01-26), typed by its shape below. */
export interface GetResourcesInput {
  readonly PaginationToken?: string;
  readonly TagFilters?: readonly TagFilter[];
  readonly ResourcesPerPage?: number;
  readonly TagsPerPage?: number;
  readonly ResourceTypeFilters?: readonly string[];
  readonly IncludeComplianceDetails?: boolean;
  readonly ExcludeCompliantResources?: boolean;
  readonly ResourceARNList?: readonly string[];
}

/** The model's constraints (lengths, counts, ranges) are checked by `check`, in GetResources' own words. */
const GET_RESOURCES_INPUT = structure({
  PaginationToken: string(),
  TagFilters: list(structure({ Key: string(), Values: list(string()) })),
  ResourcesPerPage: integer(),
  TagsPerPage: integer(),
  ResourceTypeFilters: list(string()),
  IncludeComplianceDetails: boolean,
  ExcludeCompliantResources: boolean,
  ResourceARNList: list(string()),
});

/**
 * The PaginationToken (core/paging.ts), bound to the Region and the filters it was issued for.
 * - "A PaginationToken is valid for a maximum of 15 minutes" (model, PaginationTokenExpiredException):
 *   older ones answer PaginationTokenExpiredException.
 * - INFERENCE: a token that does not decode, or that was issued for another Region or other filters,
 *   answers InvalidParameterException, the model's error for "A provided string parameter is malformed".
 *   (moto 5.2.1 answers PaginationTokenExpiredException "Token does not exist" for any unknown token.)
 */
export const TOKEN_LIFETIME_MS = 15 * 60 * 1000;
const TOKENS: TokenRules = {
  list: 'tagging:GetResources',
  malformed: () => invalidParameter('The specified PaginationToken is not valid: pass the PaginationToken of a previous GetResources response, or none for the first page.'),
  otherScope: () => invalidParameter('The specified PaginationToken was issued for another Region or other filters; repeat the request that returned it.'),
  lifetimeMs: TOKEN_LIFETIME_MS,
  expired: () => paginationTokenExpired('The specified PaginationToken has expired; a PaginationToken is valid for 15 minutes.'),
};

interface ResourceTagMapping {
  readonly ResourceARN: string;
  readonly Tags: readonly { readonly Key: string; readonly Value: string }[];
}

function check(input: GetResourcesInput): void {
  const fail = (message: string): never => {
    throw invalidParameter(message);
  };
  const filters = input.TagFilters ?? [];
  if (filters.length > 50) fail(`TagFilters can have at most 50 filters; got ${filters.length}.`);
  filters.forEach((f, i) => {
    if (f.Key === undefined || f.Key.length < 1 || f.Key.length > 128) fail(`TagFilters[${i}].Key must be 1 to 128 characters.`);
    const values = f.Values ?? [];
    if (values.length > 20) fail(`TagFilters[${i}].Values can have at most 20 values; got ${values.length}.`);
    if (values.some((v) => v.length > 256)) fail(`TagFilters[${i}].Values: a tag value is at most 256 characters.`);
  });
  const types = input.ResourceTypeFilters ?? [];
  // "The array can include up to 100 items." (model, ResourceTypeFilters)
  if (types.length > 100) fail(`ResourceTypeFilters can have at most 100 items; got ${types.length}.`);
  if (types.some((t) => t.length > 256)) fail('ResourceTypeFilters: a resource type is at most 256 characters.');
  const perPage = input.ResourcesPerPage;
  if (perPage !== undefined && (perPage < 1 || perPage > 100)) fail(`ResourcesPerPage must be between 1 and 100; got ${perPage}.`);
  const tagsPerPage = input.TagsPerPage;
  if (tagsPerPage !== undefined && (tagsPerPage < 100 || tagsPerPage > 500)) fail(`TagsPerPage must be between 100 and 500; got ${tagsPerPage}.`);
  if ((input.PaginationToken?.length ?? 0) > 2048) fail('PaginationToken is at most 2048 characters.');
  const arns = input.ResourceARNList;
  if (arns !== undefined) {
    if (arns.length < 1 || arns.length > 100) fail(`ResourceARNList must have 1 to 100 ARNs; got ${arns.length}.`);
    // "You can't specify both this parameter and …" (model, ResourceARNList), for each of these.
    const others = (['TagFilters', 'ResourceTypeFilters', 'ResourcesPerPage', 'TagsPerPage', 'PaginationToken'] as const).filter((m) => input[m] !== undefined);
    if (others.length > 0) fail(`ResourceARNList cannot be specified with ${others.join(', ')}.`);
  }
  // "You can use this parameter only if the IncludeComplianceDetails parameter is also set to true." (model)
  if (input.ExcludeCompliantResources === true && input.IncludeComplianceDetails !== true) {
    fail('ExcludeCompliantResources can be true only when IncludeComplianceDetails is true.');
  }
}

function matchesTagFilters(tags: ReadonlyMap<string, string>, filters: readonly TagFilter[]): boolean {
  return filters.every((f) => {
    const value = tags.get(f.Key as string);
    if (value === undefined) return false;
    return f.Values === undefined || f.Values.length === 0 || f.Values.includes(value);
  });
}

const byPosition = (a: IndexedResource, b: IndexedResource): number => comparePositions(a.position, b.position);

function mapping(r: IndexedResource): ResourceTagMapping {
  return { ResourceARN: r.arn, Tags: inListOrder(r.tags, ([k]) => k).map(([Key, Value]) => ({ Key, Value })) };
}

/**
 * The answer. Tag policies are not emulated: IncludeComplianceDetails and ExcludeCompliantResources are
 * checked for their documented combination and otherwise ignored (no ComplianceDetails are answered).
 */
function getResources(input: GetResourcesInput, ctx: GetResourcesContext): Record<string, unknown> {
  check(input);
  if (input.ResourceARNList !== undefined) {
    const wanted = new Set(input.ResourceARNList);
    const found = ctx.resources.filter((r) => wanted.has(r.arn)).sort(byPosition);
    return { PaginationToken: '', ResourceTagMappingList: found.map(mapping) };
  }

  const tagFilters = input.TagFilters ?? [];
  const typeFilters = input.ResourceTypeFilters ?? [];
  const matching = ctx.resources.filter((r) => matchesTypeFilters(r.arn, typeFilters) && matchesTagFilters(r.tags, tagFilters));
  const page = pageOf(TOKENS, matching, {
    positionOf: (r) => r.position,
    size: input.ResourcesPerPage ?? DEFAULT_RESOURCES_PER_PAGE,
    weight: (r) => Math.max(1, r.tags.size),
    budget: input.TagsPerPage ?? Infinity,
    token: input.PaginationToken,
    scope: { region: ctx.region, tagFilters, typeFilters },
    now: ctx.now,
  });
  return { PaginationToken: page.nextToken ?? '', ResourceTagMappingList: page.items.map(mapping) };
}

const operation = operationsOf<GetResourcesContext>();

export const getResourcesOperations = [operation<GetResourcesInput>({ name: 'GetResources', input: GET_RESOURCES_INPUT, run: getResources })];
