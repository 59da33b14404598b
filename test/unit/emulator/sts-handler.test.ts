/**
 * The emulator's STS: routing beside SNS and CloudWatch's query requests, GetCallerIdentity through the
 * real SDK (the account every emulated ARN uses), other actions refused, and injected throttling in
 * STS's own XML, which the SDK retries.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startFullEmulator, type Emulator } from '../../../src/emulator/index.js';
import { createStsHandler } from '../../../src/emulator/sts/service.js';
import { EMULATOR_ACCOUNT_ID, type EmulatorRequest } from '../../../src/emulator/types.js';

const request = (body: string, over: Partial<EmulatorRequest> = {}): EmulatorRequest => ({
  method: 'POST',
  path: '/',
  query: new URLSearchParams(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: Buffer.from(body),
  region: 'us-east-1',
  accountId: EMULATOR_ACCOUNT_ID,
  ...over,
});

describe('STS routing (operationOf)', () => {
  const sts = createStsHandler();

  it('claims form requests with Version=2011-06-15 only', () => {
    expect(sts.operationOf(request('Action=GetCallerIdentity&Version=2011-06-15'))).toBe('GetCallerIdentity');
    expect(sts.operationOf(request('Action=ListTopics&Version=2010-03-31'))).toBeUndefined();
    expect(sts.operationOf(request('Action=PutMetricAlarm&Version=2010-08-01'))).toBeUndefined();
    expect(sts.operationOf(request('Version=2011-06-15'))).toBeUndefined();
    expect(sts.operationOf(request('{}', { headers: { 'x-amz-target': 'GraniteServiceVersion20100801.DescribeAlarms' } }))).toBeUndefined();
  });

  it('answers an injected throttle as Throttling in STS XML', () => {
    const r = sts.errorResponse(request(''), 'GetCallerIdentity', sts.throttlingError);
    expect(r.status).toBe(400);
    expect(r.body).toContain('<Code>Throttling</Code>');
  });
});

describe('STS over HTTP with the SDK', () => {
  let emulator: Emulator;
  let client: STSClient;
  beforeAll(async () => {
    emulator = await startFullEmulator();
    client = new STSClient({ endpoint: emulator.url, region: 'eu-west-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 3 });
  });
  beforeEach(() => emulator.reset());
  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });

  it("GetCallerIdentity answers the emulator's account, an IAM user ARN and a user id", async () => {
    const out = await client.send(new GetCallerIdentityCommand({}));
    expect(out.Account).toBe('123456789012');
    expect(out.Arn).toBe('arn:aws:iam::123456789012:user/ses-reconcile-emulator');
    expect(out.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/);
    expect(emulator.calls().byOperation).toEqual({ 'sts:GetCallerIdentity': 1 });
  });

  it('refuses other actions with InvalidAction', async () => {
    const err = await client.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: 's' })).then(
      () => undefined,
      (e: unknown) => e as Error & { $metadata: { httpStatusCode?: number } },
    );
    expect(err?.name).toBe('InvalidAction');
    expect(err?.$metadata.httpStatusCode).toBe(400);
  });

  it('is retried by the SDK when throttled', async () => {
    emulator.setFaults({ failOperations: { 'sts:GetCallerIdentity': { code: 'Throttling', status: 400, message: 'Rate exceeded', times: 1 } } });
    expect((await client.send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
    expect(emulator.calls().calls.map((c) => c.fault ?? 'ok')).toEqual(['failed', 'ok']);
  });
});
