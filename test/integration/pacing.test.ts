/**
 * Pacing at AWS's real rates, over HTTP: the CLI with its default pacing (no --max-rate) against the
 * emulator answering at AWS's documented rates, or stricter, with the real throttling errors. The rest of
 * the suite raises the rates to stay fast; these are the tests that do not (DEVELOPERS: one test per limit
 * runs at AWS's real rate).
 */
import { describe, expect, it } from 'vitest';
import { sandboxPerFile, type Sandbox } from '../helpers/reconcile.js';

let sb: Sandbox;
// Spawned: the CLI's pacer and the emulator's rate limit must not share a process (helpers/reconcile.ts).
sandboxPerFile((s) => {
  sb = s;
  sb.spawn = true;
});

const setsOf = (names: readonly string[]) =>
  names
  .map(
    (s) => `  ${s}:
    eventDestinations:
      cw:
        events: [SEND, BOUNCE, COMPLAINT, REJECT]
        cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: ${s} } } }
    alarms:
      bounceRate: { threshold: 3%, notify: [alerts] }
      rejects: { threshold: 10, notify: [alerts] }
`,
  )
  .join('');
/** Sets with a CloudWatch destination and two alarms each, notifying a topic with an email subscription. */
const fileOf = (names: readonly string[]) =>
  `stack: paced\nregion: us-east-1\ntopics:\n  alerts:\n    subscriptions:\n      - { protocol: email, endpoint: ops@example.com }\nconfigurationSets:\n${setsOf(names)}`;

function throttled(): number {
  return sb.emulator.calls().calls.filter((c) => c.fault === 'throttled').length;
}

describe('pacing at AWS rate limits', () => {
  it("applies and plans at AWS's documented rates without one throttled answer, spacing the calls instead", async () => {
    sb.emulator.setFaults({ rateLimit: 'aws' });
    sb.rates = [];
    const file = sb.write(fileOf(['a', 'b', 'c']));
    const applied = await sb.apply(file);
    expect(applied.status, applied.stdout + applied.stderr).toBe(0);
    // 6 PutMetricAlarm at CloudWatch's 3/s, the sets and destinations at SES's 1/s, SNS at its rates.
    expect(throttled()).toBe(0);
    // The emulator's one-second bucket refills, as between two pipeline runs.
    await new Promise((r) => setTimeout(r, 1100));
    sb.emulator.clearCalls();
    const t0 = performance.now();
    const r = await sb.plan(file, '--detailed-exitcode');
    const ms = performance.now() - t0;
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const ses = sb.emulator.calls().calls.filter((c) => c.service === 'sesv2');
    expect(ses).toHaveLength(6); // Get + GetEventDestinations per set, nothing else
    expect(throttled()).toBe(0);
    // Six SESv2 calls at one a second cannot take less than five seconds: they were spaced, not fired.
    expect(ms).toBeGreaterThan(5000);
  });

  it('applies and converges with every service limited to 1 call/s (throttling retried, never a failure)', async () => {
    sb.emulator.setFaults({ rateLimit: { sesv2: 1, cloudwatch: 1, sns: 1, tagging: 1, sts: 1 } });
    sb.rates = [];
    const file = sb.write(fileOf(['a']));
    const applied = await sb.apply(file);
    expect(applied.status, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stdout).toContain('Apply complete! 5 created');
    // CloudWatch and SNS were paced at their documented rates (3/s and more), three times what this
    // emulator allows: they were throttled, slowed down and retried, and nothing failed.
    expect(throttled()).toBeGreaterThan(0);
    const plan = await sb.plan(file, '--detailed-exitcode');
    expect(plan.status, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toContain('No changes.');
  });
});
