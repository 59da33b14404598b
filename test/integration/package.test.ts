/**
 * `npx ses-reconcile` from the published package (issue 13): the package is packed as `npm publish` would
 * pack it, installed into an empty directory, and run from there by its bin: no file of the clone is
 * used but the tarball. It needs the npm registry for the dependencies' metadata (the tarballs come from
 * npm's cache); without it the install fails and the test says so.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
let app = '';
let packed: string[] = [];
const stops: (() => void)[] = [];

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'ses-reconcile-pack-'));
  // dist/ is built (npm test's pretest): pack it as it is, as `npm publish` would after prepack.
  const pack = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], ROOT);
  expect(pack.status, pack.stderr).toBe(0);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  packed = (info?.files ?? []).map((f) => f.path);
  app = join(out, 'app');
  await run('mkdir', [app], out);
  writeFileSync(join(app, 'package.json'), '{ "name": "app", "private": true }\n');
  const install = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(out, info?.filename ?? '')], app);
  if (install.status !== 0) throw new Error(`npm install of the packed package failed (it needs the npm registry for the dependencies' metadata):\n${install.stderr}`);
}, 120_000);

afterAll(() => stops.forEach((s) => s()));

const npx = (args: readonly string[], env?: NodeJS.ProcessEnv) => run('npx', ['--no-install', 'ses-reconcile', ...args], app, env);

describe('the published package', () => {
  it('ships the bin, the schema, the examples and the README, and no sources or tests', () => {
    expect(packed).toEqual(expect.arrayContaining(['dist/cli/main.js', 'schema/ses-reconcile.schema.json', 'examples/full.yaml', 'README.md', 'package.json']));
    expect(packed.filter((p) => /^(src|test|scripts|bench|\.ci)\//.test(p))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(app, 'node_modules/ses-reconcile/package.json'), 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };
    expect(pkg.engines.node).toBe('>=20');
    // No install-time script for npm to warn about: the build runs before packing (prepack), not on install.
    expect(Object.keys(pkg.scripts).filter((s) => ['preinstall', 'install', 'postinstall', 'prepare'].includes(s))).toEqual([]);
  });

  it('runs with npx from an empty directory: --version, validate, iam-policy', async () => {
    expect((await npx(['--version'])).stdout.trim()).toBe(VERSION);
    const valid = await npx(['validate', '-c', 'node_modules/ses-reconcile/examples/full.yaml']);
    expect(valid.status, valid.stderr).toBe(0);
    expect(valid.stdout).toMatch(/^ok: 1 configuration set/);
    const policy = await npx(['iam-policy', '-c', 'node_modules/ses-reconcile/examples/full.yaml', '--for', 'plan']);
    expect(JSON.parse(policy.stdout).Version).toBe('2012-10-17');
  }, 60_000);

  it('plans against its own emulator, the AWS SDK and all, with nothing from the clone', async () => {
    const emulator = spawn('npx', ['--no-install', 'ses-reconcile', 'emulator', '--port', '0'], { cwd: app });
    stops.push(() => emulator.kill());
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      emulator.stdout.on('data', (c: Buffer) => {
        text += c.toString();
        const m = /http:\/\/127\.0\.0\.1:\d+/.exec(text);
        if (m) resolve(m[0]);
      });
      emulator.on('close', (code) => reject(new Error(`the emulator ended (${code}) before it listened: ${text}`)));
    });
    const env = { ...process.env, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_PROFILE: '', NO_COLOR: '1' };
    const plan = await npx(['plan', '-c', 'node_modules/ses-reconcile/examples/minimal.yaml', '--endpoint-url', url, '--max-rate', 'sesv2=50', '--max-rate', 'tagging=50'], env);
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/Plan: \d+ to create/);
  }, 60_000);
});
