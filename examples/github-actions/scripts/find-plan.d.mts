/** Types of find-plan.mjs, for TypeScript callers (the tests). */
import type { Env } from './github.mjs';
export declare const DEFAULT_ARTIFACT_PREFIX: string;
export declare function mergedPullRequest<P extends { merged_at?: string | null; merge_commit_sha?: string | null }>(pulls: readonly P[], sha: string): P | undefined;
export declare function chooseArtifact<A extends { name?: string; expired?: boolean; created_at?: string; workflow_run?: { id?: number; repository_id?: number; head_repository_id?: number; head_sha?: string } }>(artifacts: readonly A[], name: string, headSha: string): A | undefined;
export declare function formatOutputs(outputs: Record<string, string | number | boolean | undefined>): string;
export declare function main(env: Env): Promise<{ found: boolean; runId?: number; artifact?: string; headSha?: string; pr?: number; reason: string; exitCode: number; message: string }>;
