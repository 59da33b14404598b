import { describe, expect, it } from 'vitest';
import { CLOUDWATCH_SID, OWNER_ACTIONS, OWNER_SID, SES_SID, topicPolicyDocument, topicPolicyFromDocument } from '../../../src/aws/sns/policy.js';
import { isPendingArn, subscribeAttributes, subscriptionFromAws, topicFromAws, topicNameOf } from '../../../src/aws/sns/mapping.js';
import type { TopicPolicy } from '../../../src/model/resources.js';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:alerts`;

type Doc = { Version: string; Statement: { Sid: string; Principal: unknown; Action: unknown; Resource: string; Condition: unknown }[] };
const doc = (p: TopicPolicy, region = REGION): Doc => JSON.parse(topicPolicyDocument(p, ARN, ACCOUNT, region)) as Doc;

describe('topicPolicyDocument', () => {
  it('always restates the owner statement of AWS default policy', () => {
    const d = doc({ sesConfigurationSets: [], cloudWatchAlarms: false });
    expect(d.Version).toBe('2012-10-17');
    expect(d.Statement).toEqual([
      {
        Sid: OWNER_SID,
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [...OWNER_ACTIONS],
        Resource: ARN,
        Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } },
      },
    ]);
  });

  it('lets SES publish, scoped to the account and the configuration sets (sorted, de-duplicated)', () => {
    const d = doc({ sesConfigurationSets: ['prod', 'campaigns', 'prod'], cloudWatchAlarms: false });
    expect(d.Statement.map((s) => s.Sid)).toEqual([OWNER_SID, SES_SID]);
    expect(d.Statement[1]).toEqual({
      Sid: SES_SID,
      Effect: 'Allow',
      Principal: { Service: 'ses.amazonaws.com' },
      Action: 'SNS:Publish',
      Resource: ARN,
      Condition: {
        StringEquals: { 'AWS:SourceAccount': ACCOUNT },
        ArnLike: { 'AWS:SourceArn': [`arn:aws:ses:${REGION}:${ACCOUNT}:configuration-set/campaigns`, `arn:aws:ses:${REGION}:${ACCOUNT}:configuration-set/prod`] },
      },
    });
  });

  it('lets CloudWatch alarms of the account publish, in the Region partition', () => {
    const d = doc({ sesConfigurationSets: [], cloudWatchAlarms: true }, 'cn-north-1');
    expect(d.Statement[1]).toMatchObject({
      Sid: CLOUDWATCH_SID,
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'SNS:Publish',
      Condition: { StringEquals: { 'AWS:SourceAccount': ACCOUNT }, ArnLike: { 'AWS:SourceArn': `arn:aws-cn:cloudwatch:cn-north-1:${ACCOUNT}:alarm:*` } },
    });
  });
});

describe('topicPolicyFromDocument', () => {
  const cases: TopicPolicy[] = [
    { sesConfigurationSets: [], cloudWatchAlarms: false },
    { sesConfigurationSets: ['prod'], cloudWatchAlarms: false },
    { sesConfigurationSets: [], cloudWatchAlarms: true },
    { sesConfigurationSets: ['a', 'b/with-slash', 'prod'], cloudWatchAlarms: true },
  ];
  it.each(cases)('round-trips %j', (p) => {
    expect(topicPolicyFromDocument(topicPolicyDocument(p, ARN, ACCOUNT, REGION))).toEqual(p);
  });

  it('reads AWS default policy, an absent, empty or broken document as "nothing granted"', () => {
    const awsDefault = JSON.stringify({
      Version: '2008-10-17',
      Id: '__default_policy_ID',
      Statement: [{ Sid: '__default_statement_ID', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['SNS:Publish'], Resource: ARN, Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } } }],
    });
    for (const d of [undefined, '', '{not json', '{"Statement": 3}']) {
      expect(topicPolicyFromDocument(d)).toEqual({ sesConfigurationSets: [], cloudWatchAlarms: false });
    }
    // AWS's default statement is not ours: it grants nothing of the model and is kept as it is.
    const read = topicPolicyFromDocument(awsDefault);
    expect({ ...read, others: read.others?.map((x) => x.Sid) }).toEqual({ sesConfigurationSets: [], cloudWatchAlarms: false, others: ['__default_statement_ID'] });
  });

  it('reads one statement object, a single SourceArn string, and sorts the sets', () => {
    const d = JSON.stringify({
      Statement: [
        { Sid: SES_SID, Effect: 'Allow', Principal: { Service: ['ses.amazonaws.com'] }, Action: ['sns:Publish'], Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:ses:${REGION}:${ACCOUNT}:configuration-set/z` } } },
        { Sid: SES_SID, Effect: 'Allow', Principal: { Service: 'ses.amazonaws.com' }, Action: 'SNS:Publish', Condition: { ArnLike: { 'AWS:SourceArn': [`arn:aws:ses:${REGION}:${ACCOUNT}:configuration-set/a`] } } },
      ],
    });
    expect(topicPolicyFromDocument(d)).toEqual({ sesConfigurationSets: ['a', 'z'], cloudWatchAlarms: false });
    const single = JSON.stringify({ Statement: { Sid: CLOUDWATCH_SID, Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'SNS:Publish' } });
    expect(topicPolicyFromDocument(single)).toEqual({ sesConfigurationSets: [], cloudWatchAlarms: true });
  });

  it('an edited statement with our Sid (Deny, another principal, another action) reads as absent', () => {
    const base = JSON.parse(topicPolicyDocument({ sesConfigurationSets: ['prod'], cloudWatchAlarms: true }, ARN, ACCOUNT, REGION)) as Doc;
    const edits = [
      { Effect: 'Deny' },
      { Principal: { Service: 'sqs.amazonaws.com' } },
      { Action: 'SNS:Subscribe' },
    ];
    for (const e of edits) {
      const d = { ...base, Statement: base.Statement.map((s) => (s.Sid === OWNER_SID ? s : { ...s, ...e })) };
      expect(topicPolicyFromDocument(JSON.stringify(d)), JSON.stringify(e)).toEqual({ sesConfigurationSets: [], cloudWatchAlarms: false });
    }
  });

  it('owns only its own statements: the others grant nothing of the model and are written back as they are', () => {
    const base = JSON.parse(topicPolicyDocument({ sesConfigurationSets: ['prod'], cloudWatchAlarms: false }, ARN, ACCOUNT, REGION)) as Doc;
    const extra = { Sid: 'by-hand', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'SNS:Publish', Resource: ARN };
    const crossAccount = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'SNS:Subscribe', Resource: ARN };
    const read = topicPolicyFromDocument(JSON.stringify({ ...base, Statement: [...base.Statement, extra, crossAccount] }));
    expect(read).toEqual({ sesConfigurationSets: ['prod'], cloudWatchAlarms: false, others: [extra, crossAccount] });
    // Granting CloudWatch too: ours change, theirs come back unchanged and in their order.
    const written = JSON.parse(topicPolicyDocument({ ...read, cloudWatchAlarms: true }, ARN, ACCOUNT, REGION)) as Doc;
    expect(written.Statement.slice(-2)).toEqual([extra, crossAccount]);
    expect(topicPolicyFromDocument(JSON.stringify(written))).toEqual({ sesConfigurationSets: ['prod'], cloudWatchAlarms: true, others: [extra, crossAccount] });
  });

  it('does not restate AWS default statement when the document keeps it', () => {
    const awsDefault = { Sid: '__default_statement_ID', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['SNS:Publish'], Resource: ARN };
    const written = JSON.parse(topicPolicyDocument({ sesConfigurationSets: ['prod'], cloudWatchAlarms: false, others: [awsDefault] }, ARN, ACCOUNT, REGION)) as Doc;
    expect(written.Statement.map((x) => (x as { Sid?: string }).Sid)).toEqual([SES_SID, '__default_statement_ID']);
  });
});

describe('SNS mapping', () => {
  it('names a topic by the last ARN segment and knows both spellings of pending', () => {
    expect(topicNameOf(ARN)).toBe('alerts');
    expect(['PendingConfirmation', 'pending confirmation', undefined].map(isPendingArn)).toEqual([true, true, true]);
    expect(isPendingArn(`${ARN}:0b9c1a2e-1111-4222-a333-444455556666`)).toBe(false);
  });

  it('reads a subscription with SNS spellings of the defaults', () => {
    const listed = { Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:q' };
    expect(subscriptionFromAws(listed, { RawMessageDelivery: 'false', FilterPolicy: '' })).toEqual({ protocol: 'sqs', endpoint: listed.Endpoint, rawMessageDelivery: false });
    expect(subscriptionFromAws(listed, { RawMessageDelivery: 'True', FilterPolicy: '{"a":["b"]}', SubscriptionRoleArn: 'arn:aws:iam::1:role/r' })).toEqual({
      protocol: 'sqs',
      endpoint: listed.Endpoint,
      rawMessageDelivery: true,
      filterPolicy: { a: ['b'] },
      subscriptionRoleArn: 'arn:aws:iam::1:role/r',
    });
  });

  it('a topic without DisplayName or tags reads as displayName "" and {} (as normalize writes them)', () => {
    const t = topicFromAws({ arn: ARN, attributes: { Policy: '' }, subscriptions: [{ protocol: 'sqs', endpoint: 'b', rawMessageDelivery: false }, { protocol: 'email', endpoint: 'a', rawMessageDelivery: false }], tags: undefined });
    expect(t).toEqual({
      kind: 'topic',
      name: 'alerts',
      displayName: '',
      tags: {},
      subscriptions: [
        { protocol: 'email', endpoint: 'a', rawMessageDelivery: false },
        { protocol: 'sqs', endpoint: 'b', rawMessageDelivery: false },
      ],
      policy: { sesConfigurationSets: [], cloudWatchAlarms: false },
    });
  });

  it('sends Subscribe attributes only where they differ from SNS defaults', () => {
    expect(subscribeAttributes({ protocol: 'email', endpoint: 'a@example.com', rawMessageDelivery: false })).toBeUndefined();
    expect(subscribeAttributes({ protocol: 'sqs', endpoint: 'q', rawMessageDelivery: true, filterPolicy: { a: ['b'] } })).toEqual({ RawMessageDelivery: 'true', FilterPolicy: '{"a":["b"]}' });
  });
});
