/**
 * Apply-time failures caught at plan time (issue 15 item 3; plan/preflight.ts): a target in another
 * Region refuses plan and apply with exit 3 and the file's line, before any write; a passing file still converges, and a file without these features costs no extra call.
 */
import { describe, expect, it } from 'vitest';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { sandboxPerFile, type Sandbox } from '../helpers/reconcile.js';
import { BASE, converge } from '../helpers/converge.js';

let sb: Sandbox;
sandboxPerFile((s) => (sb = s));

const READS = /^(Get|List|Describe)/;
const writes = () => sb.emulator.calls().calls.filter((c) => !READS.test(c.operation) && c.service !== 'sts' && c.service !== 'tagging');

const snsDestination = (arn: string) => `stack: app
configurationSets:
  prod:
    eventDestinations:
      bounces:
        events: [BOUNCE]
        sns: { topicArn: ${arn} }
`;

describe('plan-time checks', () => {
  it('a topic ARN outside the file still converges (its existence is not checked yet)', async () => {
    const sns = new SNSClient({ endpoint: sb.emulator.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const made = await sns.send(new CreateTopicCommand({ Name: 'made-by-hand' }));
    await converge(sb, snsDestination(made.TopicArn as string));
  });

  it('a Firehose stream in another Region than the stack (no region: in the file): exit 3, no call to SES', async () => {
    const file = sb.write(`stack: app
configurationSets:
  prod:
    eventDestinations:
      fh:
        events: [SEND]
        kinesisFirehose:
          deliveryStreamArn: arn:aws:firehose:eu-west-1:123456789012:deliverystream/ses-events
          iamRoleArn: arn:aws:iam::123456789012:role/ses-to-firehose
`);
    const r = await sb.plan(file);
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr).toContain(`${file}:9:`);
    expect(r.stderr).toMatch(/target-region/);
    expect(sb.emulator.calls().calls.filter((c) => c.service === 'sesv2')).toEqual([]);
  });

  it('a file without topic ARNs makes no plan-time call', async () => {
    const r = await sb.plan(sb.write(BASE));
    expect(r.status, r.stderr).toBe(0);
    const ops = sb.emulator.calls().calls.map((c) => c.operation);
    expect(ops).not.toContain('GetTopicAttributes');
    expect(ops).not.toContain('ListEmailIdentities');
    expect(ops).not.toContain('ListDedicatedIpPools');
  });
});
