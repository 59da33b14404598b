#!/usr/bin/env node
/**
 * The bin: the process's argv, environment, streams and signals given to one run (run.ts), and its exit
 * code set as the process's. Only this file and prompt.ts (the approval question, on the terminal itself)
 * use the process's streams, environment, signals and exit.
 */
import { run } from './run.js';

process.exitCode = await run({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdinIsTTY: process.stdin.isTTY === true,
  signals: process,
  exitNow: (code) => process.exit(code),
});
