import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

type RunFn = (host: {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  stdinIsTTY: boolean;
  signals: Pick<NodeJS.Process, 'on' | 'off' | 'once'>;
  exitNow: (code: number) => void;
}) => Promise<number>;

let built: Promise<RunFn> | undefined;

/** Signals an in-process run may listen to: none arrive (a test that signals spawns the bin). */
const NO_SIGNALS = { on: () => NO_SIGNALS, off: () => NO_SIGNALS, once: () => NO_SIGNALS } as unknown as Pick<NodeJS.Process, 'on' | 'off' | 'once'>;

/**
 * The built CLI's run() (dist/cli/run.js, what the bin calls with the process's own argv, env and
 * streams) called in this process with captured streams: argv to exit code through the same code, without
 * starting Node and loading its modules again for each of a suite's hundreds of runs. What only a process
 * has (signals, a terminal, stdin, process.exit) is tested with `cli` and the spawned runs.
 */
export async function cliInProcess(args: readonly string[], env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' }): Promise<CliRun> {
  built ??= import(pathToFileURL(BIN.replace(/main\.js$/, 'run.js')).href).then((m: { run: RunFn }) => m.run);
  const run = await built;
  const text = { stdout: '', stderr: '' };
  const status = await run({
    argv: args,
    env,
    stdout: { write: (s: string) => (text.stdout += s) },
    stderr: { write: (s: string) => (text.stderr += s) },
    stdinIsTTY: false,
    signals: NO_SIGNALS,
    exitNow: (code) => {
      throw new Error(`an in-process run asked to exit now (${code}); a test that signals must spawn the bin`);
    },
  });
  return { status, ...text };
}
