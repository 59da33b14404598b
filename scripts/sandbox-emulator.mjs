// What the sandbox scripts share (sandbox.mjs, adopt-demo.mjs): `ses-reconcile emulator` started in the
// background on a free port, and the environment that points ses-reconcile and the SDK at it.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

/** Starts the emulator, prints its banner, and resolves with its URL and a stop(). */
export async function startSandboxEmulator(extra = []) {
  const emulator = spawn(process.execPath, [cli, 'emulator', '--port', '0', ...extra], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  // The emulator's log (alarm state changes, SNS notifications) is part of the story: on stdout, marked.
  emulator.stderr.on('data', (c) => process.stdout.write(c.toString().replace(/^(?=.)/gm, '  [emulator] ')));
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
  const stop = async () => {
    emulator.kill('SIGINT');
    await once(emulator, 'exit');
  };
  return { url, stop };
}

/** ses-reconcile's and the SDK's environment for the emulator at `url`. */
export function sandboxEnv(url) {
  return {
    ...process.env,
    AWS_ENDPOINT_URL: url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'sandbox',
    AWS_SECRET_ACCESS_KEY: 'sandbox',
    // The SDK warns on Node 20 that its 2027 releases will need Node 22; the project supports Node 20 today.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/**
 * The emulator does not limit request rates (unless told to), so the sandbox raises ses-reconcile's own
 * pacing above AWS's documented rates (SESv2: 1 call/s), as --max-rate exists to do for emulators.
 */
export const FAST = ['--max-rate', 'sesv2=50', '--max-rate', 'tagging=50'];

/** Prints `$ ses-reconcile ARGS`, runs it, and throws unless it exits with one of `ok`. */
export function runStep(args, env, ok = [0]) {
  console.log(`\n$ ses-reconcile ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, env, stdio: 'inherit' });
  if (!ok.includes(r.status)) throw new Error(`ses-reconcile ${args[0]} exited ${r.status}`);
}
