import type { Plan } from '../model/plan.js';

const usd = (x: number) => `$${x.toFixed(2)}`;

/** `Cost: +$1.20 / -$0.10 per month …`, or nothing when the plan changes no cost. */
export function costLine(plan: Plan): string | undefined {
  const c = plan.cost;
  if (!c || (c.added === 0 && c.removed === 0)) return undefined;
  return `Cost: +${usd(c.added)} / -${usd(c.removed)} per month in CloudWatch (list prices, ${c.region}, ${c.asOf}; free tier not counted)`;
}

/** A change's share beside it: `+$2.70/month`, `-$0.20/month`. */
export function costShare(monthly: number | undefined): string | undefined {
  if (monthly === undefined || monthly === 0) return undefined;
  return `${monthly > 0 ? '+' : '-'}${usd(Math.abs(monthly))}/month`;
}

/** The total's breakdown by what CloudWatch bills, as markdown table rows (header included); none when no cost changes. */
export function costBreakdownTable(plan: Plan): string | undefined {
  const c = plan.cost;
  if (!c || c.breakdown.length === 0) return undefined;
  return [
    '| Monthly cost | Added | Removed |',
    '| :--- | ---: | ---: |',
    ...c.breakdown.map((l) => `| ${l.item} | +${usd(l.added)} | -${usd(l.removed)} |`),
    `| **total** | **+${usd(c.added)}** | **-${usd(c.removed)}** |`,
  ].join('\n');
}
