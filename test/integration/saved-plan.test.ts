/**
 * A saved plan is a trust boundary (issue 9): in CI it is an artifact passed between jobs. `apply PLANFILE`
 * runs only what the plan's own inputs recompute to, re-checked against the live state and this apply's
 * flags. Every edit here is one a probe made; each is refused with exit 4 and no write call. An edit
 * that leaves the checksum stale is refused before any call at all; one whose checksum was recomputed
 * (a deliberate edit) is refused by the recomputation, also before any AWS call.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { CreateConfigurationSetCommand, GetConfigurationSetCommand } from '@aws-sdk/client-sesv2';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { Sandbox } from '../helpers/reconcile.js';
import { sha256, stableJson } from '../../src/plan/digest.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await Sandbox.start();
});
afterAll(() => sb.close());

const BASE = `stack: app
region: us-east-1
configurationSets:
  prod:
    eventDestinations:
      cw:
        events: [SEND, BOUNCE, COMPLAINT]
        cloudWatch:
          dimensions:
            ses:configuration-set: { source: MESSAGE_TAG, default: prod }
alarms:
  app/rejects:
    metric: Reject
    statistic: Sum
    period: 5m
    threshold: 12
    comparison: GreaterThanThreshold
`;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Edits a plan file; with `checksum`, recomputes it as a deliberate attacker would. */
function tamper(planFile: string, edit: (plan: Json) => void, checksum: boolean): void {
  const data = JSON.parse(readFileSync(planFile, 'utf8')) as Json;
  edit(data);
  if (checksum) {
    const { checksum: _c, ...body } = data;
    data.checksum = sha256(stableJson(body));
  }
  writeFileSync(planFile, JSON.stringify(data, null, 2));
}

const WRITES = /:(Create|Delete|Put|Update|Tag|Untag|Set|Subscribe|Unsubscribe)/;
function writeCalls(): string[] {
  return sb.emulator
    .calls()
    .calls.map((c) => `${c.service}:${c.operation}`)
    .filter((op) => WRITES.test(op));
}

const cw = () => new CloudWatchClient({ endpoint: sb.emulator.url, region: 'us-east-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } });
const exists = async (name: string) =>
  sb.ses.send(new GetConfigurationSetCommand({ ConfigurationSetName: name })).then(
    () => true,
    () => false,
  );

async function expectRefused(planFile: string, message: RegExp): Promise<void> {
  const r = await sb.run(['apply', planFile, '--auto-approve', '--allow-deletes']);
  expect(r.stderr).toMatch(message);
  expect(r.status, r.stdout + r.stderr).toBe(4);
  expect(writeCalls()).toEqual([]);
}

/** The base applied, a hand-made and another stack's set beside it, and a saved plan of two changes. */
const EDITED = BASE.replace('threshold: 12', 'threshold: 20').replace('[SEND, BOUNCE, COMPLAINT]', '[SEND, BOUNCE]');

describe('apply PLANFILE refuses every edit, before any write', () => {
  let saved: string;
  beforeAll(async () => {
    sb.emulator.reset();
    expect((await sb.apply(sb.write(BASE))).status).toBe(0);
    await sb.ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'handmade' }));
    await sb.ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'theirs', Tags: [{ Key: 'ses-reconcile:stack', Value: 'other' }] }));
    saved = `${sb.dir}/reviewed.plan.json`;
    const made = await sb.plan(sb.write(EDITED), '--out', saved);
    expect(made.status, made.stderr).toBe(0);
    // As Terraform does: it says how to apply exactly this plan (on stderr: stdout is the plan itself).
    expect(made.stderr).toContain(`Saved the plan to ${saved}. To make exactly these calls: ses-reconcile apply ${saved}`);
  });

  // A refused apply changes nothing, so every test starts from the same account and the same saved plan.
  let n = 0;
  function edited(edit: (plan: Json) => void, checksum: boolean): string {
    const copy = `${sb.dir}/edited-${++n}.plan.json`;
    writeFileSync(copy, readFileSync(saved, 'utf8'));
    tamper(copy, edit, checksum);
    sb.emulator.clearCalls();
    return copy;
  }
  const alarmChange = (changes: Json[]) => changes.find((c) => c.kind === 'alarm' || c.type === 'alarm') as Json;

  afterAll(async () => {
    expect(await exists('handmade')).toBe(true);
    expect(await exists('theirs')).toBe(true);
    const alarm = await cw().send(new DescribeAlarmsCommand({ AlarmNames: ['app/rejects'] }));
    expect(alarm.MetricAlarms?.[0]?.Threshold).toBe(12);
  });

  for (const checksum of [false, true]) {
    const how = checksum ? 'checksum recomputed' : 'checksum left stale';
    const why = checksum ? /was edited after plan --out wrote it/ : /modified plan file/;

    it(`an extra DeleteConfigurationSet of a hand-made and another stack's set (${how})`, async () => {
      const file = edited((p) => {
        p.executable.changes[0].steps.push({ op: 'DeleteConfigurationSet', name: 'handmade' }, { op: 'DeleteConfigurationSet', name: 'theirs' });
      }, checksum);
      await expectRefused(file, why);
    });

    it(`an edited threshold, 20 -> 99999, in the executable plan and the readable one (${how})`, async () => {
      const file = edited((p) => {
        const change = alarmChange(p.executable.changes);
        change.steps[0].alarm.threshold = 99999;
        change.after.threshold = 99999;
        alarmChange(p.changes).after.threshold = 99999;
      }, checksum);
      await expectRefused(file, why);
    });

    it(`a plan rewritten to another stack (${how})`, async () => {
      const file = edited((p) => {
        p.stack = 'other';
        p.executable.stack = 'other';
        p.inputs.stack = 'other';
      }, checksum);
      await expectRefused(file, why);
    });

    it(`a row removed (${how})`, async () => {
      const file = edited((p) => {
        expect(p.executable.changes).toHaveLength(2);
        p.executable.changes.pop();
        p.executable.waves.pop();
        p.changes.pop();
        p.waves.pop();
      }, checksum);
      await expectRefused(file, why);
    });
  }

  it('an edit of the readable plan alone: the plan a reviewer reads must be the one that runs', async () => {
    const file = edited((p) => {
      alarmChange(p.changes).after.threshold = 13;
    }, true);
    await expectRefused(file, /the plan a reviewer reads is not the plan it would run/);
  });

  it('a malformed executable plan with a valid checksum: refused (exit 4), never an internal error', async () => {
    const file = edited((p) => {
      p.executable.changes[0].steps = 'DeleteConfigurationSet handmade';
    }, true);
    await expectRefused(file, /its content is not a plan ses-reconcile can read|makes other calls/);
    expect((await sb.run(['apply', file])).stderr).not.toMatch(/internal error/);
  });

  it('flags that would shape another plan (-c, --target, --refresh, --discovery), as a usage error', async () => {
    sb.emulator.clearCalls();
    for (const flags of [['-c', sb.write(BASE, 'other.yaml')], ['--target', 'prod'], ['--refresh', 'changed'], ['--discovery', 'scan']]) {
      const r = await sb.run(['apply', saved, '--auto-approve', ...flags]);
      expect(r.status, flags.join(' ')).toBe(3);
      expect(r.stderr).toMatch(new RegExp(`${flags[0]} cannot change it`.replace('-c ', '--config ')));
    }
    expect(sb.emulator.calls().total).toBe(0);
  });

  it('and applies the untouched plan file without asking (no TTY, no --auto-approve), then converges', async () => {
    sb.emulator.clearCalls();
    const r = await sb.run(['apply', saved]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Apply complete!');
    expect((await sb.plan(sb.write(EDITED))).stdout).toContain('No changes.');
    // Put the threshold back for afterAll's check that no edited plan got through.
    expect((await sb.apply(sb.write(BASE))).status).toBe(0);
  });
});

describe('apply PLANFILE re-checks with its own flags', () => {
  beforeEach(() => sb.emulator.reset());

  it('re-checks deletes with this apply\'s flags, on what the calls do', async () => {
    expect((await sb.apply(sb.write(BASE))).status).toBe(0);
    const planFile = `${sb.dir}/delete.plan.json`;
    const dropped = BASE.slice(0, BASE.indexOf('alarms:'));
    const made = await sb.plan(sb.write(dropped), '--allow-deletes', '--out', planFile);
    expect(made.status, made.stderr).toBe(0);
    sb.emulator.clearCalls();
    const refused = await sb.run(['apply', planFile]);
    expect(refused.status).toBe(4);
    expect(refused.stderr).toMatch(/deletes 1 resource; deletes need --allow-deletes/);
    expect(writeCalls()).toEqual([]);
    const over = await sb.run(['apply', planFile, '--allow-deletes', '--max-deletes', '0']);
    expect(over.status).toBe(4);
    expect(over.stderr).toMatch(/1 deletes exceed --max-deletes 0/);
    const ok = await sb.run(['apply', planFile, '--allow-deletes']);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(writeCalls()).toEqual(['cloudwatch:DeleteAlarms']);
  });

  it('adopts only when this apply says --adopt too', async () => {
    await sb.ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'prod' }));
    const planFile = `${sb.dir}/adopt.plan.json`;
    const file = sb.write(BASE);
    expect((await sb.plan(file, '--adopt', '--out', planFile)).status).toBe(0);
    sb.emulator.clearCalls();
    const refused = await sb.run(['apply', planFile]);
    expect(refused.status, refused.stdout + refused.stderr).toBe(4);
    expect(refused.stderr).toMatch(/--adopt/);
    expect(writeCalls()).toEqual([]);
    const adopted = await sb.run(['apply', planFile, '--adopt']);
    expect(adopted.status, adopted.stdout + adopted.stderr).toBe(0);
    expect((await sb.plan(file)).stdout).toContain('No changes.');
  });

});
