/**
 * The emulator's one pager. A NextToken is opaque to callers, as AWS's are; ours carries:
 *
 * - the list position (list-order.ts) of the last item served, not an offset, so items created or
 *   deleted between pages are neither skipped nor repeated among those that remain;
 * - a digest of the list and the scope it was issued for (Region, filter, topic …), so a token replayed
 *   on another list or with other filters is refused rather than silently resumed somewhere else;
 * - when it was issued, for the lists whose tokens expire (the tag index's, after 15 minutes).
 *
 * Each service keeps its own page sizes and its own errors for a bad token (TokenRules), because AWS's
 * differ: SESv2 BadRequestException, CloudWatch InvalidNextToken or InvalidParameterValue, SNS
 * InvalidParameter, the tagging API InvalidParameterException and PaginationTokenExpiredException.
 */
import { createHash } from 'node:crypto';
import { comparePositions } from './list-order.js';

export interface TokenRules {
  /** The list the tokens page, e.g. `sesv2:ListConfigurationSets`. */
  readonly list: string;
  /** A token that does not decode. */
  readonly malformed: (token: string) => Error;
  /** A token of another list or scope. @default malformed */
  readonly otherScope?: (token: string) => Error;
  /** Tokens older than this are refused with `expired`. @default no limit */
  readonly lifetimeMs?: number;
  readonly expired?: (token: string) => Error;
}

interface TokenBody {
  readonly v: 1;
  readonly scope: string;
  readonly after: string;
  readonly issued: number;
}

/** The digest a token is bound to: the list, and any JSON value that is equal for equal filters. */
function scopeDigest(rules: TokenRules, scope: unknown): string {
  return createHash('sha256').update(JSON.stringify([rules.list, scope ?? null])).digest('base64url').slice(0, 22);
}

export function issueToken(rules: TokenRules, scope: unknown, after: string, now = 0): string {
  const body: TokenBody = { v: 1, scope: scopeDigest(rules, scope), after, issued: now };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** The position to resume after; undefined for the first page (no token, or the empty one). */
export function readToken(rules: TokenRules, token: string | undefined, scope: unknown, now = 0): string | undefined {
  if (token === undefined || token === '') return undefined;
  let body: Partial<TokenBody> | undefined;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<TokenBody>;
  } catch {
    body = undefined;
  }
  if (body?.v !== 1 || typeof body.after !== 'string' || typeof body.issued !== 'number' || typeof body.scope !== 'string') throw rules.malformed(token);
  if (body.scope !== scopeDigest(rules, scope)) throw (rules.otherScope ?? rules.malformed)(token);
  if (rules.lifetimeMs !== undefined && now - body.issued > rules.lifetimeMs) throw (rules.expired ?? rules.malformed)(token);
  return body.after;
}

export interface PageRequest<T> {
  /** The list position of an item; items are served in increasing position. */
  readonly positionOf: (item: T) => string;
  /** At most this many items a page. */
  readonly size: number;
  /**
   * What an item weighs against `budget` (the tag index counts tags); a page holds at least one item
   * and never splits one. @default 1 each, no budget
   */
  readonly weight?: (item: T) => number;
  readonly budget?: number;
  readonly token: string | undefined;
  readonly scope: unknown;
  readonly now?: number;
}

export interface Page<T> {
  readonly items: T[];
  /** Absent on the last page. */
  readonly nextToken?: string;
}

/** One page of `items` (in any order) after the request's token. */
export function pageOf<T>(rules: TokenRules, items: Iterable<T>, request: PageRequest<T>): Page<T> {
  const after = readToken(rules, request.token, request.scope, request.now);
  const remaining = [...items]
    .map((item) => ({ item, position: request.positionOf(item) }))
    .filter((x) => after === undefined || x.position > after)
    .sort((a, b) => comparePositions(a.position, b.position));
  const page: typeof remaining = [];
  let weight = 0;
  for (const x of remaining) {
    const w = request.weight?.(x.item) ?? 1;
    if (page.length >= request.size || (page.length > 0 && weight + w > (request.budget ?? Infinity))) break;
    page.push(x);
    weight += w;
  }
  const last = page[page.length - 1];
  const served = page.map((x) => x.item);
  return page.length < remaining.length && last !== undefined ? { items: served, nextToken: issueToken(rules, request.scope, last.position, request.now) } : { items: served };
}
