/**
 * The SNS handler on a server of its own, driven by the real SDK: routing, the admin hook that confirms
 * pending subscriptions, ConfirmSubscription with the token AWS would have sent, and the settings check.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ConfirmSubscriptionCommand,
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  InvalidParameterException,
  ListSubscriptionsByTopicCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { startEmulator, type Emulator } from '../../../src/emulator/server.js';
import { confirmSubscription, createSnsHandler } from '../../../src/emulator/sns/service.js';
import type { EmulatorRequest } from '../../../src/emulator/types.js';

const request = (over: Partial<EmulatorRequest>): EmulatorRequest => ({
  method: 'POST',
  path: '/',
  query: new URLSearchParams(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: Buffer.from(''),
  region: 'us-east-1',
  accountId: '123456789012',
  ...over,
});

describe('SNS routing (operationOf)', () => {
  const sns = createSnsHandler();

  it('claims form requests with Version=2010-03-31, by POST body or GET query', () => {
    expect(sns.operationOf(request({ body: Buffer.from('Action=CreateTopic&Version=2010-03-31&Name=a') }))).toBe('CreateTopic');
    expect(sns.operationOf(request({ method: 'GET', query: new URLSearchParams('Version=2010-03-31&Action=ListTopics') }))).toBe('ListTopics');
  });

  it("leaves CloudWatch's query requests, JSON requests and action-less requests alone", () => {
    expect(sns.operationOf(request({ body: Buffer.from('Action=PutMetricAlarm&Version=2010-08-01') }))).toBeUndefined();
    expect(
      sns.operationOf(
        request({
          headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'GraniteServiceVersion20100801.DescribeAlarms' },
          body: Buffer.from('{}'),
        }),
      ),
    ).toBeUndefined();
    expect(sns.operationOf(request({ body: Buffer.from('Version=2010-03-31') }))).toBeUndefined();
    expect(sns.operationOf(request({ method: 'PUT', body: Buffer.from('Action=ListTopics&Version=2010-03-31') }))).toBeUndefined();
  });

  it('answers an injected error in SNS XML with the status given', () => {
    const r = sns.errorResponse(request({}), 'ListTopics', sns.throttlingError);
    expect(r.status).toBe(429);
    expect(r.body).toContain('<Code>Throttled</Code>');
  });
});

describe('SNS confirmation', () => {
  const handler = createSnsHandler();
  let emu: Emulator;
  let sns: SNSClient;
  beforeAll(async () => {
    emu = await startEmulator({ handlers: [handler] });
    sns = new SNSClient({ endpoint: emu.url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
  });
  afterAll(async () => {
    sns.destroy();
    await emu.close();
  });
  beforeEach(() => emu.reset());

  const topic = async (name: string) => (await sns.send(new CreateTopicCommand({ Name: name }))).TopicArn as string;

  it('ConfirmSubscription takes the token of a pending subscription and is idempotent', async () => {
    const arn = await topic('confirm-me');
    await sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: 'email', Endpoint: 'a@example.com' }));
    const [pending] = handler.pendingConfirmations();
    expect(pending).toMatchObject({ region: 'us-east-1', topicArn: arn, protocol: 'email', endpoint: 'a@example.com' });
    const token = pending?.token as string;
    const r = await sns.send(new ConfirmSubscriptionCommand({ TopicArn: arn, Token: token }));
    expect(r.SubscriptionArn).toBe(pending?.subscriptionArn);
    expect((await sns.send(new ConfirmSubscriptionCommand({ TopicArn: arn, Token: token }))).SubscriptionArn).toBe(r.SubscriptionArn);
    const attrs = (await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: r.SubscriptionArn }))).Attributes;
    expect(attrs).toMatchObject({ PendingConfirmation: 'false', ConfirmationWasAuthenticated: 'true' });
    expect(handler.pendingConfirmations()).toEqual([]);

    await expect(sns.send(new ConfirmSubscriptionCommand({ TopicArn: arn, Token: 'nope' }))).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it('confirmSubscription(handler, endpoint) confirms, as following the emailed link would', async () => {
    const arn = await topic('hooked');
    await sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: 'https', Endpoint: 'https://h.example.com/' }));
    const [confirmed] = confirmSubscription(handler, 'https://h.example.com/');
    const listed = (await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: arn }))).Subscriptions ?? [];
    expect(listed.map((s) => s.SubscriptionArn)).toEqual([confirmed]);
    const attrs = (await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: confirmed }))).Attributes;
    expect(attrs).toMatchObject({ PendingConfirmation: 'false', ConfirmationWasAuthenticated: 'false' });
    expect(confirmSubscription(handler, 'https://h.example.com/')).toEqual([]);
    expect(() => confirmSubscription(handler, 'nobody@example.com')).toThrow('no SNS subscription');
  });

  it('a subscription to an endpoint in another account waits for confirmation (SNS model, Subscribe)', async () => {
    const arn = await topic('cross-account');
    const r = await sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:210987654321:theirs' }));
    expect(r.SubscriptionArn).toBe('pending confirmation');
  });

  it('refuses settings that are not an object of known keys', () => {
    expect(() => handler.configure?.('yes')).toThrow('must be an object');
    expect(() => handler.configure?.({ autoConfirm: 1 })).toThrow('autoConfirm');
    expect(() => handler.configure?.({ confirm: [1] })).toThrow('confirm');
    expect(() => handler.configure?.({ colour: 'blue' })).toThrow('unknown SNS setting colour');
  });
});
