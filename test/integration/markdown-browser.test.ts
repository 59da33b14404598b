/**
 * The markdown plan (`plan --format markdown`, a pull-request comment) as a reviewer sees it (issue 12):
 * made by the real pipeline (apply a file, then plan a changed one against the emulator), rendered to
 * HTML as GitHub-flavoured Markdown, loaded in headless Chromium. The page's script reports the
 * collapsible sections and the summary table as the browser built them; the expected numbers come from
 * the same plan as JSON, so the test checks structure and numbers, not the comment's wording. A
 * screenshot with every section open is written to test-output/plan-markdown.png.
 *
 * Needs Debian's `chromium`; without it the test fails saying so, or skips when
 * SES_RECONCILE_SKIP_BROWSER=1.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import type { ChangeJson, PlanJson } from '../../src/render/json.js';
import { chromium, chromiumMissing, factsOf, page, type PageFacts } from '../helpers/browser.js';
import { ROOT } from '../helpers/cli.js';
import { sandboxPerFile, type Sandbox } from '../helpers/reconcile.js';

let sb: Sandbox;
sandboxPerFile((s) => (sb = s));

const OUT = join(ROOT, 'test-output');
const SCREENSHOT = join(OUT, 'plan-markdown.png');

const cw = (set: string) => `        cloudWatch:
          dimensions:
            ses:configuration-set: { source: MESSAGE_TAG, default: ${set} }
`;

/** Three sets, a topic, an alarm and a dashboard. */
const FIRST = `stack: app
region: us-east-1
topics:
  alerts:
    displayName: Alerts
configurationSets:
  prod:
    eventDestinations:
      metrics:
        events: [SEND, DELIVERY, BOUNCE, COMPLAINT]
${cw('prod')}      bounces:
        events: [BOUNCE, COMPLAINT]
        sns: { topic: alerts }
    alarms:
      bounceRate: { threshold: 3%, notify: [alerts] }
  staging:
    eventDestinations:
      metrics:
        events: [SEND, BOUNCE]
${cw('staging')}  marketing:
    eventDestinations:
      feedback:
        events: [BOUNCE, COMPLAINT]
        sns: { topic: alerts }
dashboards:
  app-overview:
    configurationSets: [prod]
`;

/**
 * prod: an option and a destination updated, a destination deleted; staging deleted; marketing updated
 * and its destination replaced (SNS -> CloudWatch); transactional created; a topic created and one
 * updated; an alarm created and one updated; the dashboard updated.
 */
const SECOND = `stack: app
region: us-east-1
topics:
  alerts:
    displayName: SES alerts
  pager: {}
configurationSets:
  prod:
    delivery: { tlsPolicy: REQUIRE }
    eventDestinations:
      metrics:
        events: [SEND, DELIVERY, BOUNCE, COMPLAINT, REJECT]
${cw('prod')}    alarms:
      bounceRate: { threshold: 2%, notify: [alerts, pager] }
      complaintRate: { threshold: 0.08%, notify: [pager] }
  marketing:
    reputationMetricsEnabled: true
    eventDestinations:
      feedback:
        events: [BOUNCE, COMPLAINT]
${cw('marketing')}  transactional:
    eventDestinations:
      metrics:
        events: [SEND, BOUNCE]
${cw('transactional')}dashboards:
  app-overview:
    configurationSets: [prod, transactional]
`;

const ACTIONS = ['create', 'update', 'replace', 'delete'] as const;
const HEADER = { create: 'Create', update: 'Update', replace: 'Replace', delete: 'Delete' } as const;

/** A section of the comment as the JSON plan predicts it: one per configuration set, one per other kind. */
interface Expected {
  readonly set?: string;
  readonly type: string;
  readonly changes: ChangeJson[];
}

function expectedSections(plan: PlanJson): Map<string, Expected> {
  const sections = new Map<string, Expected>();
  for (const c of plan.changes) {
    const set = c.type === 'configurationSet' ? c.id : c.type === 'eventDestination' ? c.id.split('/')[0] : undefined;
    const key = set !== undefined ? `set:${set}` : `kind:${c.type}`;
    let section = sections.get(key);
    if (!section) sections.set(key, (section = set !== undefined ? { set, type: 'configurationSet', changes: [] } : { type: c.type, changes: [] }));
    section.changes.push(c);
  }
  return sections;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Does a summary line name this section: the set's name, or the kind (`topic` -> "SNS topics")? */
function names(summary: string, section: Expected): boolean {
  if (section.set !== undefined) return new RegExp(`(^|[^\\w-])${escapeRe(section.set)}($|[^\\w-])`).test(summary);
  return new RegExp(`\\b${escapeRe(section.type)}s?\\b`, 'i').test(summary);
}

/** The counts a summary line gives: `2 to create, 1 to delete, 1 blocked`. */
function countsIn(summary: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of summary.matchAll(/(\d[\d,]*) (?:to (create|update|replace|delete)|(blocked))/g)) out[(m[2] ?? m[3]) as string] = Number((m[1] as string).replace(/,/g, ''));
  return out;
}

function tallyOf(changes: readonly ChangeJson[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of ACTIONS) {
    // A deleted set's destinations (`cascade`) are deletes of their own: rows, counts and refusal agree.
    const n = changes.filter((c) => c.action === a).reduce((sum, c) => sum + 1 + (a === 'delete' ? (c.cascade?.length ?? 0) : 0), 0);
    if (n > 0) out[a] = n;
  }
  const blocked = changes.filter((c) => c.blocked !== undefined).length;
  if (blocked > 0) out.blocked = blocked;
  return out;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file);
  expect(png.subarray(0, 8).toString('hex'), `${file} is not a PNG`).toBe('89504e470d0a1a0a');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

it('renders the markdown plan in a browser: one closed <details> per set and kind, the summary table equal to the JSON plan', async (ctx) => {
  const missing = chromiumMissing();
  if (missing !== undefined) {
    if (process.env.SES_RECONCILE_SKIP_BROWSER === '1') {
      console.warn(`skipped: ${missing}`);
      ctx.skip(missing);
    }
    throw new Error(missing);
  }

  const applied = await sb.apply(sb.write(FIRST));
  expect(applied.status, applied.stdout + applied.stderr).toBe(0);
  const file = sb.write(SECOND, 'second.yaml');
  const markdown = await sb.plan(file, '--format', 'markdown');
  const json = await sb.plan(file, '--format', 'json');
  // 4: apply would refuse (the deletes need --allow-deletes); the plan is printed all the same.
  expect([0, 4], markdown.stderr).toContain(markdown.status);
  expect(json.status, json.stderr).toBe(markdown.status);
  const plan = JSON.parse(json.stdout) as PlanJson;

  // The fixture itself: every action, several sets, and the other kinds' sections.
  const expected = expectedSections(plan);
  const sets = [...expected.values()].filter((s) => s.set !== undefined);
  const kinds = [...expected.values()].filter((s) => s.set === undefined).map((s) => s.type);
  expect(sets.length).toBeGreaterThanOrEqual(3);
  expect(kinds.sort()).toEqual(['alarm', 'dashboard', 'topic']);
  for (const a of ACTIONS) expect(plan.summary[a], a).toBeGreaterThan(0);

  const closed = join(sb.dir, 'plan.html');
  writeFileSync(closed, page(markdown.stdout));
  const facts: PageFacts = factsOf(await chromium(['--dump-dom', pathToFileURL(closed).href]));

  // The collapsible sections: one per set touched and one per other kind, each a closed <details> whose
  // first child is its <summary>, naming the section and giving its counts.
  expect(facts.details.length, facts.details.map((d) => d.summary).join('\n')).toBe(expected.size);
  for (const [i, d] of facts.details.entries()) {
    const label = `section ${i + 1} (${d.summary})`;
    expect(d.summaryFirst, label).toBe(true);
    expect(d.openByDefault, label).toBe(false);
    expect(d.summaryVisible, `${label}: summary hidden`).toBe(true);
    expect(d.hiddenWhileClosed, `${label}: code shows while closed`).toBe(true);
    expect(d.visibleWhenOpen, `${label}: code has no height when opened`).toBe(true);
  }
  for (const section of expected.values()) {
    const name = section.set ?? section.type;
    const matching = facts.details.filter((d) => names(d.summary, section));
    expect(matching.map((d) => d.summary), `the summary naming ${name}`).toHaveLength(1);
    const d = matching[0] as PageFacts['details'][number];
    expect(countsIn(d.summary), d.summary).toEqual(tallyOf(section.changes));
    // Every change is in its own section, with its diff in a ```diff block.
    const withDiff = section.changes.filter((c) => c.diff.length > 0).length;
    expect(d.diffBlocks, d.summary).toBeGreaterThanOrEqual(Math.max(1, withDiff));
    expect(d.codeBlocks, d.summary).toBeGreaterThanOrEqual(d.diffBlocks);
    for (const c of section.changes) expect(d.text, `${c.type} ${c.id} in ${d.summary}`).toContain(c.id);
  }
  for (const c of plan.changes) expect(facts.text).toContain(c.id);

  // The summary table, above the sections: its Create/Update/Replace/Delete are the JSON plan's summary.
  const tables = facts.tables.filter((t) => ACTIONS.every((a) => t.headers.includes(HEADER[a])));
  expect(tables, JSON.stringify(facts.tables)).toHaveLength(1);
  const table = tables[0] as PageFacts['tables'][number];
  expect(table.beforeDetails, 'the summary table comes before the sections').toBe(true);
  expect(table.rows).toHaveLength(1);
  const row = table.rows[0] as readonly string[];
  expect(row.every((cell) => /^\d+$/.test(cell.replace(/,/g, ''))), row.join(' | ')).toBe(true);
  const numbers = Object.fromEntries(ACTIONS.map((a) => [a, Number(row[table.headers.indexOf(HEADER[a])]?.replace(/,/g, ''))]));
  expect(numbers).toEqual({ create: plan.summary.create, update: plan.summary.update, replace: plan.summary.replace, delete: plan.summary.delete });

  // The refusal is a GitHub alert (`> [!CAUTION]`) carrying the plan's reason.
  if (plan.refused !== undefined) {
    const caution = facts.alerts.filter((a) => a.kind === 'caution');
    expect(caution, JSON.stringify(facts.alerts)).toHaveLength(1);
    expect(caution[0]?.text).toContain(squash(plan.refused));
  }

  // What a reviewer sees with every section open.
  mkdirSync(OUT, { recursive: true });
  const open = join(OUT, 'plan-markdown.html');
  writeFileSync(open, page(markdown.stdout, { open: true }));
  const height = Math.min(16_000, Math.max(800, facts.openHeight + 16));
  await chromium([`--screenshot=${SCREENSHOT}`, `--window-size=1200,${height}`, pathToFileURL(open).href]);
  expect(pngSize(SCREENSHOT)).toEqual({ width: 1200, height });
  console.log(`markdown plan screenshot: ${SCREENSHOT}`);
}, 90_000); // the pipeline and two Chromium runs of up to 30 s each (helpers/browser.ts)
