import { writeFileSync } from 'node:fs';
import { EXIT, InternalError, UsageError, type ExitCode } from '../../errors.js';
import { hasLiteralPassword, maskEndpoint } from '../../model/endpoint.js';
import { planFileText, sameCalls } from '../../plan/planfile.js';
import { planToJson, renderPlanJson } from '../../render/json.js';
import { renderPlanMarkdown } from '../../render/markdown.js';
import { renderPlanText } from '../../render/text.js';
import type { PlanCliOptions } from '../args.js';
import { replan } from '../../plan/compute.js';
import { preparePlan, type Io } from '../reconcile.js';

/**
 * `ses-reconcile plan`: read-only; never calls a write API. 0, or 2 with --detailed-exitcode and changes;
 * 4 after printing a plan that apply with the same flags would refuse (deletes without --allow-deletes,
 * over --max-deletes, a conflict without --adopt), so a pull request's plan check fails where the merge's
 * apply would (docs/architecture.md, "Commands and exit codes").
 */
export async function runPlan(o: PlanCliOptions, io: Io): Promise<ExitCode> {
  const { plan, inputs } = await preparePlan(o, io);
  io.out(o.format === 'json' ? renderPlanJson(plan) : o.format === 'markdown' ? renderPlanMarkdown(plan) : renderPlanText(plan, io.palette));
  if (o.out && inputs) {
    // apply PLANFILE will recompute the plan from these inputs and refuse if it differs: find out now, at
    // review time, rather than at merge time.
    const difference = sameCalls(plan, replan(inputs, inputs.live, { adopt: inputs.adopt, allowDeletes: true }));
    if (difference !== undefined) throw new InternalError(`the plan does not recompute from the inputs it would save (${difference}); this is a bug, please report it`);
    // A plan file keeps no password (plan/planfile.ts): a Subscribe call that needs a literal one cannot be saved.
    for (const c of plan.changes)
      for (const s of c.steps)
        if (s.op === 'Subscribe' && hasLiteralPassword(s.subscription.endpoint))
          throw new UsageError(`--out: ${c.id} subscribes ${maskEndpoint(s.subscription.endpoint)}, whose password is written in the file, and a plan file never keeps a password; write it as \${env:NAME} (README, "SNS endpoints with a password")`);
    writeFileSync(o.out, planFileText(planToJson(plan), { plan, inputs }));
    // stderr: stdout may be a JSON or markdown plan that a pipeline consumes whole.
    io.err(`Saved the plan to ${o.out}. To make exactly these calls: ses-reconcile apply ${o.out} (it refuses if what the plan touches has changed since)\n`);
  }
  if (plan.refused) return EXIT.refused;
  return o.detailedExitcode && plan.changes.length > 0 ? EXIT.changes : EXIT.ok;
}
