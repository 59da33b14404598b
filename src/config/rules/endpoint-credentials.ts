/**
 * SNS endpoints with a password (`https://user:secret@host/path`): SNS lists the password masked
 * (`user:****@`, terraform-provider-aws#463), and ses-reconcile never prints it (model/endpoint.ts).
 * Written literally it still lives in the file, and so in the repository: a warning, with the
 * `${env:NAME}` reference as the way out (terraform-provider-aws#46135 asks for the same). A reference is
 * only understood as the whole password; anywhere else it would be sent as written, so it is an error.
 * When the environment is given (apply, which makes the Subscribe calls), a reference to a variable
 * that is unset or empty is an error at its line. No message holds the password: endpoints are masked.
 */
import { ANY_REFERENCE, hasLiteralPassword, maskEndpoint, passwordReference } from '../../model/endpoint.js';
import type { Rule } from './rule.js';

export const endpointCredentials: Rule = {
  code: 'endpoint-credentials',
  check(ctx) {
    for (const [topic, t] of Object.entries(ctx.config.topics ?? {})) {
      (t.subscriptions ?? []).forEach((s, i) => {
        if (typeof s.endpoint !== 'string') return;
        const at = ['topics', topic, 'subscriptions', i, 'endpoint'];
        const shown = maskEndpoint(s.endpoint);
        const name = passwordReference(s.endpoint);
        if (name === undefined && ANY_REFERENCE.test(shown)) {
          ctx.report({
            severity: 'error',
            at,
            message: `${shown}: an \${env:NAME} reference is understood only as the whole password of an http or https URL`,
            hint: 'write https://user:${env:NAME}@host/path',
          });
          return;
        }
        if (name !== undefined) {
          const value = ctx.env?.[name];
          if (ctx.env !== undefined && (value === undefined || value === ''))
            ctx.report({
              severity: 'error',
              at,
              message: `the environment variable ${name} is not set; the password of ${shown} refers to it`,
              hint: `set ${name} to the password (as it is, not URL-encoded) for apply`,
            });
          return;
        }
        if (hasLiteralPassword(s.endpoint))
          ctx.report({
            severity: 'warning',
            at,
            message: `${shown} holds its password in the file; it is never printed, but it is in the file and its history, and a plan file cannot keep it`,
            hint: `write the password as an environment variable reference, e.g. ${shown.replace('****', '${env:HOOK_PASSWORD}')}, and set HOOK_PASSWORD for apply`,
          });
      });
    }
  },
};
