import { executePlan, type FinishedCall } from '../../apply/executor.js';
import type { ApplyReport } from '../../apply/report.js';
import { EXIT, STOP_SIGNALS, UnsafePlanError, type ExitCode, type StopSignal } from '../../errors.js';
import { describeStep } from '../../model/step.js';
import { renderPlanText } from '../../render/text.js';
import type { Palette } from '../../render/palette.js';
import type { ApplyCliOptions } from '../args.js';
import type { Interrupt } from '../interrupt.js';
import { preparePlan, preparePlanFile, type Io } from '../reconcile.js';

export interface Approval {
  readonly interactive: boolean;
  ask(question: string): Promise<string>;
}

function renderReport(r: ApplyReport, p: Palette, signal: StopSignal | undefined): string {
  const lines: string[] = [];
  const count = (a: string) => r.done.filter((c) => c.action === a).length;
  if (r.failed.length === 0 && !r.stopped) {
    lines.push(p.green(`Apply complete! ${count('create')} created, ${count('update')} updated, ${count('replace')} replaced, ${count('delete')} deleted.`));
    return lines.join('\n') + '\n';
  }
  const made = (stepsDone: number, of: number) => `    (${stepsDone} of ${of} calls of this change were made)`;
  lines.push(p.red(r.stopped ? `Apply interrupted by ${signal ?? 'a signal'}: the calls in flight finished, no new one was started.` : 'Apply failed.'));
  lines.push(`Done (${r.done.length}):`);
  for (const c of r.done) lines.push(`  ✓ ${c.action} ${c.kind} ${c.id}`);
  if (r.interrupted.length > 0) lines.push(`Interrupted (${r.interrupted.length}):`);
  for (const i of r.interrupted) {
    const why = i.attempted ? 'was answered with a retryable error and not retried' : 'was not made';
    lines.push(`  ! ${i.change.action} ${i.change.kind} ${i.change.id}: ${describeStep(i.step)} ${why}`);
    if (i.stepsDone > 0) lines.push(made(i.stepsDone, i.change.steps.length));
  }
  if (r.failed.length > 0 || !r.stopped) lines.push(`Failed (${r.failed.length}):`);
  for (const f of r.failed) {
    lines.push(`  ✗ ${f.change.action} ${f.change.kind} ${f.change.id}: ${describeStep(f.step)} failed: ${f.code}: ${f.message}`);
    if (f.stepsDone > 0) lines.push(made(f.stepsDone, f.change.steps.length));
  }
  lines.push(`Not attempted (${r.notAttempted.length}):`);
  for (const c of r.notAttempted) lines.push(`  - ${c.action} ${c.kind} ${c.id}`);
  lines.push('Nothing was rolled back. Run apply again: it plans from the live state and converges.');
  return lines.join('\n') + '\n';
}

/**
 * `ses-reconcile apply`: plan, ask (or --auto-approve), execute, report. 0 / 1 / 3 / 4, and 130 / 143 when
 * `interrupt` stopped the execution (its stop is `io.stop`, which the clients also honour).
 */
export async function runApply(o: ApplyCliOptions, io: Io, approval: Approval, interrupt?: Pick<Interrupt, 'arm' | 'signal'>): Promise<ExitCode> {
  const { plan, runner, inFlight } = o.planFile ? await preparePlanFile({ ...o, planFile: o.planFile }, io) : await preparePlan(o, io, true);
  // The refusal is said once, by the error (on stderr, so it survives a redirected plan), not by the plan too.
  io.out(renderPlanText(plan, io.palette, { refusal: false }));
  if (plan.refused) throw new UnsafePlanError(`refusing to apply: ${plan.refused}`);
  if (plan.changes.length === 0) return EXIT.ok;
  // A saved plan was the review (as with Terraform); it does not ask again (docs/architecture.md, "Saved plans").
  if (!o.autoApprove && !o.planFile) {
    if (!approval.interactive) throw new UnsafePlanError('refusing to apply without approval: stdin is not a terminal; re-run with --auto-approve');
    const answer = await approval.ask("\nDo you want to perform these actions? Only 'yes' will be accepted: ");
    if (answer.trim() !== 'yes') throw new UnsafePlanError('apply cancelled: the answer was not "yes"');
  }
  const disarm = interrupt?.arm(inFlight);
  let report: ApplyReport;
  try {
    report = await executePlan(plan, runner, {
      concurrency: o.concurrency,
      ...(io.stop ? { stop: io.stop } : {}),
      onDone: (c, i, n) => {
        io.log.info({ change: `${c.action} ${c.kind} ${c.id}`, progress: `${i}/${n}` }, 'applied');
        if (approval.interactive) io.out(io.palette.dim(`  [${i}/${n}] ${c.action} ${c.kind} ${c.id}\n`));
      },
      // In CI (no terminal) a line per finished call: at SES's one call a second an apply takes minutes,
      // and the log should show it moving, what each call was, how long it took and how it ended.
      ...(approval.interactive
        ? {}
        : {
            onCall: (call: FinishedCall) => {
              const took = `${(call.ms / 1000).toFixed(1)} s`;
              io.out(call.error ? `  ✗ ${describeStep(call.step)} (${took}): ${call.error.code}: ${call.error.message}\n` : `  ✓ ${describeStep(call.step)} (${took})\n`);
            },
          }),
    });
  } finally {
    disarm?.();
  }
  const signal = interrupt?.signal;
  io.out(renderReport(report, io.palette, signal));
  if (report.stopped) return signal ? STOP_SIGNALS[signal] : EXIT.failure;
  return report.failed.length > 0 ? EXIT.failure : EXIT.ok;
}
