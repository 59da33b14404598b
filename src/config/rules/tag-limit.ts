/**
 * At most 50 tags per resource (SES Tag doc; CloudWatch TagResource; SNS TagResource: docs/aws-behaviour.md,
 * "Tagging"). A resource gets the file's `tags`, its own `tags` and ses-reconcile's three tags (stack, and
 * the digest and field hashes of plan/reason.ts), so the union must fit.
 */
import type { PathSegment, Rule } from './rule.js';
import type { WrittenTags } from '../written.js';

const MAX_TAGS = 50;
/** ses-reconcile:stack, ses-reconcile:digest and ses-reconcile:fields. */
const OUR_TAGS = 3;

export const tagLimit: Rule = {
  code: 'tag-limit',
  check(ctx) {
    const common = ctx.config.tags ?? {};
    const owners: [PathSegment[], WrittenTags | undefined][] = [];
    for (const [n, s] of Object.entries(ctx.config.configurationSets ?? {})) owners.push([['configurationSets', n], s.tags]);
    for (const [n, t] of Object.entries(ctx.config.topics ?? {})) owners.push([['topics', n], t.tags]);
    for (const [n, a] of Object.entries(ctx.config.alarms ?? {})) owners.push([['alarms', n], a.tags]);
    for (const [n, t] of Object.entries(ctx.config.tenants ?? {})) owners.push([['tenants', n], t.tags]);
    const check = (at: PathSegment[], own: WrittenTags | undefined): void => {
      const count = new Set([...Object.keys(common), ...Object.keys(own ?? {})]).size + OUR_TAGS;
      if (count <= MAX_TAGS) return;
      ctx.report({
        severity: 'error',
        at: own ? [...at, 'tags'] : ['tags'],
        prefer: 'key',
        message: `${count} tags including ses-reconcile's own ${OUR_TAGS} (${Object.keys(common).length} from the file's tags); AWS allows ${MAX_TAGS} per resource`,
        hint: `remove ${count - MAX_TAGS} tag(s)`,
      });
    };
    check([], undefined);
    for (const [at, own] of owners) if (own) check(at, own);
  },
};
