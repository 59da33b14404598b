/** Types of drift-issue.mjs, for TypeScript callers (the tests). */
import type { Env } from './github.mjs';
export type DriftAction = 'open' | 'update' | 'close' | 'none' | 'fail';
export declare function driftMarker(stack: string, region: string): string;
export declare function issueTitle(stack: string, region: string): string;
export declare function findDriftIssue<I extends { body?: unknown; state?: string; pull_request?: unknown; user?: { login?: string } | null }>(issues: readonly I[], mark: string, author?: string): I | undefined;
export declare function driftAction(exitCode: string, open: boolean): DriftAction;
export declare function planDigest(markdown: string): string;
export declare function driftState(body: string | undefined): { firstSeen?: string; digest?: string };
export declare function buildIssueBody(p: { mark: string; markdown: string; now: string; firstSeen?: string | undefined; runUrl?: string | undefined }): string;
export declare function closingComment(p: { now: string; runUrl?: string | undefined }): string;
export declare function changedComment(p: { now: string; runUrl?: string | undefined }): string;
export declare function main(env: Env, options?: { now?: string }): Promise<{ action: DriftAction; number?: number; url?: string; exitCode: number; message: string }>;
