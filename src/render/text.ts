/**
 * Plan -> text, the default `plan` output, read like Terraform's (internal/command/jsonformat/plan.go):
 * a legend of only the symbols that occur, one block per change in plan (= apply) order, then the
 * closing `Plan: …` line, or `No changes.` on a line of its own. Warnings and a refusal come last, where
 * a reader finishing the plan sees them. Pure: colour only through the injected palette.
 *
 *     ~ eventDestination production/cw  (changed outside ses-reconcile)
 *     ✗ BLOCKED: deletes need --allow-deletes
 *         ! a note about this change
 *         ~ enabled: false -> true
 *         calls: UpdateConfigurationSetEventDestination production/cw
 */
import { assertNever } from '../model/canonical.js';
import type { Action, Change } from '../model/change.js';
import { refreshNotice } from './refresh.js';
import type { Plan } from '../model/plan.js';
import { describeStep } from '../model/step.js';
import { splitKey } from '../model/key.js';
import { viewContext, type ViewContext } from '../model/view.js';
import { ACTION_SYMBOL, ACTIONS, blockedText, fieldLines, GENERATED_MARK, headerReason, type FieldLine } from './field-lines.js';
import { costLine, costShare } from './cost.js';
import type { Palette } from './palette.js';

/** Widest value written inline; a longer one is an indented block (never cut). */
const VALUE_WIDTH = 80;

const BODY = '      ';

/** Terraform right-aligns its symbols in three columns, so `-/+` and `  +` line up. */
function symbol(action: Action, palette: Palette): string {
  const s = ACTION_SYMBOL[action];
  return ' '.repeat(3 - s.length) + actionColour(action, palette)(s);
}

function actionColour(action: Action, palette: Palette): (s: string) => string {
  switch (action) {
    case 'create':
      return palette.green;
    case 'update':
      return palette.yellow;
    case 'replace':
      return palette.magenta;
    case 'delete':
      return palette.red;
    default:
      return assertNever(action);
  }
}

function legend(plan: Plan, palette: Palette): string[] {
  const present = ACTIONS.filter((a) => plan.changes.some((c) => c.action === a));
  return [
    'Resource actions are indicated with the following symbols:',
    ...present.map((a) => `${symbol(a, palette)} ${a}`),
  ];
}

function fieldLine(line: FieldLine, palette: Palette, unset: boolean): string[] {
  const tail = [line.generated ? `  ${palette.dim(GENERATED_MARK)}` : '', line.reason !== undefined ? `  ${palette.dim(`(${line.reason})`)}` : ''].join('');
  const sign = line.sign === '+' ? palette.green('+') : line.sign === '-' ? palette.red('-') : palette.yellow('~');
  if (line.rows !== undefined) {
    const rowSign = (r: '+' | '-' | ' ') => (r === '+' ? palette.green('+') : r === '-' ? palette.red('-') : ' ');
    return [`${BODY}${sign} ${line.path}:${tail}`, ...line.rows.map((r) => `${BODY}    ${rowSign(r.sign)} ${r.text}`)];
  }
  switch (line.sign) {
    case '+':
      return [`${BODY}${sign} ${line.path}: ${line.after}${tail}`];
    case '-':
      return [`${BODY}${sign} ${line.path}: ${line.before}${unset ? ` ${palette.dim('-> (unset)')}` : ''}${tail}`];
    case '~':
      return [`${BODY}${sign} ${line.path}: ${line.before} ${palette.dim('->')} ${line.after}${tail}`];
    default:
      return assertNever(line.sign);
  }
}

/** Continuation lines of a multi-line message are indented under its first character. */
function indented(text: string, indent: number): string {
  return text.split('\n').join(`\n${' '.repeat(indent)}`);
}

function changeBlock(change: Change, ctx: ViewContext, palette: Palette): string[] {
  const share = costShare(change.monthly);
  const lines = [`${symbol(change.action, palette)} ${change.kind} ${palette.bold(change.id)}  ${palette.dim(`(${headerReason(change)})`)}${share ? `  ${share}` : ''}`];
  if (change.blocked !== undefined) {
    lines.push(`  ${palette.red(palette.bold(`✗ BLOCKED: ${indented(blockedText(change.blocked), 13)}`))}`);
  }
  for (const note of change.notes) lines.push(`${BODY}${palette.yellow('!')} ${indented(note, BODY.length + 2)}`);
  for (const f of fieldLines(change, ctx, VALUE_WIDTH)) lines.push(...fieldLine(f, palette, change.action !== 'delete'));
  change.steps.forEach((step, i) => {
    lines.push(palette.dim(`${BODY}${i === 0 ? 'calls: ' : '       '}${describeStep(step)}`));
  });
  return lines;
}

/** What AWS deletes with a change, each on a row of its own (so rows, counts and refusals agree), without a call. */
function cascadeBlocks(change: Change, palette: Palette): string[][] {
  return (change.cascade ?? []).map((key) => {
    const { kind, id } = splitKey(key);
    return [
      `${symbol('delete', palette)} ${kind} ${palette.bold(id)}  ${palette.dim(`(deleted with ${change.kind} ${change.id})`)}`,
      palette.dim(`${BODY}calls: none (AWS deletes it with the set)`),
    ];
  });
}

/** The closing line (docs/architecture.md, "Plans"), from the plan's own summary. */
export function planSummaryLine(plan: Plan): string {
  const s = plan.summary;
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete.`;
}

function tail(plan: Plan, palette: Palette, refusal: boolean): string[] {
  const out: string[] = [];
  for (const w of plan.warnings) out.push('', `${palette.yellow(palette.bold('Warning:'))} ${indented(w, 9)}`);
  if (plan.refused !== undefined && refusal) {
    out.push('', `${palette.red(palette.bold('Refused:'))} ${indented(plan.refused, 9)}`);
  }
  return out;
}

export interface TextOptions {
  /**
   * End with the `Refused:` line when the plan is refused. apply says it once, in its error, instead.
   * @default true
   */
  readonly refusal?: boolean;
}

export function renderPlanText(plan: Plan, palette: Palette, options: TextOptions = {}): string {
  const refusal = options.refusal ?? true;
  const where = `stack "${plan.stack}" in ${plan.region}${plan.accountId !== undefined ? ` (account ${plan.accountId})` : ''}`;
  const refresh = refreshNotice(plan);
  const header = refresh !== undefined ? [...refresh.map((l) => palette.yellow(l)), ''] : [];
  if (plan.changes.length === 0) {
    const matches = refresh !== undefined ? `What the file changed matches the AWS account for ${where}.` : `The AWS account matches the configuration for ${where}.`;
    return [...header, palette.bold('No changes.'), matches, ...tail(plan, palette, refusal)].join('\n') + '\n';
  }
  const out = [...header, ...legend(plan, palette), '', `ses-reconcile will perform the following actions on ${where}:`];
  const ctx = viewContext(plan.topics, plan.region, plan.accountId);
  for (const change of plan.changes) {
    out.push('', ...changeBlock(change, ctx, palette));
    for (const block of cascadeBlocks(change, palette)) out.push('', ...block);
  }
  const cost = costLine(plan);
  out.push('', palette.bold(planSummaryLine(plan)), ...(cost ? [cost] : []), ...tail(plan, palette, refusal));
  return out.join('\n') + '\n';
}
