import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { desiredFromSources } from '../../../src/config/index.js';
import type { Dashboard } from '../../../src/model/resources.js';
import type { State } from '../../../src/model/state.js';
import { dashboardBody, resolveDashboards } from '../../../src/plan/dashboard-body.js';
import { ROOT } from '../../helpers/cli.js';

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const STACK = 'email-platform';
const SET = 'production-email-monitoring';

function desired(text: string, file = 'full.yaml'): State {
  const r = desiredFromSources([{ file, text }]);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.desired?.resources ?? new Map();
}

const FULL = desired(readFileSync(join(ROOT, 'examples', 'full.yaml'), 'utf8'));
const dashboardOf = (state: State, name: string): Dashboard => state.get(`dashboard:${name}`) as Dashboard;

interface Widget {
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  properties: { title: string; metrics?: unknown[][]; alarms?: string[]; period?: number; region?: string };
}
const widgetsOf = (body: unknown): Widget[] => (body as { widgets: Widget[] }).widgets;

describe('dashboardBody: generated', () => {
  const body = dashboardBody(dashboardOf(FULL, 'SES-Email-Monitoring'), FULL, STACK, REGION, ACCOUNT);
  const widgets = widgetsOf(body);
  const byTitle = (prefix: string): Widget => {
    const w = widgets.find((x) => x.properties.title.startsWith(prefix));
    if (!w) throw new Error(`no widget ${prefix} in ${widgets.map((x) => x.properties.title).join(', ')}`);
    return w;
  };

  it('draws each metric with the dimensions of the set\'s CloudWatch destination', () => {
    expect(byTitle('Volume').properties.metrics).toEqual([
      ['AWS/SES', 'Send', 'ses:configuration-set', SET, { stat: 'Sum', period: 3600, label: 'Send' }],
      ['AWS/SES', 'Delivery', 'ses:configuration-set', SET, { stat: 'Sum', period: 3600, label: 'Delivery' }],
    ]);
    for (const title of ['Volume', 'Bounces and complaints', 'Bounce and complaint rates', 'Engagement', 'Rejects and rendering failures']) {
      const w = byTitle(title);
      expect(w.properties.region).toBe(REGION);
      expect(w.properties.period).toBe(3600);
      for (const m of w.properties.metrics ?? []) if (m[0] === 'AWS/SES') expect(m.slice(2, 4), title).toEqual(['ses:configuration-set', SET]);
    }
    expect(byTitle('Engagement').properties.metrics?.map((m) => m[1])).toEqual(['Open', 'Click']);
    expect(byTitle('Rejects').properties.metrics?.map((m) => m[1])).toEqual(['Reject', 'RenderingFailure']);
  });

  it('computes the rates as metric math over hidden Send, Bounce and Complaint', () => {
    const metrics = byTitle('Bounce and complaint rates').properties.metrics ?? [];
    expect(metrics.slice(0, 2)).toEqual([
      [{ expression: 'bounces/sends*100', label: 'Bounce rate (%)', id: 'bouncesRate' }],
      [{ expression: 'complaints/sends*100', label: 'Complaint rate (%)', id: 'complaintsRate' }],
    ]);
    expect(metrics.slice(2).map((m) => [m[1], m[m.length - 1]])).toEqual([
      ['Send', { stat: 'Sum', period: 3600, id: 'sends', visible: false }],
      ['Bounce', { stat: 'Sum', period: 3600, id: 'bounces', visible: false }],
      ['Complaint', { stat: 'Sum', period: 3600, id: 'complaints', visible: false }],
    ]);
  });

  it('shows the status of the set\'s alarms and of the account alarms, by ARN', () => {
    const arn = (slug: string) => `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${STACK}/${slug}`;
    expect(byTitle(`Alarms: ${SET}`)).toMatchObject({
      type: 'alarm',
      properties: { alarms: ['bounce-rate', 'complaint-rate', 'delivery-drop', 'rejects', 'rendering-failures'].map((s) => arn(`${SET}/${s}`)) },
    });
    expect(byTitle('Alarms: account').properties.alarms).toEqual([arn('account/bounce-rate'), arn('account/complaint-rate')]);
    expect(byTitle('Account reputation').properties.metrics).toEqual([
      ['AWS/SES', 'Reputation.BounceRate', { stat: 'Average', period: 3600 }],
      ['AWS/SES', 'Reputation.ComplaintRate', { stat: 'Average', period: 3600 }],
    ]);
  });

  it('lays the widgets out on the 24-wide grid without overlap', () => {
    const cells = new Set<string>();
    for (const w of widgets) {
      expect(w.x + w.width).toBeLessThanOrEqual(24);
      for (let x = w.x; x < w.x + w.width; x++) for (let y = w.y; y < w.y + w.height; y++) {
        expect(cells.has(`${x},${y}`)).toBe(false);
        cells.add(`${x},${y}`);
      }
    }
    expect(widgets.map((w) => w.type)).toEqual(['metric', 'metric', 'metric', 'metric', 'metric', 'alarm', 'metric', 'alarm']);
  });

  it('is deterministic: the same input gives the same JSON', () => {
    const again = desired(readFileSync(join(ROOT, 'examples', 'full.yaml'), 'utf8'));
    const other = dashboardBody(dashboardOf(again, 'SES-Email-Monitoring'), again, STACK, REGION, ACCOUNT);
    expect(JSON.stringify(other)).toBe(JSON.stringify(body));
  });
});

describe('dashboardBody: sets without a CloudWatch destination, literal bodies', () => {
  const FILE = `version: 1
stack: s
topics: { t: {} }
configurationSets:
  quiet:
    eventDestinations:
      to-sns: { events: [BOUNCE, COMPLAINT], sns: { topic: t } }
  partial:
    eventDestinations:
      cw:
        events: [SEND, BOUNCE]
        cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: x }, Campaign: { source: MESSAGE_TAG, default: none } } }
accountAlarms: { bounceRate: {} }
alarms:
  # Free-form, named under the set's prefix: the set's alarm widget shows it.
  s/quiet/rejects: { metric: Reject, statistic: Sum, threshold: 1, comparison: GreaterThanThreshold }
dashboards:
  quiet-only: { configurationSets: [quiet], period: 5m }
  partial-only: { configurationSets: [partial], accountMetrics: false }
  lit: { body: { widgets: [{ type: text, properties: { markdown: hi } }] } }
`;

  it('gives a set with no CloudWatch destination only the alarm and account widgets', () => {
    const state = desired(FILE);
    const widgets = widgetsOf(dashboardBody(dashboardOf(state, 'quiet-only'), state, 's', REGION, ACCOUNT));
    expect(widgets.map((w) => [w.type, w.properties.title])).toEqual([
      ['alarm', 'Alarms: quiet'],
      ['metric', 'Account reputation'],
      ['alarm', 'Alarms: account'],
    ]);
    expect(widgets[1]?.properties.period).toBe(300);
  });

  it('draws only what the destination publishes, other dimensions at their default', () => {
    const state = desired(FILE);
    const widgets = widgetsOf(dashboardBody(dashboardOf(state, 'partial-only'), state, 's', REGION, ACCOUNT));
    expect(widgets.map((w) => w.properties.title)).toEqual(['Volume: partial', 'Bounces and complaints: partial', 'Bounce and complaint rates (%): partial']);
    expect(widgets[0]?.properties.metrics).toEqual([['AWS/SES', 'Send', 'Campaign', 'none', 'ses:configuration-set', 'partial', { stat: 'Sum', period: 3600, label: 'Send' }]]);
    expect(widgets[2]?.properties.metrics?.[0]).toEqual([{ expression: 'bounces/sends*100', label: 'Bounce rate (%)', id: 'bouncesRate' }]);
    expect(widgets[2]?.properties.metrics).toHaveLength(3);
  });

  it('returns a literal body as is, and resolveDashboards makes every dashboard literal', () => {
    const state = desired(FILE);
    const lit = dashboardOf(state, 'lit');
    expect(dashboardBody(lit, state, 's', REGION, ACCOUNT)).toBe(lit.source.type === 'literal' ? lit.source.body : undefined);
    const resolved = resolveDashboards(state, 's', REGION, ACCOUNT);
    expect([...resolved.keys()]).toEqual([...state.keys()]);
    for (const name of ['quiet-only', 'partial-only', 'lit']) {
      const d = dashboardOf(resolved, name);
      expect(d.source).toEqual({ type: 'literal', body: dashboardBody(dashboardOf(state, name), state, 's', REGION, ACCOUNT) });
    }
    expect(resolved.get('alarm:s/quiet/rejects')).toBe(state.get('alarm:s/quiet/rejects'));
  });
});

describe('dashboards per Region', () => {
  const file = (name: string) => `version: 1\nstack: ${STACK}\nconfigurationSets:\n  ${SET}: {}\ndashboards:\n  ${name}: { configurationSets: [${SET}] }\n`;

  it('replaces {region} in a name and tags every dashboard with the Region it belongs to', () => {
    const west = resolveDashboards(desired(file('SES-{region}-overview')), STACK, 'us-west-2', ACCOUNT);
    const d = dashboardOf(west, 'SES-us-west-2-overview');
    expect(d.tags).toEqual({ 'ses-reconcile:region': 'us-west-2', 'ses-reconcile:stack': STACK });
    expect([...west.keys()].filter((k) => k.startsWith('dashboard:'))).toEqual(['dashboard:SES-us-west-2-overview']);
  });

  it('accepts {region} and refuses any other brace in a dashboard name (exit 3 material)', () => {
    const bad = desiredFromSources([{ file: 'f.yaml', text: file('SES-{stack}') }]);
    expect(bad.diagnostics.find((d) => d.severity === 'error')?.hint).toMatch(/may hold \{region\}/);
    expect(desiredFromSources([{ file: 'f.yaml', text: file('SES-{region}') }]).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
