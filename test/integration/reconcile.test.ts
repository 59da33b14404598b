/**
 * Convergence over HTTP: the real CLI and the real AWS SDK against the emulator. The reconciler's best
 * test (DEVELOPERS): apply, then plan again and expect `No changes.`; change the file, plan, apply, plan.
 */
import { describe, expect, it } from 'vitest';
import {
  GetConfigurationSetCommand,
  GetConfigurationSetEventDestinationsCommand,
  PutConfigurationSetTrackingOptionsCommand,
  UpdateConfigurationSetEventDestinationCommand,
} from '@aws-sdk/client-sesv2';
import { CloudWatchClient, DescribeAlarmsCommand, GetDashboardCommand } from '@aws-sdk/client-cloudwatch';
import { sandboxPerFile, type Sandbox } from '../helpers/reconcile.js';
import { BASE, CW, HEAD, converge as convergeIn } from '../helpers/converge.js';

let sb: Sandbox;
sandboxPerFile((s) => (sb = s));

const converge = (yaml: string, ...flags: string[]) => convergeIn(sb, yaml, ...flags);

describe('plan and apply against the emulator', () => {
  it('creates from empty, then plans No changes (converges)', async () => {
    const file = sb.write(BASE);
    const first = await sb.plan(file, '--detailed-exitcode');
    expect(first.status).toBe(2);
    expect(first.stdout).toContain('Plan: 2 to create, 0 to update, 0 to replace, 0 to delete.');
    await converge(BASE);
    const plan = await sb.plan(file, '--detailed-exitcode');
    expect(plan.status).toBe(0);
  });

  it('apply without a terminal prints a line per finished call: what, how long, ok or the error', async () => {
    const file = sb.write(BASE);
    const applied = await sb.apply(file);
    expect(applied.stdout).toMatch(/^ {2}✓ CreateConfigurationSet prod \(\d+\.\d s\)$/m);
    expect(applied.stdout).toMatch(/^ {2}✓ CreateConfigurationSetEventDestination prod\/cw \(\d+\.\d s\)$/m);
    const changed = BASE.replace('  prod:\n', '  prod:\n    delivery: { tlsPolicy: REQUIRE }\n');
    sb.emulator.setFaults({ failOperations: { PutConfigurationSetDeliveryOptions: { code: 'BadRequestException', status: 400, message: 'no such pool' } } });
    const failed = await sb.apply(sb.write(changed));
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/^ {2}✗ PutConfigurationSetDeliveryOptions prod \(\d+\.\d s\): BadRequestException: no such pool$/m);
  });

  it('plan only reads: every call it makes is a Get, List or Describe, even with changes pending', async () => {
    const { readFileSync } = await import('node:fs');
    const full = readFileSync('examples/full.yaml', 'utf8').replace(/^#.*\n/gm, '');
    sb.emulator.clearCalls();
    const plan = await sb.plan(sb.write(full));
    expect(plan.stdout).toContain('Plan: 12 to create');
    const ops = Object.keys(sb.emulator.calls().byOperation).map((k) => k.split(':')[1] as string);
    expect(ops.length).toBeGreaterThan(4);
    expect(ops.filter((op) => !/^(Get|List|Describe)/.test(op))).toEqual([]);
  });

  it('shows no change when event types and dimensions are reordered', async () => {
    await converge(BASE);
    const reordered = BASE.replace('[SEND, DELIVERY, BOUNCE, COMPLAINT]', '[COMPLAINT, BOUNCE, DELIVERY, SEND]').replace(
      /( {12}ses:configuration-set.*\n)( {12}campaign.*\n)/,
      '$2$1',
    );
    expect(reordered).not.toBe(BASE);
    expect((await sb.plan(sb.write(reordered))).stdout).toContain('No changes.');
  });

  it.each([
    ['delivery', '    delivery: { tlsPolicy: REQUIRE, maxDeliverySeconds: 600 }\n'],
    ['reputation', '    reputationMetricsEnabled: true\n'],
    ['sending', '    sendingEnabled: false\n'],
    ['suppression', '    suppression: { reasons: [BOUNCE] }\n'],
    ['tracking', '    tracking: { customRedirectDomain: click.example.com, httpsPolicy: REQUIRE }\n'],
    ['vdm', '    vdm: { engagementMetrics: ENABLED, optimizedSharedDelivery: DISABLED }\n'],
    ['messageSecurity', '    messageSecurity: { signing: smime }\n'],
    ['archiving', '    archiveArn: arn:aws:ses:us-east-1:123456789012:mailmanager-archive/a-0123456789abcdef01234567\n'],
    ['tags', '    tags: { env: prod, team: mail }\n'],
  ])('changes the %s option group alone, and reverts it when the line is removed', async (group, line) => {
    await converge(BASE);
    const changed = BASE.replace('  prod:\n', `  prod:\n${line}`);
    const plan = await sb.plan(sb.write(changed));
    expect(plan.stdout).toContain('Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.');
    await converge(changed);
    if (group === 'sending') return; // omitted sendingEnabled is unmanaged: removing the line changes nothing
    const reverted = await sb.plan(sb.write(BASE));
    expect(reverted.stdout, group).toContain('Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.');
    await converge(BASE);
  });

  it('empties suppression reasons for real (read back from AWS)', async () => {
    await converge(BASE.replace('  prod:\n', '  prod:\n    suppression: { reasons: [BOUNCE, COMPLAINT] }\n'));
    await converge(BASE.replace('  prod:\n', '  prod:\n    suppression: { reasons: [] }\n'));
    const set = await sb.ses.send(new GetConfigurationSetCommand({ ConfigurationSetName: 'prod' }));
    expect(set.SuppressionOptions?.SuppressedReasons).toEqual([]);
  });

  it('sets S/MIME signing with one UpdateConfigurationSet carrying only MessageSecurityOptions, and reverts it to DefaultScheme', async () => {
    await converge(BASE);
    const smime = BASE.replace('  prod:\n', '  prod:\n    messageSecurity: { signing: smime }\n');
    const plan = await sb.plan(sb.write(smime));
    expect(plan.stdout).toContain('Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.');
    expect(plan.stdout).toMatch(/UpdateConfigurationSet prod/);
    expect(plan.stdout).not.toMatch(/PutConfigurationSet/);
    sb.emulator.clearCalls();
    await converge(smime);
    const writes = Object.keys(sb.emulator.calls().byOperation).map((k) => k.split(':')[1] as string).filter((op) => !/^(Get|List|Describe)/.test(op));
    expect(writes.sort()).toEqual(['TagResource', 'UpdateConfigurationSet']);
    expect((await sb.ses.send(new GetConfigurationSetCommand({ ConfigurationSetName: 'prod' }))).MessageSecurityOptions).toEqual({ SigningScheme: { SmimeScheme: { SignatureFormat: 'DETACHED' } } });
    // `signing: default` is the same as no option: nothing to do.
    expect((await sb.plan(sb.write(BASE.replace('  prod:\n', '  prod:\n    messageSecurity: { signing: default }\n')))).stdout).toContain('UpdateConfigurationSet prod');
    const reverted = await sb.plan(sb.write(BASE));
    expect(reverted.stdout).toContain('changed in file');
    expect(reverted.stdout).toMatch(/UpdateConfigurationSet prod/);
    await converge(BASE);
    expect((await sb.ses.send(new GetConfigurationSetCommand({ ConfigurationSetName: 'prod' }))).MessageSecurityOptions).toEqual({ SigningScheme: { DefaultScheme: {} } });
    expect((await sb.plan(sb.write(BASE.replace('  prod:\n', '  prod:\n    messageSecurity: { signing: default }\n')))).stdout).toContain('No changes.');
  });

  it('sets a suppression scope with PutConfigurationSetSuppressionOptions alone, and clears it when the file drops it', async () => {
    const reasons = BASE.replace('  prod:\n', '  prod:\n    suppression: { reasons: [BOUNCE] }\n');
    await converge(reasons);
    const scoped = BASE.replace('  prod:\n', '  prod:\n    suppression: { reasons: [BOUNCE], scope: TENANT }\n');
    const plan = await sb.plan(sb.write(scoped));
    expect(plan.stdout).toContain('Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.');
    expect(plan.stdout).toMatch(/PutConfigurationSetSuppressionOptions prod/);
    expect(plan.stdout).toMatch(/suppression\.scope/);
    await converge(scoped);
    expect((await sb.ses.send(new GetConfigurationSetCommand({ ConfigurationSetName: 'prod' }))).SuppressionOptions).toEqual({ SuppressedReasons: ['BOUNCE'], SuppressionScope: 'TENANT' });
    const reverted = await sb.plan(sb.write(reasons));
    expect(reverted.stdout).toContain('changed in file');
    expect(reverted.stdout).toMatch(/PutConfigurationSetSuppressionOptions prod/);
    await converge(reasons);
    expect((await sb.ses.send(new GetConfigurationSetCommand({ ConfigurationSetName: 'prod' }))).SuppressionOptions).toEqual({ SuppressedReasons: ['BOUNCE'] });
  });

  it('never sends an option the file omits (MaxDeliverySeconds stays unset)', async () => {
    await converge(BASE.replace('  prod:\n', '  prod:\n    delivery: { tlsPolicy: REQUIRE }\n'));
    const set = await sb.ses.send(new GetConfigurationSetCommand({ ConfigurationSetName: 'prod' }));
    expect(set.DeliveryOptions).toEqual({ TlsPolicy: 'REQUIRE' });
  });

  it('plans a value set outside ses-reconcile back to the file', async () => {
    await converge(BASE);
    await sb.ses.send(new PutConfigurationSetTrackingOptionsCommand({ ConfigurationSetName: 'prod', CustomRedirectDomain: 'x.example.com' }));
    const plan = await sb.plan(sb.write(BASE));
    expect(plan.stdout).toMatch(/tracking/);
    expect(plan.stdout).toContain('Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.');
    await converge(BASE);
  });

  const TYPES: [string, string, string][] = [
    ['sns', "        sns: { topicArn: 'arn:aws:sns:us-east-1:123456789012:a' }\n", "        sns: { topicArn: 'arn:aws:sns:us-east-1:123456789012:b' }\n"],
    [
      'kinesisFirehose',
      '        kinesisFirehose: { deliveryStreamArn: arn:aws:firehose:us-east-1:123456789012:deliverystream/a, iamRoleArn: arn:aws:iam::123456789012:role/r }\n',
      '        kinesisFirehose: { deliveryStreamArn: arn:aws:firehose:us-east-1:123456789012:deliverystream/b, iamRoleArn: arn:aws:iam::123456789012:role/r }\n',
    ],
    ['eventBridge', '        eventBridge: { eventBusArn: arn:aws:events:us-east-1:123456789012:event-bus/default }\n', '        eventBridge: { eventBusArn: arn:aws:events:us-east-1:123456789012:event-bus/default }\n        enabled: false\n'],
    [
      'pinpoint',
      '        pinpoint: { applicationArn: arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc }\n',
      '        pinpoint: { applicationArn: arn:aws:mobiletargeting:us-east-1:123456789012:apps/def }\n',
    ],
    ['cloudWatch', CW, CW.replace('default: none', 'default: n-a')],
  ];
  it.each(TYPES)('creates, changes and deletes a %s destination', async (type, create, change) => {
    // The sns case's topics are outside the file: made by hand first, as plan checks they exist.
    if (type === 'sns') await sb.setUp({ topics: ['a', 'b'] });
    await converge(BASE);
    const withDest = (def: string) => `${BASE}      extra:\n        events: [BOUNCE, COMPLAINT]\n${def}`;
    await converge(withDest(create));
    const plan = await sb.plan(sb.write(withDest(change)));
    expect(plan.stdout).toContain('Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.');
    await converge(withDest(change));
    const refused = await sb.apply(sb.write(BASE));
    expect(refused.status).toBe(4);
    expect(refused.stdout + refused.stderr).toMatch(/--allow-deletes/);
    await converge(BASE, '--allow-deletes');
    const dests = await sb.ses.send(new GetConfigurationSetEventDestinationsCommand({ ConfigurationSetName: 'prod' }));
    expect(dests.EventDestinations?.map((d) => d.Name)).toEqual(['cw']);
  });

  it('shows a renamed destination as a delete and a create', async () => {
    await converge(BASE);
    const renamed = BASE.replace('      cw:', '      metrics:');
    const plan = await sb.plan(sb.write(renamed), '--allow-deletes');
    expect(plan.stdout).toContain('Plan: 1 to create, 0 to update, 0 to replace, 1 to delete.');
    expect(plan.stdout).toMatch(/rename/);
    await converge(renamed, '--allow-deletes');
  });

  it('repairs a destination changed by hand, including its enabled flag', async () => {
    await converge(BASE);
    const got = await sb.ses.send(new GetConfigurationSetEventDestinationsCommand({ ConfigurationSetName: 'prod' }));
    const cw = got.EventDestinations?.[0];
    await sb.ses.send(
      new UpdateConfigurationSetEventDestinationCommand({
        ConfigurationSetName: 'prod',
        EventDestinationName: 'cw',
        EventDestination: { Enabled: false, MatchingEventTypes: ['SEND'], CloudWatchDestination: cw?.CloudWatchDestination },
      }),
    );
    const plan = await sb.plan(sb.write(BASE));
    expect(plan.stdout).toContain('Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.');
    await converge(BASE);
  });

  it('a preset and a generated dashboard read the set total of two CloudWatch destinations, or the one the file names', async () => {
    const file = (alarm: string, dashboard: string) => `${HEAD}configurationSets:
  prod:
    eventDestinations:
      by-set:
        events: [SEND, DELIVERY, BOUNCE, COMPLAINT]
        cloudWatch:
          dimensions:
            ses:configuration-set: { source: MESSAGE_TAG, default: prod }
      by-campaign:
        events: [SEND, DELIVERY, BOUNCE, COMPLAINT]
        cloudWatch:
          dimensions:
            campaign: { source: MESSAGE_TAG, default: none }
    alarms:
      bounceRate: { threshold: 3%${alarm} }
dashboards:
  SES-prod:
    configurationSets: [prod]
    accountMetrics: false${dashboard}
`;
    const cw = new CloudWatchClient({ endpoint: sb.emulator.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const read = async (): Promise<{ alarm: unknown[]; dashboard: unknown[] }> => {
      const alarms = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['app/prod/bounce-rate'] }));
      const alarm = (alarms.MetricAlarms?.[0]?.Metrics ?? []).flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric?.Dimensions] : []));
      const body = JSON.parse((await cw.send(new GetDashboardCommand({ DashboardName: 'SES-prod' }))).DashboardBody ?? '{}') as { widgets: { properties: { metrics?: unknown[][] } }[] };
      const dashboard = body.widgets.flatMap((w) => (w.properties.metrics ?? []).filter((m) => m[0] === 'AWS/SES').map((m) => m.slice(2, -1)));
      return { alarm, dashboard };
    };

    await converge(file('', ''));
    const own = await read();
    expect(own.alarm).toHaveLength(2);
    for (const d of own.alarm) expect(d).toEqual([{ Name: 'ses:configuration-set', Value: 'prod' }]);
    expect(own.dashboard.length).toBeGreaterThan(0);
    for (const d of own.dashboard) expect(d).toEqual(['ses:configuration-set', 'prod']);

    await converge(file(', destination: by-campaign', '\n    destinations: { prod: by-campaign }'));
    const named = await read();
    expect(named.alarm).toHaveLength(2);
    for (const d of named.alarm) expect(d).toEqual([{ Name: 'campaign', Value: 'none' }]);
    expect(named.dashboard.length).toBe(own.dashboard.length);
    for (const d of named.dashboard) expect(d).toEqual(['campaign', 'none']);
  });
});
