import { writeFileSync } from 'node:fs';
import { EXIT, type ExitCode } from '../../errors.js';
import { liveDigest } from '../../plan/digest.js';
import { planFileText } from '../../plan/planfile.js';
import { planToJson, renderPlanJson } from '../../render/json.js';
import { renderPlanMarkdown } from '../../render/markdown.js';
import { renderPlanText } from '../../render/text.js';
import type { PlanCliOptions } from '../args.js';
import { preparePlan, type Io } from '../reconcile.js';

/** `ses-reconcile plan`: read-only; never calls a write API. 0, or 2 with --detailed-exitcode and changes. */
export async function runPlan(o: PlanCliOptions, io: Io): Promise<ExitCode> {
  const { plan, live } = await preparePlan(o, io);
  io.out(o.format === 'json' ? renderPlanJson(plan) : o.format === 'markdown' ? renderPlanMarkdown(plan) : renderPlanText(plan, io.palette));
  if (o.out) writeFileSync(o.out, planFileText(planToJson(plan), { plan, liveDigest: liveDigest(plan, live) }));
  return o.detailedExitcode && plan.changes.length > 0 ? EXIT.changes : EXIT.ok;
}
