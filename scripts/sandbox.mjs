// The quick start's sandbox: starts `ses-reconcile emulator` in the background, validates an example,
// and shows the emulator answering the real AWS SDK. (plan/apply will replace the SDK calls here.)
// Usage: npm run demo [-- path/to/config.yaml]
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { CreateConfigurationSetCommand, GetConfigurationSetCommand, ListConfigurationSetsCommand, SESv2Client } from '@aws-sdk/client-sesv2';

// The SDK warns on Node 20 that its 2027 releases will need Node 22; the project supports Node 20 today.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

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
console.log(`$ ses-reconcile emulator --port 0   (in the background)\n${banner.split('\n')[0]}\n`);

let status = 0;
try {
  console.log(`$ ses-reconcile validate -c ${config}`);
  const v = spawnSync(process.execPath, [cli, 'validate', '-c', config], { cwd: root, stdio: 'inherit' });
  if (v.status !== 0) throw new Error(`validate exited ${v.status}`);

  const ses = new SESv2Client({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const name = 'production-email-monitoring';
  console.log(`\nThe emulator answers the AWS SDK (SESv2 at ${url}):`);
  await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: name, Tags: [{ Key: 'ses-reconcile:stack', Value: 'email-platform' }] }));
  const listed = await ses.send(new ListConfigurationSetsCommand({}));
  const got = await ses.send(new GetConfigurationSetCommand({ ConfigurationSetName: name }));
  console.log(`  ListConfigurationSets -> ${JSON.stringify(listed.ConfigurationSets)}`);
  console.log(`  GetConfigurationSet   -> SendingOptions ${JSON.stringify(got.SendingOptions)}, ReputationOptions ${JSON.stringify(got.ReputationOptions)}, Tags ${JSON.stringify(got.Tags)}`);
  const calls = await (await fetch(`${url}/_emulator/calls`)).json();
  console.log(`  calls served: ${calls.total} ${JSON.stringify(calls.byOperation)}`);
} catch (err) {
  console.error(`sandbox failed: ${err.message}`);
  status = 1;
} finally {
  emulator.kill('SIGINT');
  await once(emulator, 'exit');
}
process.exitCode = status;
