import { describe, expect, it } from 'vitest';
import { computePlan, type PipelineOptions } from '../../../src/plan/compute.js';
import { executePlan } from '../../../src/apply/executor.js';
import { describeStep } from '../../../src/model/step.js';
import type { Plan } from '../../../src/model/plan.js';
import { formatPath } from '../../../src/model/view.js';
import type { Resource } from '../../../src/model/resources.js';
import { load } from '../../helpers/config.js';
import { InMemoryAws } from '../../fakes/memory-aws.js';

const OPTS: PipelineOptions = { stack: 's', region: 'us-east-1', accountId: '123456789012', adopt: false, allowDeletes: true };

function desired(body: string) {
  const r = load(`version: 1\nstack: s\n${body}`);
  if (!r.desired) throw new Error(r.diagnostics.map((d) => `${d.pos?.line} ${d.message}`).join('\n'));
  return r.desired.resources;
}

async function plan(aws: InMemoryAws, body: string, o: Partial<PipelineOptions> = {}): Promise<Plan> {
  return computePlan(desired(body), (await aws.read({ stack: 's', configurationSets: new Set() })).state, { ...OPTS, ...o });
}

/** A change's field diffs with their paths spelled as every output spells them (model/view.ts formatPath). */
const diffOf = (p: Plan, i = 0) => (p.changes[i]?.diff ?? []).map((d) => ({ ...d, path: formatPath(d.path) }));
const calls = (p: Plan) => p.changes.flatMap((c) => c.steps.map(describeStep));
const rows = (p: Plan) => p.changes.map((c) => `${c.action} ${c.kind} ${c.id} (${c.reason})${c.blocked ? ' BLOCKED' : ''}`);

/** apply the plan to the fake, then plan again: the convergence check. */
async function converge(aws: InMemoryAws, body: string, o: Partial<PipelineOptions> = {}): Promise<Plan> {
  const p = await plan(aws, body, o);
  const report = await executePlan(p, aws);
  expect(report.failed).toEqual([]);
  return plan(aws, body, o);
}

const SET = `configurationSets:
  prod:
    eventDestinations:
      cw:
        events: [SEND, BOUNCE, COMPLAINT]
        cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: prod } } }
`;

describe('plan: sets and destinations', () => {
  it('creates from empty with the set before its destinations, then converges', async () => {
    const aws = new InMemoryAws();
    const p = await plan(aws, SET);
    expect(rows(p)).toEqual(['create configurationSet prod (new in file)', 'create eventDestination prod/cw (new in file)']);
    expect(p.waves).toEqual([[0], [1]]);
    expect(calls(p)).toEqual(['CreateConfigurationSet prod', 'CreateConfigurationSetEventDestination prod/cw']);
    expect(p.summary).toEqual({ create: 2, update: 0, replace: 0, delete: 0 });
    expect((await converge(aws, SET)).changes).toEqual([]);
  });

  it('shows no change when AWS reorders event types and dimensions', async () => {
    const aws = new InMemoryAws();
    await converge(aws, SET);
    const reordered = SET.replace('[SEND, BOUNCE, COMPLAINT]', '[COMPLAINT, SEND, BOUNCE]');
    expect((await plan(aws, reordered)).changes).toEqual([]);
  });

  it('changes one option group with its own Put call, and reverts a removed line to the default', async () => {
    const aws = new InMemoryAws();
    const withTracking = SET.replace('  prod:\n', '  prod:\n    tracking: { customRedirectDomain: t.example.com }\n    delivery: { tlsPolicy: REQUIRE }\n');
    await converge(aws, withTracking);
    const p = await plan(aws, SET);
    expect(calls(p)).toEqual(['PutConfigurationSetDeliveryOptions prod', 'PutConfigurationSetTrackingOptions prod', 'TagResource configuration set prod']);
    expect(p.changes[0]?.reason).toBe('changed in file');
    expect(diffOf(p)).toEqual([
      { path: 'delivery.tlsPolicy', before: 'REQUIRE', after: 'OPTIONAL', reason: 'changed in file' },
      { path: 'tracking', before: { customRedirectDomain: 't.example.com', httpsPolicy: 'OPTIONAL' }, after: null, reason: 'changed in file' },
    ]);
    expect((await converge(aws, SET)).changes).toEqual([]);
  });

  it('never manages sendingEnabled when the file omits it, and warns when true resumes a paused set', async () => {
    const aws = new InMemoryAws();
    await converge(aws, SET);
    await aws.run({ op: 'PutConfigurationSetSendingOptions', name: 'prod', sendingEnabled: false });
    expect((await plan(aws, SET)).changes).toEqual([]);
    const p = await plan(aws, SET.replace('  prod:\n', '  prod:\n    sendingEnabled: true\n'));
    expect(calls(p)).toEqual(['PutConfigurationSetSendingOptions prod', 'TagResource configuration set prod']);
    expect(p.changes[0]?.notes[0]).toMatch(/resumes sending/);
  });

  it('plans an emptied suppression list as a real change', async () => {
    const aws = new InMemoryAws();
    const bounce = SET.replace('  prod:\n', '  prod:\n    suppression: { reasons: [BOUNCE] }\n');
    await converge(aws, bounce);
    const p = await plan(aws, bounce.replace('[BOUNCE] }', '[] }'));
    expect(diffOf(p)).toEqual([{ path: 'suppression.reasons', before: ['BOUNCE'], after: [], reason: 'changed in file' }]);
    expect((await converge(aws, bounce.replace('[BOUNCE] }', '[] }'))).changes).toEqual([]);
    expect(aws.sets.get('prod')?.suppression).toEqual({ reasons: [] });
  });

  it('shows a destination rename as a delete and a create, deleting first', async () => {
    const aws = new InMemoryAws();
    await converge(aws, SET);
    const p = await plan(aws, SET.replace('      cw:', '      metrics:'));
    expect(rows(p)).toEqual(['delete eventDestination prod/cw (rename)', 'create eventDestination prod/metrics (rename)']);
  });

  it('replaces a destination whose type changes', async () => {
    const aws = new InMemoryAws();
    await converge(aws, SET);
    const sns = SET.replace(/cloudWatch: .*\n/, "sns: { topicArn: 'arn:aws:sns:us-east-1:123456789012:t' }\n");
    const p = await plan(aws, sns);
    expect(rows(p)).toEqual(['replace eventDestination prod/cw (changed in file)']);
    // The set's digest tag follows the file on the destination's change, not as a change of its own.
    expect(calls(p)).toEqual(['DeleteConfigurationSetEventDestination prod/cw', 'CreateConfigurationSetEventDestination prod/cw', 'TagResource configuration set prod']);
    expect((await converge(aws, sns)).changes).toEqual([]);
  });

  it('resolves topic names to ARNs so an SNS destination converges', async () => {
    const aws = new InMemoryAws();
    const body = `topics: { alerts: {} }\nconfigurationSets:\n  a:\n    eventDestinations:\n      e: { events: [BOUNCE, COMPLAINT], sns: { topic: alerts } }\n`;
    const p = await plan(aws, body);
    expect(p.changes.find((c) => c.kind === 'eventDestination')?.after).toMatchObject({ target: { type: 'sns', topic: { arn: 'arn:aws:sns:us-east-1:123456789012:alerts' } } });
    expect((await converge(aws, body)).changes).toEqual([]);
  });
});

describe('plan: reasons without a state file', () => {
  it('says "changed outside ses-reconcile" when the file is unchanged since the last apply', async () => {
    const aws = new InMemoryAws();
    await converge(aws, SET);
    await aws.run({ op: 'PutConfigurationSetReputationOptions', name: 'prod', reputationMetricsEnabled: true });
    const p = await plan(aws, SET);
    expect(rows(p)).toEqual(['update configurationSet prod (changed outside ses-reconcile)']);
    expect(calls(p)).toEqual(['PutConfigurationSetReputationOptions prod']);
    expect(diffOf(p)).toEqual([{ path: 'reputationMetricsEnabled', before: true, after: false }]);
  });

  it('says "changed in file" when the file changed, and never shows the digest tag as a field', async () => {
    const aws = new InMemoryAws();
    await converge(aws, SET);
    const p = await plan(aws, SET.replace('  prod:\n', '  prod:\n    reputationMetricsEnabled: true\n'));
    expect(rows(p)).toEqual(['update configurationSet prod (changed in file)']);
    expect(diffOf(p).map((d) => d.path)).toEqual(['reputationMetricsEnabled']);
  });
});

describe('plan: ownership and deletes', () => {
  const foreign = (name: string, stack?: string): Resource => ({
    kind: 'configurationSet',
    name,
    sendingEnabled: true,
    reputationMetricsEnabled: false,
    delivery: { tlsPolicy: 'OPTIONAL' },
    tags: stack ? { 'ses-reconcile:stack': stack } : {},
  });

  it('leaves sets of other stacks and hand-made sets untouched', async () => {
    const aws = new InMemoryAws([foreign('theirs', 'other'), foreign('manual')]);
    expect(rows(await plan(aws, SET))).toEqual(['create configurationSet prod (new in file)', 'create eventDestination prod/cw (new in file)']);
  });

  it('shows a conflict for a hand-made set with the file name, and adopts it with --adopt', async () => {
    const aws = new InMemoryAws([foreign('prod')]);
    const p = await plan(aws, SET);
    expect(rows(p)).toEqual(['update configurationSet prod (adopted) BLOCKED']);
    expect(p.changes[0]?.blocked?.message).toMatch(/--adopt/);
    expect(p.refused).toMatch(/1 conflict: prod/);
    const adopted = await plan(aws, SET, { adopt: true });
    expect(rows(adopted)).toEqual(['update configurationSet prod (adopted)', 'create eventDestination prod/cw (new in file)']);
    expect(calls(adopted)).toEqual(['TagResource configuration set prod', 'CreateConfigurationSetEventDestination prod/cw']);
    expect((await converge(aws, SET, { adopt: true })).changes).toEqual([]);
    expect(Object.keys(aws.sets.get('prod')?.tags ?? {})).toEqual(['ses-reconcile:digest', 'ses-reconcile:fields', 'ses-reconcile:stack']);
  });

  it('never adopts a set of another stack', async () => {
    const aws = new InMemoryAws([foreign('prod', 'other')]);
    const p = await plan(aws, SET, { adopt: true });
    expect(p.changes[0]?.blocked?.message).toMatch(/owned by stack "other"/);
    expect(p.changes[0]?.reason).toBe('changed outside ses-reconcile');
  });

  it('refuses deletes without --allow-deletes, printing the blocked rows, and honours --max-deletes', async () => {
    const aws = new InMemoryAws();
    await converge(aws, SET + '  old:\n    eventDestinations:\n      x: { events: [BOUNCE, COMPLAINT], eventBridge: { eventBusArn: "arn:aws:events:us-east-1:123456789012:event-bus/default" } }\n');
    const refused = await plan(aws, SET, { allowDeletes: false });
    expect(rows(refused)).toEqual(['delete configurationSet old (removed from file) BLOCKED']);
    expect(refused.changes[0]?.cascade).toEqual(['eventDestination:old/x']);
    expect(refused.changes[0]?.blocked).toEqual({ kind: 'delete-refused', message: 'deletes need --allow-deletes' });
    expect(refused.summary.delete).toBe(2); // the set and its destination, as the refusal counts them
    expect(refused.refused).toBe('the plan deletes 2 resources; deletes need --allow-deletes');
    const limited = await plan(aws, SET, { allowDeletes: true, maxDeletes: 1 });
    expect(limited.refused).toBe('2 deletes exceed --max-deletes 1; re-run with --max-deletes 2');
    expect(limited.changes[0]?.blocked?.message).toBe('2 deletes exceed --max-deletes 1');
    const allowed = await plan(aws, SET, { allowDeletes: true, maxDeletes: 2 });
    expect(allowed.refused).toBeUndefined();
    expect(calls(allowed)).toEqual(['DeleteConfigurationSet old']);
  });
});

describe('plan: the full monitoring setup', () => {
  it('applies examples/full.yaml (topic, set, destinations, alarms, dashboard) in dependency order and converges', async () => {
    const { readFileSync } = await import('node:fs');
    const body = readFileSync('examples/full.yaml', 'utf8').replace(/^[\s\S]*?stack: email-platform\n/, '');
    const aws = new InMemoryAws();
    const p = await plan(aws, body);
    expect([...new Set(p.changes.map((c) => c.kind))]).toEqual(['topic', 'configurationSet', 'eventDestination', 'alarm', 'dashboard']);
    expect(p.summary.create).toBe(12);
    expect(p.cost?.added).toBeGreaterThan(0);
    expect((await converge(aws, body)).changes).toEqual([]);
  });
});

describe('plan: alarms', () => {
  const ALARMS = `${SET}    alarms:\n      bounceRate: { threshold: 3% }\nalarms:\n  mine:\n    metric: Reject\n    statistic: Sum\n    threshold: 5\n    comparison: GreaterThanThreshold\n    tags: { team: mail }\n`;

  it('creates alarms after the destinations they read, then converges', async () => {
    const aws = new InMemoryAws();
    const p = await plan(aws, ALARMS);
    expect(rows(p).slice(2)).toEqual(['create alarm mine (new in file)', 'create alarm s/prod/bounce-rate (new in file)']);
    expect(p.waves.length).toBe(3);
    expect((await converge(aws, ALARMS)).changes).toEqual([]);
  });

  it('changes tags with Tag/Untag calls only (PutMetricAlarm ignores tags on update), and fields with a put', async () => {
    const aws = new InMemoryAws();
    await converge(aws, ALARMS);
    const retagged = ALARMS.replace('tags: { team: mail }', 'tags: { owner: ops }');
    // The digest tag follows the file too (it says later whether a difference came from outside).
    expect(calls(await plan(aws, retagged))).toEqual(['TagResource alarm mine', 'UntagResource alarm mine']);
    expect((await plan(aws, retagged)).changes[0]?.reason).toBe('changed in file');
    expect((await converge(aws, retagged)).changes).toEqual([]);
    const rethreshold = retagged.replace('threshold: 5', 'threshold: 7');
    const p = await plan(aws, rethreshold);
    expect(calls(p)).toEqual(['PutMetricAlarm mine', 'TagResource alarm mine']);
    expect(diffOf(p)).toEqual([{ path: 'threshold', before: 5, after: 7, reason: 'changed in file' }]);
  });

  it('detects an alarm changed by hand as drift, and deletes an owned alarm the file dropped', async () => {
    const aws = new InMemoryAws();
    await converge(aws, ALARMS);
    const a = aws.alarms.get('mine');
    if (!a) throw new Error('no alarm');
    aws.put({ ...a, evaluationPeriods: 3, datapointsToAlarm: 3 });
    expect(rows(await plan(aws, ALARMS))).toEqual(['update alarm mine (changed outside ses-reconcile)']);
    const without = ALARMS.slice(0, ALARMS.indexOf('alarms:\n  mine'));
    expect(rows(await plan(aws, without))).toEqual(['delete alarm mine (removed from file)']);
  });

  it('re-records a digest whose tag call failed, so the re-run is not "converged" and a later revert reads as a file change', async () => {
    const aws = new InMemoryAws();
    await converge(aws, ALARMS);
    const raised = ALARMS.replace('threshold: 5', 'threshold: 7');
    const p = await plan(aws, raised);
    expect(calls(p)).toEqual(['PutMetricAlarm mine', 'TagResource alarm mine']);
    await aws.run(p.changes[0]?.steps[0] as never); // PutMetricAlarm went through; its TagResource failed
    const rerun = await plan(aws, raised);
    expect(rows(rerun)).toEqual(['update alarm mine (changed in file)']);
    expect(calls(rerun)).toEqual(['TagResource alarm mine']);
    expect(rerun.changes[0]?.diff).toEqual([]);
    expect(rerun.changes[0]?.notes[0]).toMatch(/tag call of an earlier apply did not complete/);
    expect((await converge(aws, raised)).changes).toEqual([]);
    expect(rows(await plan(aws, ALARMS))).toEqual(['update alarm mine (changed in file)']);
  });

  it('re-records the digest of a set and of a topic the same way', async () => {
    const TOPIC = `${SET}topics:\n  alerts: { displayName: Alerts }\n`;
    const aws = new InMemoryAws();
    await converge(aws, TOPIC);
    const edited = TOPIC.replace('[SEND, BOUNCE, COMPLAINT]', '[SEND, BOUNCE]').replace('displayName: Alerts', 'displayName: Alarms');
    const p = await plan(aws, edited);
    for (const c of p.changes) await aws.run(c.steps[0] as never); // every first call, none of the digest tag calls
    expect(calls(await plan(aws, edited))).toEqual(['TagResource topic alerts', 'TagResource configuration set prod']);
    expect((await converge(aws, edited)).changes).toEqual([]);
  });

  it('never touches an alarm of another stack that has the file name', async () => {
    const aws = new InMemoryAws();
    await converge(aws, ALARMS);
    const a = aws.alarms.get('mine');
    if (!a) throw new Error('no alarm');
    aws.put({ ...a, threshold: 1, tags: { 'ses-reconcile:stack': 'other' } });
    const p = await plan(aws, ALARMS, { adopt: true });
    expect(rows(p)).toEqual(['update alarm mine (changed outside ses-reconcile) BLOCKED']);
  });
});

describe('apply: failure mid-apply', () => {
  it('stops, reports done / failed / not attempted, and a re-run converges', async () => {
    const aws = new InMemoryAws();
    const two = SET + '      more:\n        events: [DELIVERY]\n        eventBridge: { eventBusArn: "arn:aws:events:us-east-1:123456789012:event-bus/default" }\n';
    aws.failOn = { op: 'CreateConfigurationSetEventDestination' };
    const p = await plan(aws, two);
    const report = await executePlan(p, aws, { concurrency: 1 });
    expect(report.done.map((c) => c.id)).toEqual(['prod']);
    expect(report.failed.map((f) => [f.change.id, f.code])).toEqual([['prod/cw', 'InternalFailure']]);
    expect(report.notAttempted.map((c) => c.id)).toEqual(['prod/more']);
    const again = await plan(aws, two);
    expect(rows(again)).toEqual(['create eventDestination prod/cw (new in file)', 'create eventDestination prod/more (new in file)']);
    expect((await converge(aws, two)).changes).toEqual([]);
  });
});
