/**
 * Finding the stack's resources by the tag index (docs/architecture.md, "Ownership and deletes"), over HTTP: the real CLI and SDK against the
 * emulator, whose call log says what was read. A plan reads only what the stack owns or the file names;
 * owned resources the file drops are found whatever their names; the index's lag and its ghosts of
 * deleted resources change nothing; AccessDenied falls back to listing the account; `--refresh changed`
 * reads only what the file changed.
 */
import { describe, expect, it } from 'vitest';
import { CreateConfigurationSetCommand, PutConfigurationSetTrackingOptionsCommand } from '@aws-sdk/client-sesv2';
import { sandboxPerFile, type Sandbox } from '../helpers/reconcile.js';

let sb: Sandbox;
sandboxPerFile(
  (s) => (sb = s),
  (s) => s.emulator.configure('tagging', { lagMs: 0, deletedRetentionMs: 0 }),
);

const cw = (set: string) => `        cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: ${set} } } }\n`;
/** A stack of sets, each with a CloudWatch destination and a bounce-rate alarm notifying the stack's topic `alerts-<stack>`. */
function stackFile(stack: string, sets: readonly string[], extra = ''): string {
  const body = sets
    .map((s) => `  ${s}:\n    eventDestinations:\n      cw:\n        events: [SEND, BOUNCE, COMPLAINT]\n${cw(s)}    alarms:\n      bounceRate: { threshold: 3%, notify: [alerts-${stack}] }\n`)
    .join('');
  return `stack: ${stack}\nregion: us-east-1\ntopics:\n  alerts-${stack}: {}\nconfigurationSets:\n${body}${extra}`;
}

const FREE_FORM = `alarms:
  hand-named-rejects: { metric: Reject, statistic: Sum, threshold: 5, comparison: GreaterThanThreshold, notify: [alerts-mine] }
`;

/** Served calls by operation (throttled ones excluded), after `fn`. */
async function callsOf(fn: () => Promise<unknown>): Promise<Record<string, number>> {
  sb.emulator.clearCalls();
  await fn();
  const out: Record<string, number> = {};
  for (const c of sb.emulator.calls().calls) if (c.fault === undefined) out[`${c.service}:${c.operation}`] = (out[`${c.service}:${c.operation}`] ?? 0) + 1;
  return out;
}

async function applyOk(file: string, ...flags: string[]): Promise<void> {
  const r = await sb.apply(file, ...flags);
  expect(r.status, r.stdout + r.stderr).toBe(0);
}

async function noChanges(file: string, ...flags: string[]): Promise<string> {
  const r = await sb.plan(file, '--detailed-exitcode', ...flags);
  expect(r.status, r.stdout + r.stderr).toBe(0);
  expect(r.stdout).toContain('No changes.');
  return r.stdout;
}

describe('discovery by the tag index', () => {
  it("reads no set, alarm or topic of another stack or of nobody: 2 SESv2 calls per set of the file, no listing", async () => {
    await applyOk(sb.write(stackFile('other', ['o1', 'o2', 'o3']), 'other.yaml'));
    for (const name of ['a', 'by-hand-2'].map((n) => `x-${n}`)) await sb.ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: name }));
    const mine = sb.write(stackFile('mine', ['a', 'b']));
    await applyOk(mine);
    const calls = await callsOf(() => noChanges(mine));
    expect(calls['tagging:GetResources']).toBe(1);
    expect(calls['sesv2:GetConfigurationSet']).toBe(2);
    expect(calls['sesv2:GetConfigurationSetEventDestinations']).toBe(2);
    expect(calls['sesv2:ListConfigurationSets']).toBeUndefined();
    expect(calls['sns:ListTopics']).toBeUndefined();
    // The index's tags are the file's: no tag read per alarm or topic.
    expect(calls['cloudwatch:ListTagsForResource']).toBeUndefined();
    expect(calls['sns:ListTagsForResource']).toBeUndefined();
    expect(calls['cloudwatch:DescribeAlarms']).toBe(1);
  });

  it('deletes an owned free-form alarm and an owned topic once the file drops them, whatever their names', async () => {
    const withThem = sb.write(`${stackFile('mine', ['a'])}${FREE_FORM}`.replace('topics:\n  alerts-mine: {}\n', 'topics:\n  alerts-mine: {}\n  spare: { displayName: spare }\n'));
    await applyOk(withThem);
    const without = sb.write(stackFile('mine', ['a']));
    const plan = await sb.plan(without, '--allow-deletes');
    expect(plan.stdout).toMatch(/- alarm hand-named-rejects/);
    expect(plan.stdout).toMatch(/- topic spare/);
    expect(plan.stdout).toContain('0 to create, 0 to update, 0 to replace, 2 to delete.');
    await applyOk(without, '--allow-deletes');
    await noChanges(without);
  });

  it('reads a set the lagging index does not list yet by its name, and converges under the lag', async () => {
    sb.emulator.configure('tagging', { lagMs: 600_000 });
    const file = sb.write(`${stackFile('mine', ['a', 'b'])}${FREE_FORM}`);
    await applyOk(file);
    // The index shows nothing of the stack yet: every name of the file is read, tags included.
    const calls = await callsOf(() => noChanges(file));
    expect(calls['sesv2:GetConfigurationSet']).toBe(2);
    expect(calls['cloudwatch:ListTagsForResource']).toBe(3);
    expect(calls['sns:ListTagsForResource']).toBe(1);
  });

  it('confirms each hit: a deleted set the index still lists is not a change', async () => {
    sb.emulator.configure('tagging', { deletedRetentionMs: 600_000 });
    await applyOk(sb.write(stackFile('mine', ['a', 'gone'])));
    const fewer = sb.write(stackFile('mine', ['a']));
    await applyOk(fewer, '--allow-deletes');
    const calls = await callsOf(() => noChanges(fewer));
    // The ghost is read (NotFound) and left out.
    expect(calls['sesv2:GetConfigurationSet']).toBe(2);
    expect(calls['sesv2:GetConfigurationSetEventDestinations']).toBe(1);
  });

  it('falls back to listing the account, with a warning, when the tag index answers AccessDenied', async () => {
    const file = sb.write(stackFile('mine', ['a']));
    await applyOk(file);
    await sb.ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'by-hand' }));
    sb.emulator.setFaults({ failOperations: { GetResources: { code: 'AccessDeniedException', status: 400, message: 'not authorized to perform: tag:GetResources' } } });
    let out = '';
    const calls = await callsOf(async () => {
      out = await noChanges(file);
    });
    expect(out).toMatch(/tag index is not readable \(AccessDeniedException/);
    expect(out).toMatch(/--discovery scan/);
    expect(calls['sesv2:ListConfigurationSets']).toBe(1);
    expect(calls['sesv2:GetConfigurationSet']).toBe(2); // the stack's set and the hand-made one
    sb.emulator.setFaults({});
    const scan = await callsOf(() => noChanges(file, '--discovery', 'scan'));
    expect(scan['tagging:GetResources']).toBeUndefined();
    expect(scan['sesv2:ListConfigurationSets']).toBe(1);
  });

  it('apply PLANFILE re-reads exactly what the plan touches, by name: no index, no listing', async () => {
    await applyOk(sb.write(stackFile('mine', ['a', 'b', 'c'])));
    const edited = sb.write(stackFile('mine', ['a', 'b', 'c']).replace('  b:\n', '  b:\n    reputationMetricsEnabled: true\n'));
    const planFile = `${sb.dir}/review.plan`;
    expect((await sb.plan(edited, '--out', planFile)).status).toBe(0);
    const calls = await callsOf(async () => {
      const r = await sb.run(['apply', planFile, '--auto-approve']);
      expect(r.status, r.stdout + r.stderr).toBe(0);
    });
    expect(calls['tagging:GetResources']).toBeUndefined();
    expect(calls['sesv2:ListConfigurationSets']).toBeUndefined();
    expect(calls['sesv2:GetConfigurationSet']).toBe(1);
    expect(calls['sesv2:PutConfigurationSetReputationOptions']).toBe(1);
    await noChanges(edited);
  });

  it('fails (exit 1) on any other error of the tag index rather than guessing', async () => {
    const file = sb.write(stackFile('mine', ['a']));
    sb.emulator.setFaults({ failOperations: { GetResources: { code: 'InvalidParameterException', status: 400 } } });
    const r = await sb.plan(file);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/tagging GetResources failed: InvalidParameterException/);
  });
});

describe('--refresh changed', () => {
  it('reads only the sets the file changed, says so in the header, and does not look for drift elsewhere', async () => {
    const sets = ['s1', 's2', 's3', 's4'];
    await applyOk(sb.write(stackFile('mine', sets)));
    // Drift on s4, made by hand: --refresh changed does not look for it; --refresh all does.
    await sb.ses.send(new PutConfigurationSetTrackingOptionsCommand({ ConfigurationSetName: 's4', CustomRedirectDomain: 'click.example.com' }));
    const edited = sb.write(stackFile('mine', sets).replace('  s2:\n', '  s2:\n    reputationMetricsEnabled: true\n'));
    let out = '';
    const calls = await callsOf(async () => {
      const r = await sb.plan(edited, '--refresh', 'changed', '--detailed-exitcode');
      expect(r.status, r.stdout + r.stderr).toBe(2);
      out = r.stdout;
    });
    expect(calls['sesv2:GetConfigurationSet']).toBe(1);
    expect(calls['sesv2:GetConfigurationSetEventDestinations']).toBe(1);
    expect(calls['cloudwatch:DescribeAlarms']).toBeUndefined();
    expect(out).toMatch(/^Refresh: changed\. 8 resources the file did not change since the last apply were not read;\ndrift \(changes made to them outside ses-reconcile\) is not shown/m);
    expect(out).toContain('~ configurationSet s2');
    expect(out).toContain('Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.');

    const json = JSON.parse((await sb.plan(edited, '--refresh', 'changed', '--format', 'json')).stdout) as { refresh?: unknown };
    expect(json.refresh).toEqual({ mode: 'changed', notRead: 8 });
    const all = await sb.plan(edited);
    expect(all.stdout).toContain('~ configurationSet s4');
    expect(all.stdout).not.toMatch(/^Refresh:/m);

    await applyOk(edited, '--refresh', 'changed');
    const after = await noChanges(edited, '--refresh', 'changed');
    expect(after).toContain('What the file changed matches the AWS account');
  });

  it('still reads what the file adds and removes', async () => {
    await applyOk(sb.write(stackFile('mine', ['s1', 's2'])));
    const changed = sb.write(stackFile('mine', ['s1', 's3']));
    const r = await sb.plan(changed, '--refresh', 'changed', '--allow-deletes');
    expect(r.stdout).toContain('+ configurationSet s3');
    expect(r.stdout).toContain('- configurationSet s2');
    expect(r.stdout).toContain('- alarm mine/s2/bounce-rate');
    await applyOk(changed, '--refresh', 'changed', '--allow-deletes');
    await noChanges(changed);
  });
});
