// The quick start's sandbox: starts `ses-reconcile emulator` in the background, then runs ses-reconcile
// against it on an example: validate, plan, apply, and plan again (which must say "No changes.").
// Usage: npm run demo [-- path/to/config.yaml]
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const config = process.argv[2] ?? 'examples/full.yaml';

const emulator = spawn(process.execPath, [cli, 'emulator', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
let banner = '';
const url = await new Promise((resolve, reject) => {
  emulator.stdout.on('data', (c) => {
    banner += c.toString();
    const m = /on (http:\/\/\S+)/.exec(banner);
    if (m) resolve(m[1]);
  });
  emulator.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
});
console.log(`$ ses-reconcile emulator --port 0 &\n${banner.split('\n')[0]}\n`);

const env = {
  ...process.env,
  AWS_ENDPOINT_URL: url,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'sandbox',
  AWS_SECRET_ACCESS_KEY: 'sandbox',
  // The SDK warns on Node 20 that its 2027 releases will need Node 22; the project supports Node 20 today.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
// The emulator does not limit request rates (unless told to), so the sandbox raises ses-reconcile's own
// pacing above AWS's documented rates (SESv2: 1 call/s), as --max-rate exists to do for emulators.
const fast = ['--max-rate', 'sesv2=50', '--max-rate', 'tagging=50'];
const steps = [
  ['validate', '-c', config],
  ['plan', '-c', config, ...fast],
  ['apply', '-c', config, '--auto-approve', ...fast],
  ['plan', '-c', config, '--detailed-exitcode', ...fast],
];
let status = 0;
try {
  for (const args of steps) {
    console.log(`\n$ ses-reconcile ${args.join(' ')}`);
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, env, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`ses-reconcile ${args[0]} exited ${r.status}`);
  }
  const calls = await (await fetch(`${url}/_emulator/calls`)).json();
  console.log(`\nThe emulator served ${calls.total} AWS calls: ${JSON.stringify(calls.byOperation)}`);
} catch (err) {
  console.error(`sandbox failed: ${err.message}`);
  status = 1;
} finally {
  emulator.kill('SIGINT');
  await once(emulator, 'exit');
}
process.exitCode = status;
