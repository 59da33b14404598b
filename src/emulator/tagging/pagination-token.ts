/**
 * GetResources' PaginationToken: opaque to callers, as AWS's is. Ours carries the list position of the
 * last resource served (list-order.ts), so a page resumes after it even when resources were tagged or
 * deleted in between; a digest of the Region and filters it was issued for; and when it was issued.
 *
 * - "A PaginationToken is valid for a maximum of 15 minutes" (model, PaginationTokenExpiredException):
 *   older ones answer PaginationTokenExpiredException.
 * - INFERENCE: a token that does not decode, or that was issued for another Region or other filters,
 *   answers InvalidParameterException, the model's error for "A provided string parameter is malformed".
 *   (moto 5.2.1 answers PaginationTokenExpiredException "Token does not exist" for any unknown token.)
 */
import { createHash } from 'node:crypto';
import { invalidParameter, paginationTokenExpired } from './errors.js';

export const TOKEN_LIFETIME_MS = 15 * 60 * 1000;

interface TokenBody {
  readonly v: 1;
  /** Digest of the request's Region and filters. */
  readonly scope: string;
  /** The list position of the last resource served. */
  readonly after: string;
  /** When it was issued, in the service clock's milliseconds. */
  readonly issued: number;
}

/** What a token is bound to; any JSON value that is equal for equal filters. */
export function scopeOf(bound: unknown): string {
  return createHash('sha256').update(JSON.stringify(bound)).digest('base64url').slice(0, 22);
}

export function issueToken(scope: string, after: string, now: number): string {
  const body: TokenBody = { v: 1, scope, after, issued: now };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** The position to resume after; undefined for the first page (no token, or the empty one). */
export function readToken(token: string | undefined, scope: string, now: number): string | undefined {
  if (token === undefined || token === '') return undefined;
  let body: Partial<TokenBody> | undefined;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<TokenBody>;
  } catch {
    body = undefined;
  }
  if (body?.v !== 1 || typeof body.after !== 'string' || typeof body.issued !== 'number' || typeof body.scope !== 'string') {
    throw invalidParameter('The specified PaginationToken is not valid: pass the PaginationToken of a previous GetResources response, or none for the first page.');
  }
  if (body.scope !== scope) {
    throw invalidParameter('The specified PaginationToken was issued for another Region or other filters; repeat the request that returned it.');
  }
  if (now - body.issued > TOKEN_LIFETIME_MS) throw paginationTokenExpired('The specified PaginationToken has expired; a PaginationToken is valid for 15 minutes.');
  return body.after;
}
