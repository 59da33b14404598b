/**
 * The order of every list the emulator returns (configuration sets, event destinations, tags).
 *
 * AWS documents no order for these lists, so a client must not depend on one. Returning them in
 * creation order (what a Map gives for free) would let such a dependency pass every test and then
 * break against AWS. Instead lists come back sorted by a hash of the name: deterministic, so tests
 * and paging are stable, and unrelated to creation or alphabetical order.
 */
import { createHash } from 'node:crypto';

/** The sort key of one name; also the paging cursor of ListConfigurationSets (paging.ts). */
export function orderKey(name: string): string {
  return `${createHash('sha256').update(name).digest('hex')}:${name}`;
}

export function inListOrder<T>(items: Iterable<T>, nameOf: (item: T) => string): T[] {
  return [...items]
    .map((item) => ({ item, key: orderKey(nameOf(item)) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.item);
}
