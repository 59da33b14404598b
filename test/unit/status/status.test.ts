import { describe, expect, it } from 'vitest';
import { renderStatusMarkdown, sparkline } from '../../../src/render/status.js';
import { destinationOf, statusQueries, windowOf } from '../../../src/status/queries.js';
import { statusReport } from '../../../src/status/report.js';
import { load } from '../../helpers/config.js';

const FILE = `version: 1
stack: s
configurationSets:
  a:
    eventDestinations:
      by-campaign: { events: [SEND, BOUNCE], cloudWatch: { dimensions: { campaign: { source: MESSAGE_TAG, default: none } } } }
      totals: { events: [SEND, BOUNCE, COMPLAINT], cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: a } } } }
  b:
    eventDestinations:
      to-bus: { events: [BOUNCE], eventBridge: { eventBusArn: "arn:aws:events:us-east-1:123456789012:event-bus/default" } }
`;
const desired = [...(load(FILE).desired?.resources.values() ?? [])];

describe('status queries', () => {
  it('buckets the window on period boundaries: 24h in 24 hours, 7d in 24 seven-hour buckets', () => {
    const now = Date.parse('2026-12-01T14:20:00Z');
    expect(windowOf(now, 86_400)).toEqual({ start: '2026-11-30T15:00:00.000Z', end: '2026-12-01T15:00:00.000Z', period: 3600 });
    expect(windowOf(now, 7 * 86_400).period).toBe(25_200);
    expect(windowOf(now, 600).period).toBe(60);
  });

  it('reads the set\'s own destination (only ses:configuration-set) and only the events it publishes', () => {
    expect(destinationOf('a', desired)?.name).toBe('totals');
    const q = statusQueries(desired, windowOf(Date.parse('2026-12-01T14:20:00Z'), 86_400));
    const a = q.sets.find((s) => s.set === 'a');
    expect(a?.destination).toBe('totals');
    expect(a?.ids).toMatchObject({ Send: 's0_send', Bounce: 's0_bounce', Complaint: 's0_complaint', Delivery: null, Open: null });
    expect(q.queries.find((x) => x.id === 's0_send')?.dimensions).toEqual([{ name: 'ses:configuration-set', value: 'a' }]);
    // b publishes to EventBridge only: nothing to read in CloudWatch.
    expect(q.sets.find((s) => s.set === 'b')?.destination).toBeUndefined();
  });
});

describe('status report', () => {
  const window = windowOf(Date.parse('2026-12-01T14:20:00Z'), 86_400);
  const queries = statusQueries(desired, window);
  const at = (h: number) => new Date(Date.parse(window.start) + h * 3_600_000).toISOString();
  const series = new Map([
    ['s0_send', { timestamps: [at(0), at(23)], values: [100, 100] }],
    ['s0_bounce', { timestamps: [at(23)], values: [2] }],
  ]);
  const report = statusReport({ stack: 's', region: 'us-east-1', window, desired, queries, series, sending: new Map([['a', true]]), alarms: [] });

  it('counts over the window, lays the trend on the buckets, and reads a missing series as 0 events', () => {
    const a = report.configurationSets.find((s) => s.name === 'a');
    expect(a?.totals).toMatchObject({ Send: 200, Bounce: 2, Complaint: 0, Delivery: null });
    expect(a?.bounceRate).toMatchObject({ value: 0.01, level: 'ok' });
    expect(a?.complaintRate).toMatchObject({ value: 0, level: 'ok' });
    expect(a?.trend.sends[0]).toBe(100);
    expect(a?.trend.sends[23]).toBe(100);
    expect(a?.trend.sends.slice(1, 23).every((x) => x === 0)).toBe(true);
    expect(report.healthy).toBe(true);
    expect(report.notes).toContain('b: no enabled CloudWatch event destination, so no metrics to review');
  });

  it('draws a Mermaid xychart per set with one value per bucket, in a collapsed section', () => {
    const md = renderStatusMarkdown(report);
    const chart = /```mermaid\nxychart-beta\n {2}title "a: sends \(bars\) and bounces \(line\)"\n {2}x-axis \[(.*)\]\n {2}y-axis "messages" 0 --> 100\n {2}bar \[(.*)\]\n {2}line \[(.*)\]\n```/.exec(md);
    expect(chart).not.toBeNull();
    expect(chart?.[1]?.split(', ')).toHaveLength(24);
    expect(chart?.[2]?.split(', ').map(Number).reduce((x, y) => x + y, 0)).toBe(200);
    expect(md).toContain('| `a` | sending | 200 | — | 2 | 0 | — | — | — | 1% ✓ | 0% ✓ |');
  });

  it('sparklines scale to the series\' maximum', () => {
    expect(sparkline([0, 1, 2, 4, 8])).toBe('▁▂▃▅█'); // 4 of 8 is the middle of 8 levels, rounded up
    expect(sparkline([0, 0])).toBe('▁▁');
  });
});

describe('status: tenants', () => {
  const file = [...(load(`version: 1\nstack: s\nconfigurationSets:\n  a: {}\ntenants:\n  acme: { configurationSets: [a] }\n  beta: {}\n  gamma: {}\n  delta: {}\n`).desired?.resources.values() ?? [])];
  const window = windowOf(Date.parse('2026-12-01T12:00:00Z'), 86_400);
  const queries = statusQueries(file, window);
  const report = statusReport({
    stack: 's',
    region: 'us-east-1',
    window,
    desired: file,
    queries,
    series: new Map(),
    sending: new Map([['a', true]]),
    alarms: [],
    tenants: [
      { name: 'acme', sending: 'DISABLED', pausedBySes: true, cause: 'High bounce rate', findings: [{ type: 'BOUNCE', impact: 'HIGH', description: 'bounce rate 9%' }] },
      { name: 'beta', sending: 'DISABLED', pausedBySes: false, findings: [] },
      { name: 'gamma', sending: 'ENABLED', pausedBySes: false, findings: [] },
    ],
  });

  it("makes SES's pause and each open finding a finding, a pause by hand and a missing tenant notes", () => {
    expect(report.tenants.map((t) => [t.name, t.sending, t.pausedBy ?? '-', t.findings.length])).toEqual([
      ['acme', 'DISABLED', 'ses', 1],
      ['beta', 'DISABLED', 'owner', 0],
      ['delta', 'missing', '-', 0],
      ['gamma', 'ENABLED', '-', 0],
    ]);
    expect(report.findings).toEqual([
      'tenant acme: SES paused its sending (High bounce rate); apply resumes it only if the file says sendingEnabled: true',
      'tenant acme: open high-impact BOUNCE finding: bounce rate 9%',
    ]);
    expect(report.notes.join('\n')).toMatch(/tenant beta: sending is paused by hand/);
    expect(report.notes.join('\n')).toMatch(/tenant delta of the file does not exist: run apply/);
    expect(report.healthy).toBe(false);
  });

  it('shows the tenants in the markdown report', () => {
    const md = renderStatusMarkdown(report);
    expect(md).toContain('| `acme` | **paused by SES** | BOUNCE (HIGH) |');
    expect(md).toContain('| `gamma` | sending |  |');
  });
});
