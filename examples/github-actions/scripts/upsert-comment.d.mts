/** Types of upsert-comment.mjs, for TypeScript callers (the tests). */
import type { Env } from './github.mjs';
export declare function planMarker(stack: string, region: string): string;
export declare function findOwnComment<C extends { body?: unknown; user?: { login?: string } | null }>(comments: readonly C[], mark: string, author?: string): C | undefined;
export declare function buildCommentBody(p: { mark: string; markdown: string; exitCode: string; sha?: string | undefined; runUrl?: string | undefined; artifact?: string | undefined }): string;
export declare function pullRequestNumber(env: Env, event: unknown): number;
export declare function main(env: Env): Promise<{ action: 'created' | 'updated'; id: number; url: string; message: string }>;
