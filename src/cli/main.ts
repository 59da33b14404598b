#!/usr/bin/env node
/**
 * The composition root: argv, env, TTY, stdout and process.exit live here and nowhere else. Commands are
 * imported lazily, so `validate` and `schema` never load what AWS commands need (cold start matters in CI).
 */
import { readFileSync } from 'node:fs';
import { EXIT, ReconcileError, type ExitCode } from '../errors.js';
import { ANSI, PLAIN } from '../render/palette.js';
import { parseInvocation } from './args.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: readonly string[]): Promise<ExitCode> {
  const out = (s: string) => process.stdout.write(s);
  const inv = parseInvocation(argv);
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
      return runEmulator(inv.options, { out, signals: process });
    }
    case 'plan':
    case 'apply': {
      const colour = !inv.options.noColor && !process.env.NO_COLOR && process.stdout.isTTY === true;
      const { createLogger } = await import('../log.js');
      const log = createLogger(inv.options.logLevel);
      // The SDK prints a free-text notice on Node < 22 (its 2027 releases will need Node 22). stderr
      // carries JSON logs (docs/architecture.md, "Commands and exit codes"), so the notice is logged as one instead.
      if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) {
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
        if (Number(process.versions.node.split('.')[0]) < 22)
          log.info({ node: process.version }, 'AWS SDK for JavaScript releases after the first week of January 2027 require Node 22 or newer');
      }
      const io = { out, err: (s: string) => process.stderr.write(s), palette: colour ? ANSI : PLAIN, log };
      if (inv.command === 'plan') {
        const { runPlan } = await import('./commands/plan.js');
        return runPlan(inv.options, io);
      }
      const { runApply } = await import('./commands/apply.js');
      const { ask } = await import('./prompt.js');
      const { Interrupt } = await import('./interrupt.js');
      const interrupt = new Interrupt({ signals: process, err: io.err, exitNow: (code) => process.exit(code) });
      return runApply(inv.options, { ...io, stop: interrupt.stop }, { interactive: process.stdin.isTTY === true, ask }, interrupt);
    }
    case 'validate': {
      const colour = !inv.options.noColor && !process.env.NO_COLOR && process.stdout.isTTY === true;
      const { runValidate } = await import('./commands/validate.js');
      return runValidate(inv.options, { out, palette: colour ? ANSI : PLAIN });
    }
  }
}

export function exitCodeOf(err: unknown): ExitCode {
  return ReconcileError.is(err) ? err.exitCode : EXIT.failure;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (ReconcileError.is(err)) process.stderr.write(`ses-reconcile: ${err.message}\n`);
    else process.stderr.write(`ses-reconcile: internal error (this is a bug, please report it)\n${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = exitCodeOf(err);
  },
);
