import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { desiredFromSources, loadDesired } from '../../../src/config/index.js';
import { load, lines, resource, testdir } from '../../helpers/config.js';

const HEAD = 'version: 1\nstack: s\n';

function sameModel(a: string, b: string): void {
  const ra = load(HEAD + a);
  const rb = load(HEAD + b);
  expect(lines(ra).filter((l) => l.includes(' error '))).toEqual([]);
  expect(lines(rb).filter((l) => l.includes(' error '))).toEqual([]);
  expect(ra.desired).toBeDefined();
  expect(ra.desired).toEqual(rb.desired);
}

describe('normalisation: two files that mean the same thing give the same model', () => {
  it('rates as percent or fraction, periods with or without units', () => {
    const cw = `configurationSets:
  a:
    eventDestinations:
      m: { events: [SEND, BOUNCE, COMPLAINT], cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: a } } } }
    alarms:
`;
    sameModel(cw + '      bounceRate: { threshold: 3%, period: 1h }\n', cw + '      bounceRate: { threshold: 0.03, period: 3600 }\n');
    sameModel(cw + '      complaintRate: { threshold: 0.08% }\n', cw + '      complaintRate: { threshold: 0.0008, period: 60m }\n');
  });

  it('event types, dimensions and suppression reasons in any order', () => {
    sameModel(
      `configurationSets:
  a:
    suppression: { reasons: [COMPLAINT, BOUNCE] }
    eventDestinations:
      m: { events: [COMPLAINT, SEND, BOUNCE], cloudWatch: { dimensions: { z: { source: MESSAGE_TAG, default: x }, a: { source: MESSAGE_TAG, default: y } } } }
`,
      `configurationSets:
  a:
    suppression: { reasons: [BOUNCE, COMPLAINT] }
    eventDestinations:
      m: { events: [BOUNCE, COMPLAINT, SEND], cloudWatch: { dimensions: { a: { source: MESSAGE_TAG, default: y }, z: { source: MESSAGE_TAG, default: x } } } }
`,
    );
  });

  it('AWS defaults omitted or written out', () => {
    sameModel(
      `configurationSets:
  a:
    tracking: { customRedirectDomain: t.example.com }
    eventDestinations:
      m: { events: [BOUNCE, COMPLAINT], sns: { topic: t } }
topics: { t: {} }
`,
      `configurationSets:
  a:
    reputationMetricsEnabled: false
    delivery: { tlsPolicy: OPTIONAL }
    tracking: { customRedirectDomain: t.example.com, httpsPolicy: OPTIONAL }
    vdm: {}
    eventDestinations:
      m: { enabled: true, events: [BOUNCE, COMPLAINT], sns: { topic: t } }
topics: { t: { displayName: "", subscriptions: [] } }
`,
    );
  });

  it('anchors and merge keys mean what they expand to', () => {
    sameModel(
      `x-d: &d { notify: [t], period: 1h }
topics: { t: {} }
accountAlarms:
  bounceRate: { <<: *d, threshold: 2% }
  complaintRate: *d
`,
      `topics: { t: {} }
accountAlarms:
  bounceRate: { notify: [t], period: 1h, threshold: 2% }
  complaintRate: { notify: [t], period: 1h }
`,
    );
  });

  it('one file or the same content split across a directory', () => {
    const one = testdir({
      'all.yaml': `version: 1
stack: s
topics: { t: {} }
configurationSets:
  a: { eventDestinations: { e: { events: [BOUNCE, COMPLAINT], sns: { topic: t } } } }
`,
    });
    const split = testdir({
      'a.yaml': 'version: 1\nstack: s\ntopics: { t: {} }\n',
      'b.yml': 'version: 1\nstack: s\nconfigurationSets:\n  a: { eventDestinations: { e: { events: [BOUNCE, COMPLAINT], sns: { topic: t } } } }\n',
      'ignored.txt': 'not yaml',
    });
    const r1 = loadDesired(one);
    const r2 = loadDesired(split);
    expect(r2.diagnostics).toEqual([]);
    expect(r2.files).toHaveLength(2);
    expect(r1.desired).toEqual(r2.desired);
  });
});

describe('normalisation: what the model holds', () => {
  const full = loadDesired('examples/full.yaml');

  it('expands a rate preset into a metric-math alarm with a volume guard and the destination dimensions', () => {
    const a = resource(full, 'alarm', 'email-platform/production-email-monitoring/bounce-rate');
    expect(a.threshold).toBe(0.03);
    expect(a.comparison).toBe('GreaterThanOrEqualToThreshold');
    expect(a.treatMissingData).toBe('notBreaching');
    expect(a.datapointsToAlarm).toBe(1);
    expect(a.alarmActions).toEqual([{ topic: 'ses-alerts' }]);
    expect(a.query.type).toBe('math');
    if (a.query.type !== 'math') return;
    const [bounces, sends, rate] = a.query.metrics;
    expect(rate).toMatchObject({ id: 'rate', kind: 'expression', expression: 'IF(sends >= 100, bounces / sends, 0)', returnData: true });
    const dims = [{ name: 'ses:configuration-set', value: 'production-email-monitoring' }];
    expect(bounces).toMatchObject({ id: 'bounces', stat: 'Sum', period: 3600, returnData: false, metric: { namespace: 'AWS/SES', metricName: 'Bounce', dimensions: dims } });
    expect(sends).toMatchObject({ id: 'sends', metric: { metricName: 'Send', dimensions: dims } });
  });

  it('uses the dimension default, or the value the preset names, for message-tag dimensions', () => {
    const r = loadDesired('examples/destination-cloudwatch.yaml');
    const a = resource(r, 'alarm', 'cloudwatch-example/newsletters/complaint-rate');
    if (a.query.type !== 'math') throw new Error('expected math');
    expect(a.query.metrics[0]).toMatchObject({ metric: { dimensions: [{ name: 'campaign', value: 'spring-sale' }] } });
    const b = resource(r, 'alarm', 'cloudwatch-example/newsletters/bounce-rate');
    if (b.query.type !== 'math') throw new Error('expected math');
    expect(b.query.metrics[0]).toMatchObject({ metric: { dimensions: [{ name: 'ses:configuration-set', value: 'newsletters' }] } });
    expect(r.desired?.costHints.get('eventDestination:newsletters/per-campaign')).toEqual({ campaign: 20 });
  });

  it('expands count presets and account presets with their defaults', () => {
    const rejects = resource(full, 'alarm', 'email-platform/production-email-monitoring/rejects');
    expect(rejects).toMatchObject({ threshold: 10, comparison: 'GreaterThanThreshold', query: { type: 'metric', statistic: 'Sum', period: 300, metric: { metricName: 'Reject' } } });
    const drop = resource(full, 'alarm', 'email-platform/production-email-monitoring/delivery-drop');
    expect(drop).toMatchObject({ threshold: 1, comparison: 'LessThanThreshold', evaluationPeriods: 2, datapointsToAlarm: 2, treatMissingData: 'breaching' });
    const acct = resource(full, 'alarm', 'email-platform/account/complaint-rate');
    expect(acct).toMatchObject({
      threshold: 0.0008,
      treatMissingData: 'ignore',
      query: { type: 'metric', statistic: 'Average', period: 3600, metric: { namespace: 'AWS/SES', metricName: 'Reputation.ComplaintRate', dimensions: [] } },
    });
  });

  it('tags every taggable resource with the stack and the file tags, resource tags winning', () => {
    const set = resource(full, 'configurationSet', 'production-email-monitoring');
    expect(set.tags).toEqual({ env: 'prod', 'ses-reconcile:stack': 'email-platform', team: 'email' });
    expect(Object.keys(set.tags)).toEqual(['env', 'ses-reconcile:stack', 'team']);
    const r = load(`${HEAD}tags: { team: a, env: dev }\ntopics: { t: { tags: { env: prod } } }\n`);
    expect(resource(r, 'topic', 't').tags).toEqual({ env: 'prod', 'ses-reconcile:stack': 's', team: 'a' });
  });

  it('derives topic policies from who publishes to the topic', () => {
    const t = resource(full, 'topic', 'ses-alerts');
    expect(t.policy).toEqual({ sesConfigurationSets: ['production-email-monitoring'], cloudWatchAlarms: true });
    expect(t.subscriptions).toEqual([{ protocol: 'email', endpoint: 'ops-team@example.com', rawMessageDelivery: false }]);
  });

  it('keeps sendingEnabled unmanaged when omitted, and an explicit empty suppression list', () => {
    const r = load(`${HEAD}configurationSets:\n  a: { suppression: { reasons: [] } }\n  b: { sendingEnabled: false }\n`);
    const a = resource(r, 'configurationSet', 'a');
    expect('sendingEnabled' in a).toBe(false);
    expect(a.suppression).toEqual({ reasons: [] });
    expect(resource(r, 'configurationSet', 'b').sendingEnabled).toBe(false);
    expect('suppression' in resource(r, 'configurationSet', 'b')).toBe(false);
  });

  it('defaults the last metric-math query to return data and query periods to the alarm period', () => {
    const r = loadDesired('examples/alarms.yaml');
    const a = resource(r, 'alarm', 'receipts-delivery-ratio');
    if (a.query.type !== 'math') throw new Error('expected math');
    expect(a.query.metrics.map((q) => q.returnData)).toEqual([false, false, true]);
    expect(a.query.metrics[0]).toMatchObject({ period: 3600 });
    expect(a.tags).toMatchObject({ severity: 'page' });
  });

  it('orders resources topics, sets, destinations, alarms, dashboards', () => {
    const kinds = [...(full.desired?.resources.values() ?? [])].map((r) => r.kind);
    const rank = ['topic', 'configurationSet', 'eventDestination', 'alarm', 'dashboard'];
    expect(kinds.map((k) => rank.indexOf(k))).toEqual([...kinds.map((k) => rank.indexOf(k))].sort((x, y) => x - y));
    expect(new Set(kinds)).toEqual(new Set(rank));
  });

  it('gives byte-identical JSON for the same input (deterministic)', () => {
    const text = readFileSync('examples/full.yaml', 'utf8');
    const a = desiredFromSources([{ file: 'f.yaml', text }]);
    const b = desiredFromSources([{ file: 'f.yaml', text }]);
    expect(JSON.stringify([...(a.desired?.resources ?? [])])).toBe(JSON.stringify([...(b.desired?.resources ?? [])]));
  });
});
