/**
 * iam-policy against what the tool really calls: for every example, plan and apply run against the
 * emulator, and every call the emulator logs is an action the policy for that command grants; over a
 * lifecycle that exercises every operation (create, update every option group and tag, replace a
 * subscription, delete, list with --discovery scan), the calls use every action the policy grants, so
 * it grants nothing that no call needs. The resource scoping is checked on the policy itself (the file's
 * ARNs, the stack's name prefix, the stack tag), as the emulator enforces no IAM.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../src/plan/permissions.js';
import { ROOT } from '../helpers/cli.js';
import { load } from '../helpers/config.js';
import { sandboxPerFile, type Sandbox } from '../helpers/reconcile.js';

let sb: Sandbox;
sandboxPerFile((s) => (sb = s));

const PREFIX: Readonly<Record<string, string>> = { sesv2: 'ses', cloudwatch: 'cloudwatch', sns: 'sns', tagging: 'tag' };

/** The IAM actions of the calls logged since the last clear (GetCallerIdentity needs none). */
function calledActions(): Set<string> {
  return new Set(
    Object.keys(sb.emulator.calls().byOperation)
      .map((k) => k.split(':') as [string, string])
      .filter(([service]) => service !== 'sts')
      .map(([service, op]) => `${PREFIX[service]}:${op}`),
  );
}

async function policy(file: string, ...flags: string[]): Promise<PolicyDocument> {
  const r = await sb.run(['iam-policy', '-c', file, ...flags]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as PolicyDocument;
}

const granted = (p: PolicyDocument) => new Set(p.Statement.flatMap((s) => s.Action));
const missing = (called: Set<string>, p: PolicyDocument) => [...called].filter((a) => !granted(p).has(a)).sort();

/** An example file, without the comment lines before its `version:` (sb.write adds one). */
function example(name: string): string {
  return sb.write(readFileSync(`${ROOT}/examples/${name}`, 'utf8').replace(/^(\s*#.*\n|\s*\n)*/, ''));
}

/**
 * The topics an example names by ARN and does not declare (destination-sns.yaml's `delivery-log`), and its
 * tenants' identities (tenants.yaml), made by
 * hand first, as its reader would: plan refuses a topic that does not exist.
 */
async function outsideTopicsOf(file: string): Promise<void> {
  const loaded = load(readFileSync(file, 'utf8'));
  const own = new Set([...(loaded.desired?.resources.values() ?? [])].filter((r) => r.kind === 'topic').map((r) => r.name));
  const names = loaded.planTime.topicArns.map((t) => t.value.split(':').pop() as string).filter((n) => !own.has(n));
  // A tenant's identities exist in the account too (ses-reconcile associates them, never creates them).
  const identities = (loaded.planTime.tenantIdentities ?? []).map((i) => i.value);
  await sb.setUp({ topics: [...new Set(names)], identities: [...new Set(identities)] });
}

describe('iam-policy covers every call plan and apply make', () => {
  const examples = readdirSync(`${ROOT}/examples`).filter((f) => f.endsWith('.yaml'));

  it.each(examples)('%s', async (name) => {
    const file = example(name);
    await outsideTopicsOf(file);
    const [forPlan, forApply] = [await policy(file, '--for', 'plan'), await policy(file, '--for', 'apply')];
    sb.emulator.clearCalls();
    expect((await sb.plan(file)).status).toBe(0);
    expect(missing(calledActions(), forPlan)).toEqual([]);
    sb.emulator.clearCalls();
    const applied = await sb.apply(file);
    expect(applied.status, applied.stdout + applied.stderr).toBe(0);
    expect(missing(calledActions(), forApply)).toEqual([]);
    sb.emulator.clearCalls();
    expect((await sb.plan(file)).stdout).toContain('No changes.');
    expect(missing(calledActions(), forPlan)).toEqual([]);
    // plan's policy reads only.
    expect([...granted(forPlan)].filter((a) => !/:(Get|List|Describe)/.test(a))).toEqual([]);
  });
});

const A = `stack: iam
region: us-east-1
accountId: "123456789012"
tags: { team: email, cost: mail }
topics:
  alerts:
    displayName: Alerts
    subscriptions:
      - { protocol: sqs, endpoint: 'arn:aws:sqs:us-east-1:123456789012:q-a' }
configurationSets:
  prod:
    sendingEnabled: true
    reputationMetricsEnabled: true
    delivery: { tlsPolicy: REQUIRE, sendingPoolName: shared }
    tracking: { customRedirectDomain: click.example.com }
    suppression: { reasons: [BOUNCE] }
    vdm: { engagementMetrics: ENABLED }
    messageSecurity: { signing: smime }
    archiveArn: arn:aws:ses:us-east-1:123456789012:mailmanager-archive/a-0123456789abcdef01234567
    eventDestinations:
      cw: { events: [SEND, BOUNCE, COMPLAINT], cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: prod } } } }
      to-sns: { events: [BOUNCE, COMPLAINT], sns: { topic: alerts } }
    alarms:
      bounceRate: { threshold: 3%, notify: [alerts] }
  old:
    eventDestinations:
      x: { events: [SEND], cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: old } } } }
alarms:
  custom-rejects: { metric: Reject, statistic: Sum, threshold: 10, comparison: GreaterThanThreshold, notify: ['arn:aws:sns:us-east-1:123456789012:pager'] }
dashboards:
  overview: { configurationSets: [prod] }
tenants:
  acme:
    reputationPolicy: strict
    configurationSets: [prod, old]
    identities: [acme.example.com]
    suppression: { reasons: [BOUNCE], scope: TENANT }
    tags: { customer: acme }
`;

/** Every option group, tag and subscription changed. */
const B = A.replace('tags: { team: email, cost: mail }', 'tags: { team: email }')
  .replace('displayName: Alerts', 'displayName: SES alerts')
  .replace('q-a', 'q-b')
  .replace('sendingEnabled: true', 'sendingEnabled: false')
  .replace('reputationMetricsEnabled: true', 'reputationMetricsEnabled: false')
  .replace('tlsPolicy: REQUIRE', 'tlsPolicy: OPTIONAL')
  .replace('click.example.com', 'links.example.com')
  .replace('reasons: [BOUNCE]', 'reasons: [BOUNCE, COMPLAINT]')
  .replace('engagementMetrics: ENABLED', 'engagementMetrics: DISABLED')
  .replace('    messageSecurity: { signing: smime }\n', '')
  .replace('    archiveArn: arn:aws:ses:us-east-1:123456789012:mailmanager-archive/a-0123456789abcdef01234567\n', '')
  .replace('events: [SEND, BOUNCE, COMPLAINT]', 'events: [SEND, BOUNCE, COMPLAINT, DELIVERY]')
  .replace('threshold: 3%', 'threshold: 2%')
  .replace('configurationSets: [prod] }', 'configurationSets: [prod, old] }')
  .replace('reputationPolicy: strict', 'reputationPolicy: none')
  .replace('    configurationSets: [prod, old]\n', '    configurationSets: [prod]\n    sendingEnabled: false\n')
  .replace('suppression: { reasons: [BOUNCE], scope: TENANT }', 'suppression: { reasons: [BOUNCE, COMPLAINT], scope: TENANT }')
  .replace('tags: { customer: acme }', 'tags: { customer: acme-corp }');

/** All but one set and its CloudWatch destination removed. */
const C = `stack: iam
region: us-east-1
accountId: "123456789012"
configurationSets:
  prod:
    eventDestinations:
      cw: { events: [SEND, BOUNCE, COMPLAINT], cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: prod } } } }
`;

describe('iam-policy grants nothing that no call needs', () => {
  it('every action of the apply policy (with --discovery scan) is called over a lifecycle of the file', async () => {
    // What A names outside itself: the pool `shared` (the emulator's default account) and the pager topic.
    await sb.setUp({ topics: ['pager'], identities: ['acme.example.com'] });
    const a = sb.write(A);
    const full = await policy(a, '--for', 'apply', '--discovery', 'scan');
    sb.emulator.clearCalls();
    const used = new Set<string>();
    const collect = () => {
      for (const x of calledActions()) used.add(x);
      sb.emulator.clearCalls();
    };
    for (const [yaml, flags] of [[A, []], [B, []], [A, []], [C, ['--allow-deletes']]] as const) {
      const r = await sb.apply(sb.write(yaml), ...flags);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      if (yaml === C) expect(r.stdout).toMatch(/Apply complete! .* [1-9]\d* deleted/);
      collect();
    }
    // The listings --discovery scan makes, and the reads of a converged stack.
    await sb.apply(sb.write(A));
    collect();
    expect((await sb.plan(sb.write(A), '--discovery', 'scan')).stdout).toContain('No changes.');
    collect();
    // One exception, named: dashboards are read by the file's names only (README, "Discovery"), so a
    // DeleteDashboard step is never planned today, though the step exists and a policy made from the steps grants it.
    expect([...granted(full)].filter((x) => !used.has(x)).sort()).toEqual(['cloudwatch:DeleteDashboards']);
    expect([...used].filter((x) => !granted(full).has(x)).sort()).toEqual([]);
  });

  it('scopes resources to the file and to what the stack owns, * only where AWS requires it', async () => {
    const p = await policy(sb.write(A), '--for', 'apply');
    const bySid = new Map(p.Statement.map((s) => [s.Sid, s]));
    expect(bySid.get('FileConfigurationSets')?.Resource).toEqual(['arn:aws:ses:us-east-1:123456789012:configuration-set/old', 'arn:aws:ses:us-east-1:123456789012:configuration-set/prod']);
    expect(bySid.get('FileAlarms')?.Resource).toEqual(['arn:aws:cloudwatch:us-east-1:123456789012:alarm:iam/*', 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:custom-rejects']);
    expect(bySid.get('FileTopics')?.Resource).toEqual(['arn:aws:sns:us-east-1:123456789012:alerts']);
    expect(bySid.get('FileDashboards')?.Resource).toEqual(['arn:aws:cloudwatch::123456789012:dashboard/overview']);
    // A tenant's ARN ends in the id AWS gives it: the file's tenants by name, any id.
    expect(bySid.get('FileTenants')?.Resource).toEqual(['arn:aws:ses:us-east-1:123456789012:tenant/acme/*']);
    for (const sid of ['StackConfigurationSets', 'StackAlarms', 'StackTopics', 'StackDashboards', 'StackTenants']) {
      expect(bySid.get(sid)?.Condition, sid).toEqual({ StringEquals: { 'aws:ResourceTag/ses-reconcile:stack': 'iam' } });
      // A create acts on what has no tag yet: only on the file's ARNs.
      expect(bySid.get(sid)?.Action.some((x) => /:(CreateConfigurationSet|CreateTopic|PutMetricAlarm|PutDashboard|CreateTenant)$/.test(x)), sid).toBe(false);
    }
    const star = p.Statement.filter((s) => s.Resource === '*').flatMap((s) => s.Action);
    expect(star.sort()).toEqual([
      'cloudwatch:DescribeAlarms',
      'cloudwatch:ListDashboards',
      // The reputation entity's calls: their IAM resource type is not documented (docs/aws-behaviour.md, "IAM").
      'ses:GetReputationEntity',
      'ses:ListDedicatedIpPools',
      'ses:ListEmailIdentities',
      'ses:UpdateReputationEntityCustomerManagedStatus',
      'ses:UpdateReputationEntityPolicy',
      'sns:GetSubscriptionAttributes',
      'sns:Unsubscribe',
      'tag:GetResources',
    ]);
    // A topic the file names by ARN and does not declare is read (the plan-time check), on its ARN only.
    expect(bySid.get('ReferencedTopics')).toMatchObject({ Action: ['sns:GetTopicAttributes'], Resource: ['arn:aws:sns:us-east-1:123456789012:pager'] });
  });

  it('grants the plan-time checks\' reads only to a file that uses what they check', async () => {
    const plain = await policy(sb.write(C), '--for', 'plan');
    const actions = plain.Statement.flatMap((s) => s.Action);
    expect(actions.filter((x) => /ListEmailIdentities|ListDedicatedIpPools/.test(x))).toEqual([]);
    expect(plain.Statement.some((s) => s.Sid === 'ReferencedTopics')).toBe(false);
  });

  it('lets SES use a Firehose destination\'s role, and nothing else', async () => {
    const p = await policy(example('destination-firehose.yaml'), '--for', 'apply');
    const pass = p.Statement.find((s) => s.Action.includes('iam:PassRole'));
    expect(pass?.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'ses.amazonaws.com' } });
    expect(pass?.Resource).toEqual([expect.stringMatching(/^arn:aws:iam::\d{12}:role\//)]);
    expect((await policy(example('destination-firehose.yaml'), '--for', 'plan')).Statement.some((s) => s.Action.includes('iam:PassRole'))).toBe(false);
  });

  it('writes the GitHub OIDC trust policies, sub pinned per workflow', async () => {
    const plan = JSON.parse((await sb.run(['iam-policy', '--trust', 'github', '--repo', 'acme/mail', '--for', 'plan', '--account-id', '123456789012'])).stdout);
    expect(plan.Statement[0].Principal).toEqual({ Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' });
    expect(plan.Statement[0].Condition.StringEquals).toEqual({
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
      'token.actions.githubusercontent.com:sub': ['repo:acme/mail:pull_request', 'repo:acme/mail:ref:refs/heads/main'],
    });
    const apply = JSON.parse((await sb.run(['iam-policy', '--trust', 'github', '--repo', 'acme/mail', '--for', 'apply', '--account-id', '123456789012'])).stdout);
    expect(apply.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toBe('repo:acme/mail:environment:production');
    const bad = await sb.run(['iam-policy', '--trust', 'github', '--for', 'apply']);
    expect(bad.status).toBe(3);
    expect(bad.stderr).toMatch(/--repo OWNER\/REPO/);
  });

  it('made the kit\'s trust policies (examples/github-actions/trust-*-role.json): they are its output, byte for byte', async () => {
    for (const role of ['plan', 'apply'] as const) {
      const out = await sb.run(['iam-policy', '--trust', 'github', '--repo', 'OWNER/REPO', '--account-id', '123456789012', '--for', role]);
      expect(out.stdout, role).toBe(readFileSync(`${ROOT}/examples/github-actions/trust-${role}-role.json`, 'utf8'));
    }
  });

  it('refuses an invalid file with exit 3 and its diagnostics, and calls nothing', async () => {
    sb.emulator.clearCalls();
    const r = await sb.run(['iam-policy', '-c', sb.write('stack: iam\nconfigurationSets:\n  prod:\n    delivery: { tlsPolicy: SOMETIMES }\n')]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/ses-reconcile\.yaml:5:28 error/);
    expect(sb.emulator.calls().total).toBe(0);
  });
});
