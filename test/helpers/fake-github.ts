/**
 * A small GitHub REST API on node:http, for the scripts of examples/github-actions/scripts/: the
 * endpoints they call, with GitHub's pagination (per_page, page, Link headers with absolute URLs),
 * its answers' shapes (the fields the scripts read), bearer-token checks, and a log of every request.
 * Real HTTP on 127.0.0.1, so the scripts' own fetch runs unmocked.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeUser {
  login: string;
  type: 'User' | 'Bot';
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: FakeUser;
  html_url: string;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  user: FakeUser;
  labels: { name: string }[];
  html_url: string;
  /** Present on pull requests, which the issues listing also returns. */
  pull_request?: { url: string };
}

export interface FakeArtifact {
  id: number;
  name: string;
  expired: boolean;
  created_at: string;
  workflow_run: { id: number; repository_id: number; head_repository_id: number; head_branch: string; head_sha: string };
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export const BOT: FakeUser = { login: 'github-actions[bot]', type: 'Bot' };
export const HUMAN: FakeUser = { login: 'octocat', type: 'User' };

export class FakeGitHub {
  readonly comments: FakeComment[] = [];
  readonly issues: FakeIssue[] = [];
  readonly artifacts: FakeArtifact[] = [];
  /** GET /repos/{repo}/commits/{sha}/pulls answers. */
  readonly commitPulls = new Map<string, unknown[]>();
  readonly requests: LoggedRequest[] = [];
  /** Statuses to answer the next requests with, one each, before serving normally. */
  readonly failNext: number[] = [];
  /** Who the token writes as. */
  writer: FakeUser = BOT;
  /** A Link `next` URL to send instead of the real one (to check the client refuses foreign hosts). */
  nextOverride: string | undefined;
  private nextId = 1000;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly repo: string,
    readonly token: string,
    private readonly prefix: string,
  ) {}

  /** `prefix`: a path the API lives under, as GitHub Enterprise Server's `/api/v3`. */
  static async start({ repo = 'acme/mail', token = 'test-token', prefix = '' }: { repo?: string; token?: string; prefix?: string } = {}): Promise<FakeGitHub> {
    let self: FakeGitHub | undefined;
    const server = createServer((req, res) => {
      void self?.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    self = new FakeGitHub(server, `http://127.0.0.1:${port}${prefix}`, repo, token, prefix);
    return self;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** A comment made by someone, as if it had been there before the scripts ran. */
  addComment(issue: number, body: string, user: FakeUser = HUMAN): FakeComment {
    const id = this.nextId++;
    const c: FakeComment = { id, issue, body, user, html_url: `https://github.com/${this.repo}/pull/${issue}#issuecomment-${id}` };
    this.comments.push(c);
    return c;
  }

  addIssue(i: Partial<FakeIssue> & { title: string }): FakeIssue {
    const number = this.issues.reduce((n, x) => Math.max(n, x.number), 0) + 1;
    const issue: FakeIssue = { number, body: '', state: 'open', state_reason: null, user: HUMAN, labels: [], html_url: `https://github.com/${this.repo}/issues/${number}`, ...i };
    this.issues.push(issue);
    return issue;
  }

  commentsOn(issue: number): FakeComment[] {
    return this.comments.filter((c) => c.issue === issue);
  }

  /** The requests that changed something. */
  writes(): LoggedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return this.send(res, 400, { message: 'Problems parsing JSON' });
    }
    const path = url.pathname.startsWith(this.prefix) ? url.pathname.slice(this.prefix.length) : '/not-under-prefix';
    this.requests.push({ method: req.method ?? '', path, query: Object.fromEntries(url.searchParams), body });

    if (req.headers.authorization !== `Bearer ${this.token}`) return this.send(res, 401, { message: 'Bad credentials' });
    const fail = this.failNext.shift();
    if (fail !== undefined) return this.send(res, fail, { message: `injected ${fail}` });

    const r = this.repo.replace('/', '\\/');
    let m: RegExpExecArray | null;
    const method = req.method;
    const b = (body ?? {}) as Record<string, unknown>;

    if (method === 'GET' && (m = new RegExp(`^/repos/${r}/issues/(\\d+)/comments$`).exec(path))) {
      const n = Number(m[1]);
      return this.page(res, url, this.comments.filter((c) => c.issue === n).sort((a, z) => a.id - z.id));
    }
    if (method === 'POST' && (m = new RegExp(`^/repos/${r}/issues/(\\d+)/comments$`).exec(path))) {
      if (typeof b.body !== 'string') return this.send(res, 422, { message: 'body is required' });
      if (b.body.length > 65536) return this.send(res, 422, { message: 'body is too long (maximum is 65536 characters)' });
      return this.send(res, 201, this.addComment(Number(m[1]), b.body, this.writer));
    }
    if (method === 'PATCH' && (m = new RegExp(`^/repos/${r}/issues/comments/(\\d+)$`).exec(path))) {
      const c = this.comments.find((x) => x.id === Number(m![1]));
      if (!c) return this.send(res, 404, { message: 'Not Found' });
      if (typeof b.body !== 'string') return this.send(res, 422, { message: 'body is required' });
      if (b.body.length > 65536) return this.send(res, 422, { message: 'body is too long (maximum is 65536 characters)' });
      c.body = b.body;
      return this.send(res, 200, c);
    }
    if (method === 'GET' && path === `/repos/${this.repo}/issues`) {
      const state = url.searchParams.get('state') ?? 'open';
      const list = this.issues.filter((i) => state === 'all' || i.state === state).sort((a, z) => z.number - a.number);
      return this.page(res, url, list);
    }
    if (method === 'POST' && path === `/repos/${this.repo}/issues`) {
      if (typeof b.title !== 'string' || !b.title) return this.send(res, 422, { message: 'title is required' });
      if (typeof b.body === 'string' && b.body.length > 65536) return this.send(res, 422, { message: 'body is too long (maximum is 65536 characters)' });
      const labels = Array.isArray(b.labels) ? (b.labels as string[]).map((name) => ({ name })) : [];
      return this.send(res, 201, this.addIssue({ title: b.title, body: typeof b.body === 'string' ? b.body : '', labels, user: this.writer }));
    }
    if (method === 'PATCH' && (m = new RegExp(`^/repos/${r}/issues/(\\d+)$`).exec(path))) {
      const i = this.issues.find((x) => x.number === Number(m![1]));
      if (!i) return this.send(res, 404, { message: 'Not Found' });
      if (typeof b.body === 'string') i.body = b.body;
      if (b.state === 'open' || b.state === 'closed') i.state = b.state;
      if (typeof b.state_reason === 'string') i.state_reason = b.state_reason;
      return this.send(res, 200, i);
    }
    if (method === 'GET' && (m = new RegExp(`^/repos/${r}/commits/([0-9a-f]{40})/pulls$`).exec(path))) {
      return this.send(res, 200, this.commitPulls.get(m[1] as string) ?? []);
    }
    if (method === 'GET' && path === `/repos/${this.repo}/actions/artifacts`) {
      const name = url.searchParams.get('name');
      const list = this.artifacts.filter((a) => name === null || a.name === name).sort((a, z) => z.created_at.localeCompare(a.created_at));
      return this.page(res, url, list, (items) => ({ total_count: list.length, artifacts: items }));
    }
    return this.send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  }

  /** One page of `items`, as GitHub pages: per_page (default 30, at most 100), page, and a Link header. */
  private page<T>(res: ServerResponse, url: URL, items: T[], wrap?: (items: T[]) => unknown): void {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30)));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const at = (p: number) => {
      const u = new URL(url.href.replace(/^http:\/\/x/, this.url.slice(0, this.url.length - this.prefix.length)));
      u.searchParams.set('page', String(p));
      return u.href;
    };
    const links: string[] = [];
    if (page < last) links.push(`<${this.nextOverride ?? at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
    if (page > 1) links.push(`<${at(1)}>; rel="first"`, `<${at(page - 1)}>; rel="prev"`);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    this.send(res, 200, wrap ? wrap(slice) : slice, links.length ? { link: links.join(', ') } : {});
  }

  private send(res: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(data));
  }
}
