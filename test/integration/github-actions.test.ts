/**
 * The GitHub Actions kit (issue 13) end to end, without GitHub: the scripts' `main` against a local
 * GitHub REST API (test/helpers/fake-github.ts, real HTTP, the scripts' own fetch), fed by plans the built
 * CLI makes against the emulator; and the workflows' own shell steps, run by bash as Actions runs them
 * (`bash --noprofile --norc -eo pipefail`), with a stand-in `npx` that exits with each plan exit code.
 * status.yml's job is run whole, step after step, its `if:` conditions and `${{ }}` values evaluated
 * (a small evaluator of the expressions it uses), week after week against the local GitHub API.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseDocument } from 'yaml';
import { BOT, FakeGitHub, HUMAN } from '../helpers/fake-github.js';
import { Sandbox } from '../helpers/reconcile.js';
import { ROOT } from '../helpers/cli.js';
import { client } from '../../examples/github-actions/scripts/github.mjs';
import { main as upsertComment, planMarker } from '../../examples/github-actions/scripts/upsert-comment.mjs';
import { driftMarker, main as driftIssue } from '../../examples/github-actions/scripts/drift-issue.mjs';
import { main as findPlan } from '../../examples/github-actions/scripts/find-plan.mjs';
import { healthMarker, main as healthIssue } from '../../examples/github-actions/scripts/health-issue.mjs';
import { load } from '../helpers/config.js';
import { presetAlarmName } from '../../src/model/ses.js';
import type { Series } from '../../src/model/status.js';
import { renderStatusJson, renderStatusMarkdown } from '../../src/render/status.js';
import { statusQueries, windowOf } from '../../src/status/queries.js';
import { statusReport } from '../../src/status/report.js';

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

/** What `status --format json` prints, with only the fields the script reads filled in. */
const STATUS_JSON = (findings: readonly string[], stack = 'email-platform', region = 'us-east-1') =>
  JSON.stringify({ formatVersion: 1, stack, region, window: { start: '2025-01-01T00:00:00.000Z', end: '2025-01-08T00:00:00.000Z', period: 25200 }, configurationSets: [], reputation: { bounceRate: null, complaintRate: null }, alarms: [], findings, notes: [], healthy: findings.length === 0 });

describe('health-issue.mjs against a GitHub API', () => {
  const HEALTH = healthMarker('email-platform', 'us-east-1');
  const DRIFT = driftMarker('email-platform', 'us-east-1');
  const A = 'prod: bounce rate 4% is over the alarm threshold of 3%';
  const B = 'alarm email-platform/prod/complaint-rate is in ALARM since 2025-01-10T02:00:00.000Z';

  /** The run's status.md and status.json (each only when given) and the environment of the issue step. */
  function statusEnv(files: { markdown?: string; json?: string; config?: string }, extra: Env = {}): Env {
    for (const f of ['status.md', 'status.json', 'ses-reconcile.yaml']) rmSync(join(dir, f), { force: true });
    if (files.markdown !== undefined) writeFileSync(join(dir, 'status.md'), files.markdown);
    if (files.json !== undefined) writeFileSync(join(dir, 'status.json'), files.json);
    if (files.config !== undefined) writeFileSync(join(dir, 'ses-reconcile.yaml'), files.config);
    return {
      GITHUB_TOKEN: gh.token,
      GITHUB_REPOSITORY: REPO,
      GITHUB_API_URL: gh.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '4242',
      SES_STATUS_MARKDOWN: join(dir, 'status.md'),
      SES_STATUS_JSON: join(dir, 'status.json'),
      SES_CONFIG: join(dir, 'ses-reconcile.yaml'),
      ...extra,
    };
  }
  const health = (code: string, findings: readonly string[], markdown: string, now: string, extra: Env = {}) =>
    healthIssue(statusEnv({ markdown, json: STATUS_JSON(findings) }, { SES_STATUS_EXIT_CODE: code, ...extra }), { now });
  const ours = () => gh.issues.filter((i) => i.body.startsWith(HEALTH));
  const writes = () => gh.writes().map((r) => `${r.method} ${r.path}`);

  it('opens one issue on exit 2, updates it while findings remain (a comment only when they change), closes it on exit 0', async () => {
    const opened = await health('2', [A], '### week 1 report\n', '2025-01-06T07:23:00Z', { SES_HEALTH_LABELS: 'ses-health, email' });
    expect(opened.action).toBe('open');
    expect(ours()).toHaveLength(1);
    const issue = ours()[0]!;
    expect(issue).toMatchObject({ title: 'ses-reconcile: sending health findings in stack email-platform (us-east-1)', state: 'open', labels: [{ name: 'ses-health' }, { name: 'email' }], user: BOT });
    expect(issue.body).toContain('### week 1 report');
    expect(issue.body).toContain('found 1 finding (exit 2)');
    expect(writes()).toEqual([`POST /repos/${REPO}/issues`]);

    // The same finding at another rate: the description is the new report, nobody is notified.
    gh.requests.length = 0;
    expect(await health('2', [A.replace('4%', '4.6%')], '### week 2 report\n', '2025-01-13T07:23:00Z')).toMatchObject({ action: 'update', number: issue.number });
    expect(ours()).toHaveLength(1);
    expect(issue.body).toContain('### week 2 report');
    expect(issue.body).not.toContain('week 1');
    expect(issue.body).toContain('**First seen:** 2025-01-06T07:23:00Z. **Last checked:** 2025-01-13T07:23:00Z ([run](https://github.com/acme/mail/actions/runs/4242))');
    expect(writes()).toEqual([`PATCH /repos/${REPO}/issues/${issue.number}`]);
    expect(gh.commentsOn(issue.number)).toEqual([]);

    // A finding more: the same issue, and a comment naming it.
    gh.requests.length = 0;
    expect(await health('2', [A, B], '### week 3 report\n', '2025-01-20T07:23:00Z')).toMatchObject({ action: 'update', number: issue.number });
    expect(ours()).toHaveLength(1);
    expect(writes()).toEqual([`PATCH /repos/${REPO}/issues/${issue.number}`, `POST /repos/${REPO}/issues/${issue.number}/comments`]);
    expect(gh.commentsOn(issue.number).map((c) => c.body)).toEqual([`The findings changed at 2025-01-20T07:23:00Z ([run](https://github.com/acme/mail/actions/runs/4242)); the description shows the current report.\n\nNew:\n- ${B}`]);
    expect(issue.body).toContain('found 2 findings (exit 2)');
    expect(issue.body).toContain('**First seen:** 2025-01-06T07:23:00Z');

    // One gone: a comment saying which.
    await health('2', [B], '### week 4 report\n', '2025-01-27T07:23:00Z');
    expect(gh.commentsOn(issue.number).at(-1)?.body).toBe(`The findings changed at 2025-01-27T07:23:00Z ([run](https://github.com/acme/mail/actions/runs/4242)); the description shows the current report.\n\nNo longer found:\n- ${A}`);

    // Healthy: closed, with a comment.
    gh.requests.length = 0;
    expect(await health('0', [], '### week 5 report\n\n**Healthy.**\n', '2025-02-03T07:23:00Z')).toMatchObject({ action: 'close', number: issue.number });
    expect(issue).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(gh.commentsOn(issue.number).at(-1)?.body).toMatch(/^Healthy at 2025-02-03T07:23:00Z \(\[run\]\(https:\/\/github\.com\/acme\/mail\/actions\/runs\/4242\)\): .*Closing\.$/);
    expect(writes()).toEqual([`POST /repos/${REPO}/issues/${issue.number}/comments`, `PATCH /repos/${REPO}/issues/${issue.number}`]);

    // Healthy again, nothing open: only the listing.
    gh.requests.length = 0;
    const quiet = await health('0', [], '**Healthy.**\n', '2025-02-10T07:23:00Z');
    expect(quiet).toMatchObject({ action: 'none', exitCode: 0 });
    expect(quiet.message).toContain('no issue open');
    expect(gh.writes()).toEqual([]);
    expect(gh.requests.map((r) => r.method)).toEqual(['GET']);

    // Findings again: a new issue, first seen now.
    const again = await health('2', [A], '### week 7 report\n', '2025-02-17T07:23:00Z');
    expect(again.action).toBe('open');
    expect(again.number).not.toBe(issue.number);
    expect(ours().map((i) => i.state)).toEqual(['closed', 'open']);
    expect(ours()[1]?.body).toContain('**First seen:** 2025-02-17T07:23:00Z');
  });

  it('keeps a health issue and a drift issue of the same stack and Region apart, each script touching only its own', async () => {
    await driftIssue(runEnv({ markdown: '### drift\n', planJson: PLAN_JSON() }, { SES_PLAN_EXIT_CODE: '2' }), { now: '2025-01-06T06:17:00Z' });
    const drift = gh.issues.find((i) => i.body.startsWith(DRIFT))!;
    expect((await health('2', [A], '### report\n', '2025-01-06T07:23:00Z')).action).toBe('open');
    const own = ours()[0]!;
    expect(own.number).not.toBe(drift.number);
    expect(gh.issues.filter((i) => i.state === 'open').map((i) => i.title).sort()).toEqual(['ses-reconcile: drift in stack email-platform (us-east-1)', 'ses-reconcile: sending health findings in stack email-platform (us-east-1)']);

    gh.requests.length = 0;
    expect((await health('2', [A, B], '### report 2\n', '2025-01-13T07:23:00Z')).number).toBe(own.number);
    expect((await driftIssue(runEnv({ markdown: '### drift 2\n', planJson: PLAN_JSON() }, { SES_PLAN_EXIT_CODE: '2' }), { now: '2025-01-13T06:17:00Z' })).number).toBe(drift.number);
    expect(drift.body).toContain('### drift 2');
    expect(drift.body).not.toContain('report');
    expect(own.body).toContain('### report 2');
    expect(own.body).not.toContain('### drift');

    gh.requests.length = 0;
    expect((await health('0', [], '**Healthy.**\n', '2025-01-20T07:23:00Z')).action).toBe('close');
    expect(own.state).toBe('closed');
    expect(drift.state).toBe('open');
    expect(gh.writes().every((r) => r.path.includes(`/issues/${own.number}`))).toBe(true);
    gh.requests.length = 0;
    expect((await driftIssue(runEnv({ markdown: '**No changes.**\n', planJson: PLAN_JSON() }, { SES_PLAN_EXIT_CODE: '0' }), { now: '2025-01-21T06:17:00Z' })).number).toBe(drift.number);
    expect(drift.state).toBe('closed');
    expect(gh.writes().every((r) => r.path.includes(`/issues/${drift.number}`))).toBe(true);
  });

  it('finds its issue on page 2 of the open issues, past drift issues and copies of its marker by people', async () => {
    await health('2', [A], '### report\n', '2025-01-06T07:23:00Z');
    for (let i = 0; i < 130; i++) gh.addIssue({ title: `issue ${i}`, body: i % 3 ? `${DRIFT}\n` : `${HEALTH}\nquoted`, user: i % 3 ? BOT : HUMAN });
    gh.requests.length = 0;
    expect((await health('2', [A], '### report\n', '2025-01-13T07:23:00Z')).action).toBe('update');
    expect(ours().filter((i) => i.user.login === BOT.login)).toHaveLength(1);
    expect(gh.requests.filter((r) => r.method === 'GET').map((r) => r.query.page ?? '1')).toEqual(['1', '2']);
  });

  it('on exit 1 or 3, or reviews that disagree, or no JSON on exit 2, makes no API call and fails, leaving the issue as it is', async () => {
    await health('2', [A], '### report\n', '2025-01-06T07:23:00Z');
    const before = ours()[0]!.body;
    gh.requests.length = 0;
    for (const code of ['1', '3', '', '4']) {
      const r = await healthIssue(statusEnv({ markdown: '' }, { SES_STATUS_EXIT_CODE: code }), { now: '2025-01-13T07:23:00Z' });
      expect(r, code).toMatchObject({ action: 'fail', exitCode: 1 });
      expect(r.message).toMatch(/^::error::status exited/);
    }
    const disagree = [
      ['2', STATUS_JSON([]), /status exited 2 but .*status\.json says healthy: the two reviews disagree/],
      ['0', STATUS_JSON([A]), /status exited 0 but .*status\.json says 1 finding\(s\): the two reviews disagree/],
      ['2', undefined, /status exited 2 but .*status\.json is missing or not the output of status --format json/],
      ['2', '{"oops"', /is missing or not the output/],
    ] as const;
    for (const [code, json, message] of disagree) {
      const r = await healthIssue(statusEnv({ markdown: '### report\n', ...(json === undefined ? {} : { json }) }, { SES_STATUS_EXIT_CODE: code }), { now: '2025-01-13T07:23:00Z' });
      expect(r).toMatchObject({ action: 'fail', exitCode: 1 });
      expect(r.message).toMatch(message);
    }
    expect(gh.requests).toEqual([]);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]).toMatchObject({ state: 'open', body: before });
  });

  it('closes on exit 0 without the JSON, keyed from the configuration and AWS_REGION as the JSON keyed it', async () => {
    await health('2', [A], '### report\n', '2025-01-06T07:23:00Z');
    const r = await healthIssue(statusEnv({ markdown: '**Healthy.**\n', config: 'version: 1\nstack: email-platform\n' }, { SES_STATUS_EXIT_CODE: '0', AWS_REGION: 'us-east-1' }), { now: '2025-01-13T07:23:00Z' });
    expect(r).toMatchObject({ action: 'close', number: ours()[0]!.number });
    expect(ours()[0]?.state).toBe('closed');
    await expect(healthIssue(statusEnv({ markdown: '' }, { SES_STATUS_EXIT_CODE: '0' }))).rejects.toThrow(/no stack and Region/);
  });

  it("keeps the issue on the reports status's own renderers make, a week at a time", async () => {
    const FILE = `version: 1
stack: email-platform
region: us-east-1
configurationSets:
  prod:
    eventDestinations:
      cw:
        events: [SEND, DELIVERY, BOUNCE, COMPLAINT]
        cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: prod } } }
    alarms:
      bounceRate: { threshold: 3% }
`;
    const desired = [...(load(FILE).desired?.resources.values() ?? [])];
    const alarmName = presetAlarmName('email-platform', 'prod', 'bounce-rate');
    /** One week's review, as `status --since 7d` renders it: sends and bounces of prod, its alarm's state. */
    const week = (n: number, bounces: number, alarm: 'OK' | 'ALARM') => {
      const window = windowOf(Date.parse('2025-01-06T07:23:00Z') + n * 7 * 86_400_000, 7 * 86_400);
      const queries = statusQueries(desired, window);
      const prod = queries.sets.find((q) => q.set === 'prod')!;
      const at = [window.start];
      const series = new Map<string, Series>([
        [prod.ids.Send!, { timestamps: at, values: [1000] }],
        [prod.ids.Delivery!, { timestamps: at, values: [1000 - bounces] }],
        [prod.ids.Bounce!, { timestamps: at, values: [bounces] }],
        [prod.ids.Complaint!, { timestamps: at, values: [0] }],
      ]);
      const report = statusReport({ stack: 'email-platform', region: 'us-east-1', window, desired, queries, series, sending: new Map([['prod', true]]), alarms: [{ name: alarmName, state: alarm, since: window.start }] });
      const env = statusEnv({ markdown: renderStatusMarkdown(report), json: renderStatusJson(report) }, { SES_STATUS_EXIT_CODE: report.healthy ? '0' : '2', SES_STACK: 'x', SES_REGION: 'eu-west-1' });
      return { report, run: () => healthIssue(env, { now: window.end }) };
    };

    const w1 = week(0, 40, 'ALARM');
    expect(w1.report.findings).toEqual(['prod: bounce rate 4% is over the alarm threshold of 3%', `alarm ${alarmName} is in ALARM since ${w1.report.window.start.slice(0, 16).replace('T', ' ')} UTC`]);
    expect(await w1.run()).toMatchObject({ action: 'open' });
    const issue = ours()[0]!;
    expect(issue.body).toContain('### ses-reconcile status for `email-platform` in `us-east-1`');
    expect(issue.body).toContain('- ✗ prod: bounce rate 4% is over the alarm threshold of 3%');
    expect(issue.body).toContain('```mermaid\nxychart-beta');

    // Another rate, the alarm in ALARM again since a later time: the same findings.
    const w2 = week(1, 45, 'ALARM');
    expect(w2.report.findings[0]).toBe('prod: bounce rate 4.5% is over the alarm threshold of 3%');
    expect(await w2.run()).toMatchObject({ action: 'update', number: issue.number });
    expect(issue.body).toContain('- ✗ prod: bounce rate 4.5% is over the alarm threshold of 3%');
    expect(gh.commentsOn(issue.number)).toEqual([]);

    // Up to SES's review level: a change, said as one finding gone and one new.
    expect(await week(2, 60, 'ALARM').run()).toMatchObject({ action: 'update', number: issue.number });
    expect(gh.commentsOn(issue.number).map((c) => c.body.split('\n\n').slice(1))).toEqual([["New:\n- prod: bounce rate 6% reaches SES's review level of 5%", 'No longer found:\n- prod: bounce rate 4.5% is over the alarm threshold of 3%']]);

    const w4 = week(3, 10, 'OK');
    expect(w4.report.healthy).toBe(true);
    expect(await w4.run()).toMatchObject({ action: 'close', number: issue.number });
    expect(ours().map((i) => i.state)).toEqual(['closed']);
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

  it('status.yml records both reviews without failing, writes the summary on every exit code, and fails the job on 1 and 3 or when the reviews disagree', () => {
    const w = wf('status.yml');
    const md = stepOf(w, 'status', (s) => s.id === 'status');
    const json = stepOf(w, 'status', (s) => s.id === 'json');
    const summary = stepOf(w, 'status', (s) => s.name === 'Report in the job summary');
    const last = (w.jobs.status.steps as Json[]).at(-1)!;
    const review = ['--yes', 'ses-reconcile@0.1.0', 'status', '-c', 'ses-reconcile.yaml', '--since', '7d'];
    for (const code of [0, 1, 2, 3]) {
      const r = runStep(w, md, { FAKE_CODE: String(code) });
      expect(r.status, r.stdout).toBe(0);
      expect(r.outputs).toBe(`exit-code=${code}\n`);
      expect(r.args).toEqual([...review, '--format', 'markdown']);
      expect(readFileSync(join(dir, 'status.md'), 'utf8')).toBe('### fake plan\n');
      const j = runStep(w, json, { FAKE_CODE: String(code) });
      expect(j.status, j.stdout).toBe(0);
      expect(j.outputs).toBe(`exit-code=${code}\n`);
      expect(j.args).toEqual([...review, '--format', 'json']);
      expect(readFileSync(join(dir, 'status.json'), 'utf8')).toBe('### fake plan\n');
      const sum = runStep(w, summary, { CODE: String(code) });
      expect(sum.status).toBe(0);
      expect(sum.summary).toBe(`ses-reconcile status exited ${code} (0 healthy, 2 findings, 1 failed, 3 invalid file).\n\n### fake plan\n`);
    }
    expect(runStep(w, md, { SES_STATUS_SINCE: '30d' }).args).toContain('30d');
    const verdicts: [string, string, number][] = [
      ['0', '0', 0],
      ['2', '2', 0],
      ['1', '', 1],
      ['3', '', 1],
      ['0', '1', 1],
      ['2', '3', 1],
      ['2', '0', 1],
      ['0', '2', 1],
      ['0', '', 1],
      ['', '', 1],
      ['130', '', 1],
    ];
    for (const [code, jsonCode, want] of verdicts) {
      const r = runStep(w, last, { CODE: code, JSON_CODE: jsonCode });
      expect(r.status, `exit ${code}, json ${jsonCode}`).toBe(want);
      if (want) expect(r.stdout).toContain('::error title=ses-reconcile status::');
      else expect(r.stdout).toContain(`status review done (exit ${code})`);
    }
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

/**
 * The expressions status.yml uses in `if:` and `${{ }}`: paths into the context, '…' strings, ==, !=,
 * !, &&, ||, parentheses, and the status functions. GitHub's rules where they matter here: strings
 * compare case-insensitively, a missing value is '' (a skipped step's outputs), && and || give an operand.
 */
function evaluate(expression: string, ctx: Json, failed: boolean): unknown {
  const src = expression.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const pattern = /'(?:[^']|'')*'|==|!=|&&|\|\||[()!]|[A-Za-z_][\w.-]*/g;
  if (src.replace(pattern, '').trim() !== '') throw new Error(`cannot evaluate ${expression}`);
  const tokens = src.match(pattern) ?? [];
  let i = 0;
  const truthy = (v: unknown) => v !== '' && v !== false && v !== null && v !== undefined && v !== 0;
  const eq = (a: unknown, b: unknown) => (typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b);
  const fns: Record<string, () => boolean> = { success: () => !failed, failure: () => failed, always: () => true, cancelled: () => false };
  const primary = (): unknown => {
    const t = tokens[i++];
    if (t === undefined) throw new Error(`unexpected end of ${expression}`);
    if (t === '(') {
      const v = or();
      if (tokens[i++] !== ')') throw new Error(`unbalanced ${expression}`);
      return v;
    }
    if (t === '!') return !truthy(primary());
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (tokens[i] === '(') {
      i += 2;
      const f = fns[t];
      if (!f) throw new Error(`unknown function ${t}`);
      return f();
    }
    let v: unknown = ctx;
    for (const part of t.split('.')) v = (v as Json | undefined)?.[part];
    return v ?? '';
  };
  const cmp = (): unknown => {
    let l = primary();
    while (tokens[i] === '==' || tokens[i] === '!=') {
      const op = tokens[i++];
      const r = primary();
      l = op === '==' ? eq(l, r) : !eq(l, r);
    }
    return l;
  };
  const and = (): unknown => {
    let l = cmp();
    while (tokens[i] === '&&') {
      i++;
      const r = cmp();
      l = truthy(l) ? r : l;
    }
    return l;
  };
  const or = (): unknown => {
    let l = and();
    while (tokens[i] === '||') {
      i++;
      const r = and();
      l = truthy(l) ? l : r;
    }
    return l;
  };
  const v = or();
  if (i !== tokens.length) throw new Error(`trailing tokens in ${expression}`);
  return v;
}

describe('the expression evaluator of these tests', () => {
  const ctx = { steps: { a: { outputs: { 'exit-code': '2' }, outcome: 'success' }, b: { outputs: {}, outcome: 'skipped' } }, github: { token: 't' } };
  it('reads paths, compares, and applies the status functions', () => {
    expect(evaluate("steps.a.outputs.exit-code == '2'", ctx, false)).toBe(true);
    expect(evaluate("steps.a.outputs.exit-code == '0' || steps.a.outputs.exit-code == '2'", ctx, false)).toBe(true);
    expect(evaluate("(steps.a.outputs.exit-code == '0' || steps.a.outputs.exit-code == '2') && steps.b.outputs.exit-code == steps.a.outputs.exit-code", ctx, false)).toBe(false);
    expect(evaluate("${{ !cancelled() && steps.a.outcome == 'SUCCESS' }}", ctx, true)).toBe(true);
    expect(evaluate('success()', ctx, true)).toBe(false);
    expect(evaluate('${{ github.token }}', ctx, false)).toBe('t');
    expect(evaluate('steps.nope.outputs.x', ctx, false)).toBe('');
    expect(() => evaluate("steps.a.outputs.x === 'y'", ctx, false)).toThrow();
    expect(() => evaluate('contains(x, y)', ctx, false)).toThrow();
  });
});

describe('status.yml run whole, a week at a time, against a GitHub API', () => {
  const KIT = join(ROOT, 'examples/github-actions');
  const w = parseDocument(readFileSync(join(KIT, 'status.yml'), 'utf8')).toJS() as Json;
  const HEALTH = healthMarker('email-platform', 'us-east-1');
  const A = 'prod: bounce rate 4% is over the alarm threshold of 3%';
  const B = 'alarm email-platform/prod/complaint-rate is in ALARM since 2025-01-10T02:00:00.000Z';
  let bin: string;

  beforeEach(() => {
    bin = join(dir, 'bin');
    mkdirSync(bin);
    // Stands in for npx: the markdown report or the JSON, by --format; exits with FAKE_CODE (FAKE_JSON_CODE for the JSON).
    writeFileSync(
      join(bin, 'npx'),
      '#!/bin/sh\nprintf "%s\\n" "$@" >> "$FAKE_ARGS"\ncase " $* " in *" --format json "*) cat "$FAKE_JSON"; exit "${FAKE_JSON_CODE:-${FAKE_CODE:-0}}" ;; esac\ncat "$FAKE_MD"\nexit "${FAKE_CODE:-0}"\n',
    );
    chmodSync(join(bin, 'npx'), 0o755);
    // The checkout: the scripts where the workflow calls them.
    mkdirSync(join(dir, '.github/scripts'), { recursive: true });
    for (const f of ['github.mjs', 'health-issue.mjs']) copyFileSync(join(KIT, 'scripts', f), join(dir, '.github/scripts', f));
  });

  function bash(script: string, env: Env): Promise<{ status: number | null; out: string }> {
    const file = join(dir, 'step.sh');
    writeFileSync(file, script);
    return new Promise((resolve, reject) => {
      const p = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], { cwd: dir, env: env as NodeJS.ProcessEnv });
      let out = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      p.stderr.on('data', (d: Buffer) => (out += d.toString()));
      p.on('error', reject);
      p.on('close', (status) => resolve({ status, out }));
    });
  }

  /**
   * Runs the status job as the runner does: each step whose `if:` holds (success() when it names no status
   * function), `${{ }}` in its env evaluated, outputs read back from GITHUB_OUTPUT. `uses:` steps (checkout,
   * node, credentials) are taken as done. Returns which steps ran, their outcomes, the job's result and summary.
   */
  async function runJob(fake: { code: string; jsonCode?: string; markdown: string; json: string }) {
    writeFileSync(join(dir, 'fake.md'), fake.markdown);
    writeFileSync(join(dir, 'fake.json'), fake.json);
    for (const f of ['summary', 'args', 'status.md', 'status.json']) rmSync(join(dir, f), { force: true });
    writeFileSync(join(dir, 'summary'), '');
    const ctx: Json = { steps: {}, github: { token: gh.token } };
    let failed = false;
    const ran: string[] = [];
    const log: string[] = [];
    for (const s of w.jobs.status.steps as Json[]) {
      if (s.uses) continue;
      const cond = String(s.if ?? 'success()');
      const when = /\b(success|failure|always|cancelled)\(\)/.test(cond) ? cond : `success() && (${cond.replace(/^\$\{\{([\s\S]*)\}\}$/, '$1')})`;
      const label = String(s.id ?? s.name);
      if (!evaluate(when, ctx, failed)) {
        if (s.id) ctx.steps[s.id] = { outputs: {}, outcome: 'skipped' };
        continue;
      }
      ran.push(label);
      writeFileSync(join(dir, 'out'), '');
      const stepEnv = Object.fromEntries(Object.entries((s.env ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v).includes('${{') ? String(evaluate(String(v), ctx, failed)) : String(v)]));
      const r = await bash(String(s.run), {
        PATH: `${bin}:${dirname(process.execPath)}:${process.env.PATH}`,
        GITHUB_OUTPUT: join(dir, 'out'),
        GITHUB_STEP_SUMMARY: join(dir, 'summary'),
        GITHUB_REPOSITORY: REPO,
        GITHUB_API_URL: gh.url,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_RUN_ID: '77',
        FAKE_ARGS: join(dir, 'args'),
        FAKE_MD: join(dir, 'fake.md'),
        FAKE_JSON: join(dir, 'fake.json'),
        FAKE_CODE: fake.code,
        ...(fake.jsonCode !== undefined ? { FAKE_JSON_CODE: fake.jsonCode } : {}),
        ...w.env,
        ...stepEnv,
      });
      log.push(`[${label}] ${r.out}`);
      const outputs = Object.fromEntries(readFileSync(join(dir, 'out'), 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      if (s.id) ctx.steps[s.id] = { outputs, outcome: r.status === 0 ? 'success' : 'failure' };
      if (r.status !== 0) failed = true;
    }
    return { ran, failed, log: log.join('\n'), summary: readFileSync(join(dir, 'summary'), 'utf8') };
  }

  const ours = () => gh.issues.filter((i) => i.body.startsWith(HEALTH));
  const ALL = ['status', 'json', 'Report in the job summary', 'Open, update or close the health issue', 'Fail the job on exit 1 or 3'];

  it('opens the issue on 2, updates it while findings remain, comments when they change, closes it on 0, and always writes the summary', async () => {
    const week1 = await runJob({ code: '2', markdown: '### week 1\n', json: STATUS_JSON([A]) });
    expect(week1.ran, week1.log).toEqual(ALL);
    expect(week1.failed, week1.log).toBe(false);
    expect(week1.summary).toBe('ses-reconcile status exited 2 (0 healthy, 2 findings, 1 failed, 3 invalid file).\n\n### week 1\n');
    expect(week1.log).toMatch(/opened issue https:\/\/github\.com\/acme\/mail\/issues\/\d+/);
    expect(ours()).toHaveLength(1);
    const issue = ours()[0]!;
    expect(issue.body).toContain('### week 1');
    expect(issue.body).toContain('([run](https://github.com/acme/mail/actions/runs/77))');
    expect(issue.labels).toEqual([]);
    expect(readFileSync(join(dir, 'args'), 'utf8').split('\n').filter((l) => l === 'status')).toHaveLength(2);

    const week2 = await runJob({ code: '2', markdown: '### week 2\n', json: STATUS_JSON([A.replace('4%', '5%')]) });
    expect(week2.failed, week2.log).toBe(false);
    expect(ours()).toHaveLength(1);
    expect(issue.body).toContain('### week 2');
    expect(gh.commentsOn(issue.number)).toEqual([]);

    const week3 = await runJob({ code: '2', markdown: '### week 3\n', json: STATUS_JSON([A, B]) });
    expect(week3.failed, week3.log).toBe(false);
    expect(ours()).toHaveLength(1);
    expect(gh.commentsOn(issue.number).map((c) => c.body)).toEqual([expect.stringMatching(new RegExp(`^The findings changed at .*\\n\\nNew:\\n- ${B.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`))]);

    const week4 = await runJob({ code: '0', markdown: '### week 4\n\n**Healthy.**\n', json: STATUS_JSON([]) });
    expect(week4.ran).toEqual(ALL);
    expect(week4.failed, week4.log).toBe(false);
    expect(issue.state).toBe('closed');
    expect(week4.summary).toContain('**Healthy.**');

    gh.requests.length = 0;
    const week5 = await runJob({ code: '0', markdown: '### week 5\n\n**Healthy.**\n', json: STATUS_JSON([]) });
    expect(week5.failed, week5.log).toBe(false);
    expect(week5.summary).toBe('ses-reconcile status exited 0 (0 healthy, 2 findings, 1 failed, 3 invalid file).\n\n### week 5\n\n**Healthy.**\n');
    expect(gh.writes()).toEqual([]);
    expect(ours()).toHaveLength(1);
  });

  it.each(['1', '3'])('on exit %s: no JSON review, no issue step, no API call at all, the summary written and the job failed', async (code) => {
    await runJob({ code: '2', markdown: '### before\n', json: STATUS_JSON([A]) });
    const before = ours()[0]!.body;
    gh.requests.length = 0;
    const r = await runJob({ code, markdown: '', json: '' });
    expect(r.ran).toEqual(['status', 'Report in the job summary', 'Fail the job on exit 1 or 3']);
    expect(r.failed).toBe(true);
    expect(r.log).toContain(`::error title=ses-reconcile status::status exited ${code}`);
    expect(r.summary).toBe(`ses-reconcile status exited ${code} (0 healthy, 2 findings, 1 failed, 3 invalid file).\n\n`);
    expect(gh.requests).toEqual([]);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]).toMatchObject({ state: 'open', body: before });
  });

  it('when the JSON review fails or disagrees with the report: no issue step, no API call, the job failed', async () => {
    for (const jsonCode of ['1', '0']) {
      const r = await runJob({ code: '2', jsonCode, markdown: '### report\n', json: jsonCode === '0' ? STATUS_JSON([]) : '' });
      expect(r.ran, jsonCode).toEqual(['status', 'json', 'Report in the job summary', 'Fail the job on exit 1 or 3']);
      expect(r.failed).toBe(true);
      expect(r.log).toContain(`::error title=ses-reconcile status::status --format json exited ${jsonCode} after the report's 2`);
    }
    expect(gh.requests).toEqual([]);
    expect(gh.issues).toEqual([]);
  });
});
