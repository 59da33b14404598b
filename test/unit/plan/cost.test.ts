import { describe, expect, it } from 'vitest';
import { monthlyCost, planCost, PRICES } from '../../../src/plan/cost.js';
import type { Resource } from '../../../src/model/resources.js';
import { load, resource } from '../../helpers/config.js';

const FILE = `version: 1
stack: s
configurationSets:
  a:
    eventDestinations:
      cw:
        events: [SEND, BOUNCE, COMPLAINT, REJECT]
        cloudWatch:
          dimensions:
            ses:configuration-set: { source: MESSAGE_TAG, default: a }
            campaign: { source: MESSAGE_TAG, default: none, expectedValues: 20 }
    alarms:
      bounceRate: {}
      rejects: { period: 30s }
`;

describe('cost estimate', () => {
  const r = load(FILE);
  const hints = r.desired?.costHints ?? new Map();

  it('counts one custom metric per event type per dimension-value combination', () => {
    const d = resource(r, 'eventDestination', 'a/cw');
    expect(monthlyCost(d, hints)).toBeCloseTo(4 * 20 * PRICES.customMetric);
    expect(monthlyCost({ ...d, enabled: false }, hints)).toBe(0);
  });

  it('prices alarms per metric they read, high resolution at the higher price', () => {
    expect(monthlyCost(resource(r, 'alarm', 's/a/bounce-rate'), hints)).toBeCloseTo(2 * PRICES.alarmMetric);
    expect(monthlyCost(resource(r, 'alarm', 's/a/rejects'), hints)).toBeCloseTo(PRICES.highResolutionAlarmMetric);
  });

  it('sums what a plan adds and removes, skipping blocked rows', () => {
    const alarm = resource(r, 'alarm', 's/a/bounce-rate') as Resource;
    const base = { key: 'alarm:x' as const, kind: 'alarm' as const, id: 'x', diff: [], steps: [], notes: [] };
    const cost = planCost(
      [
        { ...base, action: 'create', reason: 'new in file', before: null, after: alarm },
        { ...base, action: 'delete', reason: 'removed from file', before: resource(r, 'eventDestination', 'a/cw'), after: null },
        { ...base, action: 'delete', reason: 'removed from file', before: alarm, after: null, blocked: { kind: 'delete-refused', message: 'deletes need --allow-deletes' } },
      ],
      hints,
    );
    expect(cost).toEqual({ added: 0.2, removed: 24, asOf: PRICES.asOf, region: 'us-east-1' });
  });
});
