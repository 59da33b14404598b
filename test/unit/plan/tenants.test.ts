/**
 * Tenants in the pure core: the file's `tenants:` -> steps, order, the unmanaged fields, SES's pause, and a
 * set delete that a tenant association would make AWS refuse. Live states are built by hand here; the
 * emulator tests (test/integration/tenants.test.ts) apply them over HTTP and converge.
 */
import { describe, expect, it } from 'vitest';
import { computePlan, resolveDesired, type PipelineOptions } from '../../../src/plan/compute.js';
import { describeStep } from '../../../src/model/step.js';
import type { Plan } from '../../../src/model/plan.js';
import { STACK_TAG, type ConfigurationSet, type Resource, type Tenant } from '../../../src/model/resources.js';
import { canonicalize } from '../../../src/model/canonical.js';
import { stateOf, type State } from '../../../src/model/state.js';
import { load } from '../../helpers/config.js';

const OPTS: PipelineOptions = { stack: 's', region: 'us-east-1', accountId: '123456789012', adopt: false, allowDeletes: true };

function desired(body: string): State {
  const r = load(`version: 1\nstack: s\n${body}`);
  if (!r.desired) throw new Error(r.diagnostics.map((d) => `${d.pos?.line} ${d.message}`).join('\n'));
  return r.desired.resources;
}

const calls = (p: Plan) => p.changes.flatMap((c) => c.steps.map(describeStep));
const rows = (p: Plan) => p.changes.map((c) => `${c.action} ${c.kind} ${c.id}${c.blocked ? ` BLOCKED ${c.blocked.kind}` : ''}`);

const SETS = `configurationSets:
  prod: {}
  bulk: {}
`;

/** The live tenant the file's `name` would be once applied (its digest tags included), with `over` on top. */
function liveTenant(file: State, name: string, over: Partial<Tenant> = {}): Tenant {
  const t = [...resolveDesired(file, OPTS).values()].find((r): r is Tenant => r.kind === 'tenant' && r.name === name);
  if (!t) throw new Error(`no tenant ${name}`);
  return canonicalize({ ...t, sendingEnabled: true, suppression: t.suppression ?? { reasons: [], scope: 'ACCOUNT' }, ...over });
}

function liveSet(name: string, over: Partial<ConfigurationSet> = {}): ConfigurationSet {
  return canonicalize({ kind: 'configurationSet', name, sendingEnabled: true, tags: { [STACK_TAG]: 's' }, ...over });
}

/** Everything of the file as live once applied (AWS's answers filled in), with `over` in place of its namesakes. */
function applied(file: State, ...over: Resource[]): State {
  const asApplied = (r: Resource): Resource =>
    r.kind === 'configurationSet' ? { ...r, sendingEnabled: true } : r.kind === 'tenant' ? liveTenant(file, r.name) : r;
  const byKey = new Map([...resolveDesired(file, OPTS).values()].map((r) => [`${r.kind}:${r.name}`, asApplied(r)]));
  for (const r of over) byKey.set(`${r.kind}:${r.name}`, r);
  return stateOf([...byKey.values()]);
}

describe('tenants: plan', () => {
  const FILE = `${SETS}tenants:
  acme:
    reputationPolicy: strict
    configurationSets: [prod]
    identities: [acme.example.com]
    suppression: { reasons: [BOUNCE], scope: TENANT }
    tags: { customer: acme }
`;

  it('creates a tenant after the sets it associates, with the narrowest calls', () => {
    const p = computePlan(desired(FILE), new Map(), OPTS);
    expect(rows(p)).toEqual(['create configurationSet bulk', 'create configurationSet prod', 'create tenant acme']);
    // Sets (wave 1) before the tenant (its own wave): an association needs its set.
    expect(p.waves).toEqual([[0, 1], [2]]);
    expect(calls(p).slice(2)).toEqual([
      'CreateTenant acme',
      'UpdateReputationEntityPolicy tenant acme strict',
      'CreateTenantResourceAssociation acme configuration set prod',
      'CreateTenantResourceAssociation acme identity acme.example.com',
    ]);
    const create = p.changes[2]?.steps[0];
    expect(create?.op === 'CreateTenant' && create.tenant.tags).toMatchObject({ customer: 'acme', [STACK_TAG]: 's' });
    expect(create?.op === 'CreateTenant' && create.tenant.suppression).toEqual({ reasons: ['BOUNCE'], scope: 'TENANT' });
  });

  it('a standard tenant needs no policy call, and a tenant paused in the file is paused after its associations', () => {
    const p = computePlan(desired(`${SETS}tenants:\n  plain:\n    configurationSets: [bulk]\n    sendingEnabled: false\n`), new Map(), OPTS);
    expect(calls(p).slice(2)).toEqual(['CreateTenant plain', 'CreateTenantResourceAssociation plain configuration set bulk', 'UpdateReputationEntityCustomerManagedStatus tenant plain DISABLED']);
  });

  it('shows no change when the tenant is as the file says', () => {
    const file = desired(FILE);
    expect(computePlan(file, applied(file), OPTS).changes).toEqual([]);
  });

  it('changes the policy, the associations both ways, suppression and tags, each with its own call', () => {
    const file = desired(FILE);
    const live = applied(file, { ...liveTenant(file, 'acme'), reputationPolicy: 'standard', configurationSets: ['bulk'], identities: ['acme.example.com'], suppression: { reasons: ['BOUNCE', 'COMPLAINT'], scope: 'TENANT' }, tags: { [STACK_TAG]: 's' } });
    const p = computePlan(file, live, OPTS);
    expect(rows(p)).toEqual(['update tenant acme']);
    expect(calls(p)).toEqual([
      'PutTenantSuppressionAttributes acme',
      'UpdateReputationEntityPolicy tenant acme strict',
      'DeleteTenantResourceAssociation acme configuration set bulk',
      'CreateTenantResourceAssociation acme configuration set prod',
      expect.stringMatching(/^TagResource tenant acme/),
    ]);
  });

  it('leaves suppression and sending alone when the file does not write them', () => {
    const file = desired(`${SETS}tenants:\n  acme: { configurationSets: [prod] }\n`);
    const live = applied(file, { ...liveTenant(file, 'acme'), suppression: { reasons: ['COMPLAINT'], scope: 'TENANT' }, sendingEnabled: false, pausedBySes: { cause: 'high bounce rate' } });
    expect(computePlan(file, live, OPTS).changes).toEqual([]);
  });

  it('resumes a tenant SES paused only when the file says sendingEnabled: true, with REINSTATED and a warning', () => {
    const file = desired(`${SETS}tenants:\n  acme: { configurationSets: [prod], sendingEnabled: true }\n`);
    const live = applied(file, { ...liveTenant(file, 'acme'), sendingEnabled: false, pausedBySes: { cause: 'high bounce rate' } });
    const p = computePlan(file, live, OPTS);
    expect(calls(p)).toEqual(['UpdateReputationEntityCustomerManagedStatus tenant acme REINSTATED']);
    expect(p.changes[0]?.notes.join(' ')).toMatch(/resumes sending on a tenant SES paused \(high bounce rate\)/);
    // Paused by hand, not by SES: ENABLED is enough.
    const byHand = computePlan(file, applied(file, { ...liveTenant(file, 'acme'), sendingEnabled: false }), OPTS);
    expect(calls(byHand)).toEqual(['UpdateReputationEntityCustomerManagedStatus tenant acme ENABLED']);
  });

  it('deletes a tenant the stack owns when the file drops it, and never one it does not own', () => {
    const file = desired(SETS);
    const ours = liveTenant(desired(FILE), 'acme');
    const theirs: Tenant = { ...ours, name: 'other', tags: { [STACK_TAG]: 'someone-else' } };
    const p = computePlan(file, applied(file, ours, theirs), OPTS);
    expect(rows(p)).toEqual(['delete tenant acme']);
    expect(calls(p)).toEqual(['DeleteTenant acme']);
    expect(computePlan(file, applied(file, ours), { ...OPTS, allowDeletes: false }).refused).toMatch(/deletes need --allow-deletes/);
  });
});

describe('tenants: deleting a set they hold', () => {
  const FILE = `${SETS}tenants:\n  acme: { configurationSets: [prod, bulk] }\n`;
  const AFTER = `configurationSets:\n  prod: {}\ntenants:\n  acme: { configurationSets: [prod] }\n`;

  it("removes the stack's own tenant's association before the set's delete", () => {
    const was = desired(FILE);
    const live = applied(was, liveSet('bulk', { tenants: ['acme'] }));
    const p = computePlan(desired(AFTER), live, OPTS);
    expect(rows(p)).toEqual(['update tenant acme', 'delete configurationSet bulk']);
    // The tag call records the file's new digest on the tenant (plan/reason.ts).
    expect(calls(p)).toEqual(['DeleteTenantResourceAssociation acme configuration set bulk', 'TagResource tenant acme', 'DeleteConfigurationSet bulk']);
    // The tenant's wave runs before the set deletes'.
    expect(p.waves).toEqual([[0], [1]]);
    expect(p.refused).toBeUndefined();
  });

  it('refuses the delete when a tenant the stack does not own holds the set, saying which', () => {
    const file = desired(`configurationSets:\n  prod: {}\n`);
    const live = applied(file, liveSet('bulk', { tenants: ['their-tenant'] }));
    const p = computePlan(file, live, OPTS);
    expect(rows(p)).toEqual(['delete configurationSet bulk BLOCKED not-owned']);
    expect(p.refused).toMatch(/bulk: associated with tenant their-tenant, which this stack does not own/);
    expect(p.refused).toMatch(/DeleteTenantResourceAssociation/);
  });
});

describe('tenants: validation', () => {
  it('names the line of a configuration set the file does not define, with a suggestion', () => {
    const r = load(`version: 1\nstack: s\n${SETS}tenants:\n  acme:\n    configurationSets: [prdo]\n`);
    const e = r.diagnostics.find((d) => d.severity === 'error');
    expect(e?.message).toMatch(/configuration set "prdo" is not defined under configurationSets; did you mean "prod"\?/);
    expect(e?.pos?.line).toBe(8);
    expect(r.desired).toBeUndefined();
  });

  it('rejects a tenant name outside SES rules and an unknown policy', () => {
    const r = load(`version: 1\nstack: s\ntenants:\n  "acme corp": {}\n  ok:\n    reputationPolicy: lenient\n`);
    const messages = r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.pos?.line}: ${d.message} ${d.hint ?? ''}`);
    expect(messages.join('\n')).toMatch(/^4: .*tenant name/m);
    expect(messages.join('\n')).toMatch(/^6: .*(none|standard|strict)/m);
  });
});

describe('tenants: --target', () => {
  it("a targeted set delete takes the change that frees it from the stack's tenant; a targeted tenant takes the new set it associates", async () => {
    const { targetPlan } = await import('../../../src/plan/target.js');
    const was = desired(`${SETS}tenants:\n  acme: { configurationSets: [prod, bulk] }\n  other: { configurationSets: [prod] }\n`);
    const live = applied(was, liveSet('bulk', { tenants: ['acme'] }));
    const p = computePlan(desired(`configurationSets:\n  prod: {}\ntenants:\n  acme: { configurationSets: [prod] }\n  other: { configurationSets: [prod] }\n`), live, OPTS);
    expect(rows(targetPlan(p, ['bulk']).plan)).toEqual(['update tenant acme', 'delete configurationSet bulk']);

    const fresh = computePlan(desired(`${SETS}tenants:\n  acme: { configurationSets: [bulk] }\n`), new Map(), OPTS);
    expect(rows(targetPlan(fresh, ['acme']).plan)).toEqual(['create configurationSet bulk', 'create tenant acme']);
  });
});
