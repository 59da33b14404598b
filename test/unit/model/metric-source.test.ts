/**
 * Which CloudWatch event destination a preset alarm or a generated dashboard reads a set's metrics from:
 * the one rule (model/ses.ts chooseMetricSource), the preset alarms and the dashboards following it, and
 * the file written back by export meaning the same.
 */
import { describe, expect, it } from 'vitest';
import { presetOf } from '../../../src/config/export/presets-of.js';
import { writtenDashboard } from '../../../src/config/export/written-of.js';
import { normalize } from '../../../src/config/normalize.js';
import type { WrittenConfig, WrittenConfigurationSet } from '../../../src/config/written.js';
import type { Alarm, Dashboard, EventType } from '../../../src/model/resources.js';
import { chooseMetricSource, isSetTotal, type MetricSourceCandidate } from '../../../src/model/ses.js';
import { dashboardBody } from '../../../src/plan/dashboard-body.js';
import { lines, load, resource } from '../../helpers/config.js';

const dest = (name: string, events: EventType[], ...dims: [string, string][]): MetricSourceCandidate => ({ name, events, dimensions: dims.map(([n, source]) => ({ name: n, source })) });
const BY_SET = dest('by-set', ['SEND', 'BOUNCE'], ['ses:configuration-set', 'MESSAGE_TAG']);
const BY_CAMPAIGN = dest('by-campaign', ['SEND', 'BOUNCE', 'OPEN'], ['campaign', 'MESSAGE_TAG']);
const BY_TEMPLATE = dest('by-template', ['SEND', 'BOUNCE'], ['template', 'MESSAGE_TAG']);

describe('chooseMetricSource', () => {
  it('the set total is only dimension ses:configuration-set from the message tag', () => {
    expect(isSetTotal(BY_SET)).toBe(true);
    expect(isSetTotal(BY_CAMPAIGN)).toBe(false);
    expect(isSetTotal(dest('x', [], ['ses:configuration-set', 'MESSAGE_TAG'], ['campaign', 'MESSAGE_TAG']))).toBe(false);
    expect(isSetTotal(dest('x', [], ['ses:configuration-set', 'EMAIL_HEADER']))).toBe(false);
  });

  it('the only destination publishing the events, whatever its dimensions', () => {
    expect(chooseMetricSource([BY_CAMPAIGN], ['BOUNCE', 'SEND'])).toEqual({ ok: true, chosen: BY_CAMPAIGN });
    expect(chooseMetricSource([BY_SET, BY_CAMPAIGN], ['OPEN'])).toEqual({ ok: true, chosen: BY_CAMPAIGN });
  });

  it('among several, the set total; with none, ambiguous, the candidates in the given order', () => {
    expect(chooseMetricSource([BY_CAMPAIGN, BY_SET], ['BOUNCE', 'SEND'])).toEqual({ ok: true, chosen: BY_SET });
    expect(chooseMetricSource([BY_TEMPLATE, BY_CAMPAIGN], ['SEND'])).toEqual({ ok: false, problem: 'ambiguous', candidates: [BY_TEMPLATE, BY_CAMPAIGN] });
    expect(chooseMetricSource([BY_SET, BY_CAMPAIGN], ['COMPLAINT'])).toEqual({ ok: false, problem: 'none' });
  });

  it('the named destination, over the set total; unknown, or lacking an event, is a problem', () => {
    expect(chooseMetricSource([BY_SET, BY_CAMPAIGN], ['BOUNCE', 'SEND'], 'by-campaign')).toEqual({ ok: true, chosen: BY_CAMPAIGN });
    expect(chooseMetricSource([BY_SET], ['SEND'], 'by-campain')).toEqual({ ok: false, problem: 'unknown' });
    expect(chooseMetricSource([BY_SET], ['OPEN', 'SEND'], 'by-set')).toEqual({ ok: false, problem: 'lacks', missing: ['OPEN'] });
  });
});

const SET: WrittenConfigurationSet = {
  eventDestinations: {
    'by-campaign': { events: ['SEND', 'DELIVERY', 'BOUNCE', 'COMPLAINT', 'OPEN'], cloudWatch: { dimensions: { campaign: { source: 'MESSAGE_TAG', default: 'none' } } } },
    'by-set': { events: ['SEND', 'DELIVERY', 'BOUNCE', 'COMPLAINT'], cloudWatch: { dimensions: { 'ses:configuration-set': { source: 'MESSAGE_TAG', default: 'app' } } } },
  },
};

function file(alarm: Record<string, unknown>, dashboard: Record<string, unknown>): string {
  return JSON.stringify({ version: 1, stack: 'st', configurationSets: { app: { ...SET, alarms: { bounceRate: { threshold: '3%', ...alarm } } } }, dashboards: { D: { configurationSets: ['app'], accountMetrics: false, ...dashboard } } });
}

const dimsOfAlarm = (a: Alarm): unknown[] => (a.query.type === 'math' ? a.query.metrics.flatMap((m) => (m.kind === 'metric' ? [m.metric.dimensions] : [])) : []);
function dimsOfDashboard(text: string): Map<string, unknown[]> {
  const r = load(text);
  const state = r.desired?.resources ?? new Map();
  const body = dashboardBody(resource(r, 'dashboard', 'D'), state, 'st', 'us-east-1', '123456789012') as { widgets: { properties: { metrics?: unknown[][] } }[] };
  const out = new Map<string, unknown[]>();
  for (const w of body.widgets) for (const m of w.properties.metrics ?? []) if (m[0] === 'AWS/SES') out.set(`${String(m[1])}${JSON.stringify(m.at(-1))}`, m.slice(2, -1));
  return out;
}

describe('presets and dashboards choose the same way', () => {
  it('by default both read the set total, with only ses:configuration-set', () => {
    const r = load(file({}, {}));
    expect(lines(r)).toEqual([]);
    for (const d of dimsOfAlarm(resource(r, 'alarm', 'st/app/bounce-rate'))) expect(d).toEqual([{ name: 'ses:configuration-set', value: 'app' }]);
    const dims = dimsOfDashboard(file({}, {}));
    expect([...dims.keys()].some((k) => k.startsWith('Open'))).toBe(true); // only by-campaign publishes OPEN: charted from it
    for (const [k, d] of dims) expect(d, k).toEqual(k.startsWith('Open') ? ['campaign', 'none'] : ['ses:configuration-set', 'app']);
  });

  it('destination: / destinations: { set: NAME } make both read that one', () => {
    const text = file({ destination: 'by-campaign' }, { destinations: { app: 'by-campaign' } });
    const r = load(text);
    expect(lines(r)).toEqual([]);
    for (const d of dimsOfAlarm(resource(r, 'alarm', 'st/app/bounce-rate'))) expect(d).toEqual([{ name: 'campaign', value: 'none' }]);
    for (const [k, d] of dimsOfDashboard(text)) expect(d, k).toEqual(['campaign', 'none']);
  });

  it('a named dashboard destination charts only what it publishes', () => {
    const dims = dimsOfDashboard(file({}, { destinations: { app: 'by-set' } }));
    expect([...dims.keys()].some((k) => k.startsWith('Open'))).toBe(false);
  });
});

describe('export writes the choice back', () => {
  const ctx = { stack: 'st', sets: { app: SET }, topics: {}, topicNames: new Map<string, string>(), tags: {} };

  it('a preset reading the set total is written without destination:, one reading another with it', () => {
    const plain = resource(load(file({}, {})), 'alarm', 'st/app/bounce-rate');
    expect(presetOf(plain, ctx)).toMatchObject({ owner: 'set', set: 'app', preset: 'bounceRate' });
    expect(presetOf(plain, ctx)?.written).not.toHaveProperty('destination');
    const named = resource(load(file({ destination: 'by-campaign' }, {})), 'alarm', 'st/app/bounce-rate');
    expect(presetOf(named, ctx)?.written).toMatchObject({ destination: 'by-campaign' });
  });

  it('a generated dashboard with destinations: normalizes back to the same resource', () => {
    const d = resource(load(file({}, { destinations: { app: 'by-campaign' } })), 'dashboard', 'D');
    expect(d.source).toMatchObject({ type: 'generated', destinations: { app: 'by-campaign' } });
    const again: WrittenConfig = { version: 1, stack: 'st', configurationSets: { app: SET }, dashboards: { D: writtenDashboard(d) } };
    expect(normalize(again).resources.get('dashboard:D') as Dashboard).toEqual(d);
  });
});
