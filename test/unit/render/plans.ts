/**
 * Small hand-written plans for the renderer tests: resource builders, a change builder and one plan per
 * case the renderers must show (create, update with nested field diffs, replace, delete, blocked rows with
 * a refusal, notes and warnings, other kinds, an empty plan, a huge plan).
 */
import type { Blocked, Change, ChangeReason, FieldDiff } from '../../../src/model/change.js';
import { keyOf, resourceId } from '../../../src/model/key.js';
import { fieldDiffs } from '../../../src/diff/fields.js';
import { fileView } from '../../../src/model/view.js';
import { PLAN_FORMAT_VERSION, type Plan } from '../../../src/model/plan.js';
import { summaryOf } from '../../../src/plan/safety.js';
import type { Alarm, ConfigurationSet, EventDestination, Resource, Topic } from '../../../src/model/resources.js';
import type { Step } from '../../../src/model/step.js';

export function set(name: string, over: Partial<Omit<ConfigurationSet, 'kind' | 'name'>> = {}): ConfigurationSet {
  return {
    kind: 'configurationSet',
    name,
    reputationMetricsEnabled: true,
    delivery: { tlsPolicy: 'REQUIRE' },
    tags: { 'ses-reconcile:stack': 'email-platform', team: 'messaging' },
    ...over,
  };
}

export function cloudWatch(setName: string, name: string, over: Partial<Omit<EventDestination, 'kind'>> = {}): EventDestination {
  return {
    kind: 'eventDestination',
    configurationSet: setName,
    name,
    enabled: true,
    events: ['BOUNCE', 'COMPLAINT', 'DELIVERY', 'SEND'],
    target: {
      type: 'cloudWatch',
      dimensions: [{ name: 'Campaign', source: 'MESSAGE_TAG', default: 'none' }],
    },
    ...over,
  };
}

export function sns(setName: string, name: string, topic: string): EventDestination {
  return {
    kind: 'eventDestination',
    configurationSet: setName,
    name,
    enabled: true,
    events: ['BOUNCE', 'COMPLAINT'],
    target: { type: 'sns', topic: { topic } },
  };
}

export function topic(name: string): Topic {
  return {
    kind: 'topic',
    name,
    displayName: '',
    tags: { 'ses-reconcile:stack': 'email-platform' },
    subscriptions: [{ protocol: 'email', endpoint: 'oncall@example.com', rawMessageDelivery: false }],
    policy: { sesConfigurationSets: ['production'], cloudWatchAlarms: true },
  };
}

export function alarm(name: string, threshold: number): Alarm {
  return {
    kind: 'alarm',
    name,
    actionsEnabled: true,
    alarmActions: [{ topic: 'ses-alerts' }],
    okActions: [],
    insufficientDataActions: [],
    query: { type: 'metric', metric: { namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', dimensions: [] }, statistic: 'Average', period: 300 },
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    threshold,
    comparison: 'GreaterThanOrEqualToThreshold',
    treatMissingData: 'missing',
    tags: { 'ses-reconcile:stack': 'email-platform' },
  };
}

interface ChangeExtras {
  readonly reason?: ChangeReason;
  readonly diff?: readonly FieldDiff[];
  readonly steps?: readonly Step[];
  readonly notes?: readonly string[];
  readonly blocked?: Blocked;
}

function change(action: Change['action'], before: Resource | null, after: Resource | null, extras: ChangeExtras, reason: ChangeReason): Change {
  const r = (after ?? before) as Resource;
  return {
    action,
    key: keyOf(r),
    kind: r.kind,
    id: resourceId(r),
    reason: extras.reason ?? reason,
    before,
    after,
    // The diff the planner computes (diff/fields.ts over model/view.ts), never a hand-written one.
    diff: extras.diff ?? (before && after ? fieldDiffs(fileView(before), fileView(after)) : []),
    steps: extras.steps ?? defaultSteps(action, before, after),
    notes: extras.notes ?? [],
    ...(extras.blocked !== undefined ? { blocked: extras.blocked } : {}),
  };
}

function defaultSteps(action: Change['action'], before: Resource | null, after: Resource | null): Step[] {
  const create = (r: Resource | null): Step[] =>
    r?.kind === 'configurationSet'
      ? [{ op: 'CreateConfigurationSet', set: r }]
      : r?.kind === 'eventDestination'
        ? [{ op: 'CreateConfigurationSetEventDestination', destination: r }]
        : [];
  const remove = (r: Resource | null): Step[] =>
    r?.kind === 'configurationSet'
      ? [{ op: 'DeleteConfigurationSet', name: r.name }]
      : r?.kind === 'eventDestination'
        ? [{ op: 'DeleteConfigurationSetEventDestination', configurationSet: r.configurationSet, name: r.name }]
        : [];
  switch (action) {
    case 'create':
      return create(after);
    case 'delete':
      return remove(before);
    case 'replace':
      return [...remove(before), ...create(after)];
    case 'update':
      return after?.kind === 'eventDestination' ? [{ op: 'UpdateConfigurationSetEventDestination', destination: after }] : [];
  }
}

export const creating = (after: Resource, extras: ChangeExtras = {}): Change => change('create', null, after, extras, 'new in file');
export const updating = (before: Resource, after: Resource, extras: ChangeExtras = {}): Change =>
  change('update', before, after, extras, 'changed in file');
export const replacing = (before: Resource, after: Resource, extras: ChangeExtras = {}): Change =>
  change('replace', before, after, extras, 'changed in file');
export const deleting = (before: Resource, extras: ChangeExtras = {}): Change => change('delete', before, null, extras, 'removed from file');

/** A plan over `changes` as given (the planner's order); one wave per resource kind run. */
export function plan(changes: readonly Change[], extras: Partial<Pick<Plan, 'accountId' | 'warnings' | 'refused'>> = {}): Plan {
  const waves: number[][] = [];
  changes.forEach((c, i) => {
    const last = waves[waves.length - 1];
    if (last !== undefined && changes[last[0] as number]?.kind === c.kind) last.push(i);
    else waves.push([i]);
  });
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    stack: 'email-platform',
    region: 'us-east-1',
    changes,
    waves,
    summary: summaryOf(changes),
    topics: [],
    warnings: [],
    ...extras,
  };
}

// --- the cases -------------------------------------------------------------------------------------------

export const CREATE = plan([
  creating(set('production', { tracking: { customRedirectDomain: 'click.example.com', httpsPolicy: 'REQUIRE' } })),
  creating(cloudWatch('production', 'cloudwatch-metrics')),
  creating(sns('production', 'bounces', 'ses-bounces')),
]);

const trackedBefore = set('production', {
  tracking: { customRedirectDomain: 'click.example.com', httpsPolicy: 'OPTIONAL' },
  delivery: { tlsPolicy: 'OPTIONAL' },
});
const trackedAfter = set('production', {
  tracking: { customRedirectDomain: 'links.example.com', httpsPolicy: 'REQUIRE' },
  delivery: { tlsPolicy: 'REQUIRE', maxDeliverySeconds: 600 },
});
const cwBefore = cloudWatch('production', 'cloudwatch-metrics', {
  enabled: false,
  events: ['BOUNCE', 'COMPLAINT', 'DELIVERY', 'SEND'],
});
const manyDimensions = Array.from({ length: 6 }, (_, i) => ({ name: `Dimension${i}`, source: 'MESSAGE_TAG' as const, default: 'none' }));
const cwAfter = cloudWatch('production', 'cloudwatch-metrics', {
  events: ['BOUNCE', 'CLICK', 'COMPLAINT', 'DELIVERY', 'DELIVERY_DELAY', 'OPEN', 'REJECT', 'RENDERING_FAILURE', 'SEND'],
  target: { type: 'cloudWatch', dimensions: [{ name: 'Campaign', source: 'MESSAGE_TAG', default: 'n/a' }, ...manyDimensions] },
});

export const UPDATE = plan([
  updating(trackedBefore, trackedAfter, {
    steps: [
      { op: 'PutConfigurationSetDeliveryOptions', name: 'production', delivery: trackedAfter.delivery },
      { op: 'PutConfigurationSetTrackingOptions', name: 'production', tracking: trackedAfter.tracking },
      { op: 'UntagConfigurationSet', name: 'production', keys: ['cost-center'] },
    ],
  }),
  updating(cwBefore, cwAfter, {
    reason: 'changed outside ses-reconcile',
  }),
]);

const firehose: EventDestination = {
  kind: 'eventDestination',
  configurationSet: 'production',
  name: 'archive',
  enabled: true,
  events: ['SEND'],
  target: {
    type: 'kinesisFirehose',
    deliveryStreamArn: 'arn:aws:firehose:us-east-1:111122223333:deliverystream/ses',
    iamRoleArn: 'arn:aws:iam::111122223333:role/ses-firehose',
  },
};

export const REPLACE = plan([
  replacing(firehose, { ...firehose, target: { type: 'eventBridge', eventBusArn: 'arn:aws:events:us-east-1:111122223333:event-bus/default' } }, {
  }),
  replacing(set('transactional'), set('transactional-v2'), { reason: 'rename' }),
]);

export const DELETE = plan([
  deleting(cloudWatch('staging', 'old-metrics')),
  deleting(set('staging')),
]);

export const BLOCKED = plan(
  [
    deleting(cloudWatch('staging', 'old-metrics'), { blocked: { kind: 'delete-refused', message: 'deletes need --allow-deletes' } }),
    deleting(set('staging'), { blocked: { kind: 'delete-refused', message: 'deletes need --allow-deletes' } }),
    creating(set('production')),
  ],
  { refused: '2 deletes exceed --max-deletes 1; re-run with --max-deletes 2 or --allow-deletes' },
);

export const NOTES = plan(
  [
    updating(set('marketing', { sendingEnabled: false }), set('marketing', { sendingEnabled: true }), {
      reason: 'changed outside ses-reconcile',
      steps: [{ op: 'PutConfigurationSetSendingOptions', name: 'marketing', sendingEnabled: true }],
      notes: ['resumes sending that was paused outside ses-reconcile', 'a paused set usually means a reputation problem;\ncheck the account dashboard first'],
    }),
  ],
  {
    accountId: '111122223333',
    warnings: [
      'configuration set "legacy" exists in AWS without the ses-reconcile:stack tag; adopt it with apply --adopt',
      'Pinpoint destinations are deprecated by AWS',
    ],
  },
);

export const OTHER_KINDS = plan(
  [
    creating(topic('ses-alerts')),
    creating(set('production')),
    creating(cloudWatch('production', 'cloudwatch-metrics')),
    updating(alarm('production-bounce-rate', 0.05), alarm('production-bounce-rate', 0.04), {
      reason: 'AWS default differs',
    }),
  ],
  { accountId: '111122223333' },
);

export const EMPTY = plan([]);

/** `sets` configuration sets, each created with `perSet - 1` CloudWatch destinations. */
export function huge(sets: number, perSet: number): Plan {
  const changes: Change[] = [];
  for (let s = 0; s < sets; s++) {
    const name = `set-${String(s).padStart(4, '0')}`;
    changes.push(creating(set(name)));
    for (let d = 1; d < perSet; d++) changes.push(creating(cloudWatch(name, `destination-${d}`)));
  }
  return plan(changes);
}
