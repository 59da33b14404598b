/**
 * EMAIL_HEADER dimensions cannot use these headers (DG event-publishing-add-event-destination-cloudwatch,
 * step 2 note; docs/aws-behaviour.md, "Dimensions and message tags"). Compared without case, since header
 * names are case-insensitive (RFC 5322; INFERENCE for SES's own check).
 */
import type { Rule } from './rule.js';
import { eachDestination } from './rule.js';

const FORBIDDEN = ['Received', 'To', 'From', 'DKIM-Signature', 'CC', 'message-id', 'Return-Path'];

export const emailHeaderNames: Rule = {
  code: 'email-header-names',
  check(ctx) {
    for (const [setName, destName, dest] of eachDestination(ctx.config)) {
      for (const [dim, spec] of Object.entries(dest.cloudWatch?.dimensions ?? {})) {
        if (spec.source !== 'EMAIL_HEADER') continue;
        const hit = FORBIDDEN.find((h) => h.toLowerCase() === dim.toLowerCase());
        if (!hit) continue;
        ctx.report({
          severity: 'error',
          at: ['configurationSets', setName, 'eventDestinations', destName, 'cloudWatch', 'dimensions', dim],
          prefer: 'key',
          message: `SES does not allow the ${hit} header as an EMAIL_HEADER dimension`,
          hint: `pick a custom header (e.g. X-Campaign-Id) or a message tag; these are not allowed: ${FORBIDDEN.join(', ')}`,
        });
      }
    }
  },
};
