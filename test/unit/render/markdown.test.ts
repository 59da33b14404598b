import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/model/plan.js';
import { GITHUB_COMMENT_LIMIT, renderPlanMarkdown } from '../../../src/render/markdown.js';
import { BLOCKED, CREATE, DELETE, EMPTY, NOTES, OTHER_KINDS, REPLACE, UPDATE, cloudWatch, creating, huge, plan, set } from './plans.js';

const CASES = { create: CREATE, update: UPDATE, replace: REPLACE, delete: DELETE, blocked: BLOCKED, notes: NOTES, 'other-kinds': OTHER_KINDS, empty: EMPTY };

/** `p` with every change wrapped so that each property the renderer reads of it is counted. */
function counted(p: Plan): { plan: Plan; reads: () => number } {
  let reads = 0;
  const changes = p.changes.map((c) => new Proxy(c, { get: (target, key, receiver) => (reads++, Reflect.get(target, key, receiver)) }));
  return { plan: { ...p, changes }, reads: () => reads };
}

/** The `<details>` sections: summary line and whether the body is the full one. */
function sections(md: string): { summary: string; full: boolean }[] {
  return [...md.matchAll(/<details><summary>(.*?)<\/summary>([\s\S]*?)<\/details>/g)].map((m) => ({
    summary: m[1] as string,
    full: (m[2] as string).includes('```diff'),
  }));
}

describe('renderPlanMarkdown', () => {
  for (const [name, p] of Object.entries(CASES)) {
    it(`pins the ${name} plan`, async () => {
      await expect(renderPlanMarkdown(p)).toMatchFileSnapshot(`__snapshots__/plan-${name}.md`);
    });
  }

  it('starts with a title and a summary table of the four counts', () => {
    const md = renderPlanMarkdown(BLOCKED);
    expect(md.startsWith('### ses-reconcile plan for `email-platform` in `us-east-1`\n')).toBe(true);
    expect(md).toContain('| Create | Update | Replace | Delete |\n| ---: | ---: | ---: | ---: |\n| 1 | 0 | 0 | 2 |');
  });

  it('groups a set with its event destinations, and other kinds in sections of their own', () => {
    expect(sections(renderPlanMarkdown(OTHER_KINDS)).map((s) => s.summary)).toEqual([
      '<b>SNS topics</b>: 1 to create',
      '<b>Configuration set <code>production</code></b>: 2 to create',
      '<b>CloudWatch alarms</b>: 1 to update',
    ]);
    expect(sections(renderPlanMarkdown(BLOCKED)).map((s) => s.summary)).toEqual([
      '<b>Configuration set <code>staging</code></b>: 2 to delete, 2 blocked',
      '<b>Configuration set <code>production</code></b>: 1 to create',
    ]);
  });

  it('shows each change with its reason and its field diffs in a diff block', () => {
    const md = renderPlanMarkdown(UPDATE);
    expect(md).toContain('**~ update** eventDestination `production/cloudwatch-metrics` · _changed outside ses-reconcile_');
    expect(md).toContain('```diff\n+ delivery.maxDeliverySeconds: 600\n- delivery.tlsPolicy: OPTIONAL\n+ delivery.tlsPolicy: REQUIRE\n');
    expect(md).toContain('Calls: `PutConfigurationSetDeliveryOptions production`, `PutConfigurationSetTrackingOptions production`');
  });

  it('puts the refusal, blocked rows, notes and warnings in the comment', () => {
    const blocked = renderPlanMarkdown(BLOCKED);
    expect(blocked).toContain('> [!CAUTION]\n> **Refused:** 2 deletes exceed --max-deletes 1; re-run with --max-deletes 2 or --allow-deletes');
    expect(blocked).toContain('**✗ BLOCKED:** deletes need --allow-deletes');
    const notes = renderPlanMarkdown(NOTES);
    expect(notes).toContain('> [!WARNING]\n> - configuration set "legacy" exists');
    expect(notes).toContain('- ⚠️ a paused set usually means a reputation problem;<br>check the account dashboard first');
  });

  it('says "No changes." for an empty plan, with no table or sections', () => {
    const md = renderPlanMarkdown(EMPTY);
    expect(md).toContain('**No changes.**');
    expect(md).not.toMatch(/<details>|\| Create/);
    expect(md.length).toBeLessThan(200);
  });

  it('keeps a 3,000-change plan under GitHub\'s comment limit and says it summarised', () => {
    const big = huge(500, 6);
    expect(big.changes).toHaveLength(3000);
    const md = renderPlanMarkdown(big);
    expect(md.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(md).toContain('> [!NOTE]\n> This plan is too long for one GitHub comment (65,536 characters): ');
    expect(md).toMatch(/summarised/);
    expect(md).toContain('| 3000 | 0 | 0 | 0 |');
    // Every set is either listed (summarised) or counted in the closing line.
    const listed = sections(md).length;
    const left = /_…and ([\d,]+) more sections \(([\d,]+) changes: /.exec(md);
    expect(listed + Number((left?.[1] ?? '0').replace(/,/g, ''))).toBe(500);
  });

  it('summarises the largest sections first and leaves the small ones whole', async () => {
    const p = plan([
      creating(set('small-a')),
      creating(cloudWatch('small-a', 'metrics')),
      ...huge(1, 400).changes,
      creating(set('small-b')),
    ]);
    const md = renderPlanMarkdown(p);
    expect(md.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(sections(md)).toEqual([
      { summary: '<b>Configuration set <code>small-a</code></b>: 2 to create', full: true },
      { summary: '<b>Configuration set <code>set-0000</code></b>: 400 to create', full: false },
      { summary: '<b>Configuration set <code>small-b</code></b>: 1 to create', full: true },
    ]);
    expect(md).toContain('1 section of 3 summarised (largest first)');
    expect(md).toContain('_400 changes, summarised to fit the comment limit._');
    await expect(md).toMatchFileSnapshot('__snapshots__/plan-summarised.md');
  });

  it('does not summarise a plan that fits', () => {
    const md = renderPlanMarkdown(huge(3, 5));
    expect(md).not.toMatch(/summarised|\[!NOTE\]/);
    expect(sections(md).every((s) => s.full)).toBe(true);
  });

  it('reads each change as often in a plan of 2,000 sets as in one of 500, however many it leaves out', () => {
    // Reads per change, not elapsed time (no timed unit tests): a fitting loop that re-counts the
    // sections already left out at every step reads each change about once per later step, so its reads
    // per change grow with the plan. bench/render.mjs measures the time.
    const readsPerChange = (sets: number): number => {
      const { plan: p, reads } = counted(huge(sets, 2));
      const md = renderPlanMarkdown(p, { maxChars: 5_000 });
      expect(md).toMatch(/more sections \(/);
      return reads() / p.changes.length;
    };
    const small = readsPerChange(500);
    expect(readsPerChange(2_000)).toBeLessThanOrEqual(small * 1.1);
  });

  it('honours a smaller budget, cutting as a last resort', () => {
    for (const maxChars of [5_000, 1_000, 300]) {
      expect(renderPlanMarkdown(huge(50, 4), { maxChars }).length).toBeLessThanOrEqual(maxChars);
    }
    const warned = plan([creating(set('a'))], { warnings: Array.from({ length: 2_000 }, (_, i) => `warning number ${i} `.repeat(5)) });
    const md = renderPlanMarkdown(warned);
    expect(md.length).toBeLessThanOrEqual(65_000);
    expect(md).toMatch(/cut to fit the comment limit/);
  });

  it('escapes what comes from the plan: HTML in text, backticks in code', () => {
    const p = plan(
      [
        creating(set('production', { tags: { note: 'a ``` fence' } }), {
          notes: ['</details><script>x</script>'],
        }),
      ],
      { warnings: ['<b>bold</b> & co'] },
    );
    const md = renderPlanMarkdown(p);
    expect(md).not.toContain('<script>');
    expect(md).toContain('&lt;/details&gt;&lt;script&gt;');
    expect(md).toContain('&lt;b&gt;bold&lt;/b&gt; &amp; co');
    expect(md).toContain('````diff\n');
    expect(md).toContain('+ tags: {note: a ``` fence}\n````');
    expect(sections(md)).toHaveLength(1);
  });

  it('is deterministic', () => {
    expect(renderPlanMarkdown(UPDATE)).toBe(renderPlanMarkdown(UPDATE));
    const big = huge(500, 6);
    expect(renderPlanMarkdown(big)).toBe(renderPlanMarkdown(big));
  });
});
