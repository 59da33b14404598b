/**
 * Plan -> Markdown for a pull-request comment (`plan --format markdown`).
 *
 * Layout: a title, a summary table, the refusal and the warnings as GitHub alerts, then one collapsed
 * `<details>` section per configuration set (the set and its event destinations, in plan order; topics,
 * alarms and dashboards get a section per kind), each change with its reason, notes, field diffs in a
 * ```diff block, and its API calls.
 *
 * Size: GitHub refuses a comment longer than 65,536 characters. When the whole plan would not fit, the
 * largest sections, largest first, have their body replaced by a one-line count (their summary line
 * keeps the counts), until it fits; if even that is not enough (thousands of sets), the last sections are
 * left out behind one line that counts them; as a last resort the text is cut. The comment says which of
 * these happened. Sizes are String.length (UTF-16 code units), never less than GitHub's count.
 *
 * Everything taken from the plan is escaped: free text against HTML (`</details>` in a note must not end
 * a section), code spans and fences are made longer than any backtick run inside them.
 */
import { costBreakdownTable, costLine, costShare } from './cost.js';
import type { Action, Change } from '../model/change.js';
import { refreshNotice } from './refresh.js';
import type { Plan } from '../model/plan.js';
import type { ResourceKind } from '../model/resources.js';
import { describeStep } from '../model/step.js';
import { splitKey } from '../model/key.js';
import { viewContext, type ViewContext } from '../model/view.js';
import { ACTION_SYMBOL, ACTIONS, blockedText, fieldLines, GENERATED_MARK, headerReason, type FieldLine } from './field-lines.js';

/** GitHub's limit for an issue or pull-request comment body. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  /**
   * The longest comment returned, in String.length units. Below GitHub's limit, leaving room for a marker
   * that a CI step adds to find and update its own comment.
   * @default 65_000
   */
  readonly maxChars?: number;
}

/** Widest value written inline; a longer one is an indented block (never cut). */
const VALUE_WIDTH = 80;

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Free text from the plan (notes, warnings, refusals) on one Markdown line. */
function inline(s: string): string {
  return escapeHtml(s).replace(/\r?\n/g, '<br>');
}

function longestRun(s: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of s) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/** A code span that no backtick inside `s` can close (CommonMark 6.1). */
function code(s: string): string {
  const ticks = '`'.repeat(longestRun(s, '`') + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${s.replace(/\r?\n/g, ' ')}${pad}${ticks}`;
}

/** A fenced block that no backtick run inside `body` can close (CommonMark 4.5). */
function fenced(info: string, body: readonly string[]): string {
  const ticks = '`'.repeat(Math.max(3, longestRun(body.join('\n'), '`') + 1));
  return [`${ticks}${info}`, ...body, ticks].join('\n');
}

/** `65,536`: grouped by hand, so the output does not depend on the runtime's ICU data. */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${thousands(n)} ${n === 1 ? one : many}`;
}

/** Changes by action, and how many are blocked: what a summary line counts. */
type Tally = Readonly<Record<Action | 'blocked', number>>;

const NO_CHANGES: Tally = { create: 0, update: 0, replace: 0, delete: 0, blocked: 0 };

function tallyOf(changes: readonly Change[]): Tally {
  const t = { ...NO_CHANGES };
  for (const c of changes) {
    t[c.action]++;
    t.delete += c.cascade?.length ?? 0; // rows of their own (cascadeBlocks), counted as the plan counts them
    if (c.blocked !== undefined) t.blocked++;
  }
  return t;
}

function addTallies(a: Tally, b: Tally): Tally {
  return { create: a.create + b.create, update: a.update + b.update, replace: a.replace + b.replace, delete: a.delete + b.delete, blocked: a.blocked + b.blocked };
}

/** `2 to create, 1 to delete`: only the actions that occur. */
function counts(t: Tally): string {
  const parts = ACTIONS.filter((a) => t[a] > 0).map((a) => `${thousands(t[a])} to ${a}`);
  if (t.blocked > 0) parts.push(`${thousands(t.blocked)} blocked`);
  return parts.join(', ');
}

interface Section {
  /** HTML, already escaped. */
  readonly title: string;
  readonly changes: readonly Change[];
  readonly tally: Tally;
}

const KIND_SECTION_TITLES: Readonly<Record<Exclude<ResourceKind, 'configurationSet' | 'eventDestination'>, string>> = {
  topic: 'SNS topics',
  alarm: 'CloudWatch alarms',
  dashboard: 'CloudWatch dashboards',
  tenant: 'SES tenants',
};

function setOf(change: Change): string | undefined {
  if (change.kind === 'configurationSet') return change.id;
  if (change.kind !== 'eventDestination') return undefined;
  const r = change.after ?? change.before;
  if (r?.kind === 'eventDestination') return r.configurationSet;
  const slash = change.id.indexOf('/');
  return slash < 0 ? change.id : change.id.slice(0, slash);
}

/** Sections in order of their first change in the plan; changes inside a section in plan order. */
function sectionsOf(plan: Plan): Section[] {
  const byKey = new Map<string, { title: string; changes: Change[] }>();
  for (const change of plan.changes) {
    const set = setOf(change);
    const key = set !== undefined ? `set:${set}` : `kind:${change.kind}`;
    let section = byKey.get(key);
    if (!section) {
      const title =
        set !== undefined
          ? `Configuration set <code>${escapeHtml(set)}</code>`
          : (KIND_SECTION_TITLES[change.kind as keyof typeof KIND_SECTION_TITLES] ?? escapeHtml(change.kind));
      section = { title, changes: [] };
      byKey.set(key, section);
    }
    section.changes.push(change);
  }
  return [...byKey.values()].map((section) => ({ ...section, tally: tallyOf(section.changes) }));
}

/** A field as ```diff lines: the first character is the sign GitHub colours (`-`, `+`, or a space for context). */
function diffLines(f: FieldLine): string[] {
  const tail = [f.generated ? `  ${GENERATED_MARK}` : '', f.reason !== undefined ? `  # ${f.reason}` : ''].join('');
  if (f.rows !== undefined) return [`${f.sign === '~' ? ' ' : f.sign} ${f.path}:${tail}`, ...f.rows.map((r) => `${r.sign}     ${r.text}`)];
  const out: string[] = [];
  if (f.before !== undefined) out.push(`- ${f.path}: ${f.before}${tail}`);
  if (f.after !== undefined) out.push(`+ ${f.path}: ${f.after}${tail}`);
  return out;
}

function diffBody(change: Change, ctx: ViewContext): string[] {
  return fieldLines(change, ctx, VALUE_WIDTH).flatMap(diffLines);
}

/** What AWS deletes with a set, each a row of its own, so the rows agree with the counts. */
function cascadeBlocks(change: Change): string[] {
  return (change.cascade ?? []).map((key) => {
    const { kind, id } = splitKey(key);
    return `**${ACTION_SYMBOL.delete} delete** ${kind} ${code(id)} · _deleted with ${change.kind} ${code(change.id)}_\n\nCalls: none (AWS deletes it with the set)`;
  });
}

function changeBlock(change: Change, ctx: ViewContext): string {
  const share = costShare(change.monthly);
  const parts = [`**${ACTION_SYMBOL[change.action]} ${change.action}** ${change.kind} ${code(change.id)} · _${escapeHtml(headerReason(change))}_${share ? ` · ${share}` : ''}`];
  if (change.blocked !== undefined) parts.push(`**✗ BLOCKED:** ${inline(blockedText(change.blocked))}`);
  if (change.notes.length > 0) parts.push(change.notes.map((n) => `- ⚠️ ${inline(n)}`).join('\n'));
  const body = diffBody(change, ctx);
  if (body.length > 0) parts.push(fenced('diff', body));
  if (change.steps.length > 0) parts.push(`Calls: ${change.steps.map((s) => code(describeStep(s))).join(', ')}`);
  return [parts.join('\n\n'), ...cascadeBlocks(change)].join('\n\n');
}

function summaryTag(section: Section): string {
  return `<summary><b>${section.title}</b>: ${counts(section.tally)}</summary>`;
}

function fullSection(section: Section, ctx: ViewContext): string {
  return ['<details>' + summaryTag(section), ...section.changes.map((c) => changeBlock(c, ctx)), '</details>'].join('\n\n');
}

function shortSection(section: Section): string {
  // Short on purpose: a plan of hundreds of sets repeats this line hundreds of times; the note at the top
  // says where the full plan is.
  const body = `_${plural(section.changes.length, 'change')}, summarised to fit the comment limit._`;
  return ['<details>' + summaryTag(section), body, '</details>'].join('\n\n');
}

function head(plan: Plan): string[] {
  const account = plan.accountId !== undefined ? ` (account ${code(plan.accountId)})` : '';
  const out = [`### ses-reconcile plan for ${code(plan.stack)} in ${code(plan.region)}${account}`];
  const refresh = refreshNotice(plan);
  if (refresh !== undefined) out.push(`> [!NOTE]\n> ${inline(refresh.join(' '))}`);
  if (plan.changes.length === 0) {
    out.push(refresh !== undefined ? '**No changes.** What the file changed matches the AWS account.' : '**No changes.** The AWS account matches the configuration.');
  } else {
    const s = plan.summary;
    const table = ['| Create | Update | Replace | Delete |', '| ---: | ---: | ---: | ---: |'];
    table.push(`| ${s.create} | ${s.update} | ${s.replace} | ${s.delete} |`);
    out.push(table.join('\n'));
    const cost = costLine(plan);
    if (cost) out.push(inline(cost));
    const breakdown = costBreakdownTable(plan);
    if (breakdown) out.push(breakdown);
  }
  if (plan.refused !== undefined) out.push(`> [!CAUTION]\n> **Refused:** ${inline(plan.refused)}`);
  if (plan.warnings.length > 0) out.push(['> [!WARNING]', ...plan.warnings.map((w) => `> - ${inline(w)}`)].join('\n'));
  return out;
}

function notice(summarised: number, omitted: number, total: number): string | undefined {
  if (summarised === 0 && omitted === 0) return undefined;
  const what: string[] = [];
  if (summarised > 0) what.push(`${plural(summarised, 'section')} of ${thousands(total)} summarised (largest first)`);
  if (omitted > 0) what.push(`the last ${plural(omitted, 'section')} left out`);
  const limit = thousands(GITHUB_COMMENT_LIMIT);
  return [
    '> [!NOTE]',
    `> This plan is too long for one GitHub comment (${limit} characters): ${what.join(', ')}.`,
    `> Run ${code('ses-reconcile plan')} for the full plan.`,
  ].join('\n');
}

function omittedLine(sections: number, left: Tally): string {
  const changes = ACTIONS.reduce((n, a) => n + left[a], 0);
  return `_…and ${plural(sections, 'more section')} (${plural(changes, 'change')}: ${counts(left)}) not shown._`;
}

/** Parts joined by blank lines, one trailing newline. */
function join(parts: readonly string[]): string {
  return `${parts.join('\n\n')}\n`;
}

const CUT = '\n\n_…cut to fit the comment limit; run `ses-reconcile plan` for the full plan._\n';

export function renderPlanMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const max = options.maxChars ?? 65_000;
  const top = head(plan);
  const sections = sectionsOf(plan);
  const ctx = viewContext(plan.topics, plan.region, plan.accountId);
  const full = sections.map((s) => fullSection(s, ctx));
  const document = join([...top, ...full]);
  if (document.length <= max) return document;

  // Replace the largest bodies first (ties: plan order), tracking the length arithmetically and the
  // counts of what is left out as a running tally: every step measures the comment, so a step that
  // re-joined the sections or re-counted the changes left out would make a plan of thousands of sections
  // quadratic (issue 9: 10,000 changes took minutes).
  const shown = [...full];
  const short = sections.map(() => false);
  const topLength = top.reduce((n, s) => n + s.length, 0);
  let sum = full.reduce((n, s) => n + s.length, 0);
  let summarised = 0; // among the sections still shown
  let omitted = 0; // from the end
  let leftOut = NO_CHANGES; // the counts of the omitted sections
  const noticeNow = () => notice(summarised, omitted, sections.length);
  const omittedNow = () => (omitted > 0 ? omittedLine(omitted, leftOut) : undefined);
  const lengthNow = (): number => {
    const extras = [noticeNow(), omittedNow()].filter((e): e is string => e !== undefined);
    const parts = top.length + extras.length + sections.length - omitted;
    return topLength + extras.reduce((n, e) => n + e.length, 0) + sum + 2 * (parts - 1) + 1;
  };
  const bySize = full.map((s, i) => ({ i, size: s.length })).sort((a, b) => b.size - a.size || a.i - b.i);
  for (const { i } of bySize) {
    if (lengthNow() <= max) break;
    const summary = shortSection(sections[i] as Section);
    if (summary.length >= (shown[i] as string).length) continue;
    sum += summary.length - (shown[i] as string).length;
    shown[i] = summary;
    short[i] = true;
    summarised++;
  }
  // Thousands of sections do not fit even as one line each: leave out the last ones behind a count.
  while (lengthNow() > max && omitted < sections.length) {
    omitted++;
    const i = sections.length - omitted;
    sum -= (shown[i] as string).length;
    leftOut = addTallies(leftOut, (sections[i] as Section).tally);
    if (short[i]) summarised--;
  }

  const noticed = noticeNow();
  const left = omittedNow();
  const fitted = join([
    ...top,
    ...(noticed !== undefined ? [noticed] : []),
    ...shown.slice(0, sections.length - omitted),
    ...(left !== undefined ? [left] : []),
  ]);
  if (fitted.length <= max) return fitted;
  // Only plan-level text (thousands of warnings) can get here: cut it, and say so.
  return (fitted.slice(0, Math.max(0, max - CUT.length)) + CUT).slice(0, max);
}
