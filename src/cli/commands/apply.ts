import { executePlan } from '../../apply/executor.js';
import type { ApplyReport } from '../../apply/report.js';
import { EXIT, UnsafePlanError, type ExitCode } from '../../errors.js';
import { describeStep } from '../../model/step.js';
import { renderPlanText } from '../../render/text.js';
import type { Palette } from '../../render/palette.js';
import type { ApplyCliOptions } from '../args.js';
import { preparePlan, preparePlanFile, type Io } from '../reconcile.js';

export interface Approval {
  readonly interactive: boolean;
  ask(question: string): Promise<string>;
}

function renderReport(r: ApplyReport, p: Palette): string {
  const lines: string[] = [];
  const count = (a: string) => r.done.filter((c) => c.action === a).length;
  if (r.failed.length === 0) {
    lines.push(p.green(`Apply complete! ${count('create')} created, ${count('update')} updated, ${count('replace')} replaced, ${count('delete')} deleted.`));
    return lines.join('\n') + '\n';
  }
  lines.push(p.red('Apply failed.'));
  lines.push(`Done (${r.done.length}):`);
  for (const c of r.done) lines.push(`  ✓ ${c.action} ${c.kind} ${c.id}`);
  lines.push(`Failed (${r.failed.length}):`);
  for (const f of r.failed) {
    lines.push(`  ✗ ${f.change.action} ${f.change.kind} ${f.change.id}: ${describeStep(f.step)} failed: ${f.code}: ${f.message}`);
    if (f.stepsDone > 0) lines.push(`    (${f.stepsDone} of ${f.change.steps.length} calls of this change were made)`);
  }
  lines.push(`Not attempted (${r.notAttempted.length}):`);
  for (const c of r.notAttempted) lines.push(`  - ${c.action} ${c.kind} ${c.id}`);
  lines.push('Nothing was rolled back. Run apply again: it plans from the live state and converges.');
  return lines.join('\n') + '\n';
}

/** `ses-reconcile apply`: plan, ask (or --auto-approve), execute, report. 0 / 1 / 3 / 4. */
export async function runApply(o: ApplyCliOptions, io: Io, approval: Approval): Promise<ExitCode> {
  const { plan, runner } = o.planFile ? await preparePlanFile({ ...o, planFile: o.planFile }, io) : await preparePlan(o, io);
  io.out(renderPlanText(plan, io.palette));
  if (plan.refused) throw new UnsafePlanError(`refusing to apply: ${plan.refused}`);
  if (plan.changes.length === 0) return EXIT.ok;
  // SPEC 2: a saved plan was the review (as with Terraform); it does not ask again.
  if (!o.autoApprove && !o.planFile) {
    if (!approval.interactive) throw new UnsafePlanError('refusing to apply without approval: stdin is not a terminal; re-run with --auto-approve');
    const answer = await approval.ask("\nDo you want to perform these actions? Only 'yes' will be accepted: ");
    if (answer.trim() !== 'yes') throw new UnsafePlanError('apply cancelled: the answer was not "yes"');
  }
  const report = await executePlan(plan, runner, {
    concurrency: o.concurrency,
    onDone: (c, i, n) => {
      io.log.info({ change: `${c.action} ${c.kind} ${c.id}`, progress: `${i}/${n}` }, 'applied');
      if (approval.interactive) io.out(io.palette.dim(`  [${i}/${n}] ${c.action} ${c.kind} ${c.id}\n`));
    },
  });
  io.out(renderReport(report, io.palette));
  return report.failed.length > 0 ? EXIT.failure : EXIT.ok;
}
