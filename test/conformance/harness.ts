/**
 * The conformance harness: one scenario suite, run with the real AWS SDK v3 clients over HTTP against
 * (a) our emulator and (b) moto's server (`python3 -m moto.server`), for the operations moto implements.
 *
 * - `conformance(title, body, {moto})` declares a describe block per target. With `moto: false` (an
 *   operation moto does not implement) it runs against the emulator only.
 * - When moto is not installed, its blocks are skipped LOUDLY (a warning on stderr, and counted as skipped
 *   by vitest), never passed.
 * - `difference(t, {moto: 'why'})` records a known difference: returns true on the target that differs, so
 *   the scenario asserts that target's behaviour instead; every recorded difference says which side
 *   follows AWS's documentation. The README's "Known differences" table lists them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SNSClient } from '@aws-sdk/client-sns';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { AwsQueryProtocol } from '@aws-sdk/core/protocols';
import { startFullEmulator, type Emulator } from '../../src/emulator/index.js';

export type TargetName = 'emulator' | 'moto';

export interface Target {
  readonly name: TargetName;
  readonly endpoint: string;
  readonly region: string;
  readonly ses: SESv2Client;
  readonly cw: CloudWatchClient;
  readonly sns: SNSClient;
  /** The Resource Groups Tagging API (GetResources over the other three's resources). */
  readonly tagging: ResourceGroupsTaggingAPIClient;
  /** Forget all state on the target (between tests). */
  reset(): Promise<void>;
  /** Our emulator only: the running instance (call log, faults). */
  readonly emulator?: Emulator;
}

export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

export function clientsFor(endpoint: string, name: TargetName, region = REGION) {
  // maxAttempts 1: a conformance test wants AWS's answer, not the SDK's retry of it.
  const common = { endpoint, region, credentials, maxAttempts: 1 };
  return {
    ses: new SESv2Client(common),
    // moto 5.2.1 speaks only CloudWatch's query protocol (docs/aws-behaviour.md, "Wire protocols"); the
    // current SDK's default is JSON 1.0, which is what ses-reconcile uses and what our emulator must serve.
    cw: new CloudWatchClient(name === 'moto' ? { ...common, protocol: AwsQueryProtocol } : common),
    sns: new SNSClient(common),
    tagging: new ResourceGroupsTaggingAPIClient(common),
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

let motoChecked: { ok: boolean; why: string } | undefined;
export function motoAvailable(): { ok: boolean; why: string } {
  motoChecked ??= (() => {
    const r = spawnSync('python3', ['-c', 'import moto.server, flask; print(moto.__version__)'], { encoding: 'utf8' });
    return r.status === 0 ? { ok: true, why: `moto ${r.stdout.trim()}` } : { ok: false, why: (r.stderr || r.error?.message || 'python3 not found').trim().split('\n').pop() ?? '' };
  })();
  return motoChecked;
}

export async function startMoto(): Promise<{ endpoint: string; proc: ChildProcess }> {
  const port = await freePort();
  const proc = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const r = await fetch(`${endpoint}/moto-api/`);
      if (r.status < 500) return { endpoint, proc };
    } catch {
      /* not up yet */
    }
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`moto server did not start: ${stderr.slice(-500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface ConformanceOptions {
  /** false: moto does not implement these operations; run against the emulator only. @default true */
  readonly moto?: boolean;
}

const skipped: string[] = [];

export function conformance(title: string, body: (target: () => Target) => void, options: ConformanceOptions = {}): void {
  const targets: TargetName[] = options.moto === false ? ['emulator'] : ['emulator', 'moto'];
  for (const name of targets) {
    const moto = name === 'moto' ? motoAvailable() : { ok: true, why: '' };
    if (!moto.ok) {
      skipped.push(title);
      process.stderr.write(`\n⚠ MOTO IS NOT INSTALLED (${moto.why}): "${title}" against moto is SKIPPED, not passed.\n  Install it with: pip install 'moto[server]'\n`);
    }
    (moto.ok ? describe : describe.skip)(`${title} [${name}]`, () => {
      let target: Target | undefined;
      let stop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        if (name === 'emulator') {
          const emulator = await startFullEmulator();
          const reset = async () => emulator.reset();
          target = { name, endpoint: emulator.url, region: REGION, ...clientsFor(emulator.url, name), reset, emulator };
          stop = () => emulator.close();
        } else {
          const { endpoint, proc } = await startMoto();
          const reset = async () => void (await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' }));
          target = { name, endpoint, region: REGION, ...clientsFor(endpoint, name), reset };
          stop = async () => void proc.kill();
        }
      }, 30_000);
      beforeEach(async () => target?.reset());
      afterAll(async () => stop?.());
      body(() => {
        if (!target) throw new Error('target not started');
        return target;
      });
    });
  }
}

/**
 * Known differences, collected for the README: `{ moto: 'moto ignores MaxRecords; AWS pages
 * (docs/aws-behaviour.md, "CloudWatch alarms")' }`.
 */
export const differences = new Map<string, string>();
export function difference(t: Target, by: Partial<Record<TargetName, string>>): boolean {
  const why = by[t.name];
  if (why) differences.set(`${t.name}: ${why}`, why);
  return why !== undefined;
}

/** An AWS SDK error: the typed exception plus its metadata and, for query-compatible services, its Code. */
export type AwsError = Error & {
  readonly $metadata: { readonly httpStatusCode?: number };
  readonly Code?: string;
  readonly [member: string]: unknown;
};

/** The error a call fails with; fails the test when the call succeeds. */
export async function failure(call: Promise<unknown>): Promise<AwsError> {
  try {
    await call;
  } catch (err) {
    return err as AwsError;
  }
  throw new Error('expected the call to fail, and it succeeded');
}
