/**
 * The narrowest API calls for each change (docs/architecture.md, "Plans"): one Put…Options per option group that differs, tag
 * and untag calls for tags, a full Update for an event destination (its API replaces the whole
 * definition, docs/aws-behaviour.md, "Event destinations"), and delete-then-create only where AWS cannot
 * change in place.
 */
import { canonicalTags } from '../model/canonical.js';
import type { Alarm, ConfigurationSet, Dashboard, EventDestination, Resource, Subscription, Tags, Tenant, Topic } from '../model/resources.js';
import type { Step, TenantResource, TenantSendingStatus } from '../model/step.js';
import { maskEndpoint } from '../model/endpoint.js';
import { stableJson } from './digest.js';

/** Equal as JSON whatever the key order (the two sides build their objects in different orders). */
function same(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

/**
 * A subscription's identity and what is compared: its endpoint's password masked on both sides, as SNS
 * lists it (model/endpoint.ts), so a password never differs and never churns.
 */
function masked(s: Subscription): Subscription {
  return { ...s, endpoint: maskEndpoint(s.endpoint) };
}

function subscriptionKey(s: Subscription): string {
  return `${s.protocol}:${maskEndpoint(s.endpoint)}`;
}

export function createSteps(r: Resource): Step[] {
  switch (r.kind) {
    case 'dashboard':
      return [{ op: 'PutDashboard', name: r.name, body: r.source.type === 'literal' ? r.source.body : undefined, tags: r.tags }];
    case 'topic':
      return [{ op: 'CreateTopic', topic: r }, ...r.subscriptions.map((subscription): Step => ({ op: 'Subscribe', topic: r.name, subscription }))];
    case 'alarm':
      // Tags ride on the create: PutMetricAlarm applies them only to a new alarm (docs/aws-behaviour.md,
      // "CloudWatch alarms").
      return [{ op: 'PutMetricAlarm', alarm: r }];
    case 'configurationSet':
      return [{ op: 'CreateConfigurationSet', set: r }];
    case 'eventDestination':
      return [{ op: 'CreateConfigurationSetEventDestination', destination: r }];
    case 'tenant':
      return tenantCreateSteps(r);
    default:
      return [];
  }
}

/** What a tenant is associated with, as the association calls name it. */
function resourcesOf(t: Tenant): TenantResource[] {
  return [...t.configurationSets.map((name): TenantResource => ({ type: 'configurationSet', name })), ...t.identities.map((name): TenantResource => ({ type: 'identity', name }))];
}

const resourceKey = (r: TenantResource): string => `${r.type}:${r.name}`;

/**
 * CreateTenant carries tags and suppression; the policy (a new tenant has `standard`), a pause and each
 * association are calls of their own (docs/aws-behaviour.md, "Tenants").
 */
function tenantCreateSteps(t: Tenant): Step[] {
  const name = t.name;
  return [
    { op: 'CreateTenant', tenant: t },
    ...(t.reputationPolicy !== 'standard' ? [{ op: 'UpdateTenantReputationPolicy', name, policy: t.reputationPolicy } as const] : []),
    ...resourcesOf(t).map((resource): Step => ({ op: 'AssociateTenantResource', name, resource })),
    ...(t.sendingEnabled === false ? [{ op: 'UpdateTenantSendingStatus', name, status: 'DISABLED' } as const] : []),
  ];
}

/**
 * Sending on: ENABLED, or REINSTATED when SES itself paused the tenant (ENABLED would leave SES's pause in
 * force); off: DISABLED. Only when the file manages it (sendingEnabled written).
 */
function sendingStatusOf(before: Tenant, after: Tenant): TenantSendingStatus | undefined {
  if (after.sendingEnabled === undefined || after.sendingEnabled === before.sendingEnabled) return undefined;
  if (!after.sendingEnabled) return 'DISABLED';
  return before.pausedBySes ? 'REINSTATED' : 'ENABLED';
}

function tenantUpdateSteps(before: Tenant, after: Tenant): Step[] {
  const name = after.name;
  const steps: Step[] = [];
  if (after.suppression !== undefined && !same(after.suppression, before.suppression)) steps.push({ op: 'PutTenantSuppressionAttributes', name, suppression: after.suppression });
  if (after.reputationPolicy !== before.reputationPolicy) steps.push({ op: 'UpdateTenantReputationPolicy', name, policy: after.reputationPolicy });
  // Removals, then additions, by identity (type and name), as a topic's subscriptions.
  const had = new Map(resourcesOf(before).map((r) => [resourceKey(r), r]));
  const wants = new Map(resourcesOf(after).map((r) => [resourceKey(r), r]));
  for (const [k, r] of had) if (!wants.has(k)) steps.push({ op: 'DisassociateTenantResource', name, resource: r });
  for (const [k, r] of wants) if (!had.has(k)) steps.push({ op: 'AssociateTenantResource', name, resource: r });
  const status = sendingStatusOf(before, after);
  if (status !== undefined) steps.push({ op: 'UpdateTenantSendingStatus', name, status });
  return [...steps, ...tagSteps(before.tags, after.tags, (tags) => ({ op: 'TagTenant', name, tags }), (keys) => ({ op: 'UntagTenant', name, keys }))];
}

export function deleteSteps(r: Resource): Step[] {
  switch (r.kind) {
    case 'dashboard':
      return [{ op: 'DeleteDashboard', name: r.name }];
    case 'topic':
      // SNS deletes a topic's subscriptions with it.
      return [{ op: 'DeleteTopic', name: r.name }];
    case 'alarm':
      return [{ op: 'DeleteAlarm', name: r.name }];
    case 'configurationSet':
      return [{ op: 'DeleteConfigurationSet', name: r.name }];
    case 'eventDestination':
      return [{ op: 'DeleteConfigurationSetEventDestination', configurationSet: r.configurationSet, name: r.name }];
    case 'tenant':
      // AWS removes the tenant's associations with it (docs/aws-behaviour.md, "Tenants").
      return [{ op: 'DeleteTenant', name: r.name }];
    default:
      return [];
  }
}

function setUpdateSteps(before: ConfigurationSet, after: ConfigurationSet): Step[] {
  const name = after.name;
  const steps: Step[] = [];
  if (after.sendingEnabled !== undefined && after.sendingEnabled !== before.sendingEnabled)
    steps.push({ op: 'PutConfigurationSetSendingOptions', name, sendingEnabled: after.sendingEnabled });
  if (after.reputationMetricsEnabled !== before.reputationMetricsEnabled)
    steps.push({ op: 'PutConfigurationSetReputationOptions', name, reputationMetricsEnabled: after.reputationMetricsEnabled });
  if (!same(after.delivery, before.delivery)) steps.push({ op: 'PutConfigurationSetDeliveryOptions', name, delivery: after.delivery });
  if (!same(after.suppression, before.suppression))
    steps.push({ op: 'PutConfigurationSetSuppressionOptions', name, suppression: after.suppression });
  if (!same(after.tracking, before.tracking)) steps.push({ op: 'PutConfigurationSetTrackingOptions', name, tracking: after.tracking });
  if (!same(after.vdm, before.vdm)) steps.push({ op: 'PutConfigurationSetVdmOptions', name, vdm: after.vdm });
  if (after.archiveArn !== before.archiveArn) steps.push({ op: 'PutConfigurationSetArchivingOptions', name, archiveArn: after.archiveArn });
  // UpdateConfigurationSet is a partial update: it carries MessageSecurityOptions and nothing else.
  if (!same(after.messageSecurity, before.messageSecurity))
    steps.push({ op: 'UpdateConfigurationSetMessageSecurity', name, messageSecurity: after.messageSecurity });
  return [
    ...steps,
    ...tagSteps(before.tags, after.tags, (tags) => ({ op: 'TagConfigurationSet', name, tags }), (keys) => ({ op: 'UntagConfigurationSet', name, keys })),
  ];
}

/**
 * AWS documents no in-place change of an event destination's type (docs/aws-behaviour.md,
 * "Event destinations"): replace it.
 */
export function needsReplace(before: Resource, after: Resource): boolean {
  return before.kind === 'eventDestination' && after.kind === 'eventDestination' && before.target.type !== after.target.type;
}

/** Tag and untag calls that turn `before` tags into `after` tags. */
function tagSteps(before: Tags, after: Tags, tag: (tags: Tags) => Step, untag: (keys: string[]) => Step): Step[] {
  const steps: Step[] = [];
  const changed = Object.entries(after).filter(([k, v]) => before[k] !== v);
  if (changed.length > 0) steps.push(tag(canonicalTags(Object.fromEntries(changed))));
  const removed = Object.keys(before).filter((k) => !(k in after)).sort();
  if (removed.length > 0) steps.push(untag(removed));
  return steps;
}

/**
 * PutMetricAlarm overwrites the whole alarm but ignores tags on an update (docs/aws-behaviour.md,
 * "CloudWatch alarms"): the alarm is put again only when something besides its tags differs, and tags change
 * through Tag/Untag.
 */
function alarmUpdateSteps(before: Alarm, after: Alarm): Step[] {
  const { tags: bt, ...b } = before;
  const { tags: at, ...a } = after;
  const steps: Step[] = same(a, b) ? [] : [{ op: 'PutMetricAlarm', alarm: after }];
  return [
    ...steps,
    ...tagSteps(bt, at, (tags) => ({ op: 'TagAlarm', name: after.name, tags }), (keys) => ({ op: 'UntagAlarm', name: after.name, keys })),
  ];
}

/**
 * A topic: its display name and policy each with SetTopicAttributes, tags with Tag/Untag, subscriptions
 * by identity (protocol and endpoint); a subscription whose attributes changed is replaced.
 */
function topicUpdateSteps(before: Topic, after: Topic): Step[] {
  const name = after.name;
  const steps: Step[] = [];
  if (before.displayName !== after.displayName) steps.push({ op: 'SetTopicDisplayName', name, displayName: after.displayName });
  // ses-reconcile's statements only: the others (before.policy.others) are written back as they are.
  const { others, ...owned } = before.policy;
  if (!same(owned, { sesConfigurationSets: after.policy.sesConfigurationSets, cloudWatchAlarms: after.policy.cloudWatchAlarms }))
    steps.push({ op: 'SetTopicPolicy', name, policy: { ...after.policy, ...(others ? { others } : {}) } });
  steps.push(...tagSteps(before.tags, after.tags, (tags) => ({ op: 'TagTopic', name, tags }), (keys) => ({ op: 'UntagTopic', name, keys })));
  const had = new Map(before.subscriptions.map((x) => [subscriptionKey(x), x]));
  const wants = new Map(after.subscriptions.map((x) => [subscriptionKey(x), x]));
  for (const [k, old] of had) {
    const want = wants.get(k);
    if (!want || !same(masked(want), masked(old))) steps.push({ op: 'Unsubscribe', topic: name, protocol: old.protocol, endpoint: old.endpoint });
  }
  for (const [k, want] of wants) {
    const old = had.get(k);
    if (!old || !same(masked(want), masked(old))) steps.push({ op: 'Subscribe', topic: name, subscription: want });
  }
  return steps;
}

/**
 * The body with PutDashboard when it differs; tags with TagResource, as PutDashboard ignores them on an
 * update. Bodies compare as JSON whatever their key order: the live one is parsed from what AWS returned.
 */
function dashboardUpdateSteps(before: Dashboard, after: Dashboard): Step[] {
  const steps: Step[] = stableJson(before.source) === stableJson(after.source) ? [] : [{ op: 'PutDashboard', name: after.name, body: after.source.type === 'literal' ? after.source.body : undefined, tags: after.tags }];
  const changed = Object.entries(after.tags).filter(([k, v]) => before.tags[k] !== v);
  if (changed.length > 0) steps.push({ op: 'TagDashboard', name: after.name, tags: canonicalTags(Object.fromEntries(changed)) });
  return steps;
}

export function updateSteps(before: Resource, after: Resource): Step[] {
  if (before.kind === 'dashboard' && after.kind === 'dashboard') return dashboardUpdateSteps(before, after);
  if (before.kind === 'topic' && after.kind === 'topic') return topicUpdateSteps(before, after);
  if (before.kind === 'alarm' && after.kind === 'alarm') return alarmUpdateSteps(before, after);
  if (before.kind === 'configurationSet' && after.kind === 'configurationSet') return setUpdateSteps(before, after);
  if (before.kind === 'tenant' && after.kind === 'tenant') return tenantUpdateSteps(before, after);
  if (before.kind === 'eventDestination' && after.kind === 'eventDestination') {
    if (needsReplace(before, after)) return [...deleteSteps(before), ...createSteps(after)];
    return [{ op: 'UpdateConfigurationSetEventDestination', destination: after as EventDestination }];
  }
  return [];
}
