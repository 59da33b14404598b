// The quick start's "adopt a hand-made setup": starts `ses-reconcile emulator` in the background, makes a
// setup there the way the console would (scripts/seed-hand-made.mjs: plain SDK calls, no ses-reconcile
// tags), then takes it over in three commands: export, plan (the review: only adoption rows), apply
// --adopt (tag calls), and a last plan that says "No changes.". The file is written to a new temporary
// directory, which the script names.
// Usage: npm run demo:adopt [-- --sets N]
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAST as fast, root, runStep, sandboxEnv, startSandboxEmulator } from './sandbox-emulator.mjs';

const sets = process.argv.includes('--sets') ? process.argv[process.argv.indexOf('--sets') + 1] : '3';
const { url, stop } = await startSandboxEmulator();
const env = sandboxEnv(url);
const dir = mkdtempSync(join(tmpdir(), 'ses-reconcile-adopt-'));
const file = join(dir, 'ses-reconcile.yaml');
const steps = [
  { args: ['export', '--stack', 'mail', '-o', file, ...fast], ok: [0] },
  // Exit 4: apply without --adopt would refuse these rows, and plan says so.
  { args: ['plan', '-c', file, ...fast], ok: [4] },
  { args: ['apply', '-c', file, '--adopt', '--auto-approve', ...fast], ok: [0] },
  { args: ['plan', '-c', file, '--detailed-exitcode', ...fast], ok: [0] },
];
let status = 0;
try {
  console.log(`$ node scripts/seed-hand-made.mjs --sets ${sets}`);
  const seeded = spawnSync(process.execPath, [join(root, 'scripts/seed-hand-made.mjs'), '--sets', sets], { cwd: root, env, stdio: 'inherit' });
  if (seeded.status !== 0) throw new Error('seeding the hand-made setup failed');
  for (const { args, ok } of steps) runStep(args, env, ok);
  console.log(`\nThe adopted configuration is ${file}: check it in.`);
} catch (err) {
  console.error(`sandbox failed: ${err.message}`);
  status = 1;
} finally {
  await stop();
}
process.exitCode = status;
