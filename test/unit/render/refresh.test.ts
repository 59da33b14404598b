/** A `--refresh changed` plan says, first thing and in every format, that drift was not looked for. */
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/model/plan.js';
import { planToJson } from '../../../src/render/json.js';
import { renderPlanMarkdown } from '../../../src/render/markdown.js';
import { PLAIN } from '../../../src/render/palette.js';
import { renderPlanText } from '../../../src/render/text.js';
import { EMPTY, UPDATE } from './plans.js';

const changed = (p: Plan, notRead: number): Plan => ({ ...p, refresh: { mode: 'changed', notRead } });

describe('the --refresh changed header', () => {
  it('opens the text plan, in lines that fit a terminal', () => {
    const text = renderPlanText(changed(UPDATE, 998), PLAIN);
    const [first, second] = text.split('\n');
    expect(first).toBe('Refresh: changed. 998 resources the file did not change since the last apply were not read;');
    expect(second).toMatch(/^drift \(changes made to them outside ses-reconcile\) is not shown/);
    expect(text.split('\n').slice(0, 2).every((l) => l.length <= 100)).toBe(true);
  });

  it('does not claim the whole account matches when nothing needs a change', () => {
    const text = renderPlanText(changed(EMPTY, 1), PLAIN);
    expect(text).toContain('1 resource the file did not change since the last apply was not read;');
    expect(text).toContain('No changes.\nWhat the file changed matches the AWS account');
    expect(text).not.toContain('The AWS account matches the configuration');
    expect(renderPlanText(EMPTY, PLAIN)).toContain('The AWS account matches the configuration');
  });

  it('is a note under the title of the markdown comment, and a field of the JSON plan', () => {
    const md = renderPlanMarkdown(changed(UPDATE, 3));
    const lines = md.split('\n');
    const note = lines.indexOf('> [!NOTE]');
    expect(note).toBeGreaterThan(0);
    expect(note).toBeLessThan(lines.findIndex((l) => l.startsWith('| Create')));
    expect(lines[note + 1]).toMatch(/^> Refresh: changed\. 3 resources .* not read; drift \(changes made to them outside ses-reconcile\) is not shown;/);
    expect(planToJson(changed(UPDATE, 3)).refresh).toEqual({ mode: 'changed', notRead: 3 });
    expect(planToJson(UPDATE).refresh).toBeUndefined();
  });
});
