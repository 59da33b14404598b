import { describe, expect, it } from 'vitest';
import { iamPolicy, operationsFor } from '../../../src/plan/permissions.js';
import { stateOf } from '../../../src/model/state.js';

const o = { stack: 's', region: 'us-east-1', accountId: '123456789012' } as const;
const names = (ops: ReturnType<typeof operationsFor>) => ops.map((x) => `${x.service}:${x.name}:${x.target}`);

describe('iam-policy and the plan-time checks', () => {
  it('grants the checks\' reads only for the features the file uses', () => {
    const none = names(operationsFor({ for: 'plan', preflight: { identities: false, pools: false, topicArns: [] } }));
    expect(none.filter((n) => /ListEmailIdentities|ListDedicatedIpPools|referencedTopic/.test(n))).toEqual([]);
    const all = names(operationsFor({ for: 'apply', preflight: { identities: true, pools: true, topicArns: ['arn:aws:sns:us-east-1:1:t'] } }));
    expect(all).toEqual(expect.arrayContaining(['sesv2:ListEmailIdentities:account', 'sesv2:ListDedicatedIpPools:account', 'sns:GetTopicAttributes:referencedTopic']));
  });

  it('lists on *, reads an outside topic on its ARN only', () => {
    const p = iamPolicy(stateOf([]), { ...o, for: 'plan', preflight: { identities: true, pools: true, topicArns: ['arn:aws:sns:us-east-1:210987654321:partner'] } });
    expect(p.Statement.find((s) => s.Sid === 'AccountWide')?.Action).toEqual(expect.arrayContaining(['ses:ListDedicatedIpPools', 'ses:ListEmailIdentities']));
    expect(p.Statement.find((s) => s.Sid === 'ReferencedTopics')).toEqual({ Sid: 'ReferencedTopics', Effect: 'Allow', Action: ['sns:GetTopicAttributes'], Resource: ['arn:aws:sns:us-east-1:210987654321:partner'] });
  });
});
