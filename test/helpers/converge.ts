/**
 * What the convergence suites (reconcile*.test.ts) share: a small stack and the convergence check.
 */
import { expect } from 'vitest';
import type { Sandbox } from './reconcile.js';

export const HEAD = 'stack: app\nregion: us-east-1\n';
export const CW = `        cloudWatch:
          dimensions:
            ses:configuration-set: { source: MESSAGE_TAG, default: prod }
            campaign: { source: MESSAGE_TAG, default: none }
`;
export const BASE = `${HEAD}configurationSets:
  prod:
    eventDestinations:
      cw:
        events: [SEND, DELIVERY, BOUNCE, COMPLAINT]
${CW}`;

/** apply, then plan: must be `No changes.` Returns apply's stdout. */
export async function converge(sb: Sandbox, yaml: string, ...flags: string[]): Promise<string> {
  const file = sb.write(yaml);
  const applied = await sb.apply(file, ...flags);
  expect(applied.stderr).not.toMatch(/internal error/);
  expect(applied.status, applied.stdout + applied.stderr).toBe(0);
  const again = await sb.plan(file, ...flags);
  expect(again.status, again.stderr).toBe(0);
  expect(again.stdout).toContain('No changes.');
  return applied.stdout;
}

