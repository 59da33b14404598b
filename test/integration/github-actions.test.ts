/**
 * The GitHub Actions kit (issue 13) end to end, without GitHub: the scripts' `main` against a local
 * GitHub REST API (test/helpers/fake-github.ts, real HTTP, the scripts' own fetch), fed by plans the built
 * CLI makes against the emulator; and the workflows' own shell steps, run by bash as Actions runs them
 * (`bash --noprofile --norc -eo pipefail`), with a stand-in `npx` that exits with each plan exit code.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { BOT, FakeGitHub, HUMAN } from '../helpers/fake-github.js';
import { Sandbox } from '../helpers/reconcile.js';
import { ROOT } from '../helpers/cli.js';
import { client } from '../../examples/github-actions/scripts/github.mjs';
import { main as upsertComment, planMarker } from '../../examples/github-actions/scripts/upsert-comment.mjs';
import { driftMarker, main as driftIssue } from '../../examples/github-actions/scripts/drift-issue.mjs';
import { main as findPlan } from '../../examples/github-actions/scripts/find-plan.mjs';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Env = Record<string, string | undefined>;

const REPO = 'acme/mail';
const PLAN_JSON = (stack = 'email-platform', region = 'us-east-1') => JSON.stringify({ formatVersion: 1, stack, region, changes: [], kind: 'ses-reconcile-plan' });

let gh: FakeGitHub;
let dir: string;
beforeEach(async () => {
  gh = await FakeGitHub.start({ repo: REPO });
  dir = mkdtempSync(join(tmpdir(), 'gha-kit-'));
});
afterEach(async () => {
  await gh.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes the run's files (plan, markdown, event) and returns the environment a step would have. */
function runEnv(files: { markdown?: string; planJson?: string; config?: string; event?: Json }, extra: Env = {}): Env {
  const env: Env = {
    GITHUB_TOKEN: gh.token,
    GITHUB_REPOSITORY: REPO,
    GITHUB_API_URL: gh.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    SES_PLAN_MARKDOWN: join(dir, 'plan.md'),
    SES_PLAN_FILE: join(dir, 'plan.bin'),
    SES_CONFIG: join(dir, 'ses-reconcile.yaml'),
  };
  for (const f of ['plan.md', 'plan.bin', 'ses-reconcile.yaml', 'event.json']) rmSync(join(dir, f), { force: true });
  if (files.markdown !== undefined) writeFileSync(join(dir, 'plan.md'), files.markdown);
  if (files.planJson !== undefined) writeFileSync(join(dir, 'plan.bin'), files.planJson);
  if (files.config !== undefined) writeFileSync(join(dir, 'ses-reconcile.yaml'), files.config);
  if (files.event !== undefined) {
    writeFileSync(join(dir, 'event.json'), JSON.stringify(files.event));
    env.GITHUB_EVENT_PATH = join(dir, 'event.json');
  }
  return { ...env, ...extra };
}

const PR_EVENT = (number = 7, sha = 'a'.repeat(40)) => ({ action: 'synchronize', pull_request: { number, head: { sha } } });
const MARK = planMarker('email-platform', 'us-east-1');

describe('upsert-comment.mjs against a GitHub API', () => {
  it('creates the comment on the first run and updates the same comment on the second', async () => {
    const first = await upsertComment(runEnv({ markdown: '### plan one\n', planJson: PLAN_JSON(), event: PR_EVENT() }, { SES_PLAN_EXIT_CODE: '2' }));
    expect(first.action).toBe('created');
    expect(gh.commentsOn(7)).toHaveLength(1);
    expect(gh.commentsOn(7)[0]?.body.startsWith(`${MARK}\n### plan one`)).toBe(true);
    expect(gh.commentsOn(7)[0]?.body).toContain('for `aaaaaaaaaaaa` by [this run](https://github.com/acme/mail/actions/runs/4242)');

    const second = await upsertComment(runEnv({ markdown: '### plan two\n', planJson: PLAN_JSON(), event: PR_EVENT(7, 'b'.repeat(40)) }, { SES_PLAN_EXIT_CODE: '0' }));
    expect(second).toMatchObject({ action: 'updated', id: first.id });
    expect(gh.commentsOn(7)).toHaveLength(1);
    expect(gh.commentsOn(7)[0]?.body).toContain('### plan two');
    expect(gh.commentsOn(7)[0]?.body).not.toContain('plan one');
    expect(gh.commentsOn(7)[0]?.body).toContain('`bbbbbbbbbbbb`');
    expect(gh.writes().map((r) => `${r.method} ${r.path}`)).toEqual([`POST /repos/${REPO}/issues/7/comments`, `PATCH /repos/${REPO}/issues/comments/${first.id}`]);
  });

  it('follows the Link header: no duplicate when its comment is on page 2', async () => {
    for (let i = 0; i < 120; i++) gh.addComment(7, `comment ${i}`, i % 2 ? HUMAN : BOT);
    const first = await upsertComment(runEnv({ markdown: '### plan\n', planJson: PLAN_JSON(), event: PR_EVENT() }, { SES_PLAN_EXIT_CODE: '2' }));
    expect(first.action).toBe('created');
    for (let i = 0; i < 30; i++) gh.addComment(7, `later ${i}`);
    gh.requests.length = 0;
    const second = await upsertComment(runEnv({ markdown: '### plan again\n', planJson: PLAN_JSON(), event: PR_EVENT() }, { SES_PLAN_EXIT_CODE: '2' }));
    expect(second).toMatchObject({ action: 'updated', id: first.id });
    expect(gh.commentsOn(7).filter((c) => c.body.startsWith(MARK))).toHaveLength(1);
    const listed = gh.requests.filter((r) => r.method === 'GET').map((r) => r.query);
    expect(listed).toEqual([{ per_page: '100' }, { per_page: '100', page: '2' }]);
  });

  it("keeps one comment per stack and Region, and never takes a person's comment for its own", async () => {
    gh.addComment(7, `${MARK}\nI copied the marker`, HUMAN);
    await upsertComment(runEnv({ markdown: '### a\n', planJson: PLAN_JSON(), event: PR_EVENT() }, { SES_PLAN_EXIT_CODE: '2' }));
    await upsertComment(runEnv({ markdown: '### b\n', planJson: PLAN_JSON('email-platform', 'eu-west-1'), event: PR_EVENT() }, { SES_PLAN_EXIT_CODE: '2' }));
    await upsertComment(runEnv({ markdown: '### a2\n', planJson: PLAN_JSON(), event: PR_EVENT() }, { SES_PLAN_EXIT_CODE: '2' }));
    const bodies = gh.commentsOn(7).map((c) => `${c.user.login}: ${c.body.split('\n').slice(0, 2).join(' | ')}`);
    expect(bodies).toEqual([
      `octocat: ${MARK} | I copied the marker`,
      `github-actions[bot]: ${MARK} | ### a2`,
      `github-actions[bot]: ${planMarker('email-platform', 'eu-west-1')} | ### b`,
    ]);
  });

  it('updates the same comment when the plan fails and left no plan file (key from the configuration)', async () => {
    const ok = await upsertComment(runEnv({ markdown: '### plan\n', planJson: PLAN_JSON(), event: PR_EVENT() }, { SES_PLAN_EXIT_CODE: '2' }));
    const failed = await upsertComment(runEnv({ config: 'version: 1\nstack: email-platform\n', event: PR_EVENT() }, { SES_PLAN_EXIT_CODE: '1', AWS_REGION: 'us-east-1' }));
    expect(failed).toMatchObject({ action: 'updated', id: ok.id });
    expect(gh.commentsOn(7)[0]?.body).toMatch(/^<!-- ses-reconcile-plan stack=email-platform region=us-east-1 -->\n> \[!WARNING\]\n> \*\*The plan could not be made \(exit 1/);
    expect(gh.commentsOn(7)[0]?.body).toContain('Nothing will be applied from this run.');
  });

  it('posts to PR_NUMBER on a dispatch, and fails loudly without a token, a pull request or a key', async () => {
    await upsertComment(runEnv({ markdown: '### fork plan\n', planJson: PLAN_JSON(), event: { inputs: { pr: '9' } } }, { SES_PLAN_EXIT_CODE: '2', PR_NUMBER: '9', SES_PLANNED_SHA: 'c'.repeat(40) }));
    expect(gh.commentsOn(9)[0]?.body).toContain('`cccccccccccc`');
    await expect(upsertComment(runEnv({ markdown: 'x', planJson: PLAN_JSON(), event: PR_EVENT() }, { SES_PLAN_EXIT_CODE: '2', GITHUB_TOKEN: 'wrong' }))).rejects.toThrow(/401 Bad credentials/);
    await expect(upsertComment(runEnv({ markdown: 'x', planJson: PLAN_JSON(), event: {} }, { SES_PLAN_EXIT_CODE: '2' }))).rejects.toThrow(/no pull request number/);
    await expect(upsertComment(runEnv({ markdown: 'x', event: PR_EVENT() }, { SES_PLAN_EXIT_CODE: '1' }))).rejects.toThrow(/no stack and Region/);
    expect(gh.commentsOn(7)).toHaveLength(0);
  });
});

describe('drift-issue.mjs against a GitHub API', () => {
  const DRIFT = driftMarker('email-platform', 'us-east-1');
  const drift = (code: string, markdown: string, now: string, extra: Env = {}) =>
    driftIssue(runEnv({ markdown, planJson: PLAN_JSON() }, { SES_PLAN_EXIT_CODE: code, ...extra }), { now });
  const ours = () => gh.issues.filter((i) => i.body.startsWith(DRIFT));

  it('opens one issue on drift, updates it while it lasts, closes it when it goes, opens a new one if it returns', async () => {
    const opened = await drift('2', '### drift A\n', '2025-01-01T06:17:00Z', { SES_DRIFT_LABELS: 'drift, ses' });
    expect(opened.action).toBe('open');
    expect(ours()).toHaveLength(1);
    const issue = ours()[0]!;
    expect(issue).toMatchObject({ title: 'ses-reconcile: drift in stack email-platform (us-east-1)', state: 'open', labels: [{ name: 'drift' }, { name: 'ses' }] });
    expect(issue.body).toContain('### drift A');

    gh.requests.length = 0;
    expect((await drift('2', '### drift A\n', '2025-01-02T06:17:00Z')).action).toBe('update');
    expect(ours()).toHaveLength(1);
    expect(issue.body).toContain('**First seen:** 2025-01-01T06:17:00Z. **Last checked:** 2025-01-02T06:17:00Z');
    expect(gh.writes().map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH /repos/${REPO}/issues/${issue.number}`]);

    expect((await drift('2', '### drift B\n', '2025-01-03T06:17:00Z')).action).toBe('update');
    expect(issue.body).toContain('### drift B');
    expect(issue.body).toContain('**First seen:** 2025-01-01T06:17:00Z');
    expect(gh.commentsOn(issue.number).map((c) => c.body)).toEqual(['The drift changed at 2025-01-03T06:17:00Z ([run](https://github.com/acme/mail/actions/runs/4242)); the description shows the current plan.']);

    expect((await drift('0', '**No changes.**\n', '2025-01-04T06:17:00Z')).action).toBe('close');
    expect(issue).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(gh.commentsOn(issue.number).at(-1)?.body).toMatch(/^No drift at 2025-01-04T06:17:00Z .*Closing\.$/);

    gh.requests.length = 0;
    expect((await drift('0', '**No changes.**\n', '2025-01-05T06:17:00Z')).action).toBe('none');
    expect(gh.writes()).toEqual([]);

    const again = await drift('2', '### drift C\n', '2025-01-06T06:17:00Z');
    expect(again.action).toBe('open');
    expect(again.number).not.toBe(issue.number);
    expect(ours().map((i) => i.state)).toEqual(['closed', 'open']);
    expect(ours()[1]?.body).toContain('**First seen:** 2025-01-06T06:17:00Z');
  });

  it('finds its issue on page 2 of the open issues, among pull requests and other issues', async () => {
    await drift('2', '### drift\n', '2025-01-01T06:17:00Z');
    for (let i = 0; i < 130; i++) gh.addIssue({ title: `issue ${i}`, body: i % 3 ? 'x' : `${DRIFT}\nquoted`, ...(i % 5 === 0 ? { pull_request: { url: 'u' } } : {}) });
    gh.requests.length = 0;
    expect((await drift('2', '### drift\n', '2025-01-02T06:17:00Z')).action).toBe('update');
    expect(gh.issues.filter((i) => i.user.login === BOT.login)).toHaveLength(1);
    expect(gh.requests.filter((r) => r.method === 'GET').map((r) => r.query.page ?? '1')).toEqual(['1', '2']);
  });

  it('on exit 1, 3 or 4 makes no call and fails, leaving the issue as it is', async () => {
    await drift('2', '### drift\n', '2025-01-01T06:17:00Z');
    gh.requests.length = 0;
    for (const code of ['1', '3', '4', '']) {
      const r = await drift(code, '', '2025-01-02T06:17:00Z');
      expect(r).toMatchObject({ action: 'fail', exitCode: 1 });
      expect(r.message).toMatch(/^::error::plan exited/);
    }
    expect(gh.requests).toEqual([]);
    expect(ours()[0]?.state).toBe('open');
  });
});

describe('find-plan.mjs against a GitHub API', () => {
  const SHA = 'd'.repeat(40);
  const HEAD = 'e'.repeat(40);
  const NAME = `ses-reconcile-plan-${HEAD}`;
  const artifact = (id: number, over: Json = {}, run: Json = {}) => ({
    id,
    name: NAME,
    expired: false,
    created_at: `2025-01-01T1${id}:00:00Z`,
    ...over,
    workflow_run: { id: 500 + id, repository_id: 1, head_repository_id: 1, head_branch: 'feature', head_sha: HEAD, ...run },
  });
  const outputs = () => Object.fromEntries(readFileSync(join(dir, 'out'), 'utf8').trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  const env = (extra: Env) => runEnv({}, { GITHUB_SHA: SHA, GITHUB_EVENT_NAME: 'push', GITHUB_OUTPUT: join(dir, 'out'), ...extra });

  it("finds the merged pull request's plan artifact, from this repository's run, not a fork's", async () => {
    gh.commitPulls.set(SHA, [{ number: 3, merged_at: null, merge_commit_sha: null, head: { sha: 'f'.repeat(40) } }, { number: 12, merged_at: '2025-01-01T00:00:00Z', merge_commit_sha: SHA, head: { sha: HEAD } }]);
    gh.artifacts.push(artifact(1), artifact(2), artifact(3, {}, { head_repository_id: 77 }), artifact(4, { expired: true }));
    const r = await findPlan(env({}));
    expect(r).toMatchObject({ found: true, runId: 502, artifact: NAME, headSha: HEAD, pr: 12 });
    expect(outputs()).toEqual({ found: 'true', 'run-id': '502', artifact: NAME, 'head-sha': HEAD, pr: '12', reason: `plan of pull request #12, head ${HEAD.slice(0, 12)}, run 502` });
    expect(gh.requests.map((q) => `${q.path}?${new URLSearchParams(q.query)}`)).toEqual([`/repos/${REPO}/commits/${SHA}/pulls?`, `/repos/${REPO}/actions/artifacts?name=${NAME}&per_page=100`]);
  });

  it('says found=false for a direct push, and for a merge whose plan is missing or came from a fork', async () => {
    expect(await findPlan(env({}))).toMatchObject({ found: false, reason: `no merged pull request brought ${SHA.slice(0, 12)}` });
    expect(outputs().found).toBe('false');
    gh.commitPulls.set(SHA, [{ number: 12, merged_at: '2025-01-01T00:00:00Z', merge_commit_sha: SHA, head: { sha: HEAD } }]);
    gh.artifacts.push(artifact(3, {}, { head_repository_id: 77 }));
    rmSync(join(dir, 'out'));
    expect(await findPlan(env({}))).toMatchObject({ found: false, pr: 12, reason: `no unexpired artifact ${NAME} from this repository's runs` });
    expect(outputs()).toMatchObject({ found: 'false', 'run-id': '', pr: '12' });
  });

  it("on a dispatch, looks for the given commit's plan (a plan.yml run dispatched on main)", async () => {
    gh.artifacts.push(artifact(5));
    expect(await findPlan(env({ GITHUB_EVENT_NAME: 'workflow_dispatch', SES_PLAN_SHA: HEAD }))).toMatchObject({ found: true, runId: 505 });
    expect(gh.requests.some((q) => q.path.includes('/pulls'))).toBe(false);
    await expect(findPlan(env({ GITHUB_EVENT_NAME: 'workflow_dispatch', SES_PLAN_SHA: 'main' }))).rejects.toThrow(/full commit SHA/);
  });
});

describe('the REST client', () => {
  it('retries a 502, and under an Enterprise Server path prefix', async () => {
    const ghes = await FakeGitHub.start({ repo: REPO, prefix: '/api/v3' });
    try {
      ghes.failNext.push(502);
      ghes.addComment(1, 'hello');
      const c = client({ token: ghes.token, apiUrl: ghes.url, retryDelayMs: 5 });
      const pages: unknown[][] = [];
      for await (const p of c.pages(`repos/${REPO}/issues/1/comments`)) pages.push(p);
      expect(pages).toHaveLength(1);
      expect(ghes.requests.map((r) => r.path)).toEqual([`/repos/${REPO}/issues/1/comments`, `/repos/${REPO}/issues/1/comments`]);
    } finally {
      await ghes.close();
    }
  });

  it('gives up after three answers of 5xx, with the status and message', async () => {
    gh.failNext.push(500, 503, 500);
    await expect(client({ token: gh.token, apiUrl: gh.url, retryDelayMs: 5 }).request('GET', `repos/${REPO}/issues`)).rejects.toThrow(/GET \/repos\/acme\/mail\/issues: 500 injected 500/);
  });

  it('never sends the token to another host a Link header names', async () => {
    for (let i = 0; i < 101; i++) gh.addComment(1, `c${i}`);
    gh.nextOverride = 'https://evil.example/steal?page=2';
    const c = client({ token: gh.token, apiUrl: gh.url });
    const it = c.pages(`repos/${REPO}/issues/1/comments`);
    expect((await it.next()).value).toHaveLength(100);
    await expect(it.next()).rejects.toThrow(/refusing to send the token outside/);
  });
});

describe('the scripts on plans the CLI made', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await Sandbox.start();
  });
  afterAll(() => sb.close());
  beforeEach(() => sb.emulator.reset());

  const CONFIG = `stack: email-platform
region: us-east-1
configurationSets:
  transactional:
    eventDestinations:
      metrics:
        events: [SEND, BOUNCE, COMPLAINT]
        cloudWatch:
          dimensions:
            ses:configuration-set: { source: MESSAGE_TAG, default: transactional }
`;

  /** plan --format markdown --out, as plan.yml runs it; the markdown and plan file where the scripts read them. */
  async function plan(file: string): Promise<{ code: string; env: Env }> {
    const out = join(dir, 'plan.bin');
    rmSync(out, { force: true });
    const r = await sb.plan(file, '--format', 'markdown', '--out', out, '--detailed-exitcode');
    writeFileSync(join(dir, 'plan.md'), r.stdout);
    expect(r.stderr).toContain(`Saved the plan to ${out}`);
    return {
      code: String(r.status),
      env: {
        GITHUB_TOKEN: gh.token,
        GITHUB_REPOSITORY: REPO,
        GITHUB_API_URL: gh.url,
        PR_NUMBER: '21',
        SES_PLAN_EXIT_CODE: String(r.status),
        SES_PLAN_MARKDOWN: join(dir, 'plan.md'),
        SES_PLAN_FILE: out,
        SES_CONFIG: join(dir, 'none.yaml'),
      },
    };
  }

  it('comments the markdown plan keyed by the plan file, then the same comment says No changes after apply', async () => {
    const file = sb.write(CONFIG);
    const first = await plan(file);
    expect(first.code).toBe('2');
    const created = await upsertComment(first.env);
    const body = gh.commentsOn(21)[0]!.body;
    expect(body.startsWith(`${MARK}\n### ses-reconcile plan for \`email-platform\` in \`us-east-1\``)).toBe(true);
    expect(body).toContain(readFileSync(join(dir, 'plan.md'), 'utf8').trim());
    expect(body).toContain('**+ create** configurationSet `transactional`');

    expect((await sb.run(['apply', join(dir, 'plan.bin')])).status).toBe(0);
    const second = await plan(file);
    expect(second.code).toBe('0');
    expect(await upsertComment(second.env)).toMatchObject({ action: 'updated', id: created.id });
    expect(gh.commentsOn(21)).toHaveLength(1);
    expect(gh.commentsOn(21)[0]!.body).toContain('**No changes.**');
  });

  it('opens the drift issue when the account is edited by hand, and closes it once the file is applied again', async () => {
    const file = sb.write(CONFIG);
    await sb.apply(file);
    const { DeleteConfigurationSetEventDestinationCommand } = await import('@aws-sdk/client-sesv2');
    await sb.ses.send(new DeleteConfigurationSetEventDestinationCommand({ ConfigurationSetName: 'transactional', EventDestinationName: 'metrics' }));

    const drifted = await plan(file);
    expect(drifted.code).toBe('2');
    expect(await driftIssue(drifted.env, { now: '2025-02-01T06:17:00Z' })).toMatchObject({ action: 'open' });
    const issue = gh.issues.find((i) => i.body.startsWith(driftMarker('email-platform', 'us-east-1')))!;
    expect(issue.body).toContain('eventDestination `transactional/metrics`');

    await sb.apply(file);
    const clean = await plan(file);
    expect(clean.code).toBe('0');
    expect(await driftIssue(clean.env, { now: '2025-02-02T06:17:00Z' })).toMatchObject({ action: 'close', number: issue.number });
    expect(issue.state).toBe('closed');
  });
});

describe("the workflows' shell steps", () => {
  const KIT = join(ROOT, 'examples/github-actions');
  const wf = (name: string): Json => parseDocument(readFileSync(join(KIT, name), 'utf8')).toJS() as Json;
  const stepOf = (w: Json, job: string, pick: (s: Json) => boolean): Json => {
    const s = (w.jobs[job].steps as Json[]).find(pick);
    if (!s) throw new Error(`no such step in ${job}`);
    return s;
  };

  let bin: string;
  beforeEach(() => {
    bin = join(dir, 'bin');
    mkdirSync(bin);
    // Stands in for npx: records its arguments, prints a plan, exits with FAKE_CODE.
    writeFileSync(join(bin, 'npx'), '#!/bin/sh\nprintf "%s\\n" "$@" > "$FAKE_ARGS"\nprintf "### fake plan\\n"\nexit "${FAKE_CODE:-0}"\n');
    chmodSync(join(bin, 'npx'), 0o755);
  });

  /** Runs a step's script as Actions does, with the workflow's env, the step's env and `env`. */
  function runStep(w: Json, s: Json, env: Env = {}): { status: number | null; stdout: string; outputs: string; summary: string; args: string[] } {
    const script = join(dir, 'step.sh');
    writeFileSync(script, String(s.run));
    for (const f of ['out', 'summary', 'args']) writeFileSync(join(dir, f), '');
    const stepEnv = Object.fromEntries(Object.entries((s.env ?? {}) as Record<string, string>).filter(([, v]) => !String(v).includes('${{')));
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: `${bin}:${process.env.PATH}`, GITHUB_OUTPUT: join(dir, 'out'), GITHUB_STEP_SUMMARY: join(dir, 'summary'), GITHUB_SHA: '9'.repeat(40), GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: REPO, FAKE_ARGS: join(dir, 'args'), ...w.env, ...stepEnv, ...env },
    });
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    return { status: r.status, stdout: r.stdout + r.stderr, outputs: read('out'), summary: read('summary'), args: read('args').split('\n').filter(Boolean) };
  }

  it.each([
    ['plan.yml', 'plan', 'plan.md', ['--yes', 'ses-reconcile@0.1.0', 'plan', '-c', 'ses-reconcile.yaml', '--format', 'markdown', '--out', 'plan.bin', '--detailed-exitcode']],
    ['drift.yml', 'drift', 'drift.md', ['--yes', 'ses-reconcile@0.1.0', 'plan', '-c', 'ses-reconcile.yaml', '--format', 'markdown', '--out', 'drift.bin', '--detailed-exitcode']],
  ])('%s records the plan exit code without failing, and its last step fails the job on 1, 3 and 4 only', (name, job, md, args) => {
    const w = wf(name);
    const planStep = stepOf(w, job, (s) => s.id === 'plan');
    const last = (w.jobs[job].steps as Json[]).at(-1)!;
    for (const code of [0, 1, 2, 3, 4]) {
      const r = runStep(w, planStep, { FAKE_CODE: String(code) });
      expect(r.status, r.stdout).toBe(0);
      expect(r.outputs).toBe(`exit-code=${code}\n`);
      expect(r.args).toEqual(args);
      expect(readFileSync(join(dir, md), 'utf8')).toBe('### fake plan\n');
      const verdict = runStep(w, last, { CODE: String(code) });
      expect(verdict.status, `exit ${code}`).toBe(code === 0 || code === 2 ? 0 : 1);
      if (verdict.status) expect(verdict.stdout).toContain(`::error title=ses-reconcile ${job}::`);
    }
    expect(runStep(w, planStep, { DELETE_FLAGS: '--allow-deletes --max-deletes 5' }).args.slice(-3)).toEqual(['--allow-deletes', '--max-deletes', '5']);
  });

  it('plan.yml names the artifact by the pull request head, or the dispatched commit, and takes a dispatched pull request only as its file', () => {
    const w = wf('plan.yml');
    const src = stepOf(w, 'plan', (s) => s.id === 'src');
    const sha = 'a'.repeat(40);
    expect(runStep(w, src, { EVENT: 'pull_request', EVENT_PR: '5', EVENT_HEAD_SHA: sha }).outputs).toBe(`pr=5\nsha=${sha}\nartifact=ses-reconcile-plan-${sha}\n`);
    expect(runStep(w, src, { EVENT: 'workflow_dispatch', INPUT_PR: '' }).outputs).toBe(`pr=\nsha=${'9'.repeat(40)}\nartifact=ses-reconcile-plan-${'9'.repeat(40)}\n`);
    const bad = runStep(w, src, { EVENT: 'workflow_dispatch', INPUT_PR: '5;id' });
    expect(bad.status).toBe(1);
    expect(bad.outputs).toBe('');

    // A dispatch with pr: .pr-head holds the pull request's head (checked out by the step before).
    writeFileSync(join(dir, 'ses-reconcile.yaml'), 'stack: main-version\n');
    const head = join(dir, '.pr-head');
    mkdirSync(head);
    writeFileSync(join(head, 'ses-reconcile.yaml'), 'stack: pr-version\n');
    const git = (...a: string[]) => spawnSync('git', ['-C', head, '-c', 'user.name=t', '-c', 'user.email=t@t', ...a], { encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'pr');
    const prSha = git('rev-parse', 'HEAD').stdout.trim();
    const r = runStep(w, src, { EVENT: 'workflow_dispatch', INPUT_PR: '5' });
    expect(r.status, r.stdout).toBe(0);
    expect(r.outputs).toBe(`pr=5\nsha=${prSha}\nartifact=ses-reconcile-plan-${prSha}\n`);
    expect(readFileSync(join(dir, 'ses-reconcile.yaml'), 'utf8')).toBe('stack: pr-version\n');
    expect(existsSync(head)).toBe(false);
  });

  it('apply.yml applies the downloaded plan file and says what to do on exit 4', () => {
    const w = wf('apply.yml');
    const apply = stepOf(w, 'apply', (s) => s.name === 'ses-reconcile apply');
    const ok = runStep(w, apply, { FAKE_CODE: '0' });
    expect(ok.status).toBe(0);
    expect(ok.args).toEqual(['--yes', 'ses-reconcile@0.1.0', 'apply', 'reviewed-plan/plan.bin']);
    const stale = runStep(w, apply, { FAKE_CODE: '4' });
    expect(stale.status).toBe(4);
    expect(stale.stdout).toMatch(/::error title=ses-reconcile apply::Refused \(exit 4\).*Run the plan workflow on main/);
    expect(runStep(w, apply, { FAKE_CODE: '1' }).status).toBe(1);
  });

  it('apply.yml without a reviewed plan passes when the re-plan has no changes and refuses when it has', () => {
    const w = wf('apply.yml');
    const replan = stepOf(w, 'find-plan', (s) => s.name === 'No reviewed plan, re-plan and refuse changes');
    const none = runStep(w, replan, { FAKE_CODE: '0', REASON: 'no merged pull request' });
    expect(none.status).toBe(0);
    expect(none.stdout).toContain('nothing to apply');
    expect(none.summary).toContain('### fake plan');
    expect(none.args).toEqual(['--yes', 'ses-reconcile@0.1.0', 'plan', '-c', 'ses-reconcile.yaml', '--format', 'markdown', '--detailed-exitcode']);
    for (const code of ['2', '1', '3', '4']) {
      const r = runStep(w, replan, { FAKE_CODE: code, REASON: 'no merged pull request' });
      expect(r.status, code).toBe(1);
      expect(r.stdout).toContain('::error title=ses-reconcile apply::No reviewed plan (no merged pull request)');
    }
  });
});
