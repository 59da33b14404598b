// @ts-check
/**
 * Posts the markdown plan of `ses-reconcile plan --format markdown` as ONE pull-request comment, and
 * updates that same comment on later runs: it is found by the hidden marker of its first line,
 * `<!-- ses-reconcile-plan stack=STACK region=REGION -->`, among the pull request's comments (all pages).
 *
 *   node .github/scripts/upsert-comment.mjs
 *
 * Inputs (environment):
 *   GITHUB_TOKEN            a token allowed to write pull-request comments (`pull-requests: write`)
 *   GITHUB_REPOSITORY       OWNER/REPO (set by Actions)
 *   GITHUB_API_URL          default https://api.github.com (set by Actions; GHES: https://HOST/api/v3)
 *   GITHUB_EVENT_PATH       the event payload (set by Actions): the pull request's number and head SHA
 *   PR_NUMBER               the pull request, when the event is not a pull_request (workflow_dispatch)
 *   SES_PLAN_EXIT_CODE      the plan's exit code: 0 no changes, 2 changes, 4 refused, 1 or 3 failed
 *   SES_PLAN_MARKDOWN       the plan's stdout (default plan.md)
 *   SES_PLAN_FILE           the plan file of --out, for the stack and Region (default plan.bin)
 *   SES_CONFIG              the configuration file, when the plan file is missing (default ses-reconcile.yaml)
 *   SES_STACK, SES_REGION   the stack and Region of the marker when the plan file does not give them
 *   SES_PLANNED_SHA         the commit the plan is for (default: the pull request's head)
 *   SES_ARTIFACT            the name of the uploaded plan artifact, quoted in the footer
 *   SES_BOT_LOGIN           whose comments count as ours (default github-actions[bot], the GITHUB_TOKEN's user)
 *
 * Prints `created comment URL` or `updated comment URL`; exits 1 on an API error.
 */
import { bodyWithMarker, client, DEFAULT_BOT_LOGIN, marker, readEvent, readIfExists, repository, runIfMain, runUrl, stackAndRegion, startsWithMarker } from './github.mjs';

/**
 * @param {string} stack
 * @param {string} region
 */
export function planMarker(stack, region) {
  return marker('plan', stack, region);
}

/**
 * The comment this script wrote for the marker, among one page (or all) of a pull request's comments:
 * the first one whose body opens with the marker and, unless `author` is empty, written by `author`.
 * @param {readonly any[]} comments
 * @param {string} mark
 * @param {string} [author]
 */
export function findOwnComment(comments, mark, author = DEFAULT_BOT_LOGIN) {
  return comments.find((c) => startsWithMarker(c?.body, mark) && (!author || c?.user?.login === author));
}

/** What each exit code of `plan --detailed-exitcode` means to a reviewer; 0 and 2 need no banner. */
const STATUS = /** @type {Record<string, string>} */ ({
  1: '> [!WARNING]\n> **The plan could not be made (exit 1: AWS error, network or credentials).** The check fails; the run log says why.',
  3: '> [!WARNING]\n> **The configuration or the command line is invalid (exit 3).** Nothing was called; `npx ses-reconcile validate -c ses-reconcile.yaml` lists every problem with its line.',
  4: '> [!CAUTION]\n> **Refused (exit 4): apply would refuse this plan**, e.g. deletes without `--allow-deletes`, over `--max-deletes`, or a conflict without `--adopt`. The blocked rows are marked below; the check fails.',
});

/**
 * The comment: marker, a banner when the plan did not succeed, the plan, and a footer naming the commit,
 * the run and what happens after merge.
 * @param {{ mark: string, markdown: string, exitCode: string, sha?: string | undefined, runUrl?: string | undefined, artifact?: string | undefined }} p
 */
export function buildCommentBody({ mark, markdown, exitCode, sha, runUrl: url, artifact }) {
  const ok = exitCode === '0' || exitCode === '2';
  const banner = ok ? '' : (STATUS[exitCode] ?? `> [!WARNING]\n> **The plan ended with exit ${exitCode || 'unknown'}.** The check fails; the run log says why.`);
  const text = [banner, markdown.trim()].filter(Boolean).join('\n\n');
  const facts = [sha ? `for \`${sha.slice(0, 12)}\`` : '', url ? `by [this run](${url})` : ''].filter(Boolean).join(' ');
  const after = ok
    ? `After merge, the apply workflow applies exactly this plan${artifact ? ` (artifact \`${artifact}\`)` : ''}, or refuses (exit 4) if what it touches changed since.`
    : 'Nothing will be applied from this run.';
  const footer = `\n\n---\n<sub>ses-reconcile plan${facts ? ` ${facts}` : ''}. ${after} This comment is updated in place by later runs.</sub>\n`;
  return bodyWithMarker(mark, text, footer);
}

/**
 * The pull request's number: PR_NUMBER, else the event's.
 * @param {Record<string, string | undefined>} env
 * @param {any} event
 */
export function pullRequestNumber(env, event) {
  const n = env.PR_NUMBER || event?.pull_request?.number || (event?.issue?.pull_request ? event.issue.number : undefined) || event?.inputs?.pr;
  const s = String(n ?? '');
  if (!/^[1-9][0-9]*$/.test(s)) throw new Error(`no pull request number (PR_NUMBER or a pull_request event), got ${JSON.stringify(s)}`);
  return Number(s);
}

/**
 * Creates or updates the comment. Returns what it did; the API's answers are the truth of it.
 * @param {Record<string, string | undefined>} env
 * @returns {Promise<{ action: 'created' | 'updated', id: number, url: string, message: string }>}
 */
export async function main(env) {
  const repo = repository(env);
  const event = readEvent(env);
  const pr = pullRequestNumber(env, event);
  const exitCode = String(env.SES_PLAN_EXIT_CODE ?? '').trim();
  const markdown = readIfExists(env.SES_PLAN_MARKDOWN || 'plan.md') ?? '';
  const key = stackAndRegion({ planJson: readIfExists(env.SES_PLAN_FILE || 'plan.bin'), configText: readIfExists(env.SES_CONFIG || 'ses-reconcile.yaml'), env });
  if (!key) throw new Error('no stack and Region: no plan file, no SES_STACK/SES_REGION, and none in the configuration file or AWS_REGION');
  const mark = planMarker(key.stack, key.region);
  const body = buildCommentBody({
    mark,
    markdown,
    exitCode,
    sha: env.SES_PLANNED_SHA || event?.pull_request?.head?.sha,
    runUrl: runUrl(env),
    artifact: env.SES_ARTIFACT,
  });
  const author = env.SES_BOT_LOGIN ?? DEFAULT_BOT_LOGIN;
  const gh = client({ token: env.GITHUB_TOKEN ?? '', apiUrl: env.GITHUB_API_URL });

  let own;
  for await (const page of gh.pages(`repos/${repo}/issues/${pr}/comments`)) {
    own = findOwnComment(page, mark, author);
    if (own) break;
  }
  if (own) {
    const c = await gh.request('PATCH', `repos/${repo}/issues/comments/${own.id}`, { body });
    return { action: 'updated', id: c.id, url: c.html_url, message: `updated comment ${c.html_url}` };
  }
  const c = await gh.request('POST', `repos/${repo}/issues/${pr}/comments`, { body });
  return { action: 'created', id: c.id, url: c.html_url, message: `created comment ${c.html_url}` };
}

runIfMain(import.meta.url, main);
