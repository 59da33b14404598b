/**
 * Dimension names by value source.
 * - A MESSAGE_TAG dimension's name is the message tag's name, and message tag names allow only ASCII
 *   letters, digits, '_' and '-' (sesv2 model, MessageTag; docs/aws-behaviour.md,
 *   "Dimensions and message tags"); the exception is an SES auto-tag such as `ses:configuration-set`, used by
 *   its full name (DG event-publishing-add-event-destination-cloudwatch).
 * - `ses:` names are auto-tags; only the documented ones exist (docs/aws-behaviour.md,
 *   "Dimensions and message tags"). Two more appear in newer SES material without documentation: accepted
 *   with a warning.
 * - Auto-tags are message tags, so they need source MESSAGE_TAG.
 */
import { AUTO_TAG_PREFIX, DOCUMENTED_AUTO_TAGS, UNVERIFIED_AUTO_TAGS } from '../../model/ses.js';
import type { Rule } from './rule.js';
import { eachDestination } from './rule.js';
const TAG_NAME = /^[A-Za-z0-9_-]{1,256}$/;

export const dimensionNames: Rule = {
  code: 'dimension-names',
  check(ctx) {
    for (const [setName, destName, dest] of eachDestination(ctx.config)) {
      for (const [dim, spec] of Object.entries(dest.cloudWatch?.dimensions ?? {})) {
        const at = ['configurationSets', setName, 'eventDestinations', destName, 'cloudWatch', 'dimensions', dim];
        if (dim.startsWith(AUTO_TAG_PREFIX)) {
          if (UNVERIFIED_AUTO_TAGS.includes(dim)) {
            ctx.report({
              severity: 'warning',
              at,
              prefer: 'key',
              message: `"${dim}" is not a documented SES auto-tag; its metrics may never be published`,
              hint: `documented auto-tags: ${DOCUMENTED_AUTO_TAGS.join(', ')}`,
            });
          } else if (!(DOCUMENTED_AUTO_TAGS as readonly string[]).includes(dim)) {
            ctx.report({
              severity: 'error',
              at,
              prefer: 'key',
              message: `"${dim}" is not an SES auto-tag`,
              hint: `use one of ${DOCUMENTED_AUTO_TAGS.join(', ')}, or a name without the reserved "ses:" prefix`,
            });
          }
          if (spec.source !== 'MESSAGE_TAG') {
            ctx.report({
              severity: 'error',
              at: [...at, 'source'],
              message: `auto-tag dimension "${dim}" has source ${spec.source}; SES sets auto-tags as message tags`,
              hint: 'write source: MESSAGE_TAG',
            });
          }
        } else if (spec.source === 'MESSAGE_TAG' && !TAG_NAME.test(dim)) {
          ctx.report({
            severity: 'error',
            at,
            prefer: 'key',
            message: `"${dim}" cannot be a message tag name, so a MESSAGE_TAG dimension cannot use it`,
            hint: `message tag names use only A-Z a-z 0-9 _ -, e.g. "${dim.replace(/[^A-Za-z0-9_-]/g, '-')}"`,
          });
        }
      }
    }
  },
};
