/**
 * SES publishes only to the default event bus of the configuration set's own account and Region
 * (EventBridgeDestination doc: "Only the default bus is supported"; same account and Region recorded
 * against real AWS: docs/aws-behaviour.md, "Event destinations"). The schema checks the default bus; this
 * rule checks account and Region against the file's `accountId` and `region` when it has them.
 */
import type { Rule } from './rule.js';
import { eachDestination } from './rule.js';

export const eventBusScope: Rule = {
  code: 'event-bus-scope',
  check(ctx) {
    const { region, accountId } = ctx.config;
    for (const [setName, destName, dest] of eachDestination(ctx.config)) {
      const arn = dest.eventBridge?.eventBusArn;
      if (!arn) continue;
      const [, , , busRegion, busAccount] = arn.split(':');
      const at = ['configurationSets', setName, 'eventDestinations', destName, 'eventBridge', 'eventBusArn'];
      const expected = `arn:aws:events:${region ?? busRegion}:${accountId ?? busAccount}:event-bus/default`;
      if (region && busRegion !== region) {
        ctx.report({
          severity: 'error',
          at,
          message: `the event bus is in ${busRegion}, but this file manages ${region}; SES publishes only to the default bus of its own Region`,
          hint: `write ${expected}`,
        });
      }
      if (accountId && busAccount !== accountId) {
        ctx.report({
          severity: 'error',
          at,
          message: `the event bus belongs to account ${busAccount}, not ${accountId}; SES publishes only to its own account's default bus`,
          hint: `write ${expected}`,
        });
      }
    }
  },
};
