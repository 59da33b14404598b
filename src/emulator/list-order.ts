/**
 * The emulator's list order: AWS documents no order for its lists, and a client that assumes creation
 * order passes against an emulator that keeps insertion order, then breaks on AWS. So lists come back
 * sorted by a SHA-256 of each item's key (ties broken by the key): the same state gives the same order
 * every run, so paging is stable, and the order is unrelated to creation or to the alphabet. (SESv2 and
 * SNS apply the same rule with their own copies, sesv2/order.ts and sns/paging.ts, whose positions their
 * issued NextTokens carry.)
 */
import { createHash } from 'node:crypto';

/** The sort key of one item; also what a paging cursor names. */
export function listPosition(key: string): string {
  return `${createHash('sha256').update(key).digest('hex')}\u0000${key}`;
}

export function inListOrder<T>(items: Iterable<T>, keyOf: (item: T) => string): T[] {
  return [...items]
    .map((item) => ({ item, position: listPosition(keyOf(item)) }))
    .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0))
    .map((x) => x.item);
}
