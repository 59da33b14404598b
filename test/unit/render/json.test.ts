import { describe, expect, it } from 'vitest';
import { describeStep } from '../../../src/model/step.js';
import { planToJson, renderPlanJson } from '../../../src/render/json.js';
import { BLOCKED, CREATE, DELETE, EMPTY, NOTES, OTHER_KINDS, REPLACE, UPDATE, creating, plan, set } from './plans.js';

const CASES = { create: CREATE, update: UPDATE, replace: REPLACE, delete: DELETE, blocked: BLOCKED, notes: NOTES, 'other-kinds': OTHER_KINDS, empty: EMPTY };

describe('renderPlanJson', () => {
  for (const [name, p] of Object.entries(CASES)) {
    it(`pins the ${name} plan`, async () => {
      await expect(renderPlanJson(p)).toMatchFileSnapshot(`__snapshots__/plan-${name}.json`);
    });
  }

  it('has the shape of docs/architecture.md, "Plans": top-level keys, change keys, type is the resource kind', () => {
    const json = JSON.parse(renderPlanJson(CREATE));
    expect(Object.keys(json)).toEqual(['formatVersion', 'stack', 'region', 'changes', 'waves', 'summary', 'warnings']);
    expect(json).toMatchObject({ formatVersion: 1, stack: 'email-platform', region: 'us-east-1', warnings: [] });
    expect(json.summary).toEqual({ create: 3, update: 0, replace: 0, delete: 0 });
    const first = json.changes[0];
    expect(Object.keys(first)).toEqual(['action', 'type', 'id', 'reason', 'before', 'after', 'diff', 'steps', 'notes']);
    // Every diff path addresses before and after: following it from the top reaches the two values.
    for (const c of planToJson(UPDATE).changes)
      for (const d of c.diff) {
        const follow = (v: unknown) => [...d.path.matchAll(/([A-Za-z_$][\w$]*)|\["((?:[^"\\]|\\.)*)"\]/g)].reduce<unknown>((o, m) => (o as Record<string, unknown> | null)?.[m[1] ?? JSON.parse(`"${m[2]}"`)] ?? null, v);
        expect([follow(c.before), follow(c.after)], d.path).toEqual([d.before, d.after]);
      }
    expect(first).toMatchObject({ action: 'create', type: 'configurationSet', id: 'production', reason: 'new in file', before: null, diff: [] });
    // The file's shape (model/view.ts): no kind or name (the row names it), tags as the file writes them.
    expect(first.after).toMatchObject({ reputationMetricsEnabled: true, tags: { team: 'messaging' }, ownerTags: { 'ses-reconcile:stack': 'email-platform' } });
    expect(first.after).not.toHaveProperty('kind');
    expect(json.changes[1]).toMatchObject({ type: 'eventDestination', id: 'production/cloudwatch-metrics' });
  });

  it('writes an absent side of a field diff as null, and a deleted resource as after: null', () => {
    const update = planToJson(UPDATE).changes[0];
    expect(update?.diff[0]).toEqual({ path: 'delivery.maxDeliverySeconds', before: null, after: 600 });
    const del = planToJson(DELETE).changes[1];
    expect(del).toMatchObject({ action: 'delete', type: 'configurationSet', id: 'staging', after: null });
  });

  it('lists the API calls as the strings plans and reports use', () => {
    const json = planToJson(UPDATE);
    expect(json.changes[0]?.steps).toEqual([
      'PutConfigurationSetDeliveryOptions production',
      'PutConfigurationSetTrackingOptions production',
      'UntagResource configuration set production',
    ]);
    expect(json.changes[1]?.steps).toEqual(UPDATE.changes[1]?.steps.map(describeStep));
  });

  it('adds refused at the top and blocked on the refused rows, only when set', () => {
    const json = planToJson(BLOCKED);
    expect(Object.keys(json).slice(0, 5)).toEqual(['formatVersion', 'stack', 'region', 'refused', 'changes']);
    expect(json.refused).toMatch(/exceed --max-deletes 1/);
    const refused = { kind: 'delete-refused', message: 'deletes need --allow-deletes' };
    expect(json.changes.map((c) => c.blocked)).toEqual([refused, refused, undefined]);
    expect('blocked' in (json.changes[2] ?? {})).toBe(false);
    expect('refused' in planToJson(CREATE)).toBe(false);
  });

  it('adds accountId when known, and keeps notes and warnings in order', () => {
    const json = planToJson(NOTES);
    expect(json.accountId).toBe('111122223333');
    expect(json.warnings).toEqual(NOTES.warnings);
    expect(json.changes[0]?.notes).toEqual(NOTES.changes[0]?.notes);
    expect('accountId' in planToJson(CREATE)).toBe(false);
  });

  it('renders an empty plan with no changes and zero counts', () => {
    expect(planToJson(EMPTY)).toMatchObject({ changes: [], waves: [], summary: { create: 0, update: 0, replace: 0, delete: 0 } });
  });

  it('is deterministic: the same plan twice gives byte-identical JSON', () => {
    expect(renderPlanJson(UPDATE)).toBe(renderPlanJson(UPDATE));
  });

  it('does not depend on the order in which a resource object was built', () => {
    const a = set('production', { tags: { a: '1', b: '2' } });
    const b = { tags: { b: '2', a: '1' }, delivery: { tlsPolicy: 'REQUIRE' as const }, reputationMetricsEnabled: true, name: 'production', kind: 'configurationSet' as const };
    expect(renderPlanJson(plan([creating(b)]))).toBe(renderPlanJson(plan([creating(a)])));
  });

  it('keeps a tag key such as __proto__ as data', () => {
    const tags = Object.fromEntries([['__proto__', 'x']]) as Record<string, string>;
    const json = JSON.parse(renderPlanJson(plan([creating(set('p', { tags }))])));
    expect(json.changes[0].after.tags).toEqual(JSON.parse('{"__proto__":"x"}'));
  });

  it('ends with exactly one newline and parses back', () => {
    const text = renderPlanJson(BLOCKED);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(planToJson(BLOCKED))));
  });
});
