/**
 * `export`, the way in, over HTTP against the emulator with the real CLI and SDK: the contract is the
 * round trip. On an account the stack owns, `plan -c <export>` says `No changes.`; on a hand-made
 * account, plan shows only adoption rows, `apply --adopt` makes only tag calls (and the topic policy
 * statements the file's sets and alarms need, which export warns about), and plan then says `No changes.`
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CreateConfigurationSetCommand } from '@aws-sdk/client-sesv2';
import { GetTopicAttributesCommand, SetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { ROOT } from '../helpers/cli.js';
import { sandboxPerFile, type Sandbox } from '../helpers/reconcile.js';

let sb: Sandbox;
sandboxPerFile((s) => (sb = s));

const credentials = { accessKeyId: 't', secretAccessKey: 't' };
const cw = () => new CloudWatchClient({ endpoint: sb.emulator.url, region: 'us-east-1', credentials });

/**
 * The hand-made setup of the README's sandbox (scripts/seed-hand-made.mjs), made with plain SDK calls. Not
 * execFileSync: the emulator answers from this process's event loop.
 */
async function seedHandMade(sets = 3): Promise<void> {
  await promisify(execFile)(process.execPath, [join(ROOT, 'scripts/seed-hand-made.mjs'), '--endpoint-url', sb.emulator.url, '--sets', String(sets)], {
    env: { ...process.env, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 't', AWS_SECRET_ACCESS_KEY: 't' },
  });
}

/** Export to a file of the sandbox and return its path, after checking it validates. */
async function exported(...flags: string[]): Promise<{ file: string; text: string; stderr: string }> {
  const r = await sb.run(['export', ...flags]);
  expect(r.status, r.stderr).toBe(0);
  const file = join(sb.dir, `export-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, r.stdout);
  const valid = await sb.run(['validate', '-c', file]);
  expect(valid.status, valid.stdout + valid.stderr).toBe(0);
  return { file, text: r.stdout, stderr: r.stderr };
}

/** `service:Operation` of every call the emulator served since the last clearCalls. */
const callsOf = () => Object.keys(sb.emulator.calls().byOperation);

describe('export: a hand-made account, adopted', () => {
  it('export -> plan (only adoption rows) -> apply --adopt (only tag and policy calls) -> plan: No changes.', async () => {
    await seedHandMade();
    // A grant made by hand to another account: ses-reconcile does not own it, so adoption must keep it.
    const sns = new SNSClient({ endpoint: sb.emulator.url, region: 'us-east-1', credentials });
    const alertsArn = 'arn:aws:sns:us-east-1:123456789012:ses-alerts';
    const before = JSON.parse((await sns.send(new GetTopicAttributesCommand({ TopicArn: alertsArn }))).Attributes?.Policy ?? '{}') as { Statement: object[] };
    const grant = { Sid: 'partner-subscribe', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'SNS:Subscribe', Resource: alertsArn };
    await sns.send(new SetTopicAttributesCommand({ TopicArn: alertsArn, AttributeName: 'Policy', AttributeValue: JSON.stringify({ ...before, Statement: [...before.Statement, grant] }) }));
    const { file, text, stderr } = await exported('--stack', 'mail');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=https://github.com/ses-reconcile/ses-reconcile/raw/main/schema/ses-reconcile.schema.json');
    // References by name where the target is in the file; AWS defaults and ses-reconcile's tags left out.
    expect(text).toContain('sns: { topic: ses-events }');
    expect(text).toContain('notify: [ ses-alerts ]');
    expect(text).toContain('period: 1h');
    expect(text).not.toMatch(/tlsPolicy: OPTIONAL|ses-reconcile:|actionsEnabled|arn:aws:sns/);
    // The topics' policies do not grant SES and CloudWatch yet: adopting writes them, and export says so first.
    expect(stderr).toContain('warning: topic:ses-events: its policy does not grant');

    const plan = await sb.plan(file, '--detailed-exitcode');
    expect(plan.status, plan.stdout + plan.stderr).toBe(4); // apply without --adopt would refuse: so does the PR's plan check
    expect(plan.stdout).toContain('re-run apply with --adopt to manage it');
    const rows = plan.stdout.match(/^ {2}[~+-] \w+ .*$/gm) ?? [];
    expect(rows.length, plan.stdout).toBe(3 + 6 + 2 + 1); // sets, alarms, topics, the dashboard
    for (const row of rows) expect(row).toMatch(/^ {2}~ \w+ .+ {2}\(adopted\)$/);

    sb.emulator.clearCalls();
    const adopted = await sb.apply(file, '--adopt');
    expect(adopted.status, adopted.stdout + adopted.stderr).toBe(0);
    const writes = callsOf().filter((op) => !/:(Get|List|Describe)/.test(op));
    expect(writes.sort()).toEqual(['cloudwatch:TagResource', 'sesv2:TagResource', 'sns:SetTopicAttributes', 'sns:TagResource']);
    // The policy now grants CloudWatch, and still holds AWS's default statement and the partner's grant.
    const after = JSON.parse((await sns.send(new GetTopicAttributesCommand({ TopicArn: alertsArn }))).Attributes?.Policy ?? '{}') as { Statement: { Sid?: string }[] };
    expect(after.Statement.map((x) => x.Sid)).toEqual(['ses-reconcile-cloudwatch', '__default_statement_ID', 'partner-subscribe']);
    expect(after.Statement[2]).toEqual(grant);

    const again = await sb.plan(file, '--detailed-exitcode');
    expect(again.status, again.stdout).toBe(0);
    expect(again.stdout).toContain('No changes.');
    // Once owned, export finds the stack by its tag and writes the same file.
    const second = await exported();
    expect(second.text.replace(/^# Exported.*$/m, '')).toBe(text.replace(/^# Exported.*$/m, ''));
  });

  it('-o DIR writes a file per configuration set and shared.yaml, which plan reads as one configuration', async () => {
    await seedHandMade(2);
    const dir = join(sb.dir, 'exported/');
    const r = await sb.run(['export', '--stack', 'mail', '-o', dir]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Exported 2 configuration set(s), 4 alarm(s), 2 topic(s), 1 dashboard(s), 0 tenant(s) of stack mail to ${dir}`);
    expect(readdirSync(dir).sort()).toEqual(['set-mail-1.yaml', 'set-mail-2.yaml', 'shared.yaml']);
    expect(readFileSync(join(dir, 'set-mail-1.yaml'), 'utf8')).toMatch(/^stack: mail$/m);
    expect((await sb.apply(dir, '--adopt')).status).toBe(0);
    expect((await sb.plan(dir)).stdout).toContain('No changes.');
    // It never overwrites: a second export into the same directory is refused before any AWS call.
    sb.emulator.clearCalls();
    const again = await sb.run(['export', '--stack', 'mail', '-o', dir]);
    expect(again.status).toBe(3);
    expect(again.stderr).toContain('already holds YAML files');
    expect(callsOf()).toEqual([]);
  });

  it('leaves out, with a comment and a warning, an alarm the format cannot express', async () => {
    await sb.ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'solo' }));
    await cw().send(
      new PutMetricAlarmCommand({
        AlarmName: 'send anomaly',
        EvaluationPeriods: 1,
        ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold',
        ThresholdMetricId: 'band',
        Metrics: [
          { Id: 'm', MetricStat: { Metric: { Namespace: 'AWS/SES', MetricName: 'Send' }, Period: 300, Stat: 'Sum' }, ReturnData: true },
          { Id: 'band', Expression: 'ANOMALY_DETECTION_BAND(m, 2)', ReturnData: true },
        ],
      }),
    );
    const { file, text, stderr } = await exported('--stack', 'solo');
    expect(stderr).toMatch(/warning: left out: alarm send anomaly is an anomaly-detection alarm/);
    expect(text).toMatch(/^# left out \(the file cannot express it\): alarm send anomaly is an anomaly-detection alarm/m);
    expect((await sb.apply(file, '--adopt')).status).toBe(0);
    expect((await sb.plan(file)).stdout).toContain('No changes.');
  });
});

describe('export: an account the stack owns', () => {
  it('examples/full.yaml applied, exported: presets as presets, shared tags at the top, and plan says No changes.', async () => {
    const full = readFileSync(join(ROOT, 'examples/full.yaml'), 'utf8');
    const raw = join(sb.dir, 'full.yaml');
    writeFileSync(raw, full);
    expect((await sb.apply(raw)).status).toBe(0);
    const { file, text } = await exported();
    expect(text).toMatch(/^stack: email-platform$/m);
    expect(text).toMatch(/^ {6}bounceRate:\n {8}threshold: 3%$/m);
    expect(text).toMatch(/^accountAlarms:$/m);
    expect(text).toMatch(/^tags:\n {2}team: email$/m);
    const plan = await sb.plan(file, '--detailed-exitcode');
    expect(plan.status, plan.stdout).toBe(0);
  });

  it('every option group and destination type round-trips, names that need quoting included', async () => {
    const yaml = `stack: every
region: us-east-1
topics:
  "yes":
    displayName: "on: call #1"
    subscriptions:
      - { protocol: email, endpoint: a@example.com }
      - { protocol: sqs, endpoint: "arn:aws:sqs:us-east-1:123456789012:q", rawMessageDelivery: true, filterPolicy: { severity: [high] } }
configurationSets:
  "123":
    sendingEnabled: false
    reputationMetricsEnabled: true
    delivery: { tlsPolicy: REQUIRE, maxDeliverySeconds: 600 }
    tracking: { customRedirectDomain: click.example.com, httpsPolicy: REQUIRE }
    suppression: { reasons: [], validation: { conditionThreshold: ENABLED, confidenceVerdictThreshold: HIGH }, scope: TENANT }
    vdm: { engagementMetrics: ENABLED, optimizedSharedDelivery: DISABLED }
    messageSecurity: { signing: smime }
    archiveArn: arn:aws:ses:us-east-1:123456789012:mailmanager-archive/a-0123456789abcdef01234567
    tags: { "true": "null" }
    eventDestinations:
      cw:
        events: [SEND, BOUNCE, COMPLAINT, REJECT, DELIVERY]
        cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: "123" } } }
      by-campaign:
        events: [CLICK]
        cloudWatch: { dimensions: { campaign: { source: EMAIL_HEADER, default: none } } }
      sns: { events: [BOUNCE], sns: { topic: "yes" } }
      firehose:
        enabled: false
        events: [OPEN]
        kinesisFirehose: { deliveryStreamArn: arn:aws:firehose:us-east-1:123456789012:deliverystream/s, iamRoleArn: arn:aws:iam::123456789012:role/r }
      bus: { events: [CLICK], eventBridge: { eventBusArn: arn:aws:events:us-east-1:123456789012:event-bus/default } }
      pin: { events: [SEND], pinpoint: { applicationArn: arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc } }
    alarms:
      bounceRate: { threshold: 2%, minSends: 50, period: 30m, notify: ["yes"] }
      rejects: { threshold: 3, evaluationPeriods: 3, datapointsToAlarm: 2 }
alarms:
  "complaints: high #1":
    metric: Complaint
    dimensions: { ses:configuration-set: "123" }
    statistic: Sum
    threshold: 2
    comparison: GreaterThanThreshold
    actionsEnabled: false
    notify: ["yes"]
dashboards:
  every-ses: { configurationSets: ["123"], period: 5m }
`;
    // Confirmed subscriptions, so their attributes (raw delivery, filter policy) are read and exported too.
    sb.emulator.configure('sns', { autoConfirm: true });
    const made = await sb.apply(sb.write(yaml));
    expect(made.status, made.stdout + made.stderr).toBe(0);
    const { file, text } = await exported();
    expect(text).toContain('"123":');
    expect(text).toMatch(/"complaints: high #1":/);
    expect(text).toMatch(/bounceRate:\n {8}threshold: 2%\n {8}period: 30m/);
    expect(text).toContain('rawMessageDelivery: true');
    expect(text).toMatch(/filterPolicy:/);
    expect(text).toContain('scope: TENANT');
    expect(text).toContain('messageSecurity: { signing: smime }');
    const plan = await sb.plan(file, '--detailed-exitcode');
    expect(plan.status, plan.stdout).toBe(0);
  });
});

describe('export: which sets', () => {
  it('--select keeps the matching sets and what they use; sets of another stack are never exported', async () => {
    const stack = (name: string, sets: string[]) =>
      `stack: ${name}\nregion: us-east-1\nconfigurationSets:\n${sets.map((s) => `  ${s}:\n    eventDestinations:\n      cw: { events: [SEND, BOUNCE], cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: ${s} } } } }\n    alarms:\n      bounceRate: { threshold: 4% }\n`).join('')}`;
    expect((await sb.apply(sb.write(stack('alpha', ['a-1', 'a-2']), 'a.yaml'))).status).toBe(0);
    expect((await sb.apply(sb.write(stack('beta', ['b-1']), 'b.yaml'))).status).toBe(0);
    await sb.ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'a-handmade' }));

    const several = await sb.run(['export']);
    expect(several.status).toBe(3);
    expect(several.stderr).toContain('several stacks (alpha, beta)');

    const { text, stderr } = await exported('--stack', 'alpha', '--select', 'a-?');
    expect(text).toMatch(/^ {2}a-1:$/m);
    expect(text).toMatch(/^ {2}a-2:$/m);
    expect(text).not.toMatch(/a-handmade|b-1/);

    const all = await exported('--stack', 'alpha');
    expect(all.text).toMatch(/^ {2}a-handmade: \{\}$/m);
    expect(all.text).not.toContain('b-1');
    expect(all.stderr).toContain('left out 1 configuration set(s) another stack owns: b-1');
    expect(stderr).not.toContain('another stack'); // b-1 does not match the selection: not even read
  });
});
