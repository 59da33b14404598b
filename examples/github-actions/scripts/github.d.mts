/** Types of github.mjs, for TypeScript callers (the tests); the script itself needs none. */
export declare const GITHUB_BODY_LIMIT: 65536;
export declare const DEFAULT_BOT_LOGIN: string;
export type Env = Record<string, string | undefined>;
export declare function marker(kind: string, stack: string, region: string): string;
export declare function startsWithMarker(body: unknown, mark: string): boolean;
export declare function findOwnIssue<I extends { body?: unknown; state?: string; pull_request?: unknown; user?: { login?: string } | null }>(issues: readonly I[], mark: string, author?: string): I | undefined;
export declare function findOpenIssue<I = any>(gh: { pages(path: string): AsyncIterable<I[]> }, repo: string, mark: string, author?: string): Promise<I | undefined>;
export declare function labelsOf(value: string | undefined): string[];
export declare function closeIssue(gh: { request(method: string, path: string, body?: unknown): Promise<any> }, repo: string, issue: { number: number }, comment: string): Promise<any>;
export declare function issueAction(exitCode: string, open: boolean): 'open' | 'update' | 'close' | 'none' | 'fail';
export declare function fitMarkdown(markdown: string, room: number, where?: string): string;
export declare function bodyWithMarker(mark: string, text: string, footer?: string, limit?: number): string;
export declare function nextLink(link: string | null | undefined): string | undefined;
export declare function stackAndRegion(from: { planJson?: string | undefined; configText?: string | undefined; env?: Env }): { stack: string; region: string } | undefined;
export declare function topLevelScalar(text: string | undefined, key: string): string | undefined;
export declare function runUrl(env: Env): string | undefined;
export declare function readEvent(env: Env): any;
export declare function readIfExists(path: string | undefined): string | undefined;
export declare function repository(env: Env): string;
export declare class GitHubError extends Error {
  constructor(message: string, status: number);
  readonly status: number;
}
export interface GitHubClient {
  request(method: string, path: string, body?: unknown): Promise<any>;
  pages(path: string): AsyncGenerator<any[]>;
}
export declare function client(options: { token: string; apiUrl?: string | undefined; retryDelayMs?: number; maxPages?: number }): GitHubClient;
export declare function runIfMain(moduleUrl: string, main: (env: Env) => Promise<{ exitCode?: number; message: string }>): void;
