// Benchmark: what `ses-reconcile plan` costs against the emulator for a stack of N configuration sets
// (each with two event destinations) among M foreign sets: AWS calls by operation (the emulator's call
// log), wall time and peak memory of the CLI, with ses-reconcile's pacing raised (the emulator does not
// limit). With --ses-rps N the emulator limits SESv2 to N calls/s and the CLI paces at its default (AWS's
// 1/s); bench/plan-scale.mjs measures that properly.
// --tenants T adds T tenants, each associated with one of the sets (3 reads a tenant by design).
// Run after `npm run build`:  node bench/plan-read.mjs [--sets 20] [--foreign 10] [--tenants 0] [--runs 5] [--ses-rps 0]
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFullEmulator } from '../dist/emulator/index.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SETS = arg('sets', 20);
const FOREIGN = arg('foreign', 10);
const RUNS = arg('runs', 5);
const RPS = arg('ses-rps', 0);
const TENANTS = arg('tenants', 0);
const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist/cli/main.js');

const emulator = await startFullEmulator();
const env = { ...process.env, AWS_ENDPOINT_URL: emulator.url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'b', AWS_SECRET_ACCESS_KEY: 'b', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1' };
const FAST = ['--max-rate', 'sesv2=5000', '--max-rate', 'tagging=5000', '--max-rate', 'cloudwatch=5000', '--max-rate', 'sns=5000'];
const run = (args) =>
  new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const timeBin = '/usr/bin/time';
    const child = spawn(timeBin, ['-f', '%M', process.execPath, cli, ...args], { cwd: root, env });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    child.stdout.resume();
    child.on('close', (status) => resolve({ status, ms: Number(process.hrtime.bigint() - t0) / 1e6, kb: Number(err.trim().split('\n').pop()) }));
  });

const dir = mkdtempSync(join(tmpdir(), 'ses-bench-'));
const sets = Array.from({ length: SETS }, (_, i) => `  set-${i}:
    reputationMetricsEnabled: true
    eventDestinations:
      cw: { events: [SEND, BOUNCE, COMPLAINT], cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: set-${i} } } } }
      bus: { events: [DELIVERY], eventBridge: { eventBusArn: arn:aws:events:us-east-1:123456789012:event-bus/default } }`).join('\n');
const file = join(dir, 'bench.yaml');
const tenants = TENANTS > 0 ? `tenants:\n${Array.from({ length: TENANTS }, (_, i) => `  tenant-${i}: { configurationSets: [set-${i % SETS}] }`).join('\n')}\n` : '';
writeFileSync(file, `version: 1\nstack: bench\nregion: us-east-1\nconfigurationSets:\n${sets}\n${tenants}`);
const foreign = join(dir, 'foreign.yaml');
writeFileSync(foreign, `version: 1\nstack: other\nregion: us-east-1\nconfigurationSets:\n${Array.from({ length: FOREIGN }, (_, i) => `  foreign-${i}: {}`).join('\n')}\n`);

if (FOREIGN > 0) await run(['apply', '-c', foreign, '--auto-approve', ...FAST]);
const applied = await run(['apply', '-c', file, '--auto-approve', ...FAST]);
if (applied.status !== 0) throw new Error('apply failed');
if (RPS > 0) emulator.setFaults({ rateLimit: { sesv2: RPS } });

const samples = [];
let calls;
for (let i = 0; i < RUNS; i++) {
  emulator.clearCalls();
  const r = await run(['plan', '-c', file, '--detailed-exitcode', ...(RPS > 0 ? [] : FAST)]);
  if (r.status !== 0) throw new Error(`plan exited ${r.status} (expected 0: no changes)`);
  calls = emulator.calls();
  samples.push(r);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const served = Object.entries(calls.byOperation).filter(([, n]) => n > 0);
const throttled = calls.calls.filter((c) => c.fault === 'throttled').length;
console.log(`plan of a converged stack: ${SETS} managed sets x 2 destinations, ${TENANTS} tenants, ${FOREIGN} sets of another stack; ${RUNS} runs${RPS ? `; SES limited to ${RPS} req/s` : ''}`);
console.log(`  AWS calls per plan: ${calls.total - throttled} (${served.map(([k, n]) => `${k} ${n}`).join(', ')})${throttled ? `, plus ${throttled} throttled and retried` : ''}`);
console.log(`  expected by design: 1 STS + ceil(${SETS + TENANTS}/100) GetResources + ${SETS} Get + ${SETS} GetEventDestinations + 3 x ${TENANTS} tenant reads, nothing for the ${FOREIGN} foreign sets = ${1 + Math.max(1, Math.ceil((SETS + TENANTS) / 100)) + 2 * SETS + 3 * TENANTS}`);
console.log(`  wall time: median ${median(samples.map((s) => s.ms)).toFixed(0)} ms; peak RSS: median ${(median(samples.map((s) => s.kb)) / 1024).toFixed(1)} MB`);
await emulator.close();
