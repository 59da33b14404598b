/**
 * The plan file (`plan --out`, `apply PLANFILE`): the SPEC 6 JSON a reviewer reads, plus what apply needs
 * to run exactly that plan later: the executable plan and the digest of the live state it was computed
 * from. Versioned; other versions are refused (changesets' publish plan: "expected 1, received X").
 */
import { PLAN_FORMAT_VERSION, type Plan } from '../model/plan.js';

export interface PlanFile {
  readonly plan: Plan;
  readonly liveDigest: string;
}

export const PLAN_FILE_KIND = 'ses-reconcile-plan';

export function planFileText(readable: object, file: PlanFile): string {
  return JSON.stringify({ ...readable, kind: PLAN_FILE_KIND, liveDigest: file.liveDigest, executable: file.plan }, null, 2) + '\n';
}

/** Throws an Error with a message for the user when the text is not a plan file this version runs. */
export function parsePlanFile(text: string): PlanFile {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`not a plan file: ${(err as Error).message}`);
  }
  if (data.kind !== PLAN_FILE_KIND || typeof data.executable !== 'object' || typeof data.liveDigest !== 'string')
    throw new Error('not a plan file written by `ses-reconcile plan --out`');
  if (data.formatVersion !== PLAN_FORMAT_VERSION)
    throw new Error(`unsupported plan file formatVersion: expected ${PLAN_FORMAT_VERSION}, received ${JSON.stringify(data.formatVersion)}`);
  return { plan: data.executable as Plan, liveDigest: data.liveDigest };
}
