import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string>;
  /** Kill the run after this many ms (status null): a regression that blocks fails instead of hanging the suite. */
  readonly timeoutMs?: number;
  /** Run as this user (the tests run as root, for whom file permissions do not stop reads). */
  readonly user?: { readonly uid: number; readonly gid: number };
}

/** Runs the built CLI (npm test builds it first) as a user would. */
export function cli(args: readonly string[], options: CliOptions = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const } : {}),
    ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
