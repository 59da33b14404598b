// @ts-check
/**
 * Keeps ONE open issue per stack and Region while the weekly sending-health review has findings: the
 * scheduled `ses-reconcile status` exits 2 (a bounce or complaint rate at or over its alarm threshold or
 * SES's review level, or an alarm of the stack in ALARM) → the issue is opened, or its description
 * replaced by the latest report, with a comment when the findings themselves changed; it exits 0 → the
 * issue is closed with a comment. The issue is found by the hidden marker of its first line,
 * `<!-- ses-reconcile-health stack=STACK region=REGION -->`, among the repository's open issues (all pages),
 * as drift-issue.mjs finds its own; the two kinds never take each other's issue.
 *
 *   node .github/scripts/health-issue.mjs
 *
 * Inputs (environment):
 *   GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL   as for upsert-comment.mjs (`issues: write`)
 *   SES_STATUS_EXIT_CODE    status's exit code: 0 healthy, 2 findings; anything else fails (exit 1), issue untouched
 *   SES_STATUS_MARKDOWN     `status --format markdown`'s stdout, the issue's report (default status.md)
 *   SES_STATUS_JSON         `status --format json`'s stdout: the stack, the Region and the findings
 *                           (default status.json; needed on exit 2, and it must agree with the exit code)
 *   SES_CONFIG              the configuration file, for the stack and Region without the JSON (default ses-reconcile.yaml)
 *   SES_STACK, SES_REGION   the stack and Region of the marker when status.json does not give them
 *   SES_HEALTH_LABELS       labels for a new issue, comma-separated (default none)
 *   SES_BOT_LOGIN           whose issues count as ours (default github-actions[bot]; empty: anyone's)
 *
 * Prints what it did (`opened issue URL`, `updated …`, `closed …`, `healthy, no issue`).
 */
import { createHash } from 'node:crypto';
import { bodyWithMarker, client, closeIssue, DEFAULT_BOT_LOGIN, findOpenIssue, findOwnIssue, issueAction, labelsOf, marker, readIfExists, repository, runIfMain, runUrl, stackAndRegion } from './github.mjs';

/** Past this length the state line keeps only the digest of the findings, not the findings themselves. */
const STATE_FINDINGS_LIMIT = 8192;

/**
 * @param {string} stack
 * @param {string} region
 */
export function healthMarker(stack, region) {
  return marker('health', stack, region);
}

/**
 * @param {string} stack
 * @param {string} region
 */
export function healthTitle(stack, region) {
  return `ses-reconcile: sending health findings in stack ${stack} (${region})`;
}

/**
 * The open health issue for the marker among one page (or all) of the repository's issues.
 * @param {readonly any[]} issues
 * @param {string} mark
 * @param {string} [author]
 */
export function findHealthIssue(issues, mark, author = DEFAULT_BOT_LOGIN) {
  return findOwnIssue(issues, mark, author);
}

/**
 * What to do for this exit code of `status`, given whether an issue is open.
 * @param {string} exitCode
 * @param {boolean} open
 * @returns {'open' | 'update' | 'close' | 'none' | 'fail'}
 */
export function healthAction(exitCode, open) {
  return issueAction(exitCode, open);
}

/**
 * The fields of `status --format json` this script reads, or undefined when the text is not that JSON.
 * @param {string | undefined} text
 * @returns {{ stack?: string, region?: string, healthy: boolean, findings: string[] } | undefined}
 */
export function readStatusJson(text) {
  if (!text) return undefined;
  let j;
  try {
    j = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!j || typeof j !== 'object' || typeof j.healthy !== 'boolean' || !Array.isArray(j.findings) || !j.findings.every((/** @type {unknown} */ f) => typeof f === 'string')) return undefined;
  return {
    ...(typeof j.stack === 'string' ? { stack: j.stack } : {}),
    ...(typeof j.region === 'string' ? { region: j.region } : {}),
    healthy: j.healthy,
    findings: j.findings,
  };
}

/**
 * What a finding is about, without this week's numbers: `prod: bounce rate 6.1% reaches SES's review
 * level of 5%` and the same at 5.4% are the same finding (a rate moves every week), while over the
 * threshold → at the review level is a change; an alarm's `since` is dropped likewise.
 * @param {string} finding
 */
export function findingKey(finding) {
  return finding
    .replace(/ since .+$/, '')
    .replace(/-?\d+(?:\.\d+)?(?:e-?\d+)?%/gi, '…%')
    .trim();
}

/**
 * A digest of the findings as a set of keys: their order and their numbers do not change it.
 * @param {readonly string[]} findings
 */
export function findingsDigest(findings) {
  const keys = [...new Set(findings.map(findingKey))].sort();
  return createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 16);
}

/**
 * The state line the issue keeps for the next run: when the findings were first seen, their digest, and
 * (unless very long) the findings themselves, base64url JSON, for the comment that says what changed.
 * @param {string | undefined} body
 * @returns {{ firstSeen?: string, digest?: string, findings?: string[] }}
 */
export function healthState(body) {
  const m = /^<!-- ses-reconcile-health-state first-seen=(\S+) digest=([0-9a-f]+)(?: findings=([A-Za-z0-9_-]*))? -->$/m.exec(body ?? '');
  if (!m) return {};
  /** @type {{ firstSeen?: string, digest?: string, findings?: string[] }} */
  const state = { firstSeen: /** @type {string} */ (m[1]), digest: /** @type {string} */ (m[2]) };
  if (m[3] !== undefined) {
    try {
      const f = JSON.parse(Buffer.from(m[3], 'base64url').toString('utf8'));
      if (Array.isArray(f) && f.every((x) => typeof x === 'string')) state.findings = f;
    } catch {
      // an edited state line: the digest alone
    }
  }
  return state;
}

/**
 * The issue's description: marker, state, what the findings mean, the report, and where it came from.
 * @param {{ mark: string, markdown: string, findings: readonly string[], now: string, firstSeen?: string | undefined, runUrl?: string | undefined }} p
 */
export function buildHealthBody({ mark, markdown, findings, now, firstSeen, runUrl: url }) {
  const since = firstSeen ?? now;
  const encoded = Buffer.from(JSON.stringify(findings), 'utf8').toString('base64url');
  const state = `<!-- ses-reconcile-health-state first-seen=${since} digest=${findingsDigest(findings)}${encoded.length <= STATE_FINDINGS_LIMIT ? ` findings=${encoded}` : ''} -->`;
  const n = findings.length;
  const intro = [
    state,
    `The scheduled \`ses-reconcile status\` review found ${n === 1 ? '1 finding' : `${n} findings`} (exit 2): a bounce or complaint rate at or over its alarm threshold or SES's review level (5% bounces, 0.1% complaints), or an alarm of the stack in ALARM.`,
    '',
    `- **First seen:** ${since}. **Last checked:** ${now}${url ? ` ([run](${url}))` : ''}.`,
    "- A rate at SES's review level can put the account under review, and SES can pause its sending: look at what was sent in the window (a list, a new sender, a campaign) and at the bounce and complaint notifications.",
    '- An alarm in ALARM: its notification says why; the table below says since when.',
    '',
    'This issue is updated by each review while findings remain (with a comment when they change) and closed by the first healthy one.',
  ].join('\n');
  return bodyWithMarker(mark, `${intro}\n\n${markdown.trim()}`, url ? `\n\n---\n<sub>Report from [this run](${url}).</sub>\n` : '\n');
}

/**
 * The comment that closes the issue.
 * @param {{ now: string, runUrl?: string | undefined }} p
 */
export function closingComment({ now, runUrl: url }) {
  return `Healthy at ${now}${url ? ` ([run](${url}))` : ''}: no rate at or over its alarm threshold or SES's review level, no alarm in ALARM (\`status\` exit 0). Closing.`;
}

/**
 * The comment when the findings changed since the last review (the description alone notifies nobody):
 * which are new and which are gone, when the previous ones are known; else the current ones.
 * @param {{ now: string, runUrl?: string | undefined, before?: readonly string[] | undefined, after: readonly string[] }} p
 */
export function changedComment({ now, runUrl: url, before, after }) {
  const head = `The findings changed at ${now}${url ? ` ([run](${url}))` : ''}; the description shows the current report.`;
  const list = (/** @type {readonly string[]} */ fs) => fs.map((f) => `- ${f.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}`).join('\n');
  if (!before) return `${head}\n\nNow:\n${list(after)}`;
  const had = new Set(before.map(findingKey));
  const has = new Set(after.map(findingKey));
  const added = after.filter((f) => !had.has(findingKey(f)));
  const gone = before.filter((f) => !has.has(findingKey(f)));
  return [head, added.length ? `New:\n${list(added)}` : '', gone.length ? `No longer found:\n${list(gone)}` : ''].filter(Boolean).join('\n\n');
}

/**
 * Opens, updates or closes the health issue. `now` is for tests; a run uses the clock.
 * @param {Record<string, string | undefined>} env
 * @param {{ now?: string }} [options]
 * @returns {Promise<{ action: 'open' | 'update' | 'close' | 'none' | 'fail', number?: number, url?: string, exitCode: number, message: string }>}
 */
export async function main(env, { now = new Date().toISOString().replace(/\.\d+Z$/, 'Z') } = {}) {
  const exitCode = String(env.SES_STATUS_EXIT_CODE ?? '').trim();
  if (healthAction(exitCode, false) === 'fail') {
    return { action: 'fail', exitCode: 1, message: `::error::status exited ${exitCode || '(unknown)'} (1: AWS error or credentials, 3: invalid file): no verdict, the health issue is left as it is` };
  }
  const jsonPath = env.SES_STATUS_JSON || 'status.json';
  const jsonText = readIfExists(jsonPath);
  const report = readStatusJson(jsonText);
  if (exitCode === '2' && !report) {
    return { action: 'fail', exitCode: 1, message: `::error::status exited 2 but ${jsonPath} is missing or not the output of status --format json: no findings to keep the issue by, the health issue is left as it is` };
  }
  if (report && report.healthy !== (exitCode === '0')) {
    return { action: 'fail', exitCode: 1, message: `::error::status exited ${exitCode} but ${jsonPath} says ${report.healthy ? 'healthy' : `${report.findings.length} finding(s)`}: the two reviews disagree (a rate or an alarm changed between them), the health issue is left as it is; run the workflow again` };
  }
  const repo = repository(env);
  const markdown = readIfExists(env.SES_STATUS_MARKDOWN || 'status.md') ?? '';
  const findings = report?.findings ?? [];
  const key = stackAndRegion({ planJson: jsonText, configText: readIfExists(env.SES_CONFIG || 'ses-reconcile.yaml'), env });
  if (!key) throw new Error('no stack and Region: no status JSON, no SES_STACK/SES_REGION, and none in the configuration file or AWS_REGION');
  const mark = healthMarker(key.stack, key.region);
  const author = env.SES_BOT_LOGIN ?? DEFAULT_BOT_LOGIN;
  const url = runUrl(env);
  const gh = client({ token: env.GITHUB_TOKEN ?? '', apiUrl: env.GITHUB_API_URL });

  const issue = await findOpenIssue(gh, repo, mark, author);
  const action = healthAction(exitCode, issue !== undefined);
  switch (action) {
    case 'none':
      return { action, exitCode: 0, message: `healthy: ${key.stack} (${key.region}), no issue open; the report is in the job summary` };
    case 'open': {
      const labels = labelsOf(env.SES_HEALTH_LABELS);
      const created = await gh.request('POST', `repos/${repo}/issues`, {
        title: healthTitle(key.stack, key.region),
        body: buildHealthBody({ mark, markdown, findings, now, runUrl: url }),
        ...(labels.length ? { labels } : {}),
      });
      return { action, number: created.number, url: created.html_url, exitCode: 0, message: `opened issue ${created.html_url}` };
    }
    case 'update': {
      const before = healthState(issue.body);
      const updated = await gh.request('PATCH', `repos/${repo}/issues/${issue.number}`, { body: buildHealthBody({ mark, markdown, findings, now, firstSeen: before.firstSeen, runUrl: url }) });
      if (before.digest !== findingsDigest(findings)) await gh.request('POST', `repos/${repo}/issues/${issue.number}/comments`, { body: changedComment({ now, runUrl: url, before: before.findings, after: findings }) });
      return { action, number: updated.number, url: updated.html_url, exitCode: 0, message: `updated issue ${updated.html_url}` };
    }
    case 'close': {
      const closed = await closeIssue(gh, repo, issue, closingComment({ now, runUrl: url }));
      return { action, number: closed.number, url: closed.html_url, exitCode: 0, message: `closed issue ${closed.html_url}` };
    }
    default:
      throw new Error(`unexpected action ${action}`);
  }
}

runIfMain(import.meta.url, main);
