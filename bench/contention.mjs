// Benchmark: apply and plan when every service answers at most 1 call per second (issue 8 measured a plan
// of 20 sets failing on CloudWatch throttling and an apply of 5 sets failing on one throttled
// PutMetricAlarm). The emulator limits SESv2, CloudWatch, SNS, the tagging API and STS to 1 call/s each;
// ses-reconcile runs with its default pacing (CloudWatch and SNS at their documented, higher rates), so it
// meets throttling, slows down and retries. Figures: exit status, wall time, calls answered and throttled
// by service, and whether the plan after the apply says `No changes.`.
//
// Run after `npm run build`:  node bench/contention.mjs [--sets 20] [--write]
//   --write replaces the "Every service at 1 call/s" section of bench/RESULTS.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFullEmulator } from '../dist/emulator/index.js';

const i = process.argv.indexOf('--sets');
const SETS = i > 0 ? Number(process.argv[i + 1]) : 20;
const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist/cli/main.js');

const emulator = await startFullEmulator();
const env = { ...process.env, AWS_ENDPOINT_URL: emulator.url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'b', AWS_SECRET_ACCESS_KEY: 'b', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1' };
const run = (args) =>
  new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('close', (status) => resolve({ status, out, err, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
  });

const dir = mkdtempSync(join(tmpdir(), 'ses-bench-contention-'));
const sets = Array.from({ length: SETS }, (_, n) => `  set-${n}:
    eventDestinations:
      cw: { events: [SEND, BOUNCE, COMPLAINT, REJECT], cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: set-${n} } } } }
    alarms:
      bounceRate: { threshold: 3%, notify: [alerts] }
      rejects: { threshold: 10, notify: [alerts] }`).join('\n');
const file = join(dir, 'contention.yaml');
writeFileSync(file, `version: 1\nstack: contention\nregion: us-east-1\ntopics:\n  alerts:\n    subscriptions:\n      - { protocol: email, endpoint: ops@example.com }\nconfigurationSets:\n${sets}\n`);

emulator.setFaults({ rateLimit: { sesv2: 1, cloudwatch: 1, sns: 1, tagging: 1, sts: 1 } });
const rows = [];
for (const [label, args] of [
  ['apply (from empty)', ['apply', '-c', file, '--auto-approve']],
  ['plan (after the apply)', ['plan', '-c', file, '--detailed-exitcode']],
]) {
  await new Promise((r) => setTimeout(r, 1100)); // the emulator's buckets refill between two runs
  emulator.clearCalls();
  const r = await run(args);
  const calls = emulator.calls().calls;
  const by = {};
  for (const c of calls) {
    by[c.service] ??= { answered: 0, throttled: 0 };
    by[c.service][c.fault === 'throttled' ? 'throttled' : 'answered'] += 1;
  }
  const throttled = calls.filter((c) => c.fault === 'throttled').length;
  const summary = (/Apply complete![^\n]*/.exec(r.out) ?? /No changes\./.exec(r.out) ?? /Apply failed\./.exec(r.out))?.[0] ?? r.err.split('\n').find((l) => l.trim()) ?? '';
  rows.push(
    `| ${label} | ${r.status} | ${(r.ms / 1000).toFixed(1)} s | ${calls.length - throttled} | ${throttled} (${((100 * throttled) / Math.max(1, calls.length)).toFixed(1)}%) | ${Object.entries(by)
      .sort()
      .map(([s, v]) => `${s} ${v.answered}${v.throttled ? ` (+${v.throttled})` : ''}`)
      .join(', ')} | ${summary} |`,
  );
  if (r.status !== 0) console.error(r.out, r.err);
}
await emulator.close();
const table = [
  '| run | exit | wall time | calls answered | throttled | by service (answered (+throttled)) | result |',
  '| --- | ---: | ---: | ---: | ---: | --- | --- |',
  ...rows,
].join('\n');
console.log(`${SETS} sets, 2 alarms each, 1 topic; every service limited to 1 call/s:\n${table}`);
if (process.argv.includes('--write')) {
  const path = join(root, 'bench/RESULTS.md');
  const section = `## Every service at 1 call/s\n\n\`node bench/contention.mjs --sets ${SETS} --write\`: a stack of ${SETS} sets, each with a CloudWatch destination and 2 alarms, and one\ntopic with an email subscription; the emulator limits SESv2, CloudWatch, SNS, the tagging API and STS to 1 call/s each,\nso CloudWatch and SNS, paced at their documented (higher) rates, are throttled and slow down. One run.\n\n${table}\n`;
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmark results\n';
  const at = old.indexOf('## Every service at 1 call/s');
  writeFileSync(path, `${(at >= 0 ? old.slice(0, at) : old).trimEnd()}\n\n${section}`);
}
