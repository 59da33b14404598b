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

/** What a monthly cost is spent on, as CloudWatch bills it: the total's breakdown. */
export type CostItem = 'custom metrics' | 'alarm metrics' | 'dashboards';

function itemOf(r: Resource): CostItem | undefined {
  return r.kind === 'eventDestination' ? 'custom metrics' : r.kind === 'alarm' ? 'alarm metrics' : r.kind === 'dashboard' ? 'dashboards' : undefined;
}

export interface CostLine {
  readonly item: CostItem;
  readonly added: number;
  readonly removed: number;
}

export interface PlanCost {
  /** USD per month the plan adds (new or more expensive resources). */
  readonly added: number;
  /** USD per month it removes. */
  readonly removed: number;
  /** The same two sums per item, only the items the plan changes. */
  readonly breakdown: readonly CostLine[];
  readonly asOf: string;
  readonly region: string;
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * Each change's share of the monthly cost (USD; + adds, - saves), set only where it is not zero: the new
 * resource's cost less the old one's, and for a deleted set the destinations AWS deletes with it
 * (Change.cascade, priced from `live`), so removing a set shows what its metrics cost too.
 */
export function withCosts(changes: readonly Change[], live: ReadonlyMap<ResourceKey, Resource>, hints: CostHints): Change[] {
  return changes.map((c) => {
    const parts = shares(c, (c.cascade ?? []).flatMap((k) => live.get(k) ?? []), hints);
    const monthly = round(parts.reduce((n, p) => n + p.delta, 0));
    return monthly !== 0 ? { ...c, monthly } : c;
  });
}

function shares(c: Change, cascaded: readonly Resource[], hints: CostHints): { item: CostItem; delta: number }[] {
  const out: { item: CostItem; delta: number }[] = [];
  const add = (r: Resource | null, sign: 1 | -1) => {
    const item = r ? itemOf(r) : undefined;
    if (r && item) out.push({ item, delta: sign * monthlyCost(r, hints) });
  };
  add(c.after, 1);
  add(c.before, -1);
  for (const r of cascaded) add(r, -1);
  return out;
}

/**
 * The plan's totals and their breakdown, from the same shares as each change's, counting what the summary
 * counts (plan/safety.ts summaryOf): a refused delete is still the plan's delete, a conflict is not a change.
 */
export function planCost(changes: readonly Change[], live: ReadonlyMap<ResourceKey, Resource>, hints: CostHints): PlanCost {
  const byItem = new Map<CostItem, { added: number; removed: number }>();
  for (const c of changes) {
    if (c.blocked && c.action !== 'delete') continue;
    const cascaded = (c.cascade ?? []).flatMap((k) => live.get(k) ?? []);
    // Per item, per change: an alarm made cheaper is a saving, a destination made dearer an addition.
    const net = new Map<CostItem, number>();
    for (const { item, delta } of shares(c, cascaded, hints)) net.set(item, (net.get(item) ?? 0) + delta);
    for (const [item, delta] of net) {
      const line = byItem.get(item) ?? { added: 0, removed: 0 };
      if (delta > 0) line.added += delta;
      else line.removed -= delta;
      byItem.set(item, line);
    }
  }
  const ITEMS: readonly CostItem[] = ['custom metrics', 'alarm metrics', 'dashboards'];
  const breakdown = ITEMS.flatMap((item) => {
    const l = byItem.get(item);
    return l && (round(l.added) !== 0 || round(l.removed) !== 0) ? [{ item, added: round(l.added), removed: round(l.removed) }] : [];
  });
  const added = round(breakdown.reduce((n, l) => n + l.added, 0));
  const removed = round(breakdown.reduce((n, l) => n + l.removed, 0));
  return { added, removed, breakdown, asOf: PRICES.asOf, region: PRICES.region };
}
