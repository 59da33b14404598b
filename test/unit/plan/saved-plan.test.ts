import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { planResolved, replan, resolveDesired, type PipelineOptions } from '../../../src/plan/compute.js';
import { executePlan } from '../../../src/apply/executor.js';
import type { Change } from '../../../src/model/change.js';
import type { Plan } from '../../../src/model/plan.js';
import type { Resource } from '../../../src/model/resources.js';
import type { State } from '../../../src/model/state.js';
import { describeStep } from '../../../src/model/step.js';
import { inputsOf, ModifiedPlanFileError, parsePlanFile, planFileText, PlanFileFormatError, sameCalls } from '../../../src/plan/planfile.js';
import { checkSafety, deleteCount } from '../../../src/plan/safety.js';
import { planToJson } from '../../../src/render/json.js';
import { load } from '../../helpers/config.js';
import { InMemoryAws } from '../../fakes/memory-aws.js';

const OPTS: PipelineOptions = { stack: 'email-platform', region: 'us-east-1', accountId: '123456789012', adopt: false, allowDeletes: true };

function resolved(body: string): { state: State; hints: Map<never, never> } {
  const r = load(body);
  if (!r.desired) throw new Error(r.diagnostics.map((d) => `${d.pos?.line} ${d.message}`).join('\n'));
  return { state: resolveDesired(r.desired.resources, OPTS), hints: r.desired.costHints as Map<never, never> };
}

async function live(aws: InMemoryAws): Promise<State> {
  return (await aws.read({ stack: OPTS.stack, configurationSets: new Set() })).state;
}

/** plan, then the text `plan --out` writes, parsed back. */
function roundTrip(desired: State, actual: State, hints: Map<never, never>, o: Partial<PipelineOptions> = {}): { plan: Plan; saved: ReturnType<typeof parsePlanFile> } {
  const plan = planResolved(desired, actual, { ...OPTS, ...o });
  const inputs = inputsOf(plan, { stack: OPTS.stack, region: OPTS.region, accountId: OPTS.accountId, adopt: o.adopt ?? false, targets: [], warnings: plan.warnings, desired, live: actual, costHints: hints });
  return { plan, saved: parsePlanFile(planFileText(planToJson(plan), { plan, inputs })) };
}

const FULL = readFileSync('examples/full.yaml', 'utf8');

describe('plan files: the plan recomputes from the inputs it carries', () => {
  it('recomputes creates and updates of examples/full.yaml to the same calls', async () => {
    const { state, hints } = resolved(FULL);
    const aws = new InMemoryAws();
    const create = roundTrip(state, await live(aws), hints);
    expect(create.plan.changes.length).toBeGreaterThan(5);
    expect(sameCalls(create.plan, replan(create.saved.inputs, create.saved.inputs.live, { adopt: false, allowDeletes: true }))).toBeUndefined();

    expect((await executePlan(create.plan, aws)).failed).toEqual([]);
    const edited = resolved(FULL.replace('threshold: 3%, period: 1h', 'threshold: 4%, period: 1h').replace('displayName: SES alerts', 'displayName: SES alarms'));
    const update = roundTrip(edited.state, await live(aws), edited.hints);
    expect(update.plan.changes.some((c) => c.action === 'update')).toBe(true);
    expect(sameCalls(update.plan, replan(update.saved.inputs, update.saved.inputs.live, { adopt: false, allowDeletes: true }))).toBeUndefined();
  });

  it('saves only the roots the plan touches', async () => {
    const { state } = resolved(FULL);
    const aws = new InMemoryAws();
    expect((await executePlan(planResolved(state, await live(aws), OPTS), aws)).failed).toEqual([]);
    const one = resolved(FULL.replace('threshold: 3%, period: 1h', 'threshold: 4%, period: 1h'));
    const { plan, saved } = roundTrip(one.state, await live(aws), one.hints);
    expect(plan.changes.map((c) => c.kind)).toEqual(['alarm']);
    expect([...saved.inputs.desired.keys()]).toEqual(plan.changes.map((c) => c.key));
    expect([...saved.inputs.live.keys()]).toEqual(plan.changes.map((c) => c.key));
  });

  it('tells a changed checksum from a file of another version', async () => {
    const { state, hints } = resolved(FULL);
    const { plan, saved } = roundTrip(state, await live(new InMemoryAws()), hints);
    const text = planFileText(planToJson(plan), { plan, inputs: saved.inputs });
    expect(() => parsePlanFile(text.replace('"stack": "email-platform"', '"stack": "other"'))).toThrow(ModifiedPlanFileError);
    expect(() => parsePlanFile(text.replace('"planFileVersion": 2', '"planFileVersion": 1'))).toThrow(PlanFileFormatError);
    expect(() => parsePlanFile('{}')).toThrow(PlanFileFormatError);
  });

  it('names the first change whose calls differ', async () => {
    const { state, hints } = resolved(FULL);
    const { plan } = roundTrip(state, await live(new InMemoryAws()), hints);
    const extra: Change = { ...(plan.changes[0] as Change), steps: [...(plan.changes[0] as Change).steps, { op: 'DeleteConfigurationSet', name: 'handmade' }] };
    expect(sameCalls({ ...plan, changes: [extra, ...plan.changes.slice(1)] }, plan)).toMatch(/^change 1 \(create topic \S+\) makes other calls/);
    expect(sameCalls({ ...plan, changes: plan.changes.slice(1) }, plan)).toMatch(/^change 1 is create configurationSet/);
  });
});

describe('safety judges what the calls do, not the label', () => {
  const set = (name: string, stack?: string): Resource => ({
    kind: 'configurationSet',
    name,
    reputationMetricsEnabled: false,
    delivery: { tlsPolicy: 'OPTIONAL' },
    tags: stack ? { 'ses-reconcile:stack': stack } : {},
  });
  const update = (name: string, extra: Change['steps']): Change => ({
    action: 'update',
    key: `configurationSet:${name}`,
    kind: 'configurationSet',
    id: name,
    reason: 'changed in file',
    before: null,
    after: null,
    diff: [],
    steps: [{ op: 'PutConfigurationSetReputationOptions', name, reputationMetricsEnabled: true }, ...extra],
    notes: [],
  });

  it('counts a delete call inside an update as a delete, and a destination replace as none', () => {
    const smuggled = update('prod', [{ op: 'DeleteConfigurationSet', name: 'other' }]);
    expect(deleteCount(smuggled)).toBe(1);
    const safe = checkSafety([smuggled], { allowDeletes: false });
    expect(safe.refused).toMatch(/deletes 1 resource/);
    expect(safe.changes[0]?.blocked?.message).toMatch(/--allow-deletes/);
    const target = { type: 'eventBridge', eventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' } as const;
    const dest = { kind: 'eventDestination', configurationSet: 'prod', name: 'x', enabled: true, events: ['BOUNCE'], target } as const;
    const replace: Change = { ...update('prod', []), action: 'replace', steps: [{ op: 'DeleteConfigurationSetEventDestination', configurationSet: 'prod', name: 'x' }, { op: 'CreateConfigurationSetEventDestination', destination: dest }] };
    expect(deleteCount(replace)).toBe(0);
  });

  it('blocks a call on a resource this stack does not own, whatever change carries it', async () => {
    const aws = new InMemoryAws([set('prod', 'email-platform'), set('handmade'), set('theirs', 'other')]);
    const actual = await live(aws);
    const base = planResolved(new Map(), actual, { ...OPTS, allowDeletes: true });
    expect(base.changes.map((c) => c.id)).toEqual(['prod']); // the owned set the file no longer names
    const { guardOwnership } = await import('../../../src/plan/safety.js');
    const { ownerOf } = await import('../../../src/diff/ownership.js');
    const forged: Plan = { ...base, changes: [update('prod', [{ op: 'DeleteConfigurationSet', name: 'handmade' }]), update('prod', [{ op: 'TagConfigurationSet', name: 'theirs', tags: { a: 'b' } }])] };
    const guarded = guardOwnership(forged, actual, (r) => ownerOf(r, OPTS.region), { stack: 'email-platform', adopt: false });
    expect(guarded.changes.map((c) => c.blocked?.message)).toEqual([
      'DeleteConfigurationSet handmade acts on configurationSet handmade, which carries no stack tag (re-run with --adopt to adopt it)',
      'TagResource configuration set theirs acts on configurationSet theirs, which is owned by stack "other"',
    ]);
    expect(guarded.refused).toMatch(/^2 calls on resources this stack does not own/);
    expect(guardOwnership(forged, actual, (r) => ownerOf(r, OPTS.region), { stack: 'email-platform', adopt: true }).changes.map((c) => c.blocked === undefined)).toEqual([true, false]);
    expect(describeStep(forged.changes[0]?.steps[1] as never)).toBe('DeleteConfigurationSet handmade');
  });
});

describe('a dashboard seen from another Region', () => {
  it('is not this stack\'s there: a call on it is blocked, naming the stack and the Region that own it', async () => {
    const { guardOwnership } = await import('../../../src/plan/safety.js');
    const { ownerOf } = await import('../../../src/diff/ownership.js');
    const dashboard: Resource = { kind: 'dashboard', name: 'd', source: { type: 'literal', body: {} }, tags: { 'ses-reconcile:region': 'us-east-1', 'ses-reconcile:stack': 'email-platform' } };
    const put: Change = { action: 'update', key: 'dashboard:d', kind: 'dashboard', id: 'd', reason: 'changed in file', before: null, after: null, diff: [], steps: [{ op: 'PutDashboard', name: 'd', body: {}, tags: {} }], notes: [] };
    const plan = planResolved(new Map(), new Map(), OPTS);
    const live = new Map([['dashboard:d', dashboard]] as const);
    expect(guardOwnership({ ...plan, changes: [put] }, live, (r) => ownerOf(r, 'us-east-1'), { stack: 'email-platform', adopt: false }).refused).toBeUndefined();
    const west = guardOwnership({ ...plan, changes: [put] }, live, (r) => ownerOf(r, 'us-west-2'), { stack: 'email-platform', adopt: true });
    expect(west.changes[0]?.blocked).toEqual({ kind: 'not-owned', message: 'PutDashboard d acts on dashboard d, which is owned by stack "email-platform" in us-east-1' });
  });
});
