/**
 * `status` end to end against the emulator, which publishes metrics the way SES does: the file applied,
 * simulated mail sent through a configuration set with the SES mailbox simulator deciding each outcome,
 * the set's CloudWatch destination turning the events into metrics, the bounce-rate alarm evaluating
 * them, and `status` (the built CLI) reviewing it all. The real SDK over HTTP throughout.
 */
import { PutConfigurationSetSendingOptionsCommand, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import type { StatusReport } from '../../src/model/status.js';
import type { PolicyDocument } from '../../src/plan/permissions.js';
import { sandboxPerFile, type Sandbox } from '../helpers/reconcile.js';

let sb: Sandbox;
sandboxPerFile((s) => (sb = s));

const FILE = `stack: shop
region: us-east-1
topics:
  alerts: {}
configurationSets:
  prod:
    eventDestinations:
      metrics:
        events: [SEND, DELIVERY, BOUNCE, COMPLAINT, REJECT]
        cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: prod } } }
    alarms:
      bounceRate: { threshold: 3%, notify: [alerts] }
  quiet:
    eventDestinations:
      metrics:
        events: [SEND, BOUNCE, COMPLAINT]
        cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: quiet } } }
`;

/** `n` recipients through `set`, 50 a message (SES's limit), `bounces` of them the simulator's bounce address. */
async function send(set: string, n: number, bounces: number): Promise<void> {
  const to = Array.from({ length: n }, (_, i) => (i < bounces ? `bounce+${i}@simulator.amazonses.com` : `success+${i}@simulator.amazonses.com`));
  for (let i = 0; i < n; i += 50) {
    await sb.ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'shop@example.com',
        Destination: { ToAddresses: to.slice(i, i + 50) },
        Content: { Simple: { Subject: { Data: 'hello' }, Body: { Text: { Data: 'hello' } } } },
        ConfigurationSetName: set,
      }),
    );
  }
}

async function status(...flags: string[]): Promise<{ status: number | null; report: StatusReport; text: string }> {
  const json = await sb.run(['status', '-c', sb.write(FILE), '--format', 'json', ...flags]);
  const text = await sb.run(['status', '-c', sb.write(FILE), ...flags]);
  expect(json.status, json.stderr).toBe(text.status);
  return { status: json.status, report: JSON.parse(json.stdout) as StatusReport, text: text.stdout };
}

describe('status against the emulator', () => {
  it('reads no traffic as no data and exits 0; 200 sends with 10 bounces as 5%, the alarm in ALARM, exit 2', async () => {
    const applied = await sb.apply(sb.write(FILE));
    expect(applied.status, applied.stdout + applied.stderr).toBe(0);

    const before = await status();
    expect(before.status).toBe(0);
    const quietBefore = before.report.configurationSets.find((s) => s.name === 'prod');
    expect(quietBefore?.bounceRate).toMatchObject({ value: null, level: 'no-data' });
    expect(before.text).toContain('no data: nothing sent in the window');

    await send('prod', 200, 10);
    const after = await status();
    expect(after.status).toBe(2);
    const prod = after.report.configurationSets.find((s) => s.name === 'prod');
    expect(prod?.totals).toMatchObject({ Send: 200, Bounce: 10, Delivery: 190, Complaint: 0, Reject: 0 });
    expect(prod?.bounceRate).toMatchObject({ value: 0.05, threshold: 0.03, level: 'over-review' });
    expect(after.report.alarms).toEqual([expect.objectContaining({ name: 'shop/prod/bounce-rate', state: 'ALARM' })]);
    expect(after.report.findings[0]).toBe("prod: bounce rate 5% reaches SES's review level of 5%");
    expect(after.text).toMatch(/bounce rate {5}5% {2}✗ reaches SES's review level/);
    expect(after.text).toMatch(/ALARM +shop\/prod\/bounce-rate/);
    // The trend: every message in the current bucket.
    expect(prod?.trend.sends.at(-1)).toBe(200);
  }, 60_000);

  it('says which sets are paused, and the status policy covers every call status makes', async () => {
    expect((await sb.apply(sb.write(FILE))).status).toBe(0);
    await sb.ses.send(new PutConfigurationSetSendingOptionsCommand({ ConfigurationSetName: 'quiet', SendingEnabled: false }));
    sb.emulator.clearCalls();
    const r = await status();
    expect(r.report.notes).toContain('quiet: sending is paused (by SES or by hand); apply never resumes it unless the file says sendingEnabled: true');
    expect(r.text).toMatch(/Configuration set quiet {2}PAUSED/);
    const policy = JSON.parse((await sb.run(['iam-policy', '-c', sb.write(FILE), '--for', 'status'])).stdout) as PolicyDocument;
    const granted = new Set(policy.Statement.flatMap((s) => s.Action));
    const prefix: Record<string, string> = { sesv2: 'ses', cloudwatch: 'cloudwatch', sns: 'sns', tagging: 'tag' };
    const called = Object.keys(sb.emulator.calls().byOperation).map((k) => k.split(':')).filter(([s]) => s !== 'sts').map(([s, op]) => `${prefix[s as string]}:${op}`);
    expect(called.filter((a) => !granted.has(a))).toEqual([]);
    // Reads only.
    expect(called.filter((a) => !/:(Get|List|Describe)/.test(a))).toEqual([]);
  }, 60_000);

  it('refuses an invalid file with exit 3 and calls nothing', async () => {
    sb.emulator.clearCalls();
    const r = await sb.run(['status', '-c', sb.write('stack: shop\nconfigurationSets:\n  prod:\n    delivery: { tlsPolicy: SOMETIMES }\n')]);
    expect(r.status).toBe(3);
    expect(sb.emulator.calls().total).toBe(0);
  });
});
