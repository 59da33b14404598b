// Benchmark: rendering one big plan as text and as markdown (issue 9, item 7: markdown of a 10,000-change
// plan took minutes where text took seconds). The plan is made by the real pure pipeline: a generated
// file of configuration sets, each with a CloudWatch and an EventBridge destination and alarms on an SNS
// topic, validated and normalised by dist/config, planned by computePlan against an empty account, so
// every change is a create with its real fields and calls. Each format is rendered --runs times (after
// one warm-up); the medians, markdown ÷ text, the output sizes and the peak RSS after each stage print.
//
// Run after `npm run build`:
//   node bench/render.mjs [--changes 10000] [--alarms 2] [--runs 5] [--dist DIR]
// --alarms: alarms per set (1-5); sets are added until the plan has at least --changes changes.
// --dist: another build to measure (e.g. a copy of dist from before a change), with its own node_modules.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const CHANGES = Number(arg('changes', 10_000));
const ALARMS = Number(arg('alarms', 2));
const RUNS = Number(arg('runs', 5));
const dist = pathToFileURL(resolve(arg('dist', new URL('../dist', import.meta.url).pathname))).href;

const { desiredFromSources } = await import(`${dist}/config/index.js`);
const { computePlan } = await import(`${dist}/plan/compute.js`);
const { renderPlanText } = await import(`${dist}/render/text.js`);
const { renderPlanMarkdown } = await import(`${dist}/render/markdown.js`);
const { PLAIN } = await import(`${dist}/render/palette.js`);

// As examples/full.yaml writes them: every alarm reads a metric the CloudWatch destination publishes.
const ALARM_LINES = [
  'bounceRate: { threshold: 3%, period: 1h, minSends: 100, notify: [ses-alerts] }',
  'complaintRate: { threshold: 0.08%, notify: [ses-alerts] }',
  'rejects: { threshold: 10, period: 5m, notify: [ses-alerts] }',
  'deliveryDrop: { threshold: 1, period: 1h, evaluationPeriods: 2, notify: [ses-alerts] }',
  'renderingFailures: { notify: [ses-alerts] }',
].slice(0, ALARMS);
const PER_SET = 3 + ALARM_LINES.length; // the set, two destinations, its alarms
const SETS = Math.ceil((CHANGES - 1) / PER_SET); // - 1: the topic

function file(sets) {
  const body = Array.from({ length: sets }, (_, i) => {
    const n = `set-${String(i).padStart(5, '0')}`;
    return `  ${n}:
    reputationMetricsEnabled: true
    delivery: { tlsPolicy: REQUIRE }
    suppression: { reasons: [BOUNCE, COMPLAINT] }
    tags: { env: prod, team: email }
    eventDestinations:
      cloudwatch-metrics:
        events: [SEND, DELIVERY, BOUNCE, COMPLAINT, REJECT, RENDERING_FAILURE]
        cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: ${n} } } }
      bus: { events: [DELIVERY], eventBridge: { eventBusArn: arn:aws:events:us-east-1:123456789012:event-bus/default } }
    alarms:
${ALARM_LINES.map((l) => `      ${l}`).join('\n')}`;
  });
  return `version: 1\nstack: bench\nregion: us-east-1\ntopics:\n  ses-alerts:\n    subscriptions:\n      - { protocol: email, endpoint: ops@example.com }\nconfigurationSets:\n${body.join('\n')}\n`;
}

const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(render) {
  let out = render(); // warm-up
  const ms = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    out = render();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ms: median(ms), chars: out.length, rssMb: rssMb() };
}

const loaded = desiredFromSources([{ file: 'bench.yaml', text: file(SETS) }]);
if (!loaded.desired) throw new Error(`the generated file is invalid: ${loaded.diagnostics[0]?.message}`);
const plan = computePlan(loaded.desired.resources, new Map(), { stack: 'bench', region: 'us-east-1', accountId: '123456789012', adopt: false, allowDeletes: false });
const planned = rssMb();
const text = time(() => renderPlanText(plan, PLAIN));
const markdown = time(() => renderPlanMarkdown(plan));

console.log(`render a plan of ${plan.changes.length} changes (${SETS} sets x 2 destinations + ${ALARM_LINES.length} alarms, 1 topic); median of ${RUNS} runs (node ${process.version})`);
console.log(`  peak RSS after planning ${planned} MB`);
for (const [name, r] of [['text', text], ['markdown', markdown]]) {
  console.log(`  ${name.padEnd(8)} ${r.ms.toFixed(0).padStart(7)} ms  ${r.chars.toLocaleString('en-US').padStart(10)} chars  peak RSS ${r.rssMb} MB`);
}
console.log(`  markdown / text: ${(markdown.ms / text.ms).toFixed(2)}x`);
