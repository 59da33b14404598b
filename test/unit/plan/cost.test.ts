import { describe, expect, it } from 'vitest';
import { monthlyCost, planCost, PRICES, withCosts } from '../../../src/plan/cost.js';
import { keyOf } from '../../../src/model/key.js';
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

  it('sums what a plan adds and removes, counting a refused delete and skipping a conflict, as the summary does', () => {
    const alarm = resource(r, 'alarm', 's/a/bounce-rate') as Resource;
    const base = { key: 'alarm:x' as const, kind: 'alarm' as const, id: 'x', diff: [], steps: [], notes: [] };
    const cost = planCost(
      [
        { ...base, action: 'create', reason: 'new in file', before: null, after: alarm },
        { ...base, action: 'delete', reason: 'removed from file', before: resource(r, 'eventDestination', 'a/cw'), after: null },
        { ...base, action: 'delete', reason: 'removed from file', before: alarm, after: null, blocked: { kind: 'delete-refused', message: 'deletes need --allow-deletes' } },
        { ...base, action: 'update', reason: 'adopted', before: null, after: alarm, blocked: { kind: 'conflict', message: 'exists in AWS without this stack\'s tag' } },
      ],
      new Map(),
      hints,
    );
    expect(cost).toEqual({
      added: 0.2,
      removed: 24.2,
      breakdown: [
        { item: 'custom metrics', added: 0, removed: 24 },
        { item: 'alarm metrics', added: 0.2, removed: 0.2 },
      ],
      asOf: PRICES.asOf,
      region: 'us-east-1',
    });
  });

  it("gives each change its share, a deleted set the cost of the destinations AWS deletes with it", () => {
    const set = resource(r, 'configurationSet', 'a') as Resource;
    const cw = resource(r, 'eventDestination', 'a/cw') as Resource;
    const live = new Map([[keyOf(cw), cw]]);
    const base = { kind: 'configurationSet' as const, id: 'a', diff: [], steps: [], notes: [] };
    const [gone, plain] = withCosts(
      [
        { ...base, key: 'configurationSet:a', action: 'delete', reason: 'removed from file', before: set, after: null, cascade: [keyOf(cw)] },
        { ...base, key: 'configurationSet:a', action: 'update', reason: 'changed in file', before: set, after: set },
      ],
      live,
      hints,
    );
    expect(gone?.monthly).toBeCloseTo(-4 * 20 * PRICES.customMetric);
    expect(plain?.monthly).toBeUndefined();
    expect(planCost(gone ? [gone] : [], live, hints).breakdown).toEqual([{ item: 'custom metrics', added: 0, removed: 24 }]);
  });
});
