/**
 * Execution order (docs/architecture.md, "Plans"): every call finds what it needs. Waves run one after another; the changes of
 * one wave are independent, so apply may run them concurrently.
 *   0. topics created or updated (destinations and alarms publish to them)
 *   1. configuration sets created or updated (destinations need their set)
 *   2. event destinations deleted (frees slots of the 10-per-set quota before creates, e.g. a rename)
 *   3. event destinations created, updated, replaced
 *   4. alarms created, updated or deleted (they watch metrics the destinations publish)
 *   5. configuration sets deleted (AWS deletes their destinations with them)
 *   6. topics deleted (nothing left publishes to them)
 *   7. dashboards created, updated or deleted (a dashboard charts the metrics and alarms made before it;
 *      nothing depends on a dashboard, so deleting it last is as safe as first)
 * Tenants go with wave 1.5: created, updated or deleted after the sets they associate are created and
 * before any set is deleted, because AWS refuses to delete a set a tenant is associated with
 * (docs/aws-behaviour.md, "Tenants"); DeleteTenant takes its associations with it.
 * Within a wave, compareKeys order, so plans are deterministic.
 */
import type { Change } from '../model/change.js';
import { compareKeys } from '../model/key.js';

function waveOf(c: Change): number {
  switch (c.kind) {
    case 'topic':
      return c.action === 'delete' ? 6 : 0;
    case 'configurationSet':
      return c.action === 'delete' ? 5 : 1;
    case 'eventDestination':
      return c.action === 'delete' ? 2 : 3;
    case 'alarm':
      return 4;
    case 'dashboard':
      return 7;
    case 'tenant':
      return 1.5;
  }
}

export function orderChanges(changes: readonly Change[]): { changes: Change[]; waves: number[][] } {
  const sorted = [...changes].sort((a, b) => waveOf(a) - waveOf(b) || compareKeys(a.key, b.key));
  const waves: number[][] = [];
  let current = -1;
  sorted.forEach((c, i) => {
    const w = waveOf(c);
    if (w !== current) {
      waves.push([]);
      current = w;
    }
    (waves[waves.length - 1] as number[]).push(i);
  });
  return { changes: sorted, waves };
}
