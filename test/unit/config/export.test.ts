/**
 * The pure parts of export: which sets --select takes, which alarms belong to which set, which topics are
 * used, how a dotted diagnostic path reads back, and that an alarm the rules refuse is left out of the
 * file (with why) so the file still validates.
 */
import { describe, expect, it } from 'vitest';
import { exportFiles } from '../../../src/config/export/index.js';
import { alarmsToExport, globMatcher, setsOfAlarm, topicsUsed } from '../../../src/config/export/select.js';
import { segmentsOfDotted } from '../../../src/config/export/validate-out.js';
import type { Alarm } from '../../../src/model/resources.js';
import { load } from '../../helpers/config.js';

const alarm = (name: string, dims: Record<string, string>, actions: string[] = []): Alarm => ({
  kind: 'alarm',
  name,
  actionsEnabled: true,
  alarmActions: actions.map((arn) => ({ arn })),
  okActions: [],
  insufficientDataActions: [],
  query: { type: 'metric', metric: { namespace: 'AWS/SES', metricName: 'Reject', dimensions: Object.entries(dims).map(([n, v]) => ({ name: n, value: v })) }, statistic: 'Sum', period: 300 },
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  threshold: 1,
  comparison: 'GreaterThanThreshold',
  treatMissingData: 'missing',
  tags: {},
});

describe('export: selection', () => {
  it('globs match whole names, * any run and ? one character; none given, every name', () => {
    const m = globMatcher(['prod-*', 'eu-?']);
    expect(['prod-1', 'prod-', 'eu-1'].filter(m)).toEqual(['prod-1', 'prod-', 'eu-1']);
    expect(['xprod-1', 'eu-12', 'prod'].filter(m)).toEqual([]);
    expect(globMatcher([])('anything')).toBe(true);
    expect(globMatcher(['a.b'])('aXb')).toBe(false); // a dot is a dot
  });

  it('an alarm belongs to the sets its dimensions name, or its preset name names; else it is an account alarm', () => {
    const names = new Set(['a', 'b']);
    expect(setsOfAlarm(alarm('x', { 'ses:configuration-set': 'a' }), 'st', names)).toEqual(['a']);
    expect(setsOfAlarm(alarm('st/b/rejects', {}), 'st', names)).toEqual(['b']);
    expect(setsOfAlarm(alarm('account', {}), 'st', names)).toEqual([]);
    const all = [alarm('of-a', { 'ses:configuration-set': 'a' }), alarm('of-b', { 'ses:configuration-set': 'b' }), alarm('account', {})];
    const theirs = { ...alarm('theirs', {}), tags: { 'ses-reconcile:stack': 'other' } };
    expect(alarmsToExport([...all, theirs], { stack: 'st', kept: new Set(['a']), all: names, selected: true }).map((a) => a.name)).toEqual(['of-a']);
    expect(alarmsToExport([...all, theirs], { stack: 'st', kept: names, all: names, selected: false }).map((a) => a.name)).toEqual(['of-a', 'of-b', 'account']);
  });

  it('topics used are the SNS ARNs of this Region and account, by name', () => {
    const used = topicsUsed([alarm('x', {}, ['arn:aws:sns:us-east-1:123456789012:alerts', 'arn:aws:sns:eu-west-1:123456789012:far', 'arn:aws:sns:us-east-1:999999999999:theirs'])], 'us-east-1', '123456789012');
    expect([...used]).toEqual([['alerts', 'arn:aws:sns:us-east-1:123456789012:alerts']]);
  });

  it('reads a dotted diagnostic path back into its segments', () => {
    expect(segmentsOfDotted('alarms["a b: c"].metrics[0].metric')).toEqual(['alarms', 'a b: c', 'metrics', '0', 'metric']);
    expect(segmentsOfDotted('configurationSets[123].alarms.bounceRate')).toEqual(['configurationSets', '123', 'alarms', 'bounceRate']);
  });
});

describe('export: the file validates', () => {
  it('leaves out an alarm on a metric no destination publishes, says why, and the rest still round-trips', () => {
    const file = load('version: 1\nstack: st\nconfigurationSets:\n  a: {}\n');
    const live = [...(file.desired?.resources.values() ?? []), alarm('stale', { 'ses:configuration-set': 'a' })];
    const out = exportFiles(live, { stack: 'st', region: 'us-east-1', accountId: '123456789012', layout: 'file', at: 'now' });
    const text = out.files[0]?.text ?? '';
    expect(out.warnings).toEqual([expect.stringMatching(/^left out: alarm stale: no CloudWatch event destination publishes Reject/)]);
    expect(text).toMatch(/^# left out \(the file cannot express it\): alarm stale: no CloudWatch event destination publishes Reject/m);
    expect(text).not.toMatch(/^ {2}stale:/m);
    expect(load(text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
