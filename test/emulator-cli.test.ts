import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { BIN, cli, ROOT } from './helpers/cli.js';

/** Starts `ses-reconcile emulator` as a user would, and returns its URL once it prints it. */
async function startCli(args: string[] = []) {
  const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return { child, url, out: () => out };
}

describe('ses-reconcile emulator', () => {
  it('serves until SIGINT, prints how to point clients at it, and exits 0', async () => {
    const { child, url, out } = await startCli();
    expect(out()).toContain(`export AWS_ENDPOINT_URL=${url}`);
    const health = (await (await fetch(`${url}/_emulator/health`)).json()) as { ok: boolean; services: string[] };
    expect(health).toEqual({ ok: true, services: ['sesv2', 'cloudwatch', 'sns', 'sts', 'tagging'] });
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('turns fault flags into the emulator fault configuration', async () => {
    const { child, url } = await startCli(['--latency', '5', '--rate-limit', 'sesv2=1', '--fail-operation', 'PutMetricAlarm=Throttling', '--fail-nth', '3']);
    try {
      expect(await (await fetch(`${url}/_emulator/faults`)).json()).toEqual({
        latencyMs: 5,
        rateLimit: { sesv2: 1 },
        failOperations: { PutMetricAlarm: { code: 'Throttling' } },
        failNthCall: { n: 3 },
      });
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('exits 3 naming the port when it is taken, and on bad flags', async () => {
    const { child, url } = await startCli();
    try {
      const port = new URL(url).port;
      const r = cli(['emulator', '--port', port]);
      expect(r.status).toBe(3);
      expect(r.stderr).toContain(`port ${port} is in use`);
    } finally {
      child.kill('SIGINT');
      await once(child, 'exit');
    }
    expect(cli(['emulator', '--port', 'x']).stderr).toContain('--port takes a whole number');
    expect(cli(['emulator', '--rate-limit', 'ses=1']).status).toBe(3);
  });
});
