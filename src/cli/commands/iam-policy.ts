/**
 * `ses-reconcile iam-policy`: the least-privilege IAM policy for this file (plan/permissions.ts), or with
 * `--trust github` the trust policy of the role a GitHub Actions workflow assumes. No AWS call: the
 * account comes from the file's `accountId:` or `--account-id`, the Region from the file, `--region` or
 * AWS_REGION; either is `*` when not given, and the policy says so by holding everywhere.
 */
import { loadDesired } from '../../config/index.js';
import { hasErrors } from '../../model/diagnostic.js';
import { EXIT, UsageError, type ExitCode } from '../../errors.js';
import { githubTrustPolicy, iamPolicy } from '../../plan/permissions.js';
import { preflightNeeds } from '../../plan/preflight.js';
import { topicArn } from '../../model/arn.js';
import { renderValidationText } from '../../render/diagnostics.js';
import type { Palette } from '../../render/palette.js';
import type { IamPolicyOptions } from '../args.js';

export function runIamPolicy(o: IamPolicyOptions, io: { out: (s: string) => void; err: (s: string) => void; palette: Palette; env: Readonly<Record<string, string | undefined>> }): ExitCode {
  if (o.trust !== undefined) {
    if (o.repo === undefined || !/^[\w.-]+\/[\w.-]+$/.test(o.repo)) throw new UsageError('--trust github needs --repo OWNER/REPO, the repository whose workflows assume the role');
    if (o.accountId === undefined) throw new UsageError('--trust github needs --account-id ID: the OIDC provider is an IAM resource of that account');
    if (o.for === 'status') throw new UsageError('--trust github --for status: the status report runs with the plan role; write --for plan');
    io.out(`${JSON.stringify(githubTrustPolicy({ accountId: o.accountId, repo: o.repo, for: o.for, ...(o.environment ? { environment: o.environment } : {}), ...(o.branch ? { branch: o.branch } : {}) }), null, 2)}\n`);
    return EXIT.ok;
  }
  const result = loadDesired(o.config, {});
  if (hasErrors(result.diagnostics) || !result.desired) {
    io.err(renderValidationText(result.diagnostics, undefined, io.palette));
    return EXIT.invalid;
  }
  const d = result.desired;
  if (d.accountId && o.accountId && d.accountId !== o.accountId)
    throw new UsageError(`the file is for account ${d.accountId}, but --account-id says ${o.accountId}; remove one of them`);
  const region = d.region ?? o.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION ?? '*';
  const accountId = d.accountId ?? o.accountId ?? '*';
  // The file's own topics are not checked at plan time; with the Region or account unknown, an ARN that
  // may be one of them is granted its read anyway (it is the file's to name).
  const fileTopics = new Set([...d.resources.values()].filter((r) => r.kind === 'topic').map((r) => topicArn(region, accountId, r.name)));
  const policy = iamPolicy(d.resources, { stack: d.stack, region, accountId, for: o.for, discovery: o.discovery, preflight: preflightNeeds(result.planTime, fileTopics) });
  io.out(`${JSON.stringify(policy, null, 2)}\n`);
  return EXIT.ok;
}
