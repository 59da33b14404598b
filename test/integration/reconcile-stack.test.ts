/**
 * Convergence over HTTP, continued (reconcile.test.ts has sets and destinations): alarms, topics, the full
 * setup, dashboards across Regions, plan files, formats, targets, ownership and safety. Split from it so
 * the two run on separate workers.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CreateConfigurationSetCommand,
  GetConfigurationSetCommand,
  ListConfigurationSetsCommand,
  PutConfigurationSetTrackingOptionsCommand,
} from '@aws-sdk/client-sesv2';
import { CloudWatchClient, DescribeAlarmsCommand, GetDashboardCommand, PutDashboardCommand, PutMetricAlarmCommand, type PutMetricAlarmCommandInput } from '@aws-sdk/client-cloudwatch';
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, SetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { sandboxPerFile, type Sandbox } from '../helpers/reconcile.js';
import { BASE, HEAD, converge as convergeIn } from '../helpers/converge.js';

let sb: Sandbox;
sandboxPerFile((s) => (sb = s));

const converge = (yaml: string, ...flags: string[]) => convergeIn(sb, yaml, ...flags);

describe('alarms against the emulator', () => {
  const ALARMS = `${BASE}    alarms:\n      bounceRate: { threshold: 2%, minSends: 50 }\n      complaintRate: {}\nalarms:\n  app/rejects:\n    metric: Reject\n    statistic: Sum\n    period: 5m\n    threshold: 10\n    comparison: GreaterThanThreshold\n    notify: ['arn:aws:sns:us-east-1:123456789012:ops']\n`;
  const cw = () => new CloudWatchClient({ endpoint: sb.emulator.url, region: 'us-east-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } });
  // app/rejects notifies a topic the file does not manage: it must exist (the plan-time topic check).
  beforeEach(() => sb.setUp({ topics: ['ops'] }));

  it('creates preset and free-form alarms, converges, and repairs an alarm changed by hand (drift)', async () => {
    await converge(ALARMS);
    const described = await cw().send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'app/' }));
    expect(described.MetricAlarms?.map((a) => a.AlarmName).sort()).toEqual(['app/prod/bounce-rate', 'app/prod/complaint-rate', 'app/rejects']);
    const rate = described.MetricAlarms?.find((a) => a.AlarmName === 'app/prod/bounce-rate');
    expect(rate?.Metrics?.find((m) => m.ReturnData)?.Expression).toBe('IF(sends >= 50, bounces / sends, 0)');
    const rejects = described.MetricAlarms?.find((a) => a.AlarmName === 'app/rejects');
    await cw().send(new PutMetricAlarmCommand({ ...rejects, AlarmName: 'app/rejects', Threshold: 99 } as PutMetricAlarmCommandInput));
    const drift = await sb.plan(sb.write(ALARMS));
    expect(drift.stdout).toContain('alarm app/rejects  (changed outside ses-reconcile)');
    expect(drift.stdout).toContain('~ threshold: 99 -> 10');
    await converge(ALARMS);
  });

  it('deletes an alarm dropped from the file only with --allow-deletes, and leaves other stacks alone', async () => {
    await cw().send(new PutMetricAlarmCommand({ AlarmName: 'other/x/bounce-rate', MetricName: 'Bounce', Namespace: 'AWS/SES', Statistic: 'Sum', Period: 300, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold', Tags: [{ Key: 'ses-reconcile:stack', Value: 'other' }] }));
    await converge(ALARMS);
    const fewer = ALARMS.replace('      complaintRate: {}\n', '');
    // The PR's plan check fails as the merge's apply would: 4 after printing the plan, with the same flags.
    const planned = await sb.plan(sb.write(fewer), '--detailed-exitcode');
    expect(planned.status, planned.stdout).toBe(4);
    expect(planned.stdout).toContain('Plan: 0 to create, 0 to update, 0 to replace, 1 to delete.');
    expect((await sb.plan(sb.write(fewer), '--detailed-exitcode', '--allow-deletes')).status).toBe(2);
    expect((await sb.plan(sb.write(fewer), '--allow-deletes', '--max-deletes', '0')).status).toBe(4);
    const refused = await sb.apply(sb.write(fewer));
    expect(refused.status).toBe(4);
    await converge(fewer, '--allow-deletes');
    const names = (await cw().send(new DescribeAlarmsCommand({}))).MetricAlarms?.map((a) => a.AlarmName).sort();
    expect(names).toEqual(['app/prod/bounce-rate', 'app/rejects', 'other/x/bounce-rate']);
  });
});

describe('topics against the emulator', () => {
  const TOPICS = `${HEAD}topics:
  alerts:
    displayName: Alerts
    subscriptions:
      - { protocol: email, endpoint: ops@example.com }
      - { protocol: sqs, endpoint: 'arn:aws:sqs:us-east-1:123456789012:q', rawMessageDelivery: true }
configurationSets:
  prod:
    eventDestinations:
      feedback: { events: [BOUNCE, COMPLAINT], sns: { topic: alerts } }
`;
  const sns = () => new SNSClient({ endpoint: sb.emulator.url, region: 'us-east-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } });
  const arn = 'arn:aws:sns:us-east-1:123456789012:alerts';

  it('creates a topic with the policy SES needs, reports the pending email, and converges', async () => {
    await converge(TOPICS);
    const plan = await sb.plan(sb.write(TOPICS));
    expect(plan.stdout).toContain('subscription pending confirmation: alerts email:ops@example.com');
    const attrs = (await sns().send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes ?? {};
    expect(attrs.DisplayName).toBe('Alerts');
    expect(JSON.stringify(JSON.parse(attrs.Policy ?? '{}'))).toContain('ses.amazonaws.com');
  });

  it('unsubscribes what the file drops and repairs a display name changed by hand', async () => {
    await converge(TOPICS);
    await sns().send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'DisplayName', AttributeValue: 'Hand-made' }));
    const drift = await sb.plan(sb.write(TOPICS));
    expect(drift.stdout).toContain('topic alerts  (changed outside ses-reconcile)');
    const fewer = TOPICS.replace("      - { protocol: sqs, endpoint: 'arn:aws:sqs:us-east-1:123456789012:q', rawMessageDelivery: true }\n", '');
    await converge(fewer);
    const subs = (await sns().send(new ListSubscriptionsByTopicCommand({ TopicArn: arn }))).Subscriptions ?? [];
    expect(subs.map((x) => x.Protocol)).toEqual(['email']);
    expect((await sns().send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes?.DisplayName).toBe('Alerts');
  });
});

describe('the full monitoring setup', () => {
  it('applies examples/full.yaml from one file, converges, and repairs a dashboard edited by hand', async () => {
    const { readFileSync } = await import('node:fs');
    const full = readFileSync('examples/full.yaml', 'utf8').replace(/^#.*\n/gm, '');
    const out = await converge(full);
    expect(out).toContain('Apply complete! 12 created');
    const cw = new CloudWatchClient({ endpoint: sb.emulator.url, region: 'us-east-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } });
    await cw.send(new PutDashboardCommand({ DashboardName: 'SES-Email-Monitoring', DashboardBody: JSON.stringify({ widgets: [] }) }));
    const drift = await sb.plan(sb.write(full));
    expect(drift.stdout).toContain('~ dashboard SES-Email-Monitoring');
    await converge(full);
  });
});

describe('dashboards are global, the stack is applied per Region', () => {
  const cw = () => new CloudWatchClient({ endpoint: sb.emulator.url, region: 'us-east-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } });
  const tagsOf = async (name: string) => {
    const { ListTagsForResourceCommand } = await import('@aws-sdk/client-cloudwatch');
    const tags = await cw().send(new ListTagsForResourceCommand({ ResourceARN: `arn:aws:cloudwatch::123456789012:dashboard/${name}` }));
    return Object.fromEntries((tags.Tags ?? []).map((t) => [t.Key, t.Value]));
  };
  const fullAnyRegion = async () => {
    const { readFileSync } = await import('node:fs');
    return readFileSync('examples/full.yaml', 'utf8').replace(/^#.*\n/gm, '').replace(/^region: .*\n/m, '');
  };

  it("one stack in two Regions: the second leaves the first's dashboard alone, says whose it is, and neither flips it", async () => {
    const full = await fullAnyRegion();
    const file = sb.write(full);
    const east = await sb.apply(file, '--region', 'us-east-1');
    expect(east.status, east.stdout + east.stderr).toBe(0);
    expect(await tagsOf('SES-Email-Monitoring')).toMatchObject({ 'ses-reconcile:stack': 'email-platform', 'ses-reconcile:region': 'us-east-1' });
    const before = (await cw().send(new GetDashboardCommand({ DashboardName: 'SES-Email-Monitoring' }))).DashboardBody;

    const west = await sb.plan(file, '--region', 'us-west-2');
    expect(west.stdout).toContain('dashboards are global, and this one belongs to stack "email-platform" in us-east-1');
    const refused = await sb.apply(file, '--region', 'us-west-2');
    expect(refused.status).toBe(4);
    expect((await cw().send(new GetDashboardCommand({ DashboardName: 'SES-Email-Monitoring' }))).DashboardBody).toBe(before);
    expect(await tagsOf('SES-Email-Monitoring')).toMatchObject({ 'ses-reconcile:region': 'us-east-1' });
    expect((await sb.plan(file, '--region', 'us-east-1')).stdout).toContain('No changes.');

    expect(west.stdout).toContain('writing {region} in its name (SES-Email-Monitoring-{region})');

    // One file, `{region}` in the name: each Region converges on its own dashboard, and neither touches the first.
    const perRegion = sb.write(full.replace('SES-Email-Monitoring:', 'SES-Email-Monitoring-{region}:'), 'per-region.yaml');
    const westApplied = await sb.apply(perRegion, '--region', 'us-west-2', '--allow-deletes');
    expect(westApplied.status, westApplied.stdout + westApplied.stderr).toBe(0);
    expect(westApplied.stdout).toContain('+ dashboard SES-Email-Monitoring-us-west-2');
    expect(westApplied.stdout).toContain('tagged for stack email-platform in us-west-2');
    expect((await sb.plan(perRegion, '--region', 'us-west-2')).stdout).toContain('No changes.');
    expect((await sb.plan(file, '--region', 'us-east-1')).stdout).toContain('No changes.');
    expect(await tagsOf('SES-Email-Monitoring-us-west-2')).toMatchObject({ 'ses-reconcile:region': 'us-west-2' });
  });

  it('tags a dashboard made before dashboards carried their Region with TagResource, then converges', async () => {
    const full = await fullAnyRegion();
    await converge(full, '--region', 'us-east-1');
    const { UntagResourceCommand } = await import('@aws-sdk/client-cloudwatch');
    await cw().send(new UntagResourceCommand({ ResourceARN: 'arn:aws:cloudwatch::123456789012:dashboard/SES-Email-Monitoring', TagKeys: ['ses-reconcile:region'] }));
    const p = await sb.plan(sb.write(full), '--region', 'us-east-1');
    expect(p.stdout).toContain('TagResource dashboard SES-Email-Monitoring');
    expect(p.stdout).not.toContain('PutDashboard');
    await converge(full, '--region', 'us-east-1');
    expect(await tagsOf('SES-Email-Monitoring')).toMatchObject({ 'ses-reconcile:region': 'us-east-1' });
  });
});

describe('plan files, formats and targets', () => {
  it('applies a saved plan, and refuses it (exit 4) once the live state changed', async () => {
    const file = sb.write(BASE);
    const planFile = `${sb.dir}/saved.plan.json`;
    const made = await sb.plan(file, '--out', planFile);
    expect(made.status).toBe(0);
    const applied = await sb.run(['apply', planFile, '--auto-approve']);
    expect(applied.status, applied.stderr).toBe(0);
    expect((await sb.plan(file)).stdout).toContain('No changes.');

    const changed = BASE.replace('  prod:\n', '  prod:\n    reputationMetricsEnabled: true\n');
    await sb.plan(sb.write(changed), '--out', planFile);
    await sb.ses.send(new PutConfigurationSetTrackingOptionsCommand({ ConfigurationSetName: 'prod', CustomRedirectDomain: 'x.example.com' }));
    const stale = await sb.run(['apply', planFile, '--auto-approve']);
    expect(stale.status).toBe(4);
    expect(stale.stderr).toContain('is stale');
    const set = await sb.ses.send(new GetConfigurationSetCommand({ ConfigurationSetName: 'prod' }));
    expect(set.ReputationOptions?.ReputationMetricsEnabled).toBe(false);
  });

  it('refuses a plan file of another format version (exit 3)', async () => {
    const planFile = `${sb.dir}/old.plan.json`;
    await sb.plan(sb.write(BASE), '--out', planFile);
    const { readFileSync, writeFileSync } = await import('node:fs');
    writeFileSync(planFile, readFileSync(planFile, 'utf8').replace('"formatVersion": 1', '"formatVersion": 2'));
    const r = await sb.run(['apply', planFile, '--auto-approve']);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('expected 1, received 2');
  });

  it('prints the JSON plan and a markdown comment', async () => {
    const file = sb.write(BASE);
    const json = JSON.parse((await sb.plan(file, '--format', 'json')).stdout) as { formatVersion: number; stack: string; region: string; changes: { action: string; type: string; id: string; reason: string }[]; summary: object };
    expect(json).toMatchObject({ formatVersion: 1, stack: 'app', region: 'us-east-1', summary: { create: 2, update: 0, replace: 0, delete: 0 } });
    expect(json.changes.map((c) => [c.action, c.type, c.id, c.reason])).toEqual([
      ['create', 'configurationSet', 'prod', 'new in file'],
      ['create', 'eventDestination', 'prod/cw', 'new in file'],
    ]);
    const md = (await sb.plan(file, '--format', 'markdown')).stdout;
    expect(md).toContain('<details>');
    expect(md.length).toBeLessThan(65_536);
  });

  it('limits a run to --target and says why an unchanged file still has changes', async () => {
    const two = `${BASE}  other:\n    eventDestinations:\n      e: { events: [BOUNCE, COMPLAINT], eventBridge: { eventBusArn: arn:aws:events:us-east-1:123456789012:event-bus/default } }\n`;
    const file = sb.write(two);
    // A typo is an error naming the closest id, before anything is changed.
    const typo = await sb.apply(file, '--target', 'otehr/e');
    expect(typo.status).toBe(3);
    expect(typo.stderr).toContain('--target otehr/e names no resource of the file or of stack app; did you mean --target other/e?');
    expect((await sb.ses.send(new ListConfigurationSetsCommand({}))).ConfigurationSets).toEqual([]);
    const targeted = await sb.apply(file, '--target', 'other/e');
    expect(targeted.stdout).toContain('Plan: 2 to create, 0 to update, 0 to replace, 0 to delete.');
    expect((await sb.ses.send(new ListConfigurationSetsCommand({}))).ConfigurationSets).toEqual(['other']);
    await converge(two);
    await sb.ses.send(new PutConfigurationSetTrackingOptionsCommand({ ConfigurationSetName: 'prod', CustomRedirectDomain: 'x.example.com' }));
    const drift = await sb.plan(file);
    expect(drift.stdout).toContain('configurationSet prod  (changed outside ses-reconcile)');
  });
});

describe('ownership and safety against the emulator', () => {
  it('leaves a set of another stack and a hand-made set untouched, even with --allow-deletes', async () => {
    await sb.ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'theirs', Tags: [{ Key: 'ses-reconcile:stack', Value: 'other' }] }));
    await sb.ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'manual' }));
    await converge(BASE, '--allow-deletes');
    const list = await sb.ses.send(new ListConfigurationSetsCommand({}));
    expect(new Set(list.ConfigurationSets)).toEqual(new Set(['theirs', 'manual', 'prod']));
  });

  it('refuses to take over a hand-made set with the file name until --adopt', async () => {
    await sb.ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'prod' }));
    const refused = await sb.apply(sb.write(BASE));
    expect(refused.status).toBe(4);
    expect(refused.stdout).toMatch(/--adopt/);
    await converge(BASE, '--adopt');
    const set = await sb.ses.send(new GetConfigurationSetCommand({ ConfigurationSetName: 'prod' }));
    expect(set.Tags).toContainEqual({ Key: 'ses-reconcile:stack', Value: 'app' });
  });

  it('refuses deletes over --max-deletes with the measured number', async () => {
    await converge(`${BASE}  two: {}\n  three: {}\n`);
    const r = await sb.apply(sb.write(BASE), '--allow-deletes', '--max-deletes', '1');
    expect(r.status).toBe(4);
    expect(r.stdout + r.stderr).toContain('2 deletes exceed --max-deletes 1; re-run with --max-deletes 2');
  });

  it('asks for approval on a terminal: "yes" applies with progress, anything else refuses (exit 4)', async () => {
    const file = sb.write(BASE);
    const no = await sb.run(['apply', '-c', file], 'no\n', true);
    expect(no.status).toBe(4);
    expect(no.stdout).toContain("Only 'yes' will be accepted");
    expect((await sb.ses.send(new ListConfigurationSetsCommand({}))).ConfigurationSets).toEqual([]);
    const yes = await sb.run(['apply', '-c', file], 'yes\n', true);
    expect(yes.status).toBe(0);
    expect(yes.stdout).toMatch(/\[1\/2\] create configurationSet prod/);
    expect(yes.stdout).toContain('Apply complete! 2 created');
  });

  it('refuses without --auto-approve when stdin is not a terminal', async () => {
    const r = await sb.run(['apply', '-c', sb.write(BASE)]);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain('--auto-approve');
    expect((await sb.ses.send(new ListConfigurationSetsCommand({}))).ConfigurationSets).toEqual([]);
  });

  it('reports a failure mid-apply (done / failed / not attempted), exits 1, and a re-run converges', async () => {
    const two = `${BASE}      second:\n        events: [DELIVERY]\n        eventBridge: { eventBusArn: arn:aws:events:us-east-1:123456789012:event-bus/default }\n`;
    sb.emulator.setFaults({ failOperations: { CreateConfigurationSetEventDestination: { code: 'InternalFailure', status: 500, times: 10 } } });
    const r = await sb.apply(sb.write(two), '--concurrency', '1');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/Done \(1\):\n {2}✓ create configurationSet prod/);
    expect(r.stdout).toMatch(/Failed \(1\):\n {2}✗ create eventDestination prod\/cw: CreateConfigurationSetEventDestination prod\/cw failed: InternalFailure/);
    expect(r.stdout).toMatch(/Not attempted \(1\):\n {2}- create eventDestination prod\/second/);
    sb.emulator.setFaults({});
    await converge(two);
  });

  it("re-records an alarm's digest when its TagResource failed mid-apply: the re-run shows the tag call, then converges", async () => {
    const alarm = `${BASE}alarms:\n  app/rejects: { metric: Reject, statistic: Sum, period: 5m, threshold: 12, comparison: GreaterThanThreshold }\n`;
    await converge(alarm);
    const raised = alarm.replace('threshold: 12', 'threshold: 20');
    sb.emulator.setFaults({ failOperations: { 'cloudwatch:TagResource': { code: 'InternalServiceFault', status: 500, times: 20 } } });
    const failed = await sb.apply(sb.write(raised));
    expect(failed.status, failed.stdout).toBe(1);
    expect(failed.stdout).toMatch(/TagResource alarm app\/rejects failed: InternalServiceFault/);
    expect(failed.stdout).toContain('(1 of 2 calls of this change were made)');
    sb.emulator.setFaults({});
    const rerun = await sb.plan(sb.write(raised));
    expect(rerun.stdout).toMatch(/~ alarm app\/rejects/);
    expect(rerun.stdout).toContain('TagResource alarm app/rejects');
    expect(rerun.stdout).not.toContain('PutMetricAlarm');
    await converge(raised);
    const revert = await sb.plan(sb.write(alarm));
    expect(revert.stdout).toContain('changed in file');
    expect(revert.stdout).not.toContain('changed outside');
  });

  it('exits 3 on an invalid file without any AWS call', async () => {
    sb.emulator.clearCalls();
    const r = await sb.plan(sb.write(`${HEAD}configurationSets: { "bad name": {} }\n`));
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('is not a valid configuration set name');
    expect(sb.emulator.calls().total).toBe(0);
  });

  it('refuses an account other than the file accountId (exit 4) before reading', async () => {
    sb.emulator.clearCalls();
    const r = await sb.plan(sb.write(`${HEAD}accountId: "999999999999"\n`));
    expect(r.status).toBe(4);
    expect(r.stderr).toContain('account 999999999999');
    expect(Object.keys(sb.emulator.calls().byOperation)).toEqual(['sts:GetCallerIdentity']);
  });
});
