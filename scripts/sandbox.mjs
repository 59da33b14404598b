// The quick start's sandbox: starts `ses-reconcile emulator` in the background, then runs ses-reconcile
// against it on an example: validate, plan, apply, and plan again (which must say "No changes.").
// Usage: npm run demo [-- path/to/config.yaml]
import { FAST as fast, runStep, sandboxEnv, startSandboxEmulator } from './sandbox-emulator.mjs';

const config = process.argv[2] ?? 'examples/full.yaml';
const { url, stop } = await startSandboxEmulator();
const env = sandboxEnv(url);
const steps = [
  ['validate', '-c', config],
  ['plan', '-c', config, ...fast],
  ['apply', '-c', config, '--auto-approve', ...fast],
  ['plan', '-c', config, '--detailed-exitcode', ...fast],
];
let status = 0;
try {
  for (const args of steps) runStep(args, env);
  const calls = await (await fetch(`${url}/_emulator/calls`)).json();
  console.log(`\nThe emulator served ${calls.total} AWS calls: ${JSON.stringify(calls.byOperation)}`);
} catch (err) {
  console.error(`sandbox failed: ${err.message}`);
  status = 1;
} finally {
  await stop();
}
process.exitCode = status;
