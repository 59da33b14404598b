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
import { ACTION_SYMBOL, ACTIONS, fieldLines, type FieldLine } from './field-lines.js';
import { costLine } from './cost.js';
import type { Palette } from './palette.js';

/** Widest value shown on a field line before it is clipped. */
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

function fieldLine(line: FieldLine, palette: Palette): string {
  switch (line.sign) {
    case '+':
      return `${BODY}${palette.green('+')} ${line.path}: ${line.after}`;
    case '-':
      return `${BODY}${palette.red('-')} ${line.path}: ${line.before} ${palette.dim('-> (unset)')}`;
    case '~':
      return `${BODY}${palette.yellow('~')} ${line.path}: ${line.before} ${palette.dim('->')} ${line.after}`;
    default:
      return assertNever(line.sign);
  }
}

/** Continuation lines of a multi-line message are indented under its first character. */
function indented(text: string, indent: number): string {
  return text.split('\n').join(`\n${' '.repeat(indent)}`);
}

function changeBlock(change: Change, palette: Palette): string[] {
  const lines = [`${symbol(change.action, palette)} ${change.kind} ${palette.bold(change.id)}  ${palette.dim(`(${change.reason})`)}`];
  if (change.blocked !== undefined) {
    lines.push(`  ${palette.red(palette.bold(`✗ BLOCKED: ${indented(change.blocked, 13)}`))}`);
  }
  for (const note of change.notes) lines.push(`${BODY}${palette.yellow('!')} ${indented(note, BODY.length + 2)}`);
  for (const f of fieldLines(change, VALUE_WIDTH)) lines.push(fieldLine(f, palette));
  change.steps.forEach((step, i) => {
    lines.push(palette.dim(`${BODY}${i === 0 ? 'calls: ' : '       '}${describeStep(step)}`));
  });
  return lines;
}

/** The closing line (docs/architecture.md, "Plans"), from the plan's own summary. */
export function planSummaryLine(plan: Plan): string {
  const s = plan.summary;
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete.`;
}

function tail(plan: Plan, palette: Palette): string[] {
  const out: string[] = [];
  for (const w of plan.warnings) out.push('', `${palette.yellow(palette.bold('Warning:'))} ${indented(w, 9)}`);
  if (plan.refused !== undefined) {
    out.push('', `${palette.red(palette.bold('Refused:'))} ${indented(plan.refused, 9)}`);
  }
  return out;
}

export function renderPlanText(plan: Plan, palette: Palette): string {
  const where = `stack "${plan.stack}" in ${plan.region}${plan.accountId !== undefined ? ` (account ${plan.accountId})` : ''}`;
  const refresh = refreshNotice(plan);
  const header = refresh !== undefined ? [...refresh.map((l) => palette.yellow(l)), ''] : [];
  if (plan.changes.length === 0) {
    const matches = refresh !== undefined ? `What the file changed matches the AWS account for ${where}.` : `The AWS account matches the configuration for ${where}.`;
    return [...header, palette.bold('No changes.'), matches, ...tail(plan, palette)].join('\n') + '\n';
  }
  const out = [...header, ...legend(plan, palette), '', `ses-reconcile will perform the following actions on ${where}:`];
  for (const change of plan.changes) out.push('', ...changeBlock(change, palette));
  const cost = costLine(plan);
  out.push('', palette.bold(planSummaryLine(plan)), ...(cost ? [cost] : []), ...tail(plan, palette));
  return out.join('\n') + '\n';
}
