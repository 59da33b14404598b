/**
 * One invocation of ses-reconcile, against a Host: the argv, environment, streams and signals it may use.
 * The bin (main.ts) passes the process's own; the convergence tests pass captured streams and run many
 * invocations in one process, so nothing here may touch `process` directly. Commands are imported lazily,
 * so `validate` and `schema` never load what AWS commands need (cold start matters in CI).
 */
import { readFileSync } from 'node:fs';
import { EXIT, ReconcileError, type ExitCode } from '../errors.js';
import { ANSI, PLAIN } from '../render/palette.js';
import { parseInvocation } from './args.js';

export interface Host {
  /** The arguments after the program name. */
  readonly argv: readonly string[];
  /** The environment the run reads (NO_COLOR, AWS_MAX_ATTEMPTS …); the SDK reads the process's own. */
  readonly env: Record<string, string | undefined>;
  readonly stdout: { write(s: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(s: string): unknown };
  readonly stdinIsTTY: boolean;
  /** Where SIGINT and SIGTERM arrive (apply's interrupt; the emulator's stop). */
  readonly signals: Pick<NodeJS.Process, 'on' | 'off' | 'once'>;
  /** Ends the process at once (a second interrupt). */
  readonly exitNow: (code: ExitCode) => void;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function dispatch(host: Host): Promise<ExitCode> {
  const out = (s: string) => void host.stdout.write(s);
  const err = (s: string) => void host.stderr.write(s);
  const colourFor = (noColor: boolean) => (!noColor && !host.env.NO_COLOR && host.stdout.isTTY === true ? ANSI : PLAIN);
  const inv = parseInvocation(host.argv);
  switch (inv.command) {
    case 'help':
      out(inv.text);
      return EXIT.ok;
    case 'version':
      out(`${version()}\n`);
      return EXIT.ok;
    case 'schema': {
      const { runSchema } = await import('./commands/schema.js');
      return runSchema({ out });
    }
    case 'emulator': {
      const { runEmulator } = await import('./commands/emulator.js');
      return runEmulator(inv.options, { out, err, signals: host.signals });
    }
    case 'plan':
    case 'apply': {
      const { createLogger } = await import('../log.js');
      const log = createLogger(inv.options.logLevel, { write: err });
      quietSdkNotice(host, log);
      const io = { out, err, palette: colourFor(inv.options.noColor), log, env: host.env };
      if (inv.command === 'plan') {
        const { runPlan } = await import('./commands/plan.js');
        return runPlan(inv.options, io);
      }
      const { runApply } = await import('./commands/apply.js');
      const { ask } = await import('./prompt.js');
      const { Interrupt } = await import('./interrupt.js');
      const interrupt = new Interrupt({ signals: host.signals, err, exitNow: host.exitNow });
      return runApply(inv.options, { ...io, stop: interrupt.stop }, { interactive: host.stdinIsTTY, ask }, interrupt);
    }
    case 'export': {
      const { createLogger } = await import('../log.js');
      const { runExport } = await import('./commands/export.js');
      return runExport(inv.options, { out, err, log: createLogger(inv.options.logLevel, { write: err }), env: host.env });
    }
    case 'status': {
      const { createLogger } = await import('../log.js');
      const { runStatus } = await import('./commands/status.js');
      const log = createLogger(inv.options.logLevel, { write: err });
      quietSdkNotice(host, log);
      return runStatus(inv.options, { out, err, palette: colourFor(inv.options.noColor), log, env: host.env });
    }
    case 'iam-policy': {
      const { runIamPolicy } = await import('./commands/iam-policy.js');
      return runIamPolicy(inv.options, { out, err, palette: colourFor(inv.options.noColor), env: host.env });
    }
    case 'validate': {
      const { runValidate } = await import('./commands/validate.js');
      return runValidate(inv.options, { out, palette: colourFor(inv.options.noColor) });
    }
  }
}

/**
 * The SDK prints a free-text notice on Node < 22 (its 2027 releases will need Node 22). stderr carries
 * JSON logs (docs/architecture.md, "Commands and exit codes"), so the notice is logged as one instead.
 */
function quietSdkNotice(host: Host, log: { info: (fields: object, msg: string) => void }): void {
  if (host.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED !== undefined) return;
  host.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  if (Number(process.versions.node.split('.')[0]) < 22)
    log.info({ node: process.version }, 'AWS SDK for JavaScript releases after the first week of January 2027 require Node 22 or newer');
}

export function exitCodeOf(err: unknown): ExitCode {
  return ReconcileError.is(err) ? err.exitCode : EXIT.failure;
}

/** Runs one invocation to its exit code; an error becomes its message on stderr and its exit code. */
export async function run(host: Host): Promise<ExitCode> {
  try {
    return await dispatch(host);
  } catch (err) {
    if (ReconcileError.is(err)) host.stderr.write(`ses-reconcile: ${err.message}\n`);
    else host.stderr.write(`ses-reconcile: internal error (this is a bug, please report it)\n${(err as Error)?.stack ?? String(err)}\n`);
    return exitCodeOf(err);
  }
}
