/**
 * The monthly CloudWatch cost a plan adds or removes (issue: "plan shows the monthly CloudWatch cost").
 *
 * Prices: us-east-1 list prices compiled in docs/aws-behaviour.md, "Prices" (2026-11; the pricing page says
 * prices vary by Region, and the alarm and metric tiers were taken from secondary sources: verify before
 * relying on them). The free tier (10 metrics, 10 alarm metrics, 3 dashboards) is ignored: a plan cannot know
 * what the rest of the account uses.
 * - A CloudWatch event destination publishes one custom metric per event type per combination of
 *   dimension values (DG "Price per metric"); a dimension counts its `expectedValues` hint, else 1.
 * - An alarm costs per alarm metric: 1 for a metric alarm, one per metric a metric-math alarm reads;
 *   high-resolution periods (10/20/30 s) cost three times as much.
 * - A dashboard costs a flat monthly price.
 */
import type { Change } from '../model/change.js';
import type { ResourceKey } from '../model/key.js';
import type { Resource } from '../model/resources.js';

export const PRICES = {
  asOf: '2026-11',
  region: 'us-east-1',
  customMetric: 0.3,
  alarmMetric: 0.1,
  highResolutionAlarmMetric: 0.3,
  dashboard: 3.0,
} as const;

export type CostHints = ReadonlyMap<ResourceKey, Readonly<Record<string, number>>>;

/** USD per month for one resource. */
export function monthlyCost(r: Resource, hints: CostHints): number {
  switch (r.kind) {
    case 'eventDestination': {
      if (r.target.type !== 'cloudWatch' || !r.enabled) return 0;
      const hint = hints.get(`eventDestination:${r.configurationSet}/${r.name}`) ?? {};
      const combinations = r.target.dimensions.reduce((n, d) => n * (hint[d.name] ?? 1), 1);
      return r.events.length * combinations * PRICES.customMetric;
    }
    case 'alarm': {
      const q = r.query;
      const metrics = q.type === 'metric' ? [q.period] : q.metrics.flatMap((m) => (m.kind === 'metric' ? [m.period] : []));
      return metrics.reduce((sum, period) => sum + (period < 60 ? PRICES.highResolutionAlarmMetric : PRICES.alarmMetric), 0);
    }
    case 'dashboard':
      return PRICES.dashboard;
    default:
      return 0;
  }
}

export interface PlanCost {
  /** USD per month the plan adds (new or more expensive resources). */
  readonly added: number;
  /** USD per month it removes. */
  readonly removed: number;
  readonly asOf: string;
  readonly region: string;
}

const round = (x: number) => Math.round(x * 100) / 100;

export function planCost(changes: readonly Change[], hints: CostHints): PlanCost {
  let added = 0;
  let removed = 0;
  for (const c of changes) {
    if (c.blocked) continue;
    const delta = (c.after ? monthlyCost(c.after, hints) : 0) - (c.before ? monthlyCost(c.before, hints) : 0);
    if (delta > 0) added += delta;
    else removed -= delta;
  }
  return { added: round(added), removed: round(removed), asOf: PRICES.asOf, region: PRICES.region };
}
