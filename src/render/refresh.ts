/**
 * The lines a `--refresh changed` plan opens with (docs/architecture.md, "Commands and exit codes": the plan says so in its header): what was not
 * read, and so what the plan cannot show. Two short lines, so a terminal of 100 columns does not wrap
 * them; markdown joins them. Shared by the text and markdown renderers.
 */
import type { Plan } from '../model/plan.js';

export function refreshNotice(plan: Plan): readonly [string, string] | undefined {
  if (plan.refresh === undefined) return undefined;
  const n = plan.refresh.notRead;
  const them = n === 1 ? 'it' : 'them';
  return [
    `Refresh: changed. ${n} ${n === 1 ? 'resource' : 'resources'} the file did not change since the last apply ${n === 1 ? 'was' : 'were'} not read;`,
    `drift (changes made to ${them} outside ses-reconcile) is not shown; \`plan --refresh all\` shows it.`,
  ];
}
