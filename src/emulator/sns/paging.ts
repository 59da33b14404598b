/**
 * Paging of SNS's List* operations: 100 items per page ("Each call returns a limited list of …, up to
 * 100", SNS API Reference ListTopics / ListSubscriptionsByTopic / ListSubscriptions), in the emulator's
 * list order by ARN (core/list-order.ts: AWS documents no order), with the emulator's one pager
 * (core/paging.ts). A NextToken this emulator did not issue for that listing is InvalidParameter.
 */
import { listPosition } from '../core/list-order.js';
import { pageOf, type Page, type TokenRules } from '../core/paging.js';
import { invalidParameter } from './errors.js';

export const PAGE_SIZE = 100;

const tokenRules = (list: string): TokenRules => ({ list: `sns:${list}`, malformed: () => invalidParameter('Invalid parameter: NextToken') });

export const TOPIC_TOKENS = tokenRules('ListTopics');
export const SUBSCRIPTION_TOKENS = tokenRules('ListSubscriptions');
export const TOPIC_SUBSCRIPTION_TOKENS = tokenRules('ListSubscriptionsByTopic');

/** One page of resources named by their ARNs; `scope` is what the listing was for (Region, topic). */
export function pageByArn<T extends { readonly arn: string }>(rules: TokenRules, items: Iterable<T>, token: string | undefined, scope: unknown): Page<T> {
  return pageOf(rules, items, { positionOf: (item) => listPosition(item.arn), size: PAGE_SIZE, token, scope });
}
