/**
 * readLive over the one port: every kind's reader gets its own scope, the reads are combined into one
 * State with the stand-ins of `--refresh changed`, the calls are summed across readers, and the ARNs the
 * readers saw reach the runners by kind.
 */
import { describe, expect, it } from 'vitest';
import type { DashboardScope, LiveRead, LiveReader, LiveReaders, NamedScope, SetScope } from '../../../src/live/port.js';
import { readLive } from '../../../src/live/read.js';
import type { ReadScopes } from '../../../src/live/scope.js';
import { keyOf } from '../../../src/model/key.js';
import type { Resource } from '../../../src/model/resources.js';
import { stateOf } from '../../../src/model/state.js';

const topic = (name: string): Resource => ({ kind: 'topic', name, displayName: '', subscriptions: [], policy: { sesConfigurationSets: [], cloudWatchAlarms: false }, tags: {} });

/** A reader that records the scope it was given and answers `read`. */
function recording<S>(read: LiveRead): LiveReader<S> & { seen: S[] } {
  const seen: S[] = [];
  return { seen, read: async (scope: S) => (seen.push(scope), read) };
}

describe('readLive', () => {
  it('reads each kind with its own scope and combines states, calls, pending subscriptions and ARNs', async () => {
    const sets = recording<SetScope>({ state: new Map(), calls: { 'sesv2:ListConfigurationSets': 1 } });
    const alarms = recording<NamedScope>({ state: new Map(), calls: { 'cloudwatch:DescribeAlarms': 1 }, arns: new Map([['s/a', 'arn:alarm']]) });
    const topics = recording<NamedScope>({ state: stateOf([topic('read')]), calls: { 'sns:GetTopicAttributes': 1 }, pending: ['read email:x@example.com'] });
    const dashboards = recording<DashboardScope>({ state: new Map(), calls: { 'cloudwatch:ListDashboards': 1 }, arns: new Map([['d', 'arn:dash']]) });
    const tenants = recording<NamedScope>({ state: new Map(), calls: { 'sesv2:GetTenant': 1 }, arns: new Map([['acme', 'arn:tenant']]) });
    const readers: LiveReaders = { configurationSets: sets, alarms, topics, dashboards, tenants };
    const scopes: ReadScopes = {
      configurationSets: { stack: 's', configurationSets: new Set(['a']) },
      alarms: { stack: 's', names: new Set(['s/a']) },
      topics: { stack: 's', names: new Set(['read', 'kept']), unchanged: new Set(['kept']) },
      dashboards: { names: new Set(['d']) },
      tenants: { stack: 's', names: new Set(['acme']) },
      standIns: [topic('kept')],
    };
    const live = await readLive(readers, scopes);
    expect(sets.seen).toEqual([scopes.configurationSets]);
    expect(alarms.seen).toEqual([scopes.alarms]);
    expect(topics.seen).toEqual([scopes.topics]);
    expect(dashboards.seen).toEqual([scopes.dashboards]);
    expect(tenants.seen).toEqual([scopes.tenants]);
    expect([...live.state.keys()].sort()).toEqual([keyOf(topic('kept')), keyOf(topic('read'))]);
    expect(live.calls).toEqual({ 'sesv2:ListConfigurationSets': 1, 'cloudwatch:DescribeAlarms': 1, 'sns:GetTopicAttributes': 1, 'cloudwatch:ListDashboards': 1, 'sesv2:GetTenant': 1 });
    expect(live.pending).toEqual(['read email:x@example.com']);
    expect(live.notRead).toBe(1);
    expect(live.arns.alarms.get('s/a')).toBe('arn:alarm');
    expect(live.arns.dashboards.get('d')).toBe('arn:dash');
    expect(live.arns.tenants.get('acme')).toBe('arn:tenant');
  });

  it('sums the calls of readers that share a service prefix', async () => {
    const empty = (calls: Record<string, number>) => recording<never>({ state: new Map(), calls });
    const live = await readLive(
      { configurationSets: empty({}), alarms: empty({ 'cloudwatch:ListTagsForResource': 2 }), topics: empty({}), dashboards: empty({ 'cloudwatch:ListTagsForResource': 3 }), tenants: empty({ 'sesv2:GetTenant': 1 }) },
      { configurationSets: { stack: 's', configurationSets: new Set() }, alarms: { stack: 's', names: new Set() }, topics: { stack: 's', names: new Set() }, dashboards: { names: new Set() }, tenants: { stack: 's', names: new Set() }, standIns: [] },
    );
    expect(live.calls).toEqual({ 'cloudwatch:ListTagsForResource': 5, 'sesv2:GetTenant': 1 });
    expect(live.arns.alarms.size).toBe(0);
  });
});
