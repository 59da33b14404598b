/**
 * ListConfigurationSets paging. Recorded against real SES by floci (docs/aws-behaviour.md,
 * "SESv2 configuration sets"; floci SesListPaging, V2_LIST_CONFIGURATION_SETS): 50 names per page by default,
 * PageSize outside 1..1000 is a BadRequestException, and a NextToken is bound to the Region and the filter it
 * was issued for; a token that does not decode, or is replayed elsewhere, is a BadRequestException.
 *
 * The token carries the list-order key (order.ts) of the last name served, not an offset, so sets
 * created or deleted between pages neither repeat nor skip the names that remain.
 */
import { badRequest } from './errors.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

export function pageSizeOf(requested: number | undefined): number {
  if (requested === undefined) return DEFAULT_PAGE_SIZE;
  if (requested < 1 || requested > MAX_PAGE_SIZE) throw badRequest(`PageSize must be between 1 and ${MAX_PAGE_SIZE}; got ${requested}.`);
  return requested;
}

/** What a token is bound to: the Region and the lower-cased name filter (or none). */
export interface TokenScope {
  readonly region: string;
  readonly nameContains: string | null;
}

interface TokenBody {
  readonly v: 1;
  readonly region: string;
  readonly nameContains: string | null;
  readonly after: string;
}

export function issueToken(scope: TokenScope, after: string): string {
  const body: TokenBody = { v: 1, region: scope.region, nameContains: scope.nameContains, after };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** The cursor a token resumes after, or BadRequestException. An empty token means the first page. */
export function readToken(token: string | undefined, scope: TokenScope): string | undefined {
  if (token === undefined || token === '') return undefined;
  let body: Partial<TokenBody> | undefined;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<TokenBody>;
  } catch {
    body = undefined;
  }
  if (body?.v !== 1 || typeof body.after !== 'string') throw badRequest(`Invalid NextToken <${token}>.`);
  if (body.region !== scope.region || body.nameContains !== scope.nameContains) {
    throw badRequest(`NextToken <${token}> was issued for another Region or filter; repeat the request that returned it.`);
  }
  return body.after;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

/** One page of `all` (already in list order, with `keyOf` increasing along it). */
export function pageOf<T>(all: readonly T[], keyOf: (item: T) => string, size: number, after: string | undefined, scope: TokenScope): Page<T> {
  const start = after === undefined ? 0 : all.findIndex((item) => keyOf(item) > after);
  const from = start === -1 ? all.length : start;
  const items = all.slice(from, from + size);
  const last = items[items.length - 1];
  return from + size < all.length && last !== undefined ? { items, nextToken: issueToken(scope, keyOf(last)) } : { items };
}
