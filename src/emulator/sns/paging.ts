/**
 * List order and NextToken paging for SNS's List* operations.
 *
 * Order: AWS documents no order for ListTopics / ListSubscriptions* (SNS API Reference), and callers
 * that assume creation order break on AWS but pass against an emulator that keeps insertion order. So
 * the emulator lists in a stable order that is visibly NOT creation order: by a SHA-256 of each item's
 * key (its ARN), ties broken by the key. Same state, same order, every run.
 *
 * Paging: 100 items per page ("Each call returns a limited list of …, up to 100", SNS API Reference
 * ListTopics / ListSubscriptionsByTopic / ListSubscriptions). The NextToken names the last item served
 * (base64url of its key), so the next page starts after that position even if items were created or
 * deleted in between: nothing is skipped or repeated that existed for the whole listing.
 */
import { createHash } from 'node:crypto';
import { invalidParameter } from './errors.js';

export const PAGE_SIZE = 100;

function position(key: string): string {
  return `${createHash('sha256').update(key).digest('hex')}\u0000${key}`;
}

/** Items with their list positions, in list order. */
function positioned<T>(items: Iterable<T>, keyOf: (item: T) => string): { item: T; pos: string }[] {
  return [...items]
    .map((item) => ({ item, pos: position(keyOf(item)) }))
    .sort((a, b) => (a.pos < b.pos ? -1 : a.pos > b.pos ? 1 : 0));
}

/** Items in the emulator's list order. */
export function inListOrder<T>(items: Iterable<T>, keyOf: (item: T) => string): T[] {
  return positioned(items, keyOf).map((x) => x.item);
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

/** One page of `items` after `nextToken`; InvalidParameter for a token this emulator did not issue. */
export function page<T>(items: Iterable<T>, keyOf: (item: T) => string, nextToken: string | undefined, pageSize = PAGE_SIZE): Page<T> {
  const ordered = positioned(items, keyOf);
  let start = 0;
  if (nextToken !== undefined && nextToken !== '') {
    const afterPos = position(decodeToken(nextToken));
    start = ordered.findIndex((x) => x.pos > afterPos);
    if (start < 0) start = ordered.length;
  }
  const slice = ordered.slice(start, start + pageSize).map((x) => x.item);
  const last = slice[slice.length - 1];
  const more = start + pageSize < ordered.length && last !== undefined;
  return more ? { items: slice, nextToken: Buffer.from(keyOf(last), 'utf8').toString('base64url') } : { items: slice };
}

function decodeToken(token: string): string {
  // base64url round-trips exactly; anything else was not issued here.
  const key = Buffer.from(token, 'base64url').toString('utf8');
  if (key === '' || Buffer.from(key, 'utf8').toString('base64url') !== token) throw invalidParameter('Invalid parameter: NextToken');
  return key;
}
