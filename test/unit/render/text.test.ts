import { describe, expect, it } from 'vitest';
import { ANSI, PLAIN } from '../../../src/render/palette.js';
import { renderPlanText } from '../../../src/render/text.js';
import { BLOCKED, CREATE, DELETE, EMPTY, NOTES, OTHER_KINDS, REPLACE, UPDATE, cloudWatch, creating, deleting, plan, set } from './plans.js';

const CASES = { create: CREATE, update: UPDATE, replace: REPLACE, delete: DELETE, blocked: BLOCKED, notes: NOTES, 'other-kinds': OTHER_KINDS, empty: EMPTY };

const lines = (s: string) => s.split('\n');
const legendOf = (s: string) => {
  const all = lines(s);
  const start = all.indexOf('Resource actions are indicated with the following symbols:');
  const end = all.indexOf('', start);
  return start < 0 ? [] : all.slice(start + 1, end);
};

describe('renderPlanText', () => {
  for (const [name, p] of Object.entries(CASES)) {
    it(`pins the ${name} plan`, async () => {
      await expect(renderPlanText(p, PLAIN)).toMatchFileSnapshot(`__snapshots__/plan-${name}.txt`);
    });
  }

  it('closes with the exact summary line of docs/architecture.md, "Plans"', () => {
    const out = renderPlanText(CREATE, PLAIN);
    expect(lines(out)).toContain('Plan: 3 to create, 0 to update, 0 to replace, 0 to delete.');
    expect(out.endsWith('Plan: 3 to create, 0 to update, 0 to replace, 0 to delete.\n')).toBe(true);
    expect(lines(renderPlanText(REPLACE, PLAIN))).toContain('Plan: 0 to create, 0 to update, 2 to replace, 0 to delete.');
  });

  it('prints "No changes." on a line of its own for an empty plan, and no legend or Plan line', () => {
    const out = renderPlanText(EMPTY, PLAIN);
    expect(lines(out)[0]).toBe('No changes.');
    expect(out).not.toMatch(/Plan:|symbols/);
  });

  it('shows in the legend only the symbols that occur', () => {
    expect(legendOf(renderPlanText(CREATE, PLAIN))).toEqual(['  + create']);
    expect(legendOf(renderPlanText(UPDATE, PLAIN))).toEqual(['  ~ update']);
    expect(legendOf(renderPlanText(REPLACE, PLAIN))).toEqual(['-/+ replace']);
    expect(legendOf(renderPlanText(BLOCKED, PLAIN))).toEqual(['  + create', '  - delete']);
  });

  it('heads each block with symbol, kind, id and reason, in plan order', () => {
    const out = lines(renderPlanText(UPDATE, PLAIN));
    const headers = out.filter((l) => /^( {2}[+~-]|-\/\+) \S+ \S+ {2}\(/.test(l));
    expect(headers).toEqual([
      '  ~ configurationSet production  (changed in file)',
      '  ~ eventDestination production/cloudwatch-metrics  (changed outside ses-reconcile)',
    ]);
    expect(lines(renderPlanText(REPLACE, PLAIN))).toContain('-/+ eventDestination production/archive  (changed in file)');
    expect(lines(renderPlanText(REPLACE, PLAIN))).toContain('-/+ configurationSet transactional-v2  (rename)');
  });

  it('shows each changed field of an update with before and after as compact JSON', () => {
    const out = lines(renderPlanText(UPDATE, PLAIN));
    expect(out).toContain('      + delivery.maxDeliverySeconds: 600');
    expect(out).toContain('      ~ delivery.tlsPolicy: "OPTIONAL" -> "REQUIRE"');
    expect(out).toContain('      ~ tracking: {"customRedirectDomain":"click.example.com","httpsPolicy":"OPTIONAL"} -> {"customRedirectDomain":"links.example.com","httpsPolicy":"REQUIRE"}');
    expect(out).toContain('      - tags.cost-center: "mail" -> (unset)');
    expect(out).toContain('      ~ target.dimensions.Campaign.default: "none" -> "n/a"');
  });

  it('clips long values around the first difference', () => {
    const line = lines(renderPlanText(UPDATE, PLAIN)).find((l) => l.startsWith('      ~ target.dimensions: '));
    expect(line).toBeDefined();
    const [before, after] = (line as string).slice('      ~ target.dimensions: '.length).split(' -> ') as [string, string];
    expect(before.length).toBeLessThanOrEqual(80);
    expect(after.length).toBeLessThanOrEqual(80);
    expect(after).toContain('…');
    expect(after).toContain('"n/a"');
  });

  it('lists the fields of a created resource, and only the header of a deleted one', () => {
    const out = lines(renderPlanText(CREATE, PLAIN));
    expect(out).toContain('      + delivery.tlsPolicy: "REQUIRE"');
    expect(out).toContain('      + tags["ses-reconcile:stack"]: "email-platform"');
    expect(out).toContain('      + sns.topic: "ses-bounces"');
    const del = lines(renderPlanText(plan([deleting(set('staging'))]), PLAIN));
    const at = del.indexOf('  - configurationSet staging  (removed from file)');
    expect(del.slice(at, at + 3)).toEqual(['  - configurationSet staging  (removed from file)', '      calls: DeleteConfigurationSet staging', '']);
  });

  it('shows the API calls of each change, one per line', () => {
    const out = lines(renderPlanText(UPDATE, PLAIN));
    const at = out.indexOf('      calls: PutConfigurationSetDeliveryOptions production');
    expect(out.slice(at, at + 3)).toEqual([
      '      calls: PutConfigurationSetDeliveryOptions production',
      '             PutConfigurationSetTrackingOptions production',
      '             UntagResource configuration set production',
    ]);
  });

  it('marks blocked rows and ends with the refusal', () => {
    const out = lines(renderPlanText(BLOCKED, PLAIN));
    expect(out.filter((l) => l === '  ✗ BLOCKED: deletes need --allow-deletes')).toHaveLength(2);
    expect(out.indexOf('  ✗ BLOCKED: deletes need --allow-deletes')).toBe(out.indexOf('  - eventDestination staging/old-metrics  (removed from file)') + 1);
    expect(out.at(-2)).toBe('Refused: 2 deletes exceed --max-deletes 1; re-run with --max-deletes 2 or --allow-deletes');
  });

  it('prints notes under their change and warnings after the Plan line', () => {
    const out = lines(renderPlanText(NOTES, PLAIN));
    expect(out).toContain('      ! resumes sending that was paused outside ses-reconcile');
    expect(out).toContain('        check the account dashboard first');
    const plan = out.findIndex((l) => l.startsWith('Plan: '));
    const warning = out.findIndex((l) => l.startsWith('Warning: configuration set "legacy"'));
    expect(plan).toBeGreaterThan(0);
    expect(warning).toBeGreaterThan(plan);
  });

  it('names stack, region and account', () => {
    expect(renderPlanText(NOTES, PLAIN)).toContain('on stack "email-platform" in us-east-1 (account 111122223333):');
  });

  it('writes no escape codes with the PLAIN palette', () => {
    for (const p of Object.values(CASES)) expect(renderPlanText(p, PLAIN)).not.toContain('\u001b');
  });

  it('colours through the ANSI palette: green create, yellow update, magenta replace, red delete', () => {
    const mixed = plan([...DELETE.changes, ...REPLACE.changes, ...CREATE.changes, ...UPDATE.changes]);
    const out = renderPlanText(mixed, ANSI);
    expect(out).toContain('\u001b[32m+\u001b[39m create');
    expect(out).toContain('\u001b[33m~\u001b[39m update');
    expect(out).toContain('\u001b[35m-/+\u001b[39m replace');
    expect(out).toContain('\u001b[31m-\u001b[39m delete');
    expect(renderPlanText(BLOCKED, ANSI)).toContain('\u001b[31m');
    // Stripped of colour, the ANSI output is the plain output.
    expect(out.replace(/\u001b\[\d+m/g, '')).toBe(renderPlanText(mixed, PLAIN));
  });

  it('is deterministic', () => {
    const p = plan([creating(set('a')), creating(cloudWatch('a', 'b'))]);
    expect(renderPlanText(p, PLAIN)).toBe(renderPlanText(p, PLAIN));
    expect(renderPlanText(UPDATE, ANSI)).toBe(renderPlanText(UPDATE, ANSI));
  });
});
