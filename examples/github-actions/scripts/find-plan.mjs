// @ts-check
/**
 * Finds the plan file that was reviewed for the commit being applied: on a push to the default branch,
 * the merged pull request that brought the commit (GitHub's "pull requests associated with a commit"),
 * its last head SHA, and the newest unexpired artifact named `ses-reconcile-plan-<that SHA>` (plan.yml
 * names it so, for a pull_request run and for a maintainer's workflow_dispatch run alike). On a
 * workflow_dispatch of the apply workflow, the SHA is SES_PLAN_SHA or the dispatched commit.
 *
 * Only an artifact of a run of this repository's own code counts: a fork's pull_request run can upload
 * an artifact of any name and content, so one whose head repository is not this repository is ignored.
 *
 *   node .github/scripts/find-plan.mjs
 *
 * Inputs (environment):
 *   GITHUB_TOKEN            `contents: read`, `pull-requests: read`, `actions: read`
 *   GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_SHA, GITHUB_EVENT_NAME   (set by Actions)
 *   GITHUB_OUTPUT           where the outputs go (set by Actions)
 *   SES_PLAN_SHA            the head SHA whose plan to apply (workflow_dispatch)
 *   SES_ARTIFACT_PREFIX     default ses-reconcile-plan-
 *
 * Outputs: found (true/false), run-id, artifact, head-sha, pr, reason. Exits 0 either way (the workflow
 * decides what "not found" means); 1 on an API error.
 */
import { appendFileSync } from 'node:fs';
import { client, repository, runIfMain } from './github.mjs';

export const DEFAULT_ARTIFACT_PREFIX = 'ses-reconcile-plan-';

/**
 * The merged pull request that brought `sha` to the default branch: the one whose merge commit it is
 * (merge or squash), else the one merged (a rebase merge's last commit).
 * @param {readonly any[]} pulls
 * @param {string} sha
 */
export function mergedPullRequest(pulls, sha) {
  const merged = pulls.filter((p) => p && p.merged_at);
  return merged.find((p) => p.merge_commit_sha === sha) ?? merged[0];
}

/**
 * The artifact to apply: named exactly `name`, not expired, made by a run of this repository's code for
 * `headSha` (not a fork's), the newest of them.
 * @param {readonly any[]} artifacts
 * @param {string} name
 * @param {string} headSha
 */
export function chooseArtifact(artifacts, name, headSha) {
  return artifacts
    .filter((a) => a && a.name === name && !a.expired)
    .filter((a) => a.workflow_run && a.workflow_run.head_sha === headSha && a.workflow_run.repository_id != null && a.workflow_run.head_repository_id === a.workflow_run.repository_id)
    .sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)))[0];
}

/**
 * `key=value` lines for GITHUB_OUTPUT (one line each; a value with a newline is refused).
 * @param {Record<string, string | number | boolean | undefined>} outputs
 */
export function formatOutputs(outputs) {
  return Object.entries(outputs)
    .map(([k, v]) => {
      const s = v === undefined ? '' : String(v);
      if (/[\r\n]/.test(s)) throw new Error(`output ${k} has a newline`);
      return `${k}=${s}\n`;
    })
    .join('');
}

/**
 * @param {Record<string, string | undefined>} env
 * @returns {Promise<{ found: boolean, runId?: number, artifact?: string, headSha?: string, pr?: number, reason: string, exitCode: number, message: string }>}
 */
export async function main(env) {
  const repo = repository(env);
  const gh = client({ token: env.GITHUB_TOKEN ?? '', apiUrl: env.GITHUB_API_URL });
  const prefix = env.SES_ARTIFACT_PREFIX || DEFAULT_ARTIFACT_PREFIX;
  const sha = env.GITHUB_SHA ?? '';
  if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error(`GITHUB_SHA must be a commit SHA, got ${JSON.stringify(sha)}`);

  /** @type {{ found: boolean, runId?: number, artifact?: string, headSha?: string, pr?: number, reason: string }} */
  let r;
  /** @type {string | undefined} */
  let headSha;
  /** @type {number | undefined} */
  let pr;
  if (env.GITHUB_EVENT_NAME === 'workflow_dispatch') {
    headSha = env.SES_PLAN_SHA || sha;
    if (!/^[0-9a-f]{40}$/.test(headSha)) throw new Error(`SES_PLAN_SHA must be a full commit SHA, got ${JSON.stringify(headSha)}`);
  } else {
    const pulls = await gh.request('GET', `repos/${repo}/commits/${sha}/pulls`);
    const p = mergedPullRequest(Array.isArray(pulls) ? pulls : [], sha);
    if (p) {
      headSha = p.head?.sha;
      pr = p.number;
    }
  }
  if (!headSha) {
    r = { found: false, reason: `no merged pull request brought ${sha.slice(0, 12)}` };
  } else {
    const name = `${prefix}${headSha}`;
    let artifact;
    for await (const page of gh.pages(`repos/${repo}/actions/artifacts?name=${encodeURIComponent(name)}`)) {
      const found = chooseArtifact(page, name, headSha);
      if (found && (!artifact || String(found.created_at) > String(artifact.created_at))) artifact = found;
    }
    r = artifact
      ? { found: true, runId: artifact.workflow_run.id, artifact: name, headSha, ...(pr ? { pr } : {}), reason: `plan of ${pr ? `pull request #${pr}, ` : ''}head ${headSha.slice(0, 12)}, run ${artifact.workflow_run.id}` }
      : { found: false, headSha, ...(pr ? { pr } : {}), reason: `no unexpired artifact ${name} from this repository's runs` };
  }
  if (env.GITHUB_OUTPUT) {
    appendFileSync(env.GITHUB_OUTPUT, formatOutputs({ found: r.found, 'run-id': r.runId, artifact: r.artifact, 'head-sha': r.headSha, pr: r.pr, reason: r.reason }));
  }
  return { ...r, exitCode: 0, message: r.found ? `found the reviewed plan: ${r.reason}` : `no reviewed plan: ${r.reason}` };
}

runIfMain(import.meta.url, main);
