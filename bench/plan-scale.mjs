// Benchmark: `ses-reconcile plan` at AWS's real rate limits, for stacks of 10, 100 and 1,000 sets among 0
// and 500 sets of another stack (issue 8). The emulator answers at AWS's documented rates (`rateLimit:
// "aws"`: SESv2 1 call/s, CloudWatch and SNS per operation) with the real throttling errors, and the CLI
// runs with its default pacing, as it would against AWS. Figures per case: calls by service and
// operation (answered and throttled, from the emulator's call log), wall time against the rate-limit
// bound (SESv2 calls ÷ 1/s: SES is the slowest service and the others overlap it), peak RSS of the CLI;
// then `--refresh changed` with 2 sets of the file changed; and, for the smallest case, `--discovery scan`
// (the account listing this issue replaced) for comparison.
//
// Run after `npm run build`:
//   node bench/plan-scale.mjs                      every case, in parallel (one emulator each); ~40 min
//   node bench/plan-scale.mjs --cases 10:0,10:40   chosen cases (SETS:FOREIGN); --serial runs them one at a time
//   node bench/plan-scale.mjs --write              also writes bench/RESULTS.md
// A case alone: node bench/plan-scale.mjs --case 100:500 (prints one JSON line).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist/cli/main.js');
const argValue = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
// Seeding is not what is measured: it runs with the emulator unlimited and ses-reconcile's pacing raised.
const SEED_RATES = ['--max-rate', 'sesv2=5000', '--max-rate', 'tagging=5000', '--max-rate', 'cloudwatch=5000', '--max-rate', 'sns=5000', '--concurrency', '32'];
const CHANGED = 2;

function setsYaml(stack, names) {
  const sets = names.map(
    (n) => `  ${n}:
    reputationMetricsEnabled: ${stack === 'bench' ? 'false' : 'true'}
    eventDestinations:
      cw: { events: [SEND, BOUNCE, COMPLAINT], cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: ${n} } } } }
      bus: { events: [DELIVERY], eventBridge: { eventBusArn: arn:aws:events:us-east-1:123456789012:event-bus/default } }`,
  );
  return `version: 1\nstack: ${stack}\nregion: us-east-1\nconfigurationSets:\n${sets.join('\n')}\n`;
}

async function runCase(sets, foreign) {
  const { startFullEmulator } = await import('../dist/emulator/index.js');
  const emulator = await startFullEmulator();
  const env = { ...process.env, AWS_ENDPOINT_URL: emulator.url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'b', AWS_SECRET_ACCESS_KEY: 'b', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1' };
  const cliRun = (args) =>
    new Promise((resolve) => {
      const t0 = process.hrtime.bigint();
      const child = spawn('/usr/bin/time', ['-f', '%M', process.execPath, cli, ...args], { cwd: root, env });
      let err = '';
      let out = '';
      child.stderr.on('data', (c) => (err += c));
      child.stdout.on('data', (c) => (out += c));
      child.on('close', (status) => resolve({ status, out, err, ms: Number(process.hrtime.bigint() - t0) / 1e6, kb: Number(err.trim().split('\n').pop()) }));
    });
  const dir = mkdtempSync(join(tmpdir(), 'ses-bench-scale-'));
  const names = Array.from({ length: sets }, (_, i) => `set-${String(i).padStart(4, '0')}`);
  const file = join(dir, 'bench.yaml');
  writeFileSync(file, setsYaml('bench', names));
  if (foreign > 0) {
    const f = join(dir, 'foreign.yaml');
    writeFileSync(f, setsYaml('other', Array.from({ length: foreign }, (_, i) => `foreign-${String(i).padStart(4, '0')}`)));
    const r = await cliRun(['apply', '-c', f, '--auto-approve', ...SEED_RATES]);
    if (r.status !== 0) throw new Error(`seeding the foreign stack failed: ${r.err}`);
  }
  const seeded = await cliRun(['apply', '-c', file, '--auto-approve', ...SEED_RATES]);
  if (seeded.status !== 0) throw new Error(`seeding failed: ${seeded.err}`);

  emulator.setFaults({ rateLimit: 'aws' });
  const measure = async (label, args, expectStatus) => {
    // A new process knows nothing of the last one's calls: let the emulator's one-second bucket refill,
    // as it has between two pipeline runs, so the first call is not throttled by the previous run's last.
    await new Promise((r) => setTimeout(r, 1100));
    emulator.clearCalls();
    const r = await cliRun(['plan', '-c', file, '--detailed-exitcode', ...args]);
    if (r.status !== expectStatus) throw new Error(`${label}: plan exited ${r.status}, expected ${expectStatus}\n${r.out}\n${r.err}`);
    const calls = emulator.calls().calls;
    const byOp = {};
    for (const c of calls) {
      const k = `${c.service}:${c.operation}`;
      byOp[k] ??= { answered: 0, throttled: 0 };
      byOp[k][c.fault === 'throttled' ? 'throttled' : 'answered'] += 1;
    }
    const answered = calls.filter((c) => c.fault !== 'throttled');
    const ses = answered.filter((c) => c.service === 'sesv2').length;
    return {
      label,
      sets,
      foreign,
      ms: Math.round(r.ms),
      rssMb: Math.round(r.kb / 1024),
      calls: answered.length,
      throttled: calls.length - answered.length,
      sesCalls: ses,
      // The rate-limit bound: SESv2 calls ÷ 1 call/s; the other services' calls overlap SES's.
      boundMs: ses * 1000,
      byOp,
    };
  };
  const results = [await measure('plan', [], 0)];
  // 2 sets changed in the file: a pull request in a big stack.
  const changed = names.slice(0, CHANGED);
  let text = setsYaml('bench', names);
  for (const n of changed) text = text.replace(`  ${n}:\n    reputationMetricsEnabled: false`, `  ${n}:\n    reputationMetricsEnabled: true`);
  writeFileSync(file, text);
  results.push(await measure('plan --refresh changed', ['--refresh', 'changed'], 2));
  writeFileSync(file, setsYaml('bench', names));
  if (argValue('scan') !== undefined || (sets <= 10 && foreign <= 40)) results.push(await measure('plan --discovery scan', ['--discovery', 'scan'], 0));
  await emulator.close();
  return results;
}

function row(r) {
  const ops = Object.entries(r.byOp)
    .sort()
    .map(([k, v]) => `${k.split(':')[1]} ${v.answered}${v.throttled ? ` (+${v.throttled} throttled)` : ''}`)
    .join(', ');
  const ratio = r.boundMs > 0 ? `${(r.ms / r.boundMs).toFixed(2)}×` : '—';
  const pct = ((100 * r.throttled) / Math.max(1, r.calls + r.throttled)).toFixed(1);
  return `| ${r.label} | ${r.sets} | ${r.foreign} | ${r.sesCalls} | ${r.calls} | ${r.throttled} (${pct}%) | ${(r.ms / 1000).toFixed(1)} s | ${(r.boundMs / 1000).toFixed(0)} s | ${ratio} | ${r.rssMb} MB | ${ops} |`;
}

const one = argValue('case');
if (one) {
  const [s, f] = one.split(':').map(Number);
  for (const r of await runCase(s, f)) console.log(JSON.stringify(r));
} else {
  const cases = (argValue('cases') ?? '10:0,10:500,100:0,100:500,1000:0,1000:500,10:40').split(',');
  const script = fileURLToPath(import.meta.url);
  const runOne = (c) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [script, '--case', c], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('close', (status) => (status === 0 ? resolve(out.trim().split('\n').map((l) => JSON.parse(l))) : reject(new Error(`case ${c} exited ${status}`))));
    });
  // --serial: one case at a time, so no case's seeding (CPU-heavy) runs beside another's measured plan.
  // In parallel the small cases' plans overlap the big cases' seeding and read slower than they are.
  const all = [];
  if (process.argv.includes('--serial')) for (const c of cases) all.push(await runOne(c));
  else all.push(...(await Promise.all(cases.map(runOne))));
  const rows = all.flat();
  const header = [
    '| run | sets of the file | foreign sets | SESv2 calls | calls answered | throttled | wall time | bound (SESv2 calls ÷ 1/s) | wall ÷ bound | peak RSS | calls by operation |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  const table = [...header, ...rows.map(row)].join('\n');
  console.log(table);
  if (process.argv.includes('--write')) {
    const when = new Date().toISOString().slice(0, 10);
    writeFileSync(
      join(root, 'bench/RESULTS.md'),
      `# Plan cost at AWS's rate limits\n\nMeasured ${when} with \`node bench/plan-scale.mjs --write\` on a 2-core development machine (Node ${process.version}),\nagainst the emulator at AWS's documented rates (\`--rate-limit aws\`: SESv2 1 call/s, CloudWatch and SNS per operation),\nwith ses-reconcile's default pacing. Each set of the file has two event destinations (CloudWatch, EventBridge); the\nstack is converged, so \`plan\` says \`No changes.\`; \`--refresh changed\` runs with ${CHANGED} sets changed in the file. One run per\nrow (each 1,000-set plan takes over half an hour at 1 call/s).\n\n${table}\n`,
    );
  }
}
