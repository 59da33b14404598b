// @ts-check
/**
 * Keeps ONE open issue per stack and Region while the account drifts from ses-reconcile.yaml: the
 * scheduled `plan --detailed-exitcode` exits 2 → the issue is opened (or its description updated to
 * the latest plan, with a comment when the drift itself changed); exits 0 → the issue is closed with a
 * comment. The issue is found by the hidden marker of its first line,
 * `<!-- ses-reconcile-drift stack=STACK region=REGION -->`, among the repository's open issues (all pages;
 * the listing, not the search API, whose index lags and would let a second issue be opened).
 *
 *   node .github/scripts/drift-issue.mjs
 *
 * Inputs (environment):
 *   GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL   as for upsert-comment.mjs (`issues: write`)
 *   SES_PLAN_EXIT_CODE      the plan's exit code: 0 no drift, 2 drift; anything else fails (exit 1), issue untouched
 *   SES_PLAN_MARKDOWN       the plan's stdout (default drift.md)
 *   SES_PLAN_FILE           the plan file of --out, for the stack and Region (default drift.bin)
 *   SES_CONFIG              the configuration file, when the plan file is missing (default ses-reconcile.yaml)
 *   SES_STACK, SES_REGION   the stack and Region of the marker when the plan file does not give them
 *   SES_DRIFT_LABELS        labels for a new issue, comma-separated (default none)
 *   SES_BOT_LOGIN           whose issues count as ours (default github-actions[bot]; empty: anyone's)
 *
 * Prints what it did (`opened issue URL`, `updated …`, `closed …`, `no drift, no issue`).
 */
import { createHash } from 'node:crypto';
import { bodyWithMarker, client, closeIssue, DEFAULT_BOT_LOGIN, findOpenIssue, findOwnIssue, issueAction, labelsOf, marker, readIfExists, repository, runIfMain, runUrl, stackAndRegion } from './github.mjs';

/**
 * @param {string} stack
 * @param {string} region
 */
export function driftMarker(stack, region) {
  return marker('drift', stack, region);
}

/**
 * @param {string} stack
 * @param {string} region
 */
export function issueTitle(stack, region) {
  return `ses-reconcile: drift in stack ${stack} (${region})`;
}

/**
 * The open drift issue for the marker among one page (or all) of the repository's issues. The issues
 * listing has pull requests in it too; they are not ours.
 * @param {readonly any[]} issues
 * @param {string} mark
 * @param {string} [author]
 */
export function findDriftIssue(issues, mark, author = DEFAULT_BOT_LOGIN) {
  return findOwnIssue(issues, mark, author);
}

/**
 * What to do for this exit code, given whether an issue is open.
 * @param {string} exitCode
 * @param {boolean} open
 * @returns {'open' | 'update' | 'close' | 'none' | 'fail'}
 */
export function driftAction(exitCode, open) {
  return issueAction(exitCode, open);
}

/** @param {string} markdown */
export function planDigest(markdown) {
  return createHash('sha256').update(markdown.trim()).digest('hex').slice(0, 16);
}

/**
 * The state line the issue keeps for the next run: when the drift was first seen and a digest of the plan.
 * @param {string | undefined} body
 * @returns {{ firstSeen?: string, digest?: string }}
 */
export function driftState(body) {
  const m = /^<!-- ses-reconcile-drift-state first-seen=(\S+) digest=([0-9a-f]+) -->$/m.exec(body ?? '');
  return m ? { firstSeen: /** @type {string} */ (m[1]), digest: /** @type {string} */ (m[2]) } : {};
}

/**
 * The issue's description: marker, state, what drift means here, the plan, and where it came from.
 * @param {{ mark: string, markdown: string, now: string, firstSeen?: string | undefined, runUrl?: string | undefined }} p
 */
export function buildIssueBody({ mark, markdown, now, firstSeen, runUrl: url }) {
  const since = firstSeen ?? now;
  const state = `<!-- ses-reconcile-drift-state first-seen=${since} digest=${planDigest(markdown)} -->`;
  const intro = [
    state,
    `The scheduled \`ses-reconcile plan --detailed-exitcode\` found changes (exit 2): the AWS account and \`ses-reconcile.yaml\` on the default branch disagree.`,
    '',
    `- **First seen:** ${since}. **Last checked:** ${now}${url ? ` ([run](${url}))` : ''}.`,
    '- Rows marked _changed outside ses-reconcile_ were edited by hand (console, CLI, another tool): put the value in the file, or apply the file to undo the edit.',
    '- Rows marked _new in file_ or _changed in file_ are on the default branch but not applied (an apply failed or was skipped): re-run the apply workflow.',
    '',
    'This issue is updated while the drift lasts and closed when a check finds none.',
  ].join('\n');
  return bodyWithMarker(mark, `${intro}\n\n${markdown.trim()}`, url ? `\n\n---\n<sub>Plan from [this run](${url}).</sub>\n` : '\n');
}

/**
 * The comment that closes the issue.
 * @param {{ now: string, runUrl?: string | undefined }} p
 */
export function closingComment({ now, runUrl: url }) {
  return `No drift at ${now}${url ? ` ([run](${url}))` : ''}: the account matches \`ses-reconcile.yaml\` again (\`plan --detailed-exitcode\` exit 0). Closing.`;
}

/**
 * The comment when the drift itself changed since the last check (the description alone notifies nobody).
 * @param {{ now: string, runUrl?: string | undefined }} p
 */
export function changedComment({ now, runUrl: url }) {
  return `The drift changed at ${now}${url ? ` ([run](${url}))` : ''}; the description shows the current plan.`;
}

/**
 * Opens, updates or closes the drift issue. `now` is for tests; a run uses the clock.
 * @param {Record<string, string | undefined>} env
 * @param {{ now?: string }} [options]
 * @returns {Promise<{ action: 'open' | 'update' | 'close' | 'none' | 'fail', number?: number, url?: string, exitCode: number, message: string }>}
 */
export async function main(env, { now = new Date().toISOString().replace(/\.\d+Z$/, 'Z') } = {}) {
  const exitCode = String(env.SES_PLAN_EXIT_CODE ?? '').trim();
  if (driftAction(exitCode, false) === 'fail') {
    return { action: 'fail', exitCode: 1, message: `::error::plan exited ${exitCode || '(unknown)'} (1: AWS or credentials, 3: invalid file, 4: refused): no drift verdict, the drift issue is left as it is` };
  }
  const repo = repository(env);
  const markdown = readIfExists(env.SES_PLAN_MARKDOWN || 'drift.md') ?? '';
  const key = stackAndRegion({ planJson: readIfExists(env.SES_PLAN_FILE || 'drift.bin'), configText: readIfExists(env.SES_CONFIG || 'ses-reconcile.yaml'), env });
  if (!key) throw new Error('no stack and Region: no plan file, no SES_STACK/SES_REGION, and none in the configuration file or AWS_REGION');
  const mark = driftMarker(key.stack, key.region);
  const author = env.SES_BOT_LOGIN ?? DEFAULT_BOT_LOGIN;
  const url = runUrl(env);
  const gh = client({ token: env.GITHUB_TOKEN ?? '', apiUrl: env.GITHUB_API_URL });

  const issue = await findOpenIssue(gh, repo, mark, author);
  const action = driftAction(exitCode, issue !== undefined);
  switch (action) {
    case 'none':
      return { action, exitCode: 0, message: `no drift in ${key.stack} (${key.region}), no issue open` };
    case 'open': {
      const labels = labelsOf(env.SES_DRIFT_LABELS);
      const created = await gh.request('POST', `repos/${repo}/issues`, {
        title: issueTitle(key.stack, key.region),
        body: buildIssueBody({ mark, markdown, now, runUrl: url }),
        ...(labels.length ? { labels } : {}),
      });
      return { action, number: created.number, url: created.html_url, exitCode: 0, message: `opened issue ${created.html_url}` };
    }
    case 'update': {
      const before = driftState(issue.body);
      const updated = await gh.request('PATCH', `repos/${repo}/issues/${issue.number}`, { body: buildIssueBody({ mark, markdown, now, firstSeen: before.firstSeen, runUrl: url }) });
      if (before.digest !== planDigest(markdown)) await gh.request('POST', `repos/${repo}/issues/${issue.number}/comments`, { body: changedComment({ now, runUrl: url }) });
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
