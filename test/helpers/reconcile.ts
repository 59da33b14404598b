/**
 * Convergence harness: the built CLI (`plan`, `apply`) as a user runs it, against our emulator over HTTP
 * with the real AWS SDK inside. The CLI runs as a child process (async, so the in-process emulator keeps
 * answering); files are written to a temporary directory.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { startFullEmulator, type Emulator } from '../../src/emulator/index.js';
import { BIN, ROOT } from './cli.js';
import { testdir } from './config.js';

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `plan` and `apply` pace their calls at AWS's documented rates (SESv2 1/s). The emulator does not limit
 * unless a test asks it to, so the suite raises the client's rates to stay fast; a test that measures
 * pacing sets `sb.rates` to what it needs (e.g. [] for AWS's real rates).
 */
export const FAST_RATES: readonly string[] = ['--max-rate', 'sesv2=400', '--max-rate', 'cloudwatch=400', '--max-rate', 'sns=400', '--max-rate', 'tagging=400'];

export class Sandbox {
  /** `--max-rate` flags added to every plan and apply. */
  rates: readonly string[] = FAST_RATES;

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
    return new Promise((resolve, reject) => {
      const paced = args[0] === 'plan' || args[0] === 'apply' ? this.rates : [];
      const argv = [BIN, ...args, ...paced, '--endpoint-url', this.emulator.url];
      const quoted = [process.execPath, ...argv].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
      const child = spawn(tty ? 'script' : process.execPath, tty ? ['-qec', quoted, '/dev/null'] : argv, {
        cwd: ROOT,
        env: {
          ...process.env,
          NO_COLOR: '1',
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          AWS_PROFILE: '',
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
      child.stdin.end(input ?? '');
    });
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
