/**
 * Apply-time failures caught at plan time (issue 15 item 3; plan/preflight.ts, cli/reconcile.ts
 * `preflight`), over HTTP against the emulator with the real SDK: a tracking domain that is not a verified
 * identity (nor under one), a sending pool that does not exist, a topic by ARN outside the file that does
 * not exist, and a target in another Region refuse plan and apply with exit 3 at the value's
 * file:line:col, before any write; made right as a user would (the identity, pool or topic created), the
 * file converges. Each check costs its reads only when the file uses it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandboxPerFile, type Run, type Sandbox } from '../helpers/reconcile.js';
import { BASE, converge } from '../helpers/converge.js';

let sb: Sandbox;
sandboxPerFile((s) => (sb = s));

const READS = /^(Get|List|Describe)/;
const writes = () => sb.emulator.calls().calls.filter((c) => !READS.test(c.operation) && c.service !== 'sts' && c.service !== 'tagging');
/** How many times the run called `service:Operation`. */
const count = (key: string): number => sb.emulator.calls().byOperation[key] ?? 0;

/** plan and apply both refuse the file with exit 3, the diagnostics on stderr, and make no write call. */
async function refused(file: string): Promise<Run> {
  sb.emulator.clearCalls();
  const plan = await sb.plan(file);
  expect(plan.status, plan.stdout + plan.stderr).toBe(3);
  expect(writes()).toEqual([]);
  const apply = await sb.apply(file);
  expect(apply.status, apply.stdout + apply.stderr).toBe(3);
  expect(apply.stdout).not.toContain('Apply complete');
  expect(writes()).toEqual([]);
  return plan;
}

// `version: 1` is line 1 (sb.write adds it).
const tracking = (domain: string) => `stack: app
region: us-east-1
configurationSets:
  prod:
    tracking: { customRedirectDomain: ${domain} }
`;

describe('a tracking domain must be a verified identity of the account, or under one', () => {
  it('refuses a domain no identity covers, at its line, and converges once the parent domain is verified', async () => {
    const file = sb.write(tracking('click.example.org'));
    const r = await refused(file);
    expect(r.stderr).toContain(`${file}:6:39 error tracking-domain: the tracking domain click.example.org is not a verified identity of this account, nor a subdomain of one`);
    expect(r.stderr).toContain('(at configurationSets.prod.tracking.customRedirectDomain)');
    // The hint names what the account has: the emulator's default example.com.
    expect(r.stderr).toMatch(/→ verify click\.example\.org \(or its parent domain\) in SES first; the account's domain identities: example\.com/);
    await sb.setUp({ identities: ['example.org'] });
    await converge(sb, tracking('click.example.org'));
  });

  it('takes a subdomain of a verified domain, for one ListEmailIdentities call', async () => {
    await converge(sb, tracking('links.example.com'));
    sb.emulator.clearCalls();
    expect((await sb.plan(sb.write(tracking('links.example.com')))).stdout).toContain('No changes.');
    expect(count('sesv2:ListEmailIdentities')).toBe(1);
    expect(count('sesv2:ListDedicatedIpPools')).toBe(0);
  });

  it('an email-address identity does not cover its domain', async () => {
    await sb.setUp({ identities: ['ops@example.org'] });
    const r = await refused(sb.write(tracking('example.org')));
    expect(r.stderr).toMatch(/error tracking-domain: the tracking domain example\.org is not a verified identity/);
  });

  it('reads every page of the identities: 1500 identities are two calls of 1000', async () => {
    const many = Array.from({ length: 1499 }, (_, i) => `d${String(i).padStart(4, '0')}.example.net`);
    // The covering identity sorts last, on the second page.
    sb.emulator.configure('sesv2', { verifiedDomains: [...many, 'zz.example.org'] });
    sb.emulator.clearCalls();
    const r = await sb.plan(sb.write(tracking('t.zz.example.org')));
    expect(r.status, r.stderr).toBe(0);
    expect(count('sesv2:ListEmailIdentities')).toBe(2);
  });
});

const pool = (name: string) => `stack: app
region: us-east-1
configurationSets:
  prod:
    delivery:
      tlsPolicy: REQUIRE
      sendingPoolName: ${name}
`;

describe('a sending pool must exist', () => {
  it('refuses an unknown pool at its line, names the pools there are, and converges once the pool is created', async () => {
    const file = sb.write(pool('dedicated-1'));
    const r = await refused(file);
    expect(r.stderr).toContain(`${file}:8:24 error sending-pool: the dedicated IP pool dedicated-1 does not exist in this account and Region`);
    expect(r.stderr).toContain('→ create it first, or write one of: shared');
    await sb.setUp({ pools: ['dedicated-1'] });
    await converge(sb, pool('dedicated-1'));
    sb.emulator.clearCalls();
    expect((await sb.plan(sb.write(pool('dedicated-1')))).stdout).toContain('No changes.');
    expect([count('sesv2:ListDedicatedIpPools'), count('sesv2:ListEmailIdentities')]).toEqual([1, 0]);
  });

  it('refuses plan --out: no plan file is written for a file apply would fail on', async () => {
    const out = join(sb.dir, 'refused.plan');
    const r = await sb.plan(sb.write(pool('nope')), '--out', out);
    expect(r.status).toBe(3);
    expect(existsSync(out)).toBe(false);
  });
});

const ARN = 'arn:aws:sns:us-east-1:123456789012';
const topics = (destination: string, alarm: string) => `stack: app
region: us-east-1
topics:
  own: {}
configurationSets:
  prod:
    eventDestinations:
      bounces:
        events: [BOUNCE]
        sns: { topicArn: '${destination}' }
alarms:
  rejects:
    metric: Reject
    statistic: Sum
    threshold: 10
    comparison: GreaterThanThreshold
    notify: ['${alarm}', '${ARN}:own', own]
`;

describe('a topic named by ARN outside the file must exist', () => {
  it('refuses each missing topic at its line, reading each distinct ARN once, and converges once they are created', async () => {
    const file = sb.write(topics(`${ARN}:made-by-hand`, `${ARN}:pager`));
    const r = await refused(file);
    expect(r.stderr).toContain(`${file}:11:26 error topic-exists: the SNS topic ${ARN}:made-by-hand does not exist (GetTopicAttributes: NotFound), and the file does not declare it`);
    expect(r.stderr).toContain(`${file}:18:14 error topic-exists: the SNS topic ${ARN}:pager does not exist`);
    expect(r.stderr).toContain('→ create the topic, or declare it under topics: and refer to it by name');
    await sb.setUp({ topics: ['made-by-hand', 'pager'] });
    await converge(sb, topics(`${ARN}:made-by-hand`, `${ARN}:pager`));
  });

  it('reads a topic named twice once, and the file\'s own topic (by ARN or name) never', async () => {
    await sb.setUp({ topics: ['made-by-hand'] });
    await converge(sb, topics(`${ARN}:made-by-hand`, `${ARN}:made-by-hand`));
    sb.emulator.clearCalls();
    expect((await sb.plan(sb.write(topics(`${ARN}:made-by-hand`, `${ARN}:made-by-hand`)))).stdout).toContain('No changes.');
    // The live read reads the file's own topic; the check adds one call, for the one outside ARN.
    expect(count('sns:GetTopicAttributes')).toBe(2);
  });

  it('warns, and does not refuse, for another account\'s topic it may not read', async () => {
    await sb.setUp({ topics: ['pager'] });
    const yaml = topics('arn:aws:sns:us-east-1:210987654321:partner-events', `${ARN}:pager`);
    const r = await sb.plan(sb.write(yaml));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/topic-exists: .*:11:26: the SNS topic arn:aws:sns:us-east-1:210987654321:partner-events could not be checked \(GetTopicAttributes: AuthorizationError/);
    await converge(sb, yaml);
  });

  it('a topic ARN outside the file that exists converges', async () => {
    const [made] = await sb.setUp({ topics: ['made-by-hand'] });
    await converge(sb, `stack: app
configurationSets:
  prod:
    eventDestinations:
      bounces:
        events: [BOUNCE]
        sns: { topicArn: ${made} }
`);
  });
});

describe('targets in the stack\'s Region', () => {
  it('a Firehose stream in another Region than the stack (no region: in the file): exit 3, no call to SES', async () => {
    const file = sb.write(`stack: app
configurationSets:
  prod:
    eventDestinations:
      fh:
        events: [SEND]
        kinesisFirehose:
          deliveryStreamArn: arn:aws:firehose:eu-west-1:123456789012:deliverystream/ses-events
          iamRoleArn: arn:aws:iam::123456789012:role/ses-to-firehose
`);
    const r = await sb.plan(file);
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr).toContain(`${file}:9:`);
    expect(r.stderr).toMatch(/target-region/);
    expect(sb.emulator.calls().calls.filter((c) => c.service === 'sesv2')).toEqual([]);
  });
});

describe('a role without the listings', () => {
  it('skips the check it may not make, with a warning, and still makes the others', async () => {
    sb.emulator.setFaults({ failOperations: { 'sesv2:ListEmailIdentities': { code: 'AccessDeniedException', status: 403 } } });
    const r = await sb.plan(sb.write(tracking('click.example.org')));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/the tracking domains and tenant identities were not checked: ses:ListEmailIdentities was denied \(AccessDeniedException\)/);
    const both = await sb.plan(sb.write(`${tracking('click.example.org')}    delivery: { sendingPoolName: nope }\n`));
    expect(both.status).toBe(3);
    expect(both.stderr).toMatch(/error sending-pool/);
  });
});

describe('what the checks cost', () => {
  it('a file without tracking domains, pools or outside topics makes no plan-time call', async () => {
    const r = await sb.plan(sb.write(BASE));
    expect(r.status, r.stderr).toBe(0);
    const ops = sb.emulator.calls().calls.map((c) => c.operation);
    expect(ops).not.toContain('GetTopicAttributes');
    expect(ops).not.toContain('ListEmailIdentities');
    expect(ops).not.toContain('ListDedicatedIpPools');
  });

  it('every failure of a file is reported in one run, and its reads are in the plan\'s call counts', async () => {
    const file = sb.write(`stack: app
region: us-east-1
configurationSets:
  prod:
    tracking: { customRedirectDomain: click.example.org }
    delivery: { sendingPoolName: dedicated-1 }
    eventDestinations:
      bounces:
        events: [BOUNCE]
        sns: { topicArn: '${ARN}:missing' }
`);
    const r = await sb.plan(file, '--log-level', 'info');
    expect(r.status).toBe(3);
    expect(r.stderr.match(/error (tracking-domain|sending-pool|topic-exists)/g)).toEqual(['error tracking-domain', 'error sending-pool', 'error topic-exists']);
    expect([count('sesv2:ListEmailIdentities'), count('sesv2:ListDedicatedIpPools'), count('sns:GetTopicAttributes')]).toEqual([1, 1, 1]);

    await sb.setUp({ identities: ['example.org'], pools: ['dedicated-1'], topics: ['missing'] });
    const ok = await sb.plan(file, '--log-level', 'info');
    expect(ok.status, ok.stderr).toBe(0);
    const read = ok.stderr.split('\n').find((l) => l.includes('"read live state"'));
    expect(JSON.parse(read as string).calls).toMatchObject({ 'sesv2:ListEmailIdentities': 1, 'sesv2:ListDedicatedIpPools': 1, 'sns:GetTopicAttributes': 1 });
  });
});
