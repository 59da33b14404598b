/**
 * The shape a resource is diffed in: its AWS fields only (no kind or name), with lists AWS keys by name
 * shown as maps, so a field path reads like the file (`cloudWatch.dimensions.Campaign.default`; docs/architecture.md, "Plans").
 */
import { assertNever } from './canonical.js';
import { DIGEST_TAG, type DestinationTarget, type Resource, type TopicRef } from './resources.js';

function topicView(t: TopicRef): Record<string, string> {
  return 'arn' in t ? { topicArn: t.arn } : { topic: t.topic };
}

function targetView(t: DestinationTarget): Record<string, unknown> {
  switch (t.type) {
    case 'cloudWatch':
      return { cloudWatch: { dimensions: Object.fromEntries(t.dimensions.map((d) => [d.name, { source: d.source, default: d.default }])) } };
    case 'sns':
      return { sns: topicView(t.topic) };
    case 'kinesisFirehose':
      return { kinesisFirehose: { deliveryStreamArn: t.deliveryStreamArn, iamRoleArn: t.iamRoleArn } };
    case 'eventBridge':
      return { eventBridge: { eventBusArn: t.eventBusArn } };
    case 'pinpoint':
      return { pinpoint: { applicationArn: t.applicationArn } };
  }
}

export function diffView(r: Resource): Record<string, unknown> {
  switch (r.kind) {
    case 'configurationSet': {
      // The digest tag is bookkeeping (plan/reason.ts): never a difference of its own, never shown.
      const { kind: _k, name: _n, tags, ...fields } = r;
      const { [DIGEST_TAG]: _d, ...shown } = tags;
      return { ...fields, tags: shown };
    }
    case 'eventDestination':
      return { enabled: r.enabled, events: r.events, ...targetView(r.target) };
    case 'topic': {
      // Policy statements ses-reconcile does not own are kept as they are, never a difference.
      const { kind: _k, name: _n, tags, policy, ...fields } = r;
      const { [DIGEST_TAG]: _d, ...shown } = tags;
      return { ...fields, policy: { sesConfigurationSets: policy.sesConfigurationSets, cloudWatchAlarms: policy.cloudWatchAlarms }, tags: shown };
    }
    case 'alarm':
    case 'dashboard': {
      const { kind: _k, name: _n, ...fields } = r;
      const { [DIGEST_TAG]: _d, ...shown } = fields.tags;
      return { ...fields, tags: shown };
    }
    default:
      return assertNever(r);
  }
}
