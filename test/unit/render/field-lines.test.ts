import { describe, expect, it } from 'vitest';
import { fieldDiffs } from '../../../src/diff/fields.js';
import type { Change } from '../../../src/model/change.js';
import type { Alarm, EventDestination } from '../../../src/model/resources.js';
import { fileView, formatPath, viewContext } from '../../../src/model/view.js';
import { fieldLines, inlineYaml, lineDiff } from '../../../src/render/field-lines.js';

describe('inlineYaml', () => {
  it('writes a value as the file writes it, keys in code-unit order', () => {
    expect(inlineYaml(['BOUNCE', 'SEND'])).toBe('[BOUNCE, SEND]');
    expect(inlineYaml({ source: 'MESSAGE_TAG', default: 'none' })).toBe('{default: none, source: MESSAGE_TAG}');
    expect(inlineYaml('0.05%')).toBe('0.05%');
    // Quoted only where YAML needs it: a string that would read as a number or a boolean.
    expect(inlineYaml('600')).toBe('"600"');
    expect(inlineYaml(true)).toBe('true');
  });
});

describe('formatPath', () => {
  it('joins identifiers with dots and brackets any other key, the one spelling of every output', () => {
    expect(formatPath(['cloudWatch', 'dimensions', 'ses:configuration-set', 'default'])).toBe('cloudWatch.dimensions["ses:configuration-set"].default');
    expect(formatPath(['tags', 'cost-center'])).toBe('tags["cost-center"]');
  });
});

describe('lineDiff', () => {
  it('keeps the shared lines as context and marks only what changed', () => {
    expect(lineDiff(['a', 'b', 'c'], ['a', 'x', 'c'])).toEqual([
      { sign: ' ', text: 'a' },
      { sign: '-', text: 'b' },
      { sign: '+', text: 'x' },
      { sign: ' ', text: 'c' },
    ]);
  });
});

const alarm = (threshold: number, minSends: number): Alarm => ({
  kind: 'alarm',
  name: 's/prod/bounce-rate',
  actionsEnabled: true,
  alarmActions: [{ arn: 'arn:aws:sns:us-east-1:123456789012:alerts' }],
  okActions: [],
  insufficientDataActions: [],
  query: {
    type: 'math',
    metrics: [
      { id: 'bounces', kind: 'metric', metric: { namespace: 'AWS/SES', metricName: 'Bounce', dimensions: [{ name: 'ses:configuration-set', value: 'prod' }] }, stat: 'Sum', period: 3600, returnData: false },
      { id: 'sends', kind: 'metric', metric: { namespace: 'AWS/SES', metricName: 'Send', dimensions: [{ name: 'ses:configuration-set', value: 'prod' }] }, stat: 'Sum', period: 3600, returnData: false },
      { id: 'rate', kind: 'expression', expression: `IF(sends >= ${minSends}, bounces / sends, 0)`, returnData: true },
    ],
  },
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  threshold,
  comparison: 'GreaterThanOrEqualToThreshold',
  treatMissingData: 'notBreaching',
  tags: { 'ses-reconcile:stack': 's' },
});

const ctx = viewContext(['alerts'], 'us-east-1', '123456789012');

function update(before: Alarm | EventDestination, after: Alarm | EventDestination): Change {
  return { action: 'update', key: `${after.kind}:${after.name}`, kind: after.kind, id: after.name, reason: 'changed in file', before, after, diff: fieldDiffs(fileView(before, ctx), fileView(after, ctx)), steps: [], notes: [] };
}

describe('fieldLines', () => {
  it('shows a rate as a percentage, periods as durations and topics of the file by name', () => {
    const view = fileView(alarm(0.0005, 100), ctx);
    expect(view.threshold).toBe('0.05%');
    expect(view.notify).toEqual(['alerts']);
    expect(JSON.stringify(view.metrics)).toContain('"period":"1h"');
    expect(view).not.toHaveProperty('query');
    const lines = fieldLines(update(alarm(0.0005, 100), alarm(0.0004, 100)), ctx, 80);
    expect(lines).toEqual([{ sign: '~', path: 'threshold', before: '0.05%', after: '0.04%', generated: false }]);
  });

  it('writes a nested value that does not fit as a whole block, line-diffed, never cut', () => {
    const [line] = fieldLines(update(alarm(0.03, 100), alarm(0.03, 50)), ctx, 80);
    expect(line?.path).toBe('metrics');
    expect(line?.rows?.filter((r) => r.sign !== ' ').map((r) => `${r.sign}${r.text.trim()}`)).toEqual([
      '-- expression: IF(sends >= 100, bounces / sends, 0)',
      '+- expression: IF(sends >= 50, bounces / sends, 0)',
    ]);
    // Every line of both values is there: context included, nothing elided.
    expect(line?.rows?.map((r) => r.text).join('\n')).toContain('name: Bounce');
    expect(line?.rows?.some((r) => r.text.includes('…'))).toBe(false);
  });

  it('marks what ses-reconcile writes itself, and a delete shows every field that goes', () => {
    const gone: Change = { action: 'delete', key: 'alarm:s/prod/bounce-rate', kind: 'alarm', id: 's/prod/bounce-rate', reason: 'removed from file', before: { ...alarm(0.03, 100), description: 'Bounce rate (Bounce / Send) of configuration set prod at 3%. Managed by ses-reconcile (stack s).' }, after: null, diff: [], steps: [], notes: [] };
    const lines = fieldLines(gone, ctx, 80);
    expect(lines.every((l) => l.sign === '-')).toBe(true);
    expect(lines.map((l) => l.path)).toContain('threshold');
    expect(lines.filter((l) => l.generated).map((l) => l.path).sort()).toEqual(['description', 'ownerTags']);
  });
});

describe('a long changed block', () => {
  it('shows every changed line, with three lines of context, and counts the unchanged lines it hides', () => {
    const body = (v: string) => ({ widgets: Array.from({ length: 40 }, (_, i) => ({ title: i === 20 ? v : `w${i}` })) });
    const change: Change = { action: 'update', key: 'dashboard:d', kind: 'dashboard', id: 'd', reason: 'changed in file', before: null, after: null, diff: [{ path: ['body'], before: body('old'), after: body('new') }], steps: [], notes: [] };
    const [line] = fieldLines(change, ctx, 80);
    const rows = line?.rows ?? [];
    expect(rows.filter((r) => r.sign !== ' ').map((r) => `${r.sign}${r.text.trim()}`)).toEqual(['-- title: old', '+- title: new']);
    const hidden = rows.filter((r) => /unchanged lines hidden/.test(r.text)).map((r) => Number(/\((\d+) /.exec(r.text)?.[1]));
    // 41 lines a side (`widgets:` and 40 titles): 21 unchanged before the change, 3 of them kept; 19 after, 3 kept.
    expect(hidden).toEqual([18, 16]);
    expect(rows.length).toBe(1 + 3 + 2 + 3 + 1);
  });
});

describe('a nested value with an empty list', () => {
  it('writes the empty list inline, as the file would', () => {
    const change: Change = { action: 'update', key: 'topic:t', kind: 'topic', id: 't', reason: 'changed in file', before: null, after: null, diff: [{ path: ['policy'], before: null, after: { cloudWatchAlarms: true, sesConfigurationSets: [] } }], steps: [], notes: [] };
    const [line] = fieldLines(change, ctx, 80);
    expect(line?.rows?.map((r) => r.text)).toEqual(['cloudWatchAlarms: true', 'sesConfigurationSets: []']);
    expect(line?.generated).toBe(true);
  });
});
