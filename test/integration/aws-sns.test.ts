/**
 * The SNS topic adapter end to end: real SDK clients (SNS's query protocol) over HTTP against the
 * emulator and, through the conformance harness, against moto's server.
 *
 * The round trip is the guarantee against perpetual diffs: topics made by the REAL config pipeline from
 * YAML (display name, tags, an email subscription that stays pending and a confirmed sqs one with raw
 * delivery and a filter policy, a topic used by SES event destinations AND notified by an alarm, so its
 * policy has both service statements) are created through SnsStepRunner, read back by SnsTopicReader,
 * and must deep-equal what the file asked for, policy included.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CreateTopicCommand, GetTopicAttributesCommand } from '@aws-sdk/client-sns';
import { lookupAccount } from '../../src/aws/account.js';
import { FAST_RATES_TABLE } from '../helpers/rates.js';
import { createClients, type AwsClients } from '../../src/aws/clients.js';
import { SnsStepRunner } from '../../src/aws/sns/applier.js';
import { CLOUDWATCH_SID, OWNER_SID, SES_SID } from '../../src/aws/sns/policy.js';
import { SnsTopicReader } from '../../src/aws/sns/reader.js';
import type { NamedScope } from '../../src/live/port.js';
import { AwsCallError } from '../../src/errors.js';
import { startFullEmulator, type Emulator } from '../../src/emulator/index.js';
import { topicArn } from '../../src/model/arn.js';
import { STACK_TAG, type Topic } from '../../src/model/resources.js';
import type { SnsStep as Step } from '../../src/model/step.js';
import { lines, load } from '../helpers/config.js';
import { ACCOUNT, REGION, conformance, difference, type Target } from '../conformance/harness.js';

const STACK = 'rt';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:ses-events`;
const EMAIL = 'ops-team@example.com';

/** The topics the real config pipeline makes of a file. */
function desiredTopics(yaml: string, stack = STACK): Topic[] {
  const r = load(`version: 1\nstack: ${stack}\n${yaml}`);
  expect(lines(r).filter((l) => l.includes(' error '))).toEqual([]);
  return [...(r.desired?.resources.values() ?? [])].filter((x): x is Topic => x.kind === 'topic');
}

const FILE = `tags: { team: email }
topics:
  alerts:
    displayName: SES alerts <ops> & é
    tags: { env: prod }
    subscriptions:
      - { protocol: sqs, endpoint: "${QUEUE}", rawMessageDelivery: true, filterPolicy: { eventType: [Bounce, Complaint] } }
      - { protocol: email, endpoint: ${EMAIL} }
  quiet: {}
configurationSets:
  prod:
    eventDestinations:
      to-sns: { events: [BOUNCE, COMPLAINT], sns: { topic: alerts } }
  campaigns:
    eventDestinations:
      to-sns: { events: [BOUNCE], sns: { topic: alerts } }
accountAlarms:
  bounceRate: { notify: [alerts] }
`;

const scopeOf = (topics: readonly Topic[], stack = STACK): NamedScope => ({ stack, names: new Set(topics.map((t) => t.name)) });

/** The steps that make topics from nothing: CreateTopic, then one Subscribe per subscription. */
function creates(topics: readonly Topic[]): Step[] {
  return topics.flatMap((topic): Step[] => [{ op: 'CreateTopic', topic }, ...topic.subscriptions.map((subscription): Step => ({ op: 'Subscribe', topic: topic.name, subscription }))]);
}

function scenarios(target: () => Target): void {
  const runner = () => new SnsStepRunner(target().sns, REGION, ACCOUNT);
  const reader = () => new SnsTopicReader(target().sns);
  const runAll = async (steps: readonly Step[]) => {
    for (const s of steps) await runner().run(s);
  };
  const readTopic = async (name: string) => (await reader().read({ stack: STACK, names: new Set([name]) })).state.get(`topic:${name}`) as Topic | undefined;

  it('the file asks for what the pipeline says: both service statements, stack tags, sorted subscriptions', () => {
    const [alerts, quiet] = desiredTopics(FILE) as [Topic, Topic];
    expect(alerts.policy).toEqual({ sesConfigurationSets: ['campaigns', 'prod'], cloudWatchAlarms: true });
    expect(alerts.tags).toEqual({ env: 'prod', [STACK_TAG]: STACK, team: 'email' });
    expect(alerts.subscriptions.map((s) => s.protocol)).toEqual(['email', 'sqs']);
    expect(quiet).toEqual({ kind: 'topic', name: 'quiet', displayName: '', tags: { [STACK_TAG]: STACK, team: 'email' }, subscriptions: [], policy: { sesConfigurationSets: [], cloudWatchAlarms: false } });
  });

  it('creates the file topics and reads them back exactly as the file asks, policy included', async () => {
    const desired = desiredTopics(FILE);
    await runAll(creates(desired));
    const live = await reader().read(scopeOf(desired));
    expect([...live.state.keys()]).toEqual(['topic:alerts', 'topic:quiet']);
    for (const t of desired) expect(live.state.get(`topic:${t.name}`), t.name).toEqual(t);
    expect(live.arns.get('alerts')).toBe(topicArn(REGION, ACCOUNT, 'alerts'));
    if (difference(target(), { moto: 'confirms email subscriptions at once; AWS keeps them pending until the owner confirms (SNS model, Subscribe)' })) {
      expect(live.pending).toEqual([]);
    } else {
      expect(live.pending).toEqual([`alerts email:${EMAIL}`]);
    }
    // The document on the topic has our three statements.
    const attrs = await target().sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn(REGION, ACCOUNT, 'alerts') }));
    const doc = JSON.parse(attrs.Attributes?.Policy ?? '{}') as { Statement: { Sid: string }[] };
    expect(doc.Statement.map((s) => s.Sid)).toEqual([OWNER_SID, SES_SID, CLOUDWATCH_SID]);
  });

  it('SetTopicDisplayName, SetTopicPolicy, TagTopic and UntagTopic read back', async () => {
    const [, quiet] = desiredTopics(FILE) as [Topic, Topic];
    await runAll(creates([quiet]));
    await runner().run({ op: 'SetTopicDisplayName', name: 'quiet', displayName: 'Now named' });
    await runner().run({ op: 'SetTopicPolicy', name: 'quiet', policy: { sesConfigurationSets: ['prod'], cloudWatchAlarms: true } });
    await runner().run({ op: 'TagTopic', name: 'quiet', tags: { team: 'mail', extra: '' } });
    await runner().run({ op: 'UntagTopic', name: 'quiet', keys: ['team'] });
    expect(await readTopic('quiet')).toEqual({ ...quiet, displayName: 'Now named', tags: { extra: '', [STACK_TAG]: STACK }, policy: { sesConfigurationSets: ['prod'], cloudWatchAlarms: true } });
    await runner().run({ op: 'SetTopicDisplayName', name: 'quiet', displayName: '' });
    await runner().run({ op: 'SetTopicPolicy', name: 'quiet', policy: { sesConfigurationSets: [], cloudWatchAlarms: false } });
    expect(await readTopic('quiet')).toMatchObject({ displayName: '', policy: { sesConfigurationSets: [], cloudWatchAlarms: false } });
  });

  it('Subscribe and Unsubscribe read back; a pending subscription is skipped by Unsubscribe', async () => {
    const [alerts] = desiredTopics(FILE) as [Topic];
    await runAll(creates([{ ...alerts, subscriptions: [] }]));
    expect((await readTopic('alerts'))?.subscriptions).toEqual([]);
    for (const subscription of alerts.subscriptions) await runner().run({ op: 'Subscribe', topic: 'alerts', subscription });
    expect(await readTopic('alerts')).toEqual(alerts);
    // Subscribing again with the same attributes is the same subscription.
    await runner().run({ op: 'Subscribe', topic: 'alerts', subscription: alerts.subscriptions[1] as Topic['subscriptions'][number] });
    await runner().run({ op: 'Unsubscribe', topic: 'alerts', protocol: 'sqs', endpoint: QUEUE });
    await runner().run({ op: 'Unsubscribe', topic: 'alerts', protocol: 'email', endpoint: EMAIL });
    const after = (await readTopic('alerts'))?.subscriptions;
    if (difference(target(), { moto: 'confirms email subscriptions at once, so Unsubscribe removes it; on AWS a pending subscription cannot be unsubscribed' })) {
      expect(after).toEqual([]);
    } else {
      expect(after).toEqual([alerts.subscriptions[0]]);
    }
    // Nothing left to find: success.
    await runner().run({ op: 'Unsubscribe', topic: 'alerts', protocol: 'sqs', endpoint: QUEUE });
  });

  it('DeleteTopic removes the topic; deleting it again is no error', async () => {
    const desired = desiredTopics(FILE);
    await runAll(creates(desired));
    await runner().run({ op: 'DeleteTopic', name: 'alerts' });
    expect([...(await reader().read(scopeOf(desired))).state.keys()]).toEqual(['topic:quiet']);
    await runner().run({ op: 'DeleteTopic', name: 'alerts' });
  });

  it('a topic of another stack with a name the file has is read, and its tags say whose it is', async () => {
    const theirs = desiredTopics(`topics:\n  shared-name: { displayName: Theirs }\n  unrelated: {}\n`, 'other');
    await runAll(creates(theirs));
    const live = await reader().read({ stack: STACK, names: new Set(['shared-name', 'not-there']) });
    expect([...live.state.keys()]).toEqual(['topic:shared-name']);
    expect((live.state.get('topic:shared-name') as Topic).tags).toEqual({ [STACK_TAG]: 'other' });
  });
}

describe('SNS adapter against the emulator', () => {
  let emulator: Emulator;
  let clients: AwsClients;
  let runner: SnsStepRunner;
  let reader: SnsTopicReader;

  beforeAll(async () => {
    emulator = await startFullEmulator();
    clients = createClients({ region: REGION, endpointUrl: emulator.url, credentials, rates: FAST_RATES_TABLE });
    expect(await lookupAccount(clients.sts)).toBe(ACCOUNT);
    runner = new SnsStepRunner(clients.sns, REGION, ACCOUNT);
    reader = new SnsTopicReader(clients.sns);
  });
  beforeEach(() => emulator.reset());
  afterAll(async () => {
    clients.destroy();
    await emulator.close();
  });

  const runAll = async (steps: readonly Step[]) => {
    for (const s of steps) await runner.run(s);
  };

  it('the read budget: ListTopics pages, then per topic attributes, subscriptions, confirmed-subscription attributes, tags', async () => {
    const desired = desiredTopics(FILE);
    await runAll(creates(desired));
    // 150 topics of nobody's file: ListTopics needs two pages; none of them is read further.
    for (let i = 0; i < 150; i++) await clients.sns.send(new CreateTopicCommand({ Name: `noise-${i}` }));
    emulator.clearCalls();
    const live = await reader.read(scopeOf(desired));
    const budget = {
      'sns:GetSubscriptionAttributes': 1, // the confirmed sqs subscription only; the pending email has no ARN
      'sns:GetTopicAttributes': 2,
      'sns:ListSubscriptionsByTopic': 2,
      'sns:ListTagsForResource': 2,
      'sns:ListTopics': 2,
    };
    expect(live.calls).toEqual(budget);
    expect(emulator.calls().byOperation).toEqual(budget);
    expect(live.pending).toEqual([`alerts email:${EMAIL}`]);
  });

  it('a confirmed email subscription is read with its attributes and is no longer pending', async () => {
    const [alerts] = desiredTopics(FILE) as [Topic];
    await runAll(creates([alerts]));
    emulator.configure('sns', { confirm: EMAIL });
    emulator.clearCalls();
    const live = await reader.read(scopeOf([alerts]));
    expect(live.state.get('topic:alerts')).toEqual(alerts);
    expect(live.pending).toEqual([]);
    expect(live.calls['sns:GetSubscriptionAttributes']).toBe(2);
  });

  it('makes each step with one call, named by the API operation; Unsubscribe looks up first', async () => {
    const [alerts] = desiredTopics(FILE) as [Topic];
    const [email, sqs] = alerts.subscriptions as [Topic['subscriptions'][number], Topic['subscriptions'][number]];
    const steps: [Step, Record<string, number>][] = [
      [{ op: 'CreateTopic', topic: alerts }, { 'sns:CreateTopic': 1 }],
      [{ op: 'SetTopicDisplayName', name: 'alerts', displayName: 'x' }, { 'sns:SetTopicAttributes': 1 }],
      [{ op: 'SetTopicPolicy', name: 'alerts', policy: { sesConfigurationSets: [], cloudWatchAlarms: true } }, { 'sns:SetTopicAttributes': 1 }],
      [{ op: 'TagTopic', name: 'alerts', tags: { k: 'v' } }, { 'sns:TagResource': 1 }],
      [{ op: 'UntagTopic', name: 'alerts', keys: ['k'] }, { 'sns:UntagResource': 1 }],
      [{ op: 'Subscribe', topic: 'alerts', subscription: sqs }, { 'sns:Subscribe': 1 }],
      [{ op: 'Subscribe', topic: 'alerts', subscription: email }, { 'sns:Subscribe': 1 }],
      [{ op: 'Unsubscribe', topic: 'alerts', protocol: 'sqs', endpoint: QUEUE }, { 'sns:ListSubscriptionsByTopic': 1, 'sns:Unsubscribe': 1 }],
      // Pending: found by the lookup, not unsubscribed (no ARN to unsubscribe), and the step succeeds.
      [{ op: 'Unsubscribe', topic: 'alerts', protocol: 'email', endpoint: EMAIL }, { 'sns:ListSubscriptionsByTopic': 1 }],
      [{ op: 'DeleteTopic', name: 'alerts' }, { 'sns:DeleteTopic': 1 }],
    ];
    for (const [step, calls] of steps) {
      emulator.clearCalls();
      await runner.run(step);
      expect(emulator.calls().byOperation, step.op).toEqual(calls);
    }
  });

  it('CreateTopic sends DisplayName only when set, the policy document, and the tags', async () => {
    const [, quiet] = desiredTopics(FILE) as [Topic, Topic];
    await runner.run({ op: 'CreateTopic', topic: quiet });
    const attrs = (await clients.sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn(REGION, ACCOUNT, 'quiet') }))).Attributes ?? {};
    expect(attrs.DisplayName ?? '').toBe('');
    expect((JSON.parse(attrs.Policy ?? '{}') as { Statement: { Sid: string }[] }).Statement.map((s) => s.Sid)).toEqual([OWNER_SID]);
  });

  describe('errors', () => {
    it('a call on a missing topic fails with AwsCallError named by the API operation', async () => {
      const err = (await runner.run({ op: 'SetTopicDisplayName', name: 'missing', displayName: 'x' }).catch((e: unknown) => e)) as AwsCallError;
      expect(err).toBeInstanceOf(AwsCallError);
      expect([err.service, err.operation, err.code, err.status, err.retryable]).toEqual(['sns', 'SetTopicAttributes', 'NotFoundException', 404, false]);
      const tag = (await runner.run({ op: 'TagTopic', name: 'missing', tags: { a: 'b' } }).catch((e: unknown) => e)) as AwsCallError;
      expect([tag.operation, tag.status]).toEqual(['TagResource', 404]);
      const unsub = (await runner.run({ op: 'Unsubscribe', topic: 'missing', protocol: 'sqs', endpoint: QUEUE }).catch((e: unknown) => e)) as AwsCallError;
      expect([unsub.operation, unsub.status]).toEqual(['ListSubscriptionsByTopic', 404]);
    });

    it('a Subscribe SNS refuses fails with AwsCallError from Subscribe', async () => {
      const [, quiet] = desiredTopics(FILE) as [Topic, Topic];
      await runner.run({ op: 'CreateTopic', topic: quiet });
      const err = (await runner.run({ op: 'Subscribe', topic: 'quiet', subscription: { protocol: 'sqs', endpoint: 'not-an-arn', rawMessageDelivery: false } }).catch((e: unknown) => e)) as AwsCallError;
      expect([err.operation, err.status, err.retryable]).toEqual(['Subscribe', 400, false]);
    });

    it('a throttled ListTopics is retried by the SDK and counted once by the reader', async () => {
      const desired = desiredTopics(FILE);
      await runAll(creates(desired));
      emulator.clearCalls();
      emulator.setFaults({ failOperations: { ListTopics: { code: 'Throttled', status: 400, times: 1 } } });
      const live = await reader.read(scopeOf(desired));
      expect(live.state.size).toBe(2);
      expect(live.calls['sns:ListTopics']).toBe(1);
      expect(emulator.calls().byOperation['sns:ListTopics']).toBe(2);
    });
  });
});

/** The same scenarios against moto over SNS's query protocol (and the emulator through the harness, for comparison). */
conformance('SNS adapter round trip (query)', (t) => {
  scenarios(t);
});

