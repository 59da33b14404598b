/**
 * The file's values that plan checks against the account before any write (model/preflight.ts), with
 * their positions from the source map. Pure: collects, never judges.
 */
import type { PlacedValue, PlanTimeValues, RegionalTarget } from '../model/preflight.js';
import { eachAlarmSpec, eachDestination, eachSet, type PathSegment } from './rules/rule.js';
import { dottedPath, pointerOf, positionOf, type SourceMap } from './source-map.js';
import type { WrittenConfig } from './written.js';

export function planTimeValues(config: WrittenConfig, sourceMap: SourceMap, fallbackFile: string): PlanTimeValues {
  const place = (value: string, at: readonly PathSegment[]): PlacedValue => ({
    value,
    path: dottedPath(at),
    pos: positionOf(sourceMap, pointerOf(at), 'value') ?? { file: fallbackFile, line: 1, col: 1 },
  });
  const redirectDomains: PlacedValue[] = [];
  const sendingPools: PlacedValue[] = [];
  const topicArns: PlacedValue[] = [];
  const regionalArns: (PlacedValue & { target: RegionalTarget })[] = [];
  for (const [name, set] of eachSet(config)) {
    const domain = set.tracking?.customRedirectDomain;
    if (domain) redirectDomains.push(place(domain, ['configurationSets', name, 'tracking', 'customRedirectDomain']));
    const pool = set.delivery?.sendingPoolName;
    if (pool) sendingPools.push(place(pool, ['configurationSets', name, 'delivery', 'sendingPoolName']));
  }
  for (const [setName, destName, dest] of eachDestination(config)) {
    const at = ['configurationSets', setName, 'eventDestinations', destName];
    if (dest.sns?.topicArn) topicArns.push(place(dest.sns.topicArn, [...at, 'sns', 'topicArn']));
    if (dest.kinesisFirehose?.deliveryStreamArn)
      regionalArns.push({ ...place(dest.kinesisFirehose.deliveryStreamArn, [...at, 'kinesisFirehose', 'deliveryStreamArn']), target: 'kinesisFirehose' });
    if (dest.eventBridge?.eventBusArn) regionalArns.push({ ...place(dest.eventBridge.eventBusArn, [...at, 'eventBridge', 'eventBusArn']), target: 'eventBridge' });
    if (dest.pinpoint?.applicationArn) regionalArns.push({ ...place(dest.pinpoint.applicationArn, [...at, 'pinpoint', 'applicationArn']), target: 'pinpoint' });
  }
  const tenantIdentities: PlacedValue[] = [];
  for (const [name, tenant] of Object.entries(config.tenants ?? {}))
    (tenant.identities ?? []).forEach((identity, i) => tenantIdentities.push(place(identity, ['tenants', name, 'identities', i])));
  for (const [path, spec] of eachAlarmSpec(config))
    for (const key of ['notify', 'notifyOk', 'notifyInsufficientData'] as const)
      (spec[key] ?? []).forEach((entry, i) => {
        if (entry.startsWith('arn:')) topicArns.push(place(entry, [...path, key, i]));
      });
  return { redirectDomains, sendingPools, topicArns, regionalArns, ...(tenantIdentities.length > 0 ? { tenantIdentities } : {}) };
}
