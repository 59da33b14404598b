/**
 * createClients builds the clients through the SDK's own providers: what these tests pin is that the
 * installed SDK really honours what the README promises (AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL,
 * the env credential chain, a profile's region, AWS_MAX_ATTEMPTS), and that a missing Region is one
 * clear error. The endpoint checks go over HTTP to the emulator, whose call log proves who was called.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ListConfigurationSetsCommand } from '@aws-sdk/client-sesv2';
import { ListTopicsCommand } from '@aws-sdk/client-sns';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { lookupAccount } from '../../../src/aws/account.js';
import { createClients, DEFAULT_MAX_ATTEMPTS, resolvedRegion, type AwsClients } from '../../../src/aws/clients.js';
import { UsageError } from '../../../src/errors.js';
import { startFullEmulator, type Emulator } from '../../../src/emulator/index.js';

let emulator: Emulator;
const open: AwsClients[] = [];
const make = (...args: Parameters<typeof createClients>): AwsClients => {
  const c = createClients(...args);
  open.push(c);
  return c;
};

/** No ambient AWS configuration: no region, no endpoint, no profile, no shared files. */
function isolateEnv(): void {
  const dir = mkdtempSync(join(tmpdir(), 'ses-reconcile-aws-'));
  for (const k of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_SESV2', 'AWS_ENDPOINT_URL_SNS', 'AWS_ENDPOINT_URL_CLOUDWATCH', 'AWS_ENDPOINT_URL_STS', 'AWS_MAX_ATTEMPTS', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'])
    vi.stubEnv(k, undefined);
  vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(dir, 'credentials'));
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
}

beforeAll(async () => {
  emulator = await startFullEmulator();
});
beforeEach(() => {
  emulator.reset();
  isolateEnv();
});
afterEach(() => {
  for (const c of open.splice(0)) c.destroy();
  vi.unstubAllEnvs();
});
afterAll(() => emulator.close());

describe('createClients', () => {
  it('sends every service to --endpoint-url, with credentials from the env chain', async () => {
    const c = make({ region: 'eu-west-1', endpointUrl: emulator.url });
    await c.sesv2.send(new ListConfigurationSetsCommand({}));
    await c.sns.send(new ListTopicsCommand({}));
    await c.cloudwatch.send(new DescribeAlarmsCommand({}));
    expect(await lookupAccount(c.sts)).toBe('123456789012');
    expect(emulator.calls().byOperation).toEqual({
      'cloudwatch:DescribeAlarms': 1,
      'sesv2:ListConfigurationSets': 1,
      'sns:ListTopics': 1,
      'sts:GetCallerIdentity': 1,
    });
    expect(emulator.calls().calls.every((x) => x.region === 'eu-west-1')).toBe(true);
  });

  it("lets the SDK honour AWS_ENDPOINT_URL_SESV2, AWS_ENDPOINT_URL_STS and AWS_ENDPOINT_URL (the SDK's own variables)", async () => {
    vi.stubEnv('AWS_ENDPOINT_URL_SESV2', emulator.url);
    vi.stubEnv('AWS_ENDPOINT_URL_STS', emulator.url);
    const c = make({ region: 'us-east-1' });
    await c.sesv2.send(new ListConfigurationSetsCommand({}));
    expect(await lookupAccount(c.sts)).toBe('123456789012');
    vi.stubEnv('AWS_ENDPOINT_URL_SESV2', undefined);
    vi.stubEnv('AWS_ENDPOINT_URL_STS', undefined);
    vi.stubEnv('AWS_ENDPOINT_URL', emulator.url);
    const g = make({ region: 'us-east-1' });
    await g.sns.send(new ListTopicsCommand({}));
    await g.cloudwatch.send(new DescribeAlarmsCommand({}));
    expect(emulator.calls().byOperation).toEqual({
      'cloudwatch:DescribeAlarms': 1,
      'sesv2:ListConfigurationSets': 1,
      'sns:ListTopics': 1,
      'sts:GetCallerIdentity': 1,
    });
  });

  it('takes the Region from AWS_REGION, or from the profile passed through the client config', async () => {
    // Written first: the SDK caches a shared config file by path for the life of the process.
    writeFileSync(process.env.AWS_CONFIG_FILE as string, '[profile team]\nregion = eu-central-1\n');
    vi.stubEnv('AWS_REGION', 'ap-southeast-2');
    expect(await resolvedRegion(make())).toBe('ap-southeast-2');
    vi.stubEnv('AWS_REGION', undefined);
    expect(await resolvedRegion(make({ profile: 'team' }))).toBe('eu-central-1');
    expect(await resolvedRegion(make({ region: 'us-west-2', profile: 'team' }))).toBe('us-west-2');
  });

  it('fails with one clear error naming --region and AWS_REGION when no Region is known', async () => {
    const err = await resolvedRegion(make({ endpointUrl: emulator.url }), 'nowhere').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(/--region/);
    expect((err as Error).message).toMatch(/AWS_REGION/);
    expect((err as Error).message).toMatch(/profile "nowhere"/);
  });

  it('turns the SDK retries off on the paced clients: the pacing middleware retries, through the pacer', async () => {
    const c = make({ region: 'us-east-1' });
    for (const client of [c.sesv2, c.cloudwatch, c.sns, c.tagging]) expect(await client.config.maxAttempts()).toBe(1);
    // STS makes one call a run and keeps the SDK's standard retries.
    expect(await c.sts.config.maxAttempts()).toBe(DEFAULT_MAX_ATTEMPTS);
  });

  it(`retries a transient failure ${DEFAULT_MAX_ATTEMPTS} attempts in all; the option (cli/ gives it AWS_MAX_ATTEMPTS) changes that`, async () => {
    const fail = { failOperations: { ListTopics: { code: 'InternalError', status: 500 } } };
    const attempts = async (o: Parameters<typeof createClients>[0]) => {
      emulator.clearCalls();
      emulator.setFaults(fail);
      await make({ region: 'us-east-1', endpointUrl: emulator.url, retry: { maxBackoffMs: 1 }, ...o }).sns.send(new ListTopicsCommand({})).catch(() => undefined);
      return emulator.calls().byOperation['sns:ListTopics'];
    };
    expect(await attempts({})).toBe(DEFAULT_MAX_ATTEMPTS);
    expect(await attempts({ maxAttempts: 2 })).toBe(2);
    vi.stubEnv('AWS_MAX_ATTEMPTS', '3');
    expect(await attempts({})).toBe(DEFAULT_MAX_ATTEMPTS); // the environment is cli/'s to read
    const { maxAttemptsFrom } = await import('../../../src/cli/adapters.js');
    expect(await attempts({ maxAttempts: maxAttemptsFrom(process.env) ?? 0 })).toBe(3);
    expect([maxAttemptsFrom({}), maxAttemptsFrom({ AWS_MAX_ATTEMPTS: '0' }), maxAttemptsFrom({ AWS_MAX_ATTEMPTS: 'x' })]).toEqual([undefined, undefined, undefined]);
  });

  it('rides out throttling on a read, slowing the service down, and counts what it saw', async () => {
    emulator.setFaults({ rateLimit: { sesv2: 4 } });
    const c = make({ region: 'us-east-1', endpointUrl: emulator.url, rates: { service: { sesv2: 1000 }, operation: {} }, retry: { maxBackoffMs: 50 } });
    // 12 calls at once against 4 a second: most are throttled at first, none fails.
    const pages = await Promise.all(Array.from({ length: 12 }, () => c.sesv2.send(new ListConfigurationSetsCommand({}))));
    expect(pages).toHaveLength(12);
    const stats = c.stats.snapshot()['sesv2:ListConfigurationSets'];
    expect(stats?.throttled).toBeGreaterThan(0);
    expect(stats?.sent).toBe(12 + (stats?.throttled ?? 0));
    expect(emulator.calls().calls.filter((x) => x.fault === 'throttled')).toHaveLength(stats?.throttled ?? -1);
    expect(c.pacer.slowdownOf('sesv2')).toBeGreaterThan(1);
  });

  it('shares one credential provider: every client signs with the same resolved identity', async () => {
    const c = make({ region: 'us-east-1' });
    const ids = await Promise.all([c.sesv2, c.sns, c.cloudwatch, c.sts].map(async (x) => (await x.config.credentials()).accessKeyId));
    expect(ids).toEqual(['AKIDEXAMPLE', 'AKIDEXAMPLE', 'AKIDEXAMPLE', 'AKIDEXAMPLE']);
  });
});
