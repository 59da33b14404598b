/**
 * SNS endpoints with a password (issue 15, item 5): SNS lists the password masked (`user:****@`), so the
 * two sides compare masked and converge; the password never appears in any output, log or plan file; a
 * `${env:NAME}` reference is resolved by apply, also from a plan file.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { ListSubscriptionsByTopicCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { Sandbox } from '../helpers/reconcile.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await Sandbox.start();
});
afterAll(() => sb.close());
beforeEach(() => {
  sb.emulator.reset();
  delete process.env.HOOK_PASSWORD;
});

// `@`, `:` and `!`: written literally URL-encoded; the variable holds it as it is.
const PASSWORD = 'Zq@9:xK!secret';
const ENCODED = 'Zq%409%3AxK!secret';
const SECRETS = [PASSWORD, ENCODED, 'Zq@9', '9:xK!secret', 'xK!secret'];

const file = (endpoint: string) => `stack: app
region: us-east-1
topics:
  hooks:
    subscriptions:
      - protocol: https
        endpoint: ${endpoint}
`;
const LITERAL = file(`https://user:${ENCODED}@hooks.example.com/x`);
const REFERENCE = file('https://user:${env:HOOK_PASSWORD}@hooks.example.com/x');

const sns = () => new SNSClient({ endpoint: sb.emulator.url, region: 'us-east-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } });
const WRITES = /:(Create|Delete|Put|Update|Tag|Untag|Set|Subscribe|Unsubscribe)/;
const writeCalls = () => sb.emulator.calls().calls.map((c) => `${c.service}:${c.operation}`).filter((op) => WRITES.test(op));

function expectNoSecret(where: string, text: string): void {
  for (const s of SECRETS) expect(text.includes(s), `${where} holds the password (${s}):\n${text}`).toBe(false);
}

describe('SNS endpoints with a password', () => {
  it('the emulator lists the password masked', async () => {
    const r = await sb.apply(sb.write(LITERAL));
    expect(r.status, r.stderr).toBe(0);
    const arn = (await sns().send(new ListTopicsCommand({}))).Topics?.[0]?.TopicArn;
    const listed = await sns().send(new ListSubscriptionsByTopicCommand({ TopicArn: arn }));
    expect(listed.Subscriptions?.map((s) => s.Endpoint)).toEqual(['https://user:****@hooks.example.com/x']);
  });

  it('a literal password converges, warns at its line, and is never printed (plan, apply --log-level debug, plan file)', async () => {
    const cfg = sb.write(LITERAL);
    const outputs: [string, string][] = [];
    const v = await sb.run(['validate', '-c', cfg]);
    expect(v.status).toBe(0);
    expect(v.stdout + v.stderr).toMatch(/ses-reconcile\.yaml:8:19 warning endpoint-credentials/);
    expect(v.stdout + v.stderr).toContain('${env:HOOK_PASSWORD}');
    outputs.push(['validate', v.stdout + v.stderr]);
    for (const format of ['text', 'markdown', 'json']) {
      const p = await sb.plan(cfg, '--format', format, '--log-level', 'debug');
      expect(p.status, p.stderr).toBe(0);
      expect(p.stdout).toContain('user:****@hooks.example.com');
      outputs.push([`plan ${format}`, p.stdout + p.stderr]);
    }
    const a = await sb.apply(cfg, '--log-level', 'debug');
    expect(a.status, a.stderr).toBe(0);
    expect(a.stdout).toContain('Subscribe hooks https:https://user:****@hooks.example.com/x');
    outputs.push(['apply', a.stdout + a.stderr]);
    // Converged: the live side (masked by SNS) equals the file's (masked here): no Unsubscribe/Subscribe churn.
    for (const format of ['text', 'json']) {
      const again = await sb.plan(cfg, '--format', format, '--log-level', 'debug');
      expect(again.status, again.stderr).toBe(0);
      if (format === 'text') expect(again.stdout).toContain('No changes.');
      else expect(JSON.parse(again.stdout).changes).toEqual([]);
      outputs.push([`plan ${format} after apply`, again.stdout + again.stderr]);
    }
    sb.emulator.clearCalls();
    const twice = await sb.apply(cfg);
    expect(twice.status).toBe(0);
    expect(writeCalls()).toEqual([]);
    // A plan file that only reads the topic (a tag change) stores it masked, and applies.
    const edited = sb.write(LITERAL.replace('  hooks:\n', '  hooks:\n    tags: { team: mail }\n'));
    const saved = `${sb.dir}/literal.plan.json`;
    const p = await sb.plan(edited, '--out', saved, '--log-level', 'debug');
    expect(p.status, p.stderr).toBe(0);
    outputs.push(['plan --out', p.stdout + p.stderr], ['plan file', readFileSync(saved, 'utf8')]);
    expect(readFileSync(saved, 'utf8')).toContain('user:****@hooks.example.com');
    const fromFile = await sb.run(['apply', saved, '--log-level', 'debug']);
    expect(fromFile.status, fromFile.stderr).toBe(0);
    outputs.push(['apply PLANFILE', fromFile.stdout + fromFile.stderr]);
    for (const [where, text] of outputs) expectNoSecret(where, text);
  });

  it('plan --out refuses to save a Subscribe that needs a literal password', async () => {
    const saved = `${sb.dir}/refused.plan.json`;
    const p = await sb.plan(sb.write(LITERAL), '--out', saved);
    expect(p.status).toBe(3);
    expect(p.stderr).toContain('${env:NAME}');
    expectNoSecret('plan --out', p.stdout + p.stderr);
  });

  it('an ${env:NAME} reference: plan needs no password, apply resolves it, also from a plan file', async () => {
    const cfg = sb.write(REFERENCE);
    // Unset: apply stops at the file's line (exit 3) before any AWS call.
    sb.emulator.clearCalls();
    const unset = await sb.apply(cfg);
    expect(unset.status).toBe(3);
    expect(unset.stdout + unset.stderr).toMatch(/ses-reconcile\.yaml:8:19 error endpoint-credentials/);
    expect(unset.stdout + unset.stderr).toContain('HOOK_PASSWORD is not set');
    expect(sb.emulator.calls().calls).toEqual([]);

    const saved = `${sb.dir}/reference.plan.json`;
    const p = await sb.plan(cfg, '--out', saved);
    expect(p.status, p.stderr).toBe(0);
    expect(readFileSync(saved, 'utf8')).toContain('${env:HOOK_PASSWORD}');
    // From the plan file, unset: exit 3 before any AWS call.
    sb.emulator.clearCalls();
    const refused = await sb.run(['apply', saved]);
    expect(refused.status).toBe(3);
    expect(refused.stderr).toContain('HOOK_PASSWORD is not set');
    expect(sb.emulator.calls().calls).toEqual([]);

    process.env.HOOK_PASSWORD = PASSWORD;
    const a = await sb.run(['apply', saved, '--log-level', 'debug']);
    expect(a.status, a.stderr).toBe(0);
    expect(writeCalls()).toContain('sns:Subscribe');
    expectNoSecret('apply PLANFILE', a.stdout + a.stderr);
    const again = await sb.plan(cfg);
    expect(again.stdout).toContain('No changes.');
    // The file with the password written literally (encoded) is the same subscription: no change either.
    expect((await sb.plan(sb.write(LITERAL))).stdout).toContain('No changes.');
  });

  it('export writes the password it cannot read as an ${env:NAME} reference, says so, and the file plans No changes', async () => {
    process.env.HOOK_PASSWORD = PASSWORD;
    expect((await sb.apply(sb.write(REFERENCE))).status).toBe(0);
    const e = await sb.run(['export', '--stack', 'app']);
    expect(e.status, e.stderr).toBe(0);
    expect(e.stdout).toContain('endpoint: https://user:${env:SNS_HOOKS_PASSWORD}@hooks.example.com/x');
    expect(e.stderr).toContain('set SNS_HOOKS_PASSWORD before apply');
    expectNoSecret('export', e.stdout + e.stderr);
    const cfg = `${sb.dir}/exported.yaml`;
    writeFileSync(cfg, e.stdout);
    const p = await sb.plan(cfg);
    expect(p.status, p.stdout + p.stderr).toBe(0);
    expect(p.stdout).toContain('No changes.');
  });
});
