// @ts-check
/**
 * What upsert-comment.mjs, drift-issue.mjs, health-issue.mjs and find-plan.mjs share: the hidden marker that finds
 * ses-reconcile's own comment or issue again, the guard on GitHub's 65,536-character body limit, the
 * run's inputs (the plan's stack and Region, the event payload, the run's URL), and a small GitHub REST
 * client on Node's global fetch (Node 20+) with pagination by Link headers.
 *
 * No dependencies: copy this folder to .github/scripts/ and call the scripts with node. The pure
 * functions are exported for tests; nothing here reads the process's environment except through the
 * `env` object a caller passes.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** GitHub refuses an issue or comment body longer than this. */
export const GITHUB_BODY_LIMIT = 65_536;

/** The user GITHUB_TOKEN writes as: only its comments and issues are ours (SES_BOT_LOGIN changes it). */
export const DEFAULT_BOT_LOGIN = 'github-actions[bot]';

/** The schema's patterns (schema/ses-reconcile.schema.json): a value the marker can hold unambiguously. */
const STACK = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-[0-9]$/;

/**
 * `<!-- ses-reconcile-plan stack=email-platform region=us-east-1 -->`: an HTML comment, invisible in the
 * rendered body, that is the first line of every body the scripts write. One per stack and Region, so
 * two stacks (or one stack in two Regions) planned in the same pull request get a comment each.
 * @param {string} kind e.g. `plan` or `drift`
 * @param {string} stack
 * @param {string} region
 */
export function marker(kind, stack, region) {
  if (!/^[a-z]+$/.test(kind)) throw new Error(`marker kind must be lowercase letters, got ${JSON.stringify(kind)}`);
  if (!STACK.test(stack)) throw new Error(`not a stack name: ${JSON.stringify(stack)}`);
  if (!REGION.test(region)) throw new Error(`not a Region: ${JSON.stringify(region)}`);
  return `<!-- ses-reconcile-${kind} stack=${stack} region=${region} -->`;
}

/**
 * Whether a body is one the scripts wrote for this marker: the marker opens it. A person quoting or
 * mentioning the marker further down does not make their comment ours.
 * @param {unknown} body
 * @param {string} mark
 */
export function startsWithMarker(body, mark) {
  return typeof body === 'string' && body.startsWith(mark);
}

/**
 * The open issue a script keeps for the marker, among one page (or all) of the repository's issues: open,
 * not a pull request (the issues listing has those too), opening with the marker and, unless `author` is
 * empty, opened by `author`. drift-issue.mjs and health-issue.mjs each look for their own kind's marker.
 * @param {readonly any[]} issues
 * @param {string} mark
 * @param {string} [author]
 */
export function findOwnIssue(issues, mark, author = DEFAULT_BOT_LOGIN) {
  return issues.find((i) => !i?.pull_request && i?.state === 'open' && startsWithMarker(i?.body, mark) && (!author || i?.user?.login === author));
}

/**
 * The open issue a script keeps for the marker, looked for page by page through the repository's open
 * issues (findOwnIssue), stopping at the page that has it.
 * @param {{ pages(path: string): AsyncIterable<any[]> }} gh
 * @param {string} repo
 * @param {string} mark
 * @param {string} [author]
 */
export async function findOpenIssue(gh, repo, mark, author = DEFAULT_BOT_LOGIN) {
  for await (const page of gh.pages(`repos/${repo}/issues?state=open`)) {
    const issue = findOwnIssue(page, mark, author);
    if (issue) return issue;
  }
  return undefined;
}

/**
 * Labels as a workflow's variable writes them: `a, b` -> `['a', 'b']`, none for an empty or unset one.
 * @param {string | undefined} value
 */
export function labelsOf(value) {
  return (value ?? '').split(',').map((l) => l.trim()).filter(Boolean);
}

/**
 * A scheduled check's issue when the check passes again: the closing comment, then closed as completed.
 * @param {{ request(method: string, path: string, body?: unknown): Promise<any> }} gh
 * @param {string} repo
 * @param {{ number: number }} issue
 * @param {string} comment
 */
export async function closeIssue(gh, repo, issue, comment) {
  await gh.request('POST', `repos/${repo}/issues/${issue.number}/comments`, { body: comment });
  return gh.request('PATCH', `repos/${repo}/issues/${issue.number}`, { state: 'closed', state_reason: 'completed' });
}

/**
 * What a scheduled check's issue does for the check's exit code (drift: plan --detailed-exitcode; health:
 * status), given whether its issue is open: 2 opens or updates it, 0 closes it or leaves none, anything
 * else is a failure that leaves the issue alone.
 * @param {string} exitCode
 * @param {boolean} open
 * @returns {'open' | 'update' | 'close' | 'none' | 'fail'}
 */
export function issueAction(exitCode, open) {
  if (exitCode === '2') return open ? 'update' : 'open';
  if (exitCode === '0') return open ? 'close' : 'none';
  return 'fail';
}

/**
 * Makes `markdown` fit in `room` characters (UTF-16 code units, never fewer than GitHub's characters).
 * The markdown plan already fits GitHub's limit (ses-reconcile summarises whole sections to keep it so),
 * so this is a guard: it cuts at a line end, closes a code fence or <details> left open by the cut, and
 * says where the whole plan is.
 * @param {string} markdown
 * @param {number} room
 * @param {string} [where] where the reader finds the whole text
 */
export function fitMarkdown(markdown, room, where = 'the job summary and the plan artifact') {
  if (markdown.length <= room) return markdown;
  const note = `\n\n**Cut to fit GitHub's ${GITHUB_BODY_LIMIT.toLocaleString('en-US')}-character limit**: the whole plan is in ${where}.\n`;
  for (let budget = room - note.length; budget > 0; budget -= 256) {
    let cut = markdown.slice(0, budget);
    const nl = cut.lastIndexOf('\n');
    if (nl > 0) cut = cut.slice(0, nl);
    else if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1); // never half a surrogate pair
    let closers = '';
    const fences = cut.split('\n').filter((l) => /^\s*(```|~~~)/.test(l)).length;
    if (fences % 2 === 1) closers += '\n```';
    const open = (cut.match(/<details\b/gi) ?? []).length - (cut.match(/<\/details>/gi) ?? []).length;
    for (let i = 0; i < open; i++) closers += '\n\n</details>';
    const out = cut + closers + note;
    if (out.length <= room) return out;
  }
  return note.trim().slice(0, Math.max(0, room));
}

/**
 * A body: the marker, then the text, cut to GitHub's limit if it must be (the marker and the footer are
 * never cut).
 * @param {string} mark
 * @param {string} text
 * @param {string} [footer]
 * @param {number} [limit]
 */
export function bodyWithMarker(mark, text, footer = '', limit = GITHUB_BODY_LIMIT) {
  const head = `${mark}\n`;
  const room = limit - head.length - footer.length;
  if (room <= 0) throw new Error('marker and footer alone exceed the body limit');
  return head + fitMarkdown(text, room) + footer;
}

/**
 * The URL of the `rel="next"` page in a Link header, or undefined on the last page.
 * @param {string | null | undefined} link
 */
export function nextLink(link) {
  if (!link) return undefined;
  // `<url>; rel="next", <url>; rel="last"`: URLs may hold commas (labels=a,b), so split on the brackets.
  for (const m of link.matchAll(/<([^>]*)>([^<]*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(m[2] ?? '');
    if (rel && (rel[1] ?? rel[2] ?? '').split(/\s+/).includes('next')) return m[1];
  }
  return undefined;
}

/**
 * The plan's stack and Region, first from the plan JSON (`plan --format json`, or the plan file of
 * `plan --out`, which holds that JSON's top-level fields), then from SES_STACK and SES_REGION, then
 * from the configuration file's top-level `stack:` and `region:` (a plan that failed writes no plan
 * file) and AWS_REGION. Whichever way, a run keys its comment or issue the same way the next run will.
 * @param {{ planJson?: string | undefined, configText?: string | undefined, env?: Record<string, string | undefined> }} from
 * @returns {{ stack: string, region: string } | undefined}
 */
export function stackAndRegion({ planJson, configText, env = {} }) {
  let stack;
  let region;
  if (planJson) {
    try {
      const p = JSON.parse(planJson);
      if (p && typeof p.stack === 'string') stack = p.stack;
      if (p && typeof p.region === 'string') region = p.region;
    } catch {
      // not JSON: fall through to the other sources
    }
  }
  stack ??= env.SES_STACK || topLevelScalar(configText, 'stack');
  region ??= env.SES_REGION || topLevelScalar(configText, 'region') || env.AWS_REGION || env.AWS_DEFAULT_REGION;
  return stack && region ? { stack, region } : undefined;
}

/**
 * A top-level `key: value` of a YAML file, plain or quoted, with an optional comment. Enough for the
 * `stack:` and `region:` lines of ses-reconcile.yaml; anything fancier yields undefined.
 * @param {string | undefined} text
 * @param {string} key
 */
export function topLevelScalar(text, key) {
  if (!text) return undefined;
  const m = new RegExp(`^${key}:[ \\t]*(?:"([^"\\n]*)"|'([^'\\n]*)'|([^\\s#'"][^\\s#]*))[ \\t]*(?:#.*)?\\r?$`, 'm').exec(text);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/**
 * `https://github.com/OWNER/REPO/actions/runs/ID`, from the run's standard variables.
 * @param {Record<string, string | undefined>} env
 */
export function runUrl(env) {
  const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
  return repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined;
}

/**
 * The event payload the runner wrote to GITHUB_EVENT_PATH (an empty object when there is none).
 * @param {Record<string, string | undefined>} env
 * @returns {any}
 */
export function readEvent(env) {
  return env.GITHUB_EVENT_PATH ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) : {};
}

/**
 * A file's text, or undefined when it does not exist (a plan that failed writes none).
 * @param {string | undefined} path
 */
export function readIfExists(path) {
  if (!path) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if (/** @type {NodeJS.ErrnoException} */ (err).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * `GITHUB_REPOSITORY` split, checked.
 * @param {Record<string, string | undefined>} env
 */
export function repository(env) {
  const repo = env.GITHUB_REPOSITORY ?? '';
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new Error(`GITHUB_REPOSITORY must be OWNER/REPO, got ${JSON.stringify(repo)}`);
  return repo;
}

export class GitHubError extends Error {
  /**
   * @param {string} message
   * @param {number} status
   */
  constructor(message, status) {
    super(message);
    this.name = 'GitHubError';
    this.status = status;
  }
}

/**
 * A GitHub REST client: `request` for one call, `pages` for a listing. Paths are relative to the API
 * URL (`repos/OWNER/REPO/issues`), so GitHub Enterprise Server's `https://HOST/api/v3` works; the token
 * is only ever sent under that URL, whatever a Link header says. 5xx and 429 answers are retried twice.
 * @param {{ token: string, apiUrl?: string | undefined, retryDelayMs?: number, maxPages?: number }} options
 */
export function client({ token, apiUrl, retryDelayMs = 1000, maxPages = 100 }) {
  if (!token) throw new Error('GITHUB_TOKEN is not set');
  const base = new URL(`${(apiUrl || 'https://api.github.com').replace(/\/+$/, '')}/`);

  /** @param {string} pathOrUrl */
  function resolve(pathOrUrl) {
    const url = /^https?:\/\//.test(pathOrUrl) ? new URL(pathOrUrl) : new URL(pathOrUrl.replace(/^\/+/, ''), base);
    if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) throw new Error(`refusing to send the token outside ${base.href}: ${url.href}`);
    return url;
  }

  /**
   * @param {string} method
   * @param {string} pathOrUrl
   * @param {unknown} [body]
   * @returns {Promise<{ data: any, headers: Headers }>}
   */
  async function call(method, pathOrUrl, body) {
    const url = resolve(pathOrUrl);
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(url, {
        method,
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${token}`,
          'user-agent': 'ses-reconcile-github-actions',
          'x-github-api-version': '2022-11-28',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (res.ok) return { data: text ? JSON.parse(text) : null, headers: res.headers };
      if ((res.status >= 500 || res.status === 429) && attempt < 2) {
        const after = Number(res.headers.get('retry-after'));
        await new Promise((r) => setTimeout(r, Number.isFinite(after) && after > 0 ? Math.min(after, 30) * 1000 : retryDelayMs * (attempt + 1)));
        continue;
      }
      let message = text;
      try {
        message = JSON.parse(text).message ?? text;
      } catch {
        // not JSON: the text as it is
      }
      throw new GitHubError(`GitHub API ${method} ${url.pathname}${url.search}: ${res.status} ${message}`.trim(), res.status);
    }
  }

  return {
    /**
     * @param {string} method
     * @param {string} path
     * @param {unknown} [body]
     */
    async request(method, path, body) {
      return (await call(method, path, body)).data;
    },
    /**
     * Every page of a listing (`per_page=100` unless the path sets it), following Link headers.
     * @param {string} path
     * @returns {AsyncGenerator<any[]>}
     */
    async *pages(path) {
      const first = resolve(path);
      if (!first.searchParams.has('per_page')) first.searchParams.set('per_page', '100');
      /** @type {string | undefined} */
      let next = first.href;
      for (let n = 0; next !== undefined; n++) {
        if (n >= maxPages) throw new Error(`more than ${maxPages} pages at ${path}`);
        const { data, headers } = await call('GET', next);
        yield Array.isArray(data) ? data : (data?.items ?? data?.artifacts ?? []);
        next = nextLink(headers.get('link'));
      }
    },
  };
}

/**
 * Runs `main` when the file is the script node was started with, prints what it did, and turns an
 * error into exit code 1 with a GitHub error annotation.
 * @param {string} moduleUrl import.meta.url of the script
 * @param {(env: Record<string, string | undefined>) => Promise<{ exitCode?: number, message: string }>} main
 */
export function runIfMain(moduleUrl, main) {
  const argv1 = process.argv[1];
  if (!argv1) return;
  let started;
  try {
    started = pathToFileURL(realpathSync(argv1)).href;
  } catch {
    return;
  }
  if (started !== moduleUrl) return;
  main(process.env).then(
    (r) => {
      console.log(r.message);
      process.exitCode = r.exitCode ?? 0;
    },
    (err) => {
      console.log(`::error::${String(err instanceof Error ? err.message : err).replace(/\r?\n/g, ' ')}`);
      process.exitCode = 1;
    },
  );
}
