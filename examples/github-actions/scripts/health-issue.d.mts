/** Types of health-issue.mjs, for TypeScript callers (the tests). */
import type { Env } from './github.mjs';
export type HealthAction = 'open' | 'update' | 'close' | 'none' | 'fail';
export declare function healthMarker(stack: string, region: string): string;
export declare function healthTitle(stack: string, region: string): string;
export declare function findHealthIssue<I extends { body?: unknown; state?: string; pull_request?: unknown; user?: { login?: string } | null }>(issues: readonly I[], mark: string, author?: string): I | undefined;
export declare function healthAction(exitCode: string, open: boolean): HealthAction;
export declare function readStatusJson(text: string | undefined): { stack?: string; region?: string; healthy: boolean; findings: string[] } | undefined;
export declare function findingKey(finding: string): string;
export declare function findingsDigest(findings: readonly string[]): string;
export declare function healthState(body: string | undefined): { firstSeen?: string; digest?: string; findings?: string[] };
export declare function buildHealthBody(p: { mark: string; markdown: string; findings: readonly string[]; now: string; firstSeen?: string | undefined; runUrl?: string | undefined }): string;
export declare function closingComment(p: { now: string; runUrl?: string | undefined }): string;
export declare function changedComment(p: { now: string; runUrl?: string | undefined; before?: readonly string[] | undefined; after: readonly string[] }): string;
export declare function main(env: Env, options?: { now?: string }): Promise<{ action: HealthAction; number?: number; url?: string; exitCode: number; message: string }>;
