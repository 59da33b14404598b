/**
 * What each reader reads, given the file and the tag index: every name of the file and every index hit
 * is read; the index's tags stand in for a tag read only where they are exactly the file's; with
 * `--refresh changed` a resource whose index digest is the file's is not read at all, and the file's
 * definition stands in for it.
 */
import { describe, expect, it } from 'vitest';
import { resolveDesired } from '../../../src/plan/compute.js';
import type { IndexedResource, StackIndex } from '../../../src/live/port.js';
import { readScopes } from '../../../src/live/scope.js';
import { DIGEST_TAG, type Resource } from '../../../src/model/resources.js';
import type { State } from '../../../src/model/state.js';
import { load } from '../../helpers/config.js';

const AT = { stack: 's', region: 'us-east-1', accountId: '123456789012' };

function desired(body: string): State {
  const r = load(`version: 1\nstack: s\n${body}`);
  if (!r.desired) throw new Error(r.diagnostics.map((d) => `${d.pos?.line} ${d.message}`).join('\n'));
  return resolveDesired(r.desired.resources, AT);
}

const FILE = `topics:
  alerts: {}
configurationSets:
  a:
    eventDestinations:
      cw: { events: [SEND, BOUNCE], cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: a } } } }
    alarms:
      bounceRate: { threshold: 3%, notify: [alerts] }
  b: {}
alarms:
  hand-named: { metric: Reject, statistic: Sum, threshold: 1, comparison: GreaterThanThreshold }
`;

const tagsOf = (state: State, kind: Resource['kind'], name: string) => {
  const r = [...state.values()].find((x) => x.kind === kind && 'name' in x && x.name === name) as { tags: Record<string, string> } | undefined;
  if (!r) throw new Error(`no ${kind} ${name}`);
  return r.tags;
};
const hit = (arn: string, name: string, tags: Record<string, string>): [string, IndexedResource] => [name, { arn, name, tags }];

function indexOf(state: State, o: { staleAlarm?: boolean; extra?: boolean } = {}): StackIndex {
  const alarmTags = tagsOf(state, 'alarm', 's/a/bounce-rate');
  return {
    configurationSets: new Map([
      hit('arn:aws:ses:us-east-1:123456789012:configuration-set/a', 'a', tagsOf(state, 'configurationSet', 'a')),
      hit('arn:aws:ses:us-east-1:123456789012:configuration-set/b', 'b', { ...tagsOf(state, 'configurationSet', 'b'), [DIGEST_TAG]: 'older' }),
      ...(o.extra ? [hit('arn:aws:ses:us-east-1:123456789012:configuration-set/gone', 'gone', { 'ses-reconcile:stack': 's' })] : []),
    ]),
    alarms: new Map([
      hit('arn:aws:cloudwatch:us-east-1:123456789012:alarm:s/a/bounce-rate', 's/a/bounce-rate', o.staleAlarm ? { ...alarmTags, team: 'old' } : alarmTags),
      ...(o.extra ? [hit('arn:aws:cloudwatch:us-east-1:123456789012:alarm:removed-by-hand', 'removed-by-hand', { 'ses-reconcile:stack': 's' })] : []),
    ]),
    topics: new Map([hit('arn:aws:sns:us-east-1:123456789012:alerts', 'alerts', tagsOf(state, 'topic', 'alerts'))]),
    tenants: new Map(o.extra ? [hit('arn:aws:ses:us-east-1:123456789012:tenant/left/tn-1', 'left', { 'ses-reconcile:stack': 's' })] : []),
  };
}

describe('readScopes', () => {
  it('reads every set of the file and of the index, and lists nothing else (tags)', () => {
    const d = desired(FILE);
    const s = readScopes('s', d, indexOf(d, { extra: true }), 'all');
    expect([...s.configurationSets.configurationSets].sort()).toEqual(['a', 'b']);
    expect([...(s.configurationSets.discovered ?? [])].sort()).toEqual(['a', 'b', 'gone']);
    expect([...s.alarms.names].sort()).toEqual(['hand-named', 's/a/bounce-rate']);
    expect([...(s.alarms.discovered?.keys() ?? [])].sort()).toEqual(['removed-by-hand', 's/a/bounce-rate']);
    // A tenant the file no longer names is found by the index, to be deleted.
    expect([...(s.tenants.discovered?.keys() ?? [])]).toEqual(['left']);
    expect(s.standIns).toEqual([]);
    expect(s.configurationSets.unchanged).toEqual(new Set());
  });

  it("trusts the index's tags only where they are exactly the file's", () => {
    const d = desired(FILE);
    expect([...(readScopes('s', d, indexOf(d, { extra: true }), 'all').alarms.trustedTags?.keys() ?? [])]).toEqual(['s/a/bounce-rate']);
    // A stale or drifted tag: read afresh. An alarm the file no longer names (a delete): read afresh.
    expect(readScopes('s', d, indexOf(d, { staleAlarm: true, extra: true }), 'all').alarms.trustedTags?.size).toBe(0);
    expect([...(readScopes('s', d, indexOf(d), 'all').topics.trustedTags?.keys() ?? [])]).toEqual(['alerts']);
  });

  it('--refresh changed skips what the digest says is as the file wants, and stands the file in for it', () => {
    const d = desired(FILE);
    const s = readScopes('s', d, indexOf(d, { extra: true }), 'changed');
    // b's index digest is older: the file changed it, so it is read. a is not, nor its destination.
    expect([...(s.configurationSets.unchanged ?? [])]).toEqual(['a']);
    expect([...(s.alarms.unchanged ?? [])]).toEqual(['s/a/bounce-rate']);
    expect([...(s.topics.unchanged ?? [])]).toEqual(['alerts']);
    expect(s.standIns.map((r) => `${r.kind} ${'name' in r ? r.name : ''}`).sort()).toEqual([
      'alarm s/a/bounce-rate',
      'configurationSet a',
      'eventDestination cw',
      'topic alerts',
    ]);
    // A free-form alarm the index does not list (new, or the index lags) is read by name.
    expect(s.alarms.unchanged?.has('hand-named')).toBe(false);
  });

  it('without an index (scan) reads by the file and skips nothing', () => {
    const d = desired(FILE);
    const s = readScopes('s', d, undefined, 'changed');
    expect(s.configurationSets.discovered).toBeUndefined();
    expect(s.alarms.discovered).toBeUndefined();
    expect(s.standIns).toEqual([]);
  });
});
