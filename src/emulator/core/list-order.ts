/**
 * The emulator's one list order. AWS documents no order for the lists the emulator serves (configuration
 * sets, event destinations, topics, subscriptions, tags, dashboards, the tag index), and a client that
 * assumes creation order passes against an emulator that keeps insertion order, then breaks on AWS. So
 * lists come back sorted by a SHA-256 of each item's key, ties broken by the key: the same state gives the
 * same order every run, so paging is stable (paging.ts), and the order is unrelated to creation or to the
 * alphabet. (DescribeAlarms is the one list in name order, as AWS answers it: cloudwatch/alarms.ts.)
 */
import { createHash } from 'node:crypto';

/** The sort key of one item; also what a NextToken carries to resume after (paging.ts). */
export function listPosition(key: string): string {
  return `${createHash('sha256').update(key).digest('hex')}\u0000${key}`;
}

/** Code-unit order of two positions (or any strings). */
export const comparePositions = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function inListOrder<T>(items: Iterable<T>, keyOf: (item: T) => string): T[] {
  return [...items]
    .map((item) => ({ item, position: listPosition(keyOf(item)) }))
    .sort((a, b) => comparePositions(a.position, b.position))
    .map((x) => x.item);
}
