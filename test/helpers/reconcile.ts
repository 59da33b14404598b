/**
 * Convergence harness: the built CLI (`plan`, `apply`) as a user runs it, against our emulator over HTTP
 * with the real AWS SDK inside; files are written to a temporary directory.
 *
 * `run` calls the built CLI's run() (dist/cli/run.js, what the bin calls) in this process, with captured
 * streams and the environment below: argv to exit code, the same code a spawned CLI runs, without loading
 * Node and the SDK again for each of the suite's hundreds of runs. `start`, and `run` on a terminal,
 * spawn the bin as a child process, for what only a process has (signals, a TTY, stdin). Set
 * SES_RECONCILE_TEST_SPAWN=1 to spawn every run.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startFullEmulator, type Emulator } from '../../src/emulator/index.js';
import { BIN, cliInProcess, ROOT } from './cli.js';
import { testdir } from './config.js';
import { clientsAt, setUpAccount, type AccountSetup } from './account.js';

export interface Run {
  readonly status: number | null;
  /** The signal that ended the process, when it did not exit by itself. */
  readonly signal?: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A CLI run in progress: to signal it, and to wait for what it prints (events, not fixed sleeps). */
export interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves with the first match of `re` in everything the stream has carried so far (or later). */
  waitFor(stream: 'stdout' | 'stderr', re: RegExp): Promise<RegExpMatchArray>;
  readonly done: Promise<Run>;
}

/**
 * `plan` and `apply` pace their calls at AWS's documented rates (SESv2 1/s). The emulator does not limit
 * unless a test asks it to, so the suite raises the client's rates to stay fast; a test that measures
 * pacing sets `sb.rates` to what it needs (e.g. [] for AWS's real rates).
 */
export const FAST_RATES: readonly string[] = ['--max-rate', 'sesv2=400', '--max-rate', 'cloudwatch=400', '--max-rate', 'sns=400', '--max-rate', 'tagging=400'];

/** What every run sees: no colour, the emulator's Region, test credentials, no profile. */
const RUN_ENV = {
  NO_COLOR: '1',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  AWS_PROFILE: '',
} as const;

export class Sandbox {
  /** `--max-rate` flags added to every plan and apply. */
  rates: readonly string[] = FAST_RATES;
  /** Where the CLI sends its calls: the emulator, unless a test puts a proxy in front (helpers/gate.ts). */
  endpoint: string | undefined;
  /**
   * Spawn every run, as a file that times the CLI against the emulator must: in one process the two share
   * an event loop, and a late timer on one side reads as a burst on the other.
   */
  spawn = process.env.SES_RECONCILE_TEST_SPAWN === '1';

  private constructor(
    readonly emulator: Emulator,
    readonly dir: string,
  ) {}

  static async start(): Promise<Sandbox> {
    return new Sandbox(await startFullEmulator(), testdir({}));
  }

  get ses(): SESv2Client {
    return new SESv2Client({ endpoint: this.emulator.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  }

  /** Writes the configuration file (a YAML body after `version: 1`). */
  write(yaml: string, name = 'ses-reconcile.yaml'): string {
    const file = join(this.dir, name);
    writeFileSync(file, yaml.startsWith('version:') ? yaml : `version: 1\n${yaml}`);
    return file;
  }

  /**
   * `tty`: run under util-linux `script`, so the CLI sees a terminal on stdin and stdout (the approval
   * prompt and progress); `input` is typed into it.
   */
  run(args: readonly string[], input?: string, tty = false): Promise<Run> {
    if (tty || this.spawn) return this.start(args, input ?? '', tty).done;
    return this.runInProcess(args);
  }

  private async runInProcess(args: readonly string[]): Promise<Run> {
    Object.assign(process.env, RUN_ENV); // the SDK reads credentials and Region from the process's env
    return { ...(await cliInProcess(this.argv(args), { ...process.env, ...RUN_ENV })), signal: null };
  }

  /** The CLI's arguments: the test's, the rates for plan and apply, and the endpoint. */
  private argv(args: readonly string[]): string[] {
    const paced = ['plan', 'apply', 'export', 'status'].includes(args[0] as string) ? this.rates : [];
    return [...args, ...paced, '--endpoint-url', this.endpoint ?? this.emulator.url];
  }

  /** `run`, with the process in hand while it runs; `input` null leaves stdin open for the test to write. */
  start(args: readonly string[], input: string | null = '', tty = false): Running {
    const argv = [BIN, ...this.argv(args)];
    const quoted = [process.execPath, ...argv].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
    const child = spawn(tty ? 'script' : process.execPath, tty ? ['-qec', quoted, '/dev/null'] : argv, {
      cwd: ROOT,
      env: { ...process.env, ...RUN_ENV },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const text = { stdout: '', stderr: '' };
    child.stdout.on('data', (c: Buffer) => (text.stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (text.stderr += c.toString()));
    const done = new Promise<Run>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (status, signal) => resolve({ status, signal, stdout: text.stdout, stderr: text.stderr }));
    });
    if (input !== null) child.stdin.end(input);
    const waitFor = (stream: 'stdout' | 'stderr', re: RegExp): Promise<RegExpMatchArray> =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const m = re.exec(text[stream]);
          if (m) resolve(m);
          return m !== null;
        };
        if (check()) return;
        const onData = () => {
          if (check()) child[stream].off('data', onData);
        };
        // Listeners run in order of registration: the text above already holds this chunk.
        child[stream].on('data', onData);
        void done.then((r) => {
          child[stream].off('data', onData);
          if (!check()) reject(new Error(`the process ended (${r.status ?? r.signal}) before its ${stream} matched ${re}:\n${r.stdout}\n${r.stderr}`));
        }, reject);
      });
    return { child, waitFor, done };
  }

  /** What the file names but does not manage, made as a user makes it (helpers/account.ts); the topics' ARNs. */
  setUp(setup: AccountSetup): Promise<string[]> {
    return setUpAccount(clientsAt(this.emulator.url), setup);
  }

  plan(file: string, ...flags: string[]): Promise<Run> {
    return this.run(['plan', '-c', file, ...flags]);
  }

  apply(file: string, ...flags: string[]): Promise<Run> {
    return this.run(['apply', '-c', file, '--auto-approve', ...flags]);
  }

  close(): Promise<void> {
    return this.emulator.close();
  }
}

/**
 * One emulator for the test file. Before each test it is emptied and the Sandbox's per-test settings go
 * back to the defaults (FAST_RATES, the emulator's own endpoint); `each` adds a file's own (e.g. the tag
 * index's lag). `set` receives the Sandbox once it is up.
 */
export function sandboxPerFile(set: (sb: Sandbox) => void, each?: (sb: Sandbox) => void): void {
  let sb: Sandbox | undefined;
  beforeAll(async () => {
    sb = await Sandbox.start();
    set(sb);
  });
  afterAll(() => sb?.close());
  beforeEach(() => {
    if (!sb) return;
    sb.emulator.reset();
    sb.rates = FAST_RATES;
    sb.endpoint = undefined;
    each?.(sb);
  });
}
