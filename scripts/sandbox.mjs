// The quick start's sandbox: starts `ses-reconcile emulator` in the background, then runs ses-reconcile
// against it on an example: validate, plan, apply, and plan again (which must say "No changes."); then a
// burst of simulated mail through the first configuration set (200 recipients, 5% of them SES's bounce
// simulator), and `status`, which shows the bounce rate over its alarm's threshold and the alarm firing
// (exit 2).
// Usage: npm run demo [-- path/to/config.yaml]
import { readFileSync } from 'node:fs';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { parse } from 'yaml';
import { FAST as fast, runStep, sandboxEnv, startSandboxEmulator } from './sandbox-emulator.mjs';

const config = process.argv[2] ?? 'examples/full.yaml';
// --log-level info: the emulator says on stderr when an alarm changes state and what it sends to SNS.
const { url, stop } = await startSandboxEmulator(['--log-level', 'info']);
const env = sandboxEnv(url);
const steps = [
  ['validate', '-c', config],
  ['plan', '-c', config, ...fast],
  ['apply', '-c', config, '--auto-approve', ...fast],
  ['plan', '-c', config, '--detailed-exitcode', ...fast],
];
/** Mail to `n` recipients through `set`, 50 a message (SES's limit), every twentieth the bounce simulator. */
async function burst(set, n) {
  // The SDK's Node-version notice is not the demo's business (the CLI quiets it the same way).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const ses = new SESv2Client({ endpoint: url, region: env.AWS_REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const to = Array.from({ length: n }, (_, i) => (i % 20 === 0 ? `bounce+${i}@simulator.amazonses.com` : `success+${i}@simulator.amazonses.com`));
  const Content = { Simple: { Subject: { Data: 'Your order' }, Body: { Text: { Data: 'Thanks!' } } } };
  for (let i = 0; i < n; i += 50)
    await ses.send(new SendEmailCommand({ FromEmailAddress: 'shop@example.com', Destination: { ToAddresses: to.slice(i, i + 50) }, Content, ConfigurationSetName: set }));
  ses.destroy();
}

let status = 0;
try {
  for (const args of steps) runStep(args, env);
  const [set] = Object.keys(parse(readFileSync(config, 'utf8')).configurationSets ?? {});
  if (set !== undefined) {
    console.log(`\n$ # a burst of simulated mail through ${set}: 200 recipients, 10 of them SES's bounce simulator`);
    await burst(set, 200);
    // 2: a rate over its alarm's threshold, or an alarm in ALARM (what a cron job alerts on).
    runStep(['status', '-c', config, ...fast], env, [0, 2]);
  }
  const calls = await (await fetch(`${url}/_emulator/calls`)).json();
  console.log(`\nThe emulator served ${calls.total} AWS calls: ${JSON.stringify(calls.byOperation)}`);
} catch (err) {
  console.error(`sandbox failed: ${err.message}`);
  status = 1;
} finally {
  await stop();
}
process.exitCode = status;
