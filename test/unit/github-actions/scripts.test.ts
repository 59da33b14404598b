/**
 * The pure functions of examples/github-actions/scripts/ (issue 13): the hidden markers keyed by stack
 * and Region, finding the scripts' own comment or issue among a page, the bodies they write, the guard
 * on GitHub's 65,536-character limit, Link-header pagination, and where the stack and Region come from;
 * the health issue's findings (what counts as a change of them) and the state it keeps.
 * The scripts talking to a GitHub API over HTTP are test/integration/github-actions.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { bodyWithMarker, fitMarkdown, GITHUB_BODY_LIMIT, marker, nextLink, stackAndRegion, startsWithMarker, topLevelScalar } from '../../../examples/github-actions/scripts/github.mjs';
import { buildCommentBody, findOwnComment, planMarker, pullRequestNumber } from '../../../examples/github-actions/scripts/upsert-comment.mjs';
import { buildIssueBody, driftAction, driftMarker, driftState, findDriftIssue, issueTitle, planDigest } from '../../../examples/github-actions/scripts/drift-issue.mjs';
import { chooseArtifact, formatOutputs, mergedPullRequest } from '../../../examples/github-actions/scripts/find-plan.mjs';
import {
  buildHealthBody,
  changedComment,
  closingComment,
  findHealthIssue,
  findingKey,
  findingsDigest,
  healthAction,
  healthMarker,
  healthState,
  healthTitle,
  readStatusJson,
} from '../../../examples/github-actions/scripts/health-issue.mjs';

const BOT = { login: 'github-actions[bot]' };
const HUMAN = { login: 'octocat' };
const MARK = '<!-- ses-reconcile-plan stack=email-platform region=us-east-1 -->';

/** Lines opening or closing a fenced code block, and unclosed <details>, after a cut. */
function balance(text: string): { fences: number; details: number } {
  return {
    fences: text.split('\n').filter((l) => /^\s*```/.test(l)).length,
    details: (text.match(/<details\b/g) ?? []).length - (text.match(/<\/details>/g) ?? []).length,
  };
}

describe('markers', () => {
  it('are one HTML comment keyed by kind, stack and Region', () => {
    expect(planMarker('email-platform', 'us-east-1')).toBe(MARK);
    expect(driftMarker('email-platform', 'us-east-1')).toBe('<!-- ses-reconcile-drift stack=email-platform region=us-east-1 -->');
    expect(planMarker('email-platform', 'eu-west-2')).not.toBe(MARK);
    expect(marker('plan', 'a_b-1', 'us-gov-west-1')).toBe('<!-- ses-reconcile-plan stack=a_b-1 region=us-gov-west-1 -->');
  });

  it('refuse values that could break out of the comment or be confused with another key', () => {
    for (const stack of ['', 'bad name', 'a-->b', '-x', 'x'.repeat(65), 'a region=us-east-1']) expect(() => planMarker(stack, 'us-east-1'), stack).toThrow(/not a stack name/);
    for (const region of ['', 'US-EAST-1', 'us-east-1 -->', 'useast1']) expect(() => planMarker('s', region), region).toThrow(/not a Region/);
    expect(() => marker('Plan', 's', 'us-east-1')).toThrow(/kind/);
  });

  it('match only at the start of a body, and never a stack whose name extends another', () => {
    expect(startsWithMarker(`${MARK}\n### plan`, MARK)).toBe(true);
    expect(startsWithMarker(`> quoted\n${MARK}`, MARK)).toBe(false);
    expect(startsWithMarker(`${planMarker('email-platform2', 'us-east-1')}\n`, MARK)).toBe(false);
    expect(startsWithMarker(planMarker('email', 'us-east-1'), MARK)).toBe(false);
    expect(startsWithMarker(undefined, MARK)).toBe(false);
    expect(startsWithMarker(null, MARK)).toBe(false);
  });
});

describe('findOwnComment', () => {
  const comments = [
    { id: 1, body: 'LGTM', user: HUMAN },
    { id: 2, body: `${MARK}\nfake plan`, user: HUMAN },
    { id: 3, body: `${planMarker('other', 'us-east-1')}\nplan`, user: BOT },
    { id: 4, body: `see\n${MARK}`, user: BOT },
    { id: 5, body: `${MARK}\nreal plan`, user: BOT },
    { id: 6, body: `${MARK}\nlater duplicate`, user: BOT },
  ];

  it("finds the first comment the bot wrote for this stack and Region, and nobody else's", () => {
    expect(findOwnComment(comments, MARK)?.id).toBe(5);
    expect(findOwnComment(comments, planMarker('other', 'us-east-1'))?.id).toBe(3);
    expect(findOwnComment(comments, planMarker('other', 'eu-west-1'))).toBeUndefined();
    expect(findOwnComment([], MARK)).toBeUndefined();
  });

  it('takes another author (a GitHub App token), or any author when given an empty one', () => {
    expect(findOwnComment(comments, MARK, 'octocat')?.id).toBe(2);
    expect(findOwnComment(comments, MARK, '')?.id).toBe(2);
  });

  it('is not thrown by comments without a body or user (deleted accounts)', () => {
    expect(findOwnComment([{ id: 9 }, { id: 10, body: MARK, user: null }, { id: 11, body: MARK, user: BOT }] as never[], MARK)).toMatchObject({ id: 11 });
  });
});

describe('buildCommentBody', () => {
  const markdown = '### ses-reconcile plan for `email-platform` in `us-east-1`\n\n| Create |\n| ---: |\n| 2 |\n';

  it('opens with the marker, carries the plan whole, and names commit, run and artifact', () => {
    const body = buildCommentBody({ mark: MARK, markdown, exitCode: '2', sha: 'a'.repeat(40), runUrl: 'https://github.com/o/r/actions/runs/7', artifact: `ses-reconcile-plan-${'a'.repeat(40)}` });
    expect(body.startsWith(`${MARK}\n### ses-reconcile plan`)).toBe(true);
    expect(body).toContain(markdown.trim());
    expect(body).toContain('`aaaaaaaaaaaa`');
    expect(body).toContain('[this run](https://github.com/o/r/actions/runs/7)');
    expect(body).toContain(`artifact \`ses-reconcile-plan-${'a'.repeat(40)}\``);
    expect(body).toContain('applies exactly this plan');
    expect(body).not.toContain('[!');
    expect(buildCommentBody({ mark: MARK, markdown, exitCode: '0' })).not.toContain('[!');
  });

  it('puts a banner above a refused or failed plan and says nothing will be applied', () => {
    const refused = buildCommentBody({ mark: MARK, markdown, exitCode: '4' });
    expect(refused.startsWith(`${MARK}\n> [!CAUTION]\n> **Refused (exit 4)`)).toBe(true);
    expect(refused).toContain(markdown.trim());
    expect(refused).toContain('Nothing will be applied from this run.');
    expect(refused).not.toContain('applies exactly this plan');
    expect(buildCommentBody({ mark: MARK, markdown: '', exitCode: '1' })).toContain('exit 1: AWS error');
    expect(buildCommentBody({ mark: MARK, markdown: '', exitCode: '3' })).toContain('invalid (exit 3)');
    expect(buildCommentBody({ mark: MARK, markdown: '', exitCode: '' })).toContain('exit unknown');
    expect(buildCommentBody({ mark: MARK, markdown: '', exitCode: '143' })).toContain('exit 143');
  });

  it('keeps a body within 65,536 characters, the marker first and the footer whole', () => {
    const section = (i: number) => `<details><summary>set ${i}</summary>\n\n\`\`\`diff\n${'+ alarm: x\n'.repeat(40)}\`\`\`\n\n</details>\n`;
    const huge = Array.from({ length: 400 }, (_, i) => section(i)).join('\n');
    expect(huge.length).toBeGreaterThan(3 * GITHUB_BODY_LIMIT);
    const body = buildCommentBody({ mark: MARK, markdown: huge, exitCode: '2', runUrl: 'https://github.com/o/r/actions/runs/7' });
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(body.length).toBeGreaterThan(GITHUB_BODY_LIMIT - 1000);
    expect(body.startsWith(`${MARK}\n`)).toBe(true);
    expect(body).toMatch(/This comment is updated in place by later runs\.<\/sub>\n$/);
    expect(body).toContain("Cut to fit GitHub's 65,536-character limit");
    expect(balance(body).fences % 2).toBe(0);
    expect(balance(body).details).toBe(0);
  });
});

describe('fitMarkdown', () => {
  it('leaves a text that fits as it is', () => {
    expect(fitMarkdown('a\nb', 3)).toBe('a\nb');
    expect(bodyWithMarker(MARK, 'plan', '\nfooter')).toBe(`${MARK}\nplan\nfooter`);
  });

  it('cuts at a line end and closes a code fence the cut left open', () => {
    const text = `intro\n\`\`\`diff\n${'+ line\n'.repeat(5000)}\`\`\`\n`;
    const out = fitMarkdown(text, 2000);
    expect(out.length).toBeLessThanOrEqual(2000);
    expect(out).toMatch(/^intro\n```diff\n(\+ line\n)+```\n\n\*\*Cut to fit/);
    expect(balance(out).fences).toBe(2);
  });

  it('never splits a character in two', () => {
    const out = fitMarkdown('💥'.repeat(1000), 301);
    expect(out.length).toBeLessThanOrEqual(301);
    expect(out.startsWith('💥')).toBe(true);
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('refuses a marker and footer that leave no room', () => {
    expect(() => bodyWithMarker(MARK, 'x', 'f'.repeat(GITHUB_BODY_LIMIT))).toThrow(/exceed/);
  });
});

describe('nextLink', () => {
  it("reads GitHub's Link header", () => {
    const link = '<https://api.github.com/repositories/1/issues/5/comments?per_page=100&page=2>; rel="next", <https://api.github.com/repositories/1/issues/5/comments?per_page=100&page=4>; rel="last"';
    expect(nextLink(link)).toBe('https://api.github.com/repositories/1/issues/5/comments?per_page=100&page=2');
  });

  it('keeps URLs that hold commas, and takes next wherever it stands', () => {
    const link = '<https://api.github.com/r/issues?labels=a,b&page=1>; rel="prev", <https://api.github.com/r/issues?labels=a,b&page=3>; rel="next"';
    expect(nextLink(link)).toBe('https://api.github.com/r/issues?labels=a,b&page=3');
    expect(nextLink('<https://x/?page=2>; rel=next')).toBe('https://x/?page=2');
  });

  it('is undefined on the last page', () => {
    expect(nextLink('<https://x/?page=1>; rel="first", <https://x/?page=3>; rel="prev"')).toBeUndefined();
    expect(nextLink('<https://x/?page=1>; rel="nextish"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
    expect(nextLink('')).toBeUndefined();
  });
});

describe('stackAndRegion', () => {
  const plan = JSON.stringify({ formatVersion: 1, stack: 'email-platform', region: 'eu-west-1', changes: [] });

  it('comes from the plan JSON first (the plan file of --out holds its top-level fields)', () => {
    expect(stackAndRegion({ planJson: plan, configText: 'stack: other\n', env: { SES_STACK: 'x', AWS_REGION: 'us-east-1' } })).toEqual({ stack: 'email-platform', region: 'eu-west-1' });
  });

  it('then from SES_STACK and SES_REGION, then from the configuration and AWS_REGION', () => {
    expect(stackAndRegion({ env: { SES_STACK: 's', SES_REGION: 'us-west-2' } })).toEqual({ stack: 's', region: 'us-west-2' });
    expect(stackAndRegion({ planJson: 'not json', configText: 'version: 1\nstack: "email-platform"  # owner\n', env: { AWS_REGION: 'us-east-1' } })).toEqual({ stack: 'email-platform', region: 'us-east-1' });
    expect(stackAndRegion({ configText: "stack: 'email-platform'\nregion: eu-central-1\n", env: { AWS_REGION: 'us-east-1' } })).toEqual({ stack: 'email-platform', region: 'eu-central-1' });
    expect(stackAndRegion({ configText: 'stack: s\r\n', env: { AWS_DEFAULT_REGION: 'ap-south-1' } })).toEqual({ stack: 's', region: 'ap-south-1' });
  });

  it('is undefined when nothing names them', () => {
    expect(stackAndRegion({ env: {} })).toBeUndefined();
    expect(stackAndRegion({ configText: 'stack: s\n', env: {} })).toBeUndefined();
  });

  it('reads only top-level keys of the configuration', () => {
    expect(topLevelScalar('configurationSets:\n  stack: nested\n', 'stack')).toBeUndefined();
    expect(topLevelScalar('# stack: commented\nstack: real\n', 'stack')).toBe('real');
    expect(topLevelScalar('stacks: no\n', 'stack')).toBeUndefined();
  });
});

describe('pullRequestNumber', () => {
  it('comes from PR_NUMBER, else the pull_request event', () => {
    expect(pullRequestNumber({ PR_NUMBER: '42' }, { pull_request: { number: 7 } })).toBe(42);
    expect(pullRequestNumber({}, { pull_request: { number: 7 } })).toBe(7);
    expect(pullRequestNumber({}, { issue: { number: 8, pull_request: {} } })).toBe(8);
  });

  it('refuses anything that is not a pull request number', () => {
    expect(() => pullRequestNumber({}, {})).toThrow(/no pull request number/);
    expect(() => pullRequestNumber({ PR_NUMBER: '1; rm -rf /' }, {})).toThrow(/no pull request number/);
    expect(() => pullRequestNumber({}, { issue: { number: 8 } })).toThrow(/no pull request number/);
  });
});

describe('drift issue', () => {
  const DRIFT = driftMarker('email-platform', 'us-east-1');

  it('acts on exit 2 (open or update), exit 0 (close or nothing), and nothing else', () => {
    expect(driftAction('2', false)).toBe('open');
    expect(driftAction('2', true)).toBe('update');
    expect(driftAction('0', true)).toBe('close');
    expect(driftAction('0', false)).toBe('none');
    for (const code of ['1', '3', '4', '', '130']) for (const open of [false, true]) expect(driftAction(code, open)).toBe('fail');
  });

  it('finds the open issue the bot wrote for this stack and Region, not a pull request or a closed one', () => {
    const issues = [
      { number: 1, state: 'open', body: `${DRIFT}\n`, user: BOT, pull_request: { url: 'x' } },
      { number: 2, state: 'closed', body: `${DRIFT}\n`, user: BOT },
      { number: 3, state: 'open', body: `${DRIFT}\n`, user: HUMAN },
      { number: 4, state: 'open', body: `${driftMarker('email-platform', 'eu-west-1')}\n`, user: BOT },
      { number: 5, state: 'open', body: `${DRIFT}\n`, user: BOT },
    ];
    expect(findDriftIssue(issues, DRIFT)?.number).toBe(5);
    expect(findDriftIssue(issues, DRIFT, '')?.number).toBe(3);
    expect(findDriftIssue(issues.slice(0, 4), DRIFT)).toBeUndefined();
  });

  it('keeps when the drift was first seen and a digest of the plan in the description', () => {
    const body = buildIssueBody({ mark: DRIFT, markdown: '### plan\n~ x\n', now: '2025-01-02T06:17:00Z', runUrl: 'https://github.com/o/r/actions/runs/9' });
    expect(body.startsWith(`${DRIFT}\n<!-- ses-reconcile-drift-state first-seen=2025-01-02T06:17:00Z digest=`)).toBe(true);
    expect(body).toContain('### plan\n~ x');
    expect(body).toContain('**Last checked:** 2025-01-02T06:17:00Z ([run](https://github.com/o/r/actions/runs/9))');
    expect(driftState(body)).toEqual({ firstSeen: '2025-01-02T06:17:00Z', digest: planDigest('### plan\n~ x\n') });
    const later = buildIssueBody({ mark: DRIFT, markdown: '### plan\n~ y\n', now: '2025-01-03T06:17:00Z', firstSeen: driftState(body).firstSeen });
    expect(driftState(later).firstSeen).toBe('2025-01-02T06:17:00Z');
    expect(later).toContain('**First seen:** 2025-01-02T06:17:00Z. **Last checked:** 2025-01-03T06:17:00Z.');
    expect(driftState('no state here')).toEqual({});
  });

  it('digests the plan as a whole, ignoring surrounding blank lines', () => {
    expect(planDigest('a\n')).toBe(planDigest('\na\n\n'));
    expect(planDigest('a')).not.toBe(planDigest('b'));
    expect(planDigest('a')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('titles the issue by stack and Region, and keeps a huge plan within the limit', () => {
    expect(issueTitle('email-platform', 'us-east-1')).toBe('ses-reconcile: drift in stack email-platform (us-east-1)');
    const body = buildIssueBody({ mark: DRIFT, markdown: '```diff\n' + '+ x\n'.repeat(40_000) + '```\n', now: '2025-01-02T06:17:00Z' });
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(driftState(body).firstSeen).toBe('2025-01-02T06:17:00Z');
    expect(balance(body).fences % 2).toBe(0);
  });
});

describe('health issue', () => {
  const HEALTH = healthMarker('email-platform', 'us-east-1');
  const DRIFT = driftMarker('email-platform', 'us-east-1');
  const OVER = "prod: bounce rate 6.1% reaches SES's review level of 5%";
  const THRESHOLD = 'prod: bounce rate 4% is over the alarm threshold of 3%';
  const ALARM = 'alarm email-platform/prod/bounce-rate is in ALARM since 2025-01-06T05:00:00.000Z';

  it("has a marker of its own kind, never drift's, and an issue of its own", () => {
    expect(HEALTH).toBe('<!-- ses-reconcile-health stack=email-platform region=us-east-1 -->');
    expect(startsWithMarker(`${DRIFT}\n`, HEALTH)).toBe(false);
    expect(startsWithMarker(`${HEALTH}\n`, DRIFT)).toBe(false);
    const issues = [
      { number: 1, state: 'open', body: `${DRIFT}\n`, user: BOT },
      { number: 2, state: 'open', body: `${HEALTH}\n`, user: BOT, pull_request: { url: 'x' } },
      { number: 3, state: 'closed', body: `${HEALTH}\n`, user: BOT },
      { number: 4, state: 'open', body: `${HEALTH}\n`, user: HUMAN },
      { number: 5, state: 'open', body: `${healthMarker('email-platform', 'eu-west-1')}\n`, user: BOT },
      { number: 6, state: 'open', body: `${HEALTH}\n`, user: BOT },
    ];
    expect(findHealthIssue(issues, HEALTH)?.number).toBe(6);
    expect(findHealthIssue(issues, HEALTH, '')?.number).toBe(4);
    expect(findHealthIssue(issues.slice(0, 5), HEALTH)).toBeUndefined();
    expect(findDriftIssue(issues, DRIFT)?.number).toBe(1);
    expect(findDriftIssue(issues.slice(1), DRIFT)).toBeUndefined();
    expect(healthTitle('email-platform', 'us-east-1')).toBe('ses-reconcile: sending health findings in stack email-platform (us-east-1)');
    expect(healthTitle('email-platform', 'us-east-1')).not.toBe(issueTitle('email-platform', 'us-east-1'));
  });

  it('acts on exit 2 (open or update), exit 0 (close or nothing), and nothing else', () => {
    expect(healthAction('2', false)).toBe('open');
    expect(healthAction('2', true)).toBe('update');
    expect(healthAction('0', true)).toBe('close');
    expect(healthAction('0', false)).toBe('none');
    for (const code of ['1', '3', '4', '', '130', ' 2']) for (const open of [false, true]) expect(healthAction(code, open)).toBe('fail');
  });

  it('reads the stack, Region, verdict and findings of status --format json, and nothing else as them', () => {
    const json = { formatVersion: 1, stack: 'email-platform', region: 'us-east-1', healthy: false, findings: [OVER], configurationSets: [], alarms: [], notes: [] };
    expect(readStatusJson(JSON.stringify(json))).toEqual({ stack: 'email-platform', region: 'us-east-1', healthy: false, findings: [OVER] });
    expect(readStatusJson(JSON.stringify({ healthy: true, findings: [] }))).toEqual({ healthy: true, findings: [] });
    for (const bad of [undefined, '', '### markdown', 'null', '[]', JSON.stringify({ findings: [] }), JSON.stringify({ healthy: 'no', findings: [] }), JSON.stringify({ healthy: false }), JSON.stringify({ healthy: false, findings: [1] })]) {
      expect(readStatusJson(bad), String(bad)).toBeUndefined();
    }
  });

  it("keys a finding by what it is about, not by this week's numbers or since when", () => {
    expect(findingKey(OVER)).toBe("prod: bounce rate …% reaches SES's review level of …%");
    expect(findingKey("prod: bounce rate 5.4% reaches SES's review level of 5%")).toBe(findingKey(OVER));
    expect(findingKey('prod: complaint rate 1e-7% is over the alarm threshold of 0.05%')).toBe('prod: complaint rate …% is over the alarm threshold of …%');
    expect(findingKey(THRESHOLD)).not.toBe(findingKey(OVER));
    expect(findingKey(OVER.replace('prod', 'bulk'))).not.toBe(findingKey(OVER));
    expect(findingKey(OVER.replace('bounce', 'complaint'))).not.toBe(findingKey(OVER));
    expect(findingKey(ALARM)).toBe('alarm email-platform/prod/bounce-rate is in ALARM');
    expect(findingKey(ALARM.replace('05:00', '09:00'))).toBe(findingKey(ALARM));
    expect(findingKey('alarm a/b/c is in ALARM')).toBe('alarm a/b/c is in ALARM');
  });

  it('digests the findings as a set: order and numbers do not change it, a finding more or less does', () => {
    const d = findingsDigest([OVER, ALARM]);
    expect(d).toMatch(/^[0-9a-f]{16}$/);
    expect(findingsDigest([ALARM.replace('05:00', '06:00'), OVER.replace('6.1%', '7%')])).toBe(d);
    expect(findingsDigest([OVER])).not.toBe(d);
    expect(findingsDigest([OVER, ALARM, THRESHOLD])).not.toBe(d);
    expect(findingsDigest([THRESHOLD, ALARM])).not.toBe(d);
    expect(findingsDigest([])).not.toBe(findingsDigest([OVER]));
  });

  it('keeps first seen, the digest and the findings in the description, with the report and the run', () => {
    const body = buildHealthBody({ mark: HEALTH, markdown: '### ses-reconcile status\n\n**1 finding:**\n', findings: [OVER, ALARM], now: '2025-01-06T07:23:00Z', runUrl: 'https://github.com/o/r/actions/runs/9' });
    expect(body.startsWith(`${HEALTH}\n<!-- ses-reconcile-health-state first-seen=2025-01-06T07:23:00Z digest=${findingsDigest([OVER, ALARM])} findings=`)).toBe(true);
    expect(body).toContain('found 2 findings (exit 2)');
    expect(body).toContain('### ses-reconcile status\n\n**1 finding:**');
    expect(body).toContain('**First seen:** 2025-01-06T07:23:00Z. **Last checked:** 2025-01-06T07:23:00Z ([run](https://github.com/o/r/actions/runs/9))');
    expect(body).toMatch(/Report from \[this run\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/9\)\.<\/sub>\n$/);
    expect(healthState(body)).toEqual({ firstSeen: '2025-01-06T07:23:00Z', digest: findingsDigest([OVER, ALARM]), findings: [OVER, ALARM] });
    const later = buildHealthBody({ mark: HEALTH, markdown: 'x', findings: [THRESHOLD], now: '2025-01-13T07:23:00Z', firstSeen: healthState(body).firstSeen });
    expect(later).toContain('found 1 finding (exit 2)');
    expect(later).toContain('**First seen:** 2025-01-06T07:23:00Z. **Last checked:** 2025-01-13T07:23:00Z.');
    expect(healthState(later)).toEqual({ firstSeen: '2025-01-06T07:23:00Z', digest: findingsDigest([THRESHOLD]), findings: [THRESHOLD] });
  });

  it("never mistakes drift's state, an edited state line or none for its own", () => {
    expect(healthState('no state here')).toEqual({});
    expect(healthState(undefined)).toEqual({});
    expect(healthState('<!-- ses-reconcile-drift-state first-seen=2025-01-01T00:00:00Z digest=abcd -->')).toEqual({});
    expect(healthState('<!-- ses-reconcile-health-state first-seen=T digest=abcd findings=!!! -->')).toEqual({});
    expect(healthState('<!-- ses-reconcile-health-state first-seen=T digest=abcd findings=bm90IGpzb24 -->')).toEqual({ firstSeen: 'T', digest: 'abcd' });
    expect(healthState('<!-- ses-reconcile-health-state first-seen=T digest=abcd -->')).toEqual({ firstSeen: 'T', digest: 'abcd' });
  });

  it('keeps a huge report and a huge list of findings within the limit, the digest still there', () => {
    const many = Array.from({ length: 2000 }, (_, i) => `set-${i}: bounce rate 9% reaches SES's review level of 5%`);
    const body = buildHealthBody({ mark: HEALTH, markdown: '```mermaid\n' + 'x\n'.repeat(40_000) + '```\n', findings: many, now: '2025-01-06T07:23:00Z' });
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(balance(body).fences % 2).toBe(0);
    expect(healthState(body)).toEqual({ firstSeen: '2025-01-06T07:23:00Z', digest: findingsDigest(many) });
  });

  it('comments which findings are new and which are gone, or all of them when the last ones are not known', () => {
    const run = 'https://github.com/o/r/actions/runs/9';
    expect(changedComment({ now: 'T', runUrl: run, before: [OVER], after: [OVER.replace('6.1', '7'), ALARM] })).toBe(
      `The findings changed at T ([run](${run})); the description shows the current report.\n\nNew:\n- ${ALARM}`,
    );
    expect(changedComment({ now: 'T', before: [THRESHOLD, ALARM], after: [OVER] })).toBe(
      `The findings changed at T; the description shows the current report.\n\nNew:\n- ${OVER}\n\nNo longer found:\n- ${THRESHOLD}\n- ${ALARM}`,
    );
    expect(changedComment({ now: 'T', after: [OVER] })).toBe(`The findings changed at T; the description shows the current report.\n\nNow:\n- ${OVER}`);
    expect(changedComment({ now: 'T', after: ['alarm <b>x</b> is in ALARM'] })).toContain('- alarm &lt;b&gt;x&lt;/b&gt; is in ALARM');
    expect(closingComment({ now: 'T', runUrl: run })).toBe(`Healthy at T ([run](${run})): no rate at or over its alarm threshold or SES's review level, no alarm in ALARM (\`status\` exit 0). Closing.`);
  });
});

describe('find-plan', () => {
  const SHA = 'b'.repeat(40);
  const HEAD = 'c'.repeat(40);
  const run = (over: Record<string, unknown> = {}) => ({ id: 11, repository_id: 1, head_repository_id: 1, head_branch: 'feature', head_sha: HEAD, ...over });
  const NAME = `ses-reconcile-plan-${HEAD}`;

  it("takes the merged pull request whose merge commit was pushed, else a merged one, never an open one", () => {
    const open = { number: 1, merged_at: null, merge_commit_sha: SHA };
    const other = { number: 2, merged_at: '2025-01-01T00:00:00Z', merge_commit_sha: 'd'.repeat(40) };
    const merged = { number: 3, merged_at: '2025-01-01T00:00:00Z', merge_commit_sha: SHA };
    expect(mergedPullRequest([open, other, merged], SHA)?.number).toBe(3);
    expect(mergedPullRequest([open, other], SHA)?.number).toBe(2);
    expect(mergedPullRequest([open], SHA)).toBeUndefined();
  });

  it("takes the newest unexpired artifact of this repository's run for the head, never a fork's", () => {
    const good = { id: 1, name: NAME, expired: false, created_at: '2025-01-01T10:00:00Z', workflow_run: run() };
    const newer = { id: 2, name: NAME, expired: false, created_at: '2025-01-01T11:00:00Z', workflow_run: run({ id: 12 }) };
    const fork = { id: 3, name: NAME, expired: false, created_at: '2025-01-01T12:00:00Z', workflow_run: run({ id: 13, head_repository_id: 99 }) };
    const expired = { id: 4, name: NAME, expired: true, created_at: '2025-01-01T13:00:00Z', workflow_run: run({ id: 14 }) };
    const otherSha = { id: 5, name: NAME, expired: false, created_at: '2025-01-01T14:00:00Z', workflow_run: run({ id: 15, head_sha: SHA }) };
    const otherName = { id: 6, name: `${NAME}-x`, expired: false, created_at: '2025-01-01T15:00:00Z', workflow_run: run({ id: 16 }) };
    expect(chooseArtifact([good, newer, fork, expired, otherSha, otherName], NAME, HEAD)?.id).toBe(2);
    expect(chooseArtifact([fork, expired, otherSha, otherName], NAME, HEAD)).toBeUndefined();
    expect(chooseArtifact([{ ...good, workflow_run: undefined }], NAME, HEAD)).toBeUndefined();
  });

  it('writes outputs one per line, and refuses a value that would inject another', () => {
    expect(formatOutputs({ found: true, 'run-id': 12, pr: undefined })).toBe('found=true\nrun-id=12\npr=\n');
    expect(() => formatOutputs({ reason: 'x\nfound=true' })).toThrow(/newline/);
  });
});
