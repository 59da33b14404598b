/**
 * The line a `--refresh changed` plan opens with (SPEC 2: "the plan says so in its header"): what was not
 * read, and so what the plan cannot show. Shared by the text and markdown renderers.
 */
import type { Plan } from '../model/plan.js';

export function refreshNotice(plan: Plan): string | undefined {
  if (plan.refresh === undefined) return undefined;
  const n = plan.refresh.notRead;
  return (
    `Refresh: changed. ${n} ${n === 1 ? 'resource' : 'resources'} whose last-applied digest matches the file ${n === 1 ? 'was' : 'were'} not read, ` +
    'so changes made to them outside ses-reconcile (drift) are not looked for; `plan --refresh all` looks for drift.'
  );
}
