import type { Plan } from '../model/plan.js';

/** `Cost: +$1.20 / -$0.10 per month …`, or nothing when the plan changes no cost. */
export function costLine(plan: Plan): string | undefined {
  const c = plan.cost;
  if (!c || (c.added === 0 && c.removed === 0)) return undefined;
  return `Cost: +$${c.added.toFixed(2)} / -$${c.removed.toFixed(2)} per month in CloudWatch (list prices, ${c.region}, ${c.asOf}; free tier not counted)`;
}

