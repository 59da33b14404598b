// Benchmark: cold-start wall time and peak memory of `ses-reconcile validate` on the examples, against
// a bare `node -e 0` on the same machine. Prints medians (these machines are noisy). Run after
// `npm run build`:  npm run bench  [-- --runs 31]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 21;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function measure(args) {
  const cmd = TIME ? [TIME, ['-f', '%M', process.execPath, ...args]] : [process.execPath, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd[1], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 3) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const kb = TIME ? Number(r.stderr.trim().split('\n').pop()) : NaN;
  return { ms, kb };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];

const cases = [
  ['node -e 0 (baseline)', ['-e', '0']],
  ['validate examples/full.yaml', ['dist/cli/main.js', 'validate', '-c', 'examples/full.yaml']],
  ['validate examples/multi-file', ['dist/cli/main.js', 'validate', '-c', 'examples/multi-file']],
  ['validate --format json examples/alarms.yaml', ['dist/cli/main.js', 'validate', '--format', 'json', '-c', 'examples/alarms.yaml']],
];

console.log(`ses-reconcile validate cold start, ${RUNS} runs each (node ${process.version})`);
console.log('case'.padEnd(46), 'median ms'.padStart(10), 'p90 ms'.padStart(8), 'x node'.padStart(7), 'peak RSS MB'.padStart(12), 'AWS calls'.padStart(10));
let baseline;
for (const [name, args] of cases) {
  measure(args); // warm the file cache
  const samples = Array.from({ length: RUNS }, () => measure(args));
  const med = median(samples.map((s) => s.ms));
  baseline ??= med;
  const rss = median(samples.map((s) => s.kb)) / 1024;
  console.log(name.padEnd(46), med.toFixed(0).padStart(10), p90(samples.map((s) => s.ms)).toFixed(0).padStart(8), (med / baseline).toFixed(1).padStart(7), (Number.isNaN(rss) ? 'n/a' : rss.toFixed(1)).padStart(12), '0'.padStart(10));
}
console.log('validate makes no AWS call by construction (no SDK is loaded; see test/architecture.test.ts).');
