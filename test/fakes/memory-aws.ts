/**
 * InMemoryAws: a hand-written fake of the SESv2 side at the model level (fakes, not mocks). It
 * implements the live and apply ports over a State and applies AWS's documented semantics: a new set
 * sends and has reputation metrics off; Put…Options replaces its group; deleting a set deletes its
 * destinations; names clash with AlreadyExists, missing ones are NotFound. `failOn` makes one step fail.
 */
import { canonicalize } from '../../src/model/canonical.js';
import type { Alarm, ConfigurationSet, Dashboard, EventDestination, Resource, Topic } from '../../src/model/resources.js';
import { stateOf } from '../../src/model/state.js';
import type { Step } from '../../src/model/step.js';
import type { LiveRead, LiveReader, SetScope } from '../../src/live/port.js';
import type { StepRunner } from '../../src/apply/port.js';
import { AwsCallError } from '../../src/errors.js';

export class InMemoryAws implements LiveReader<SetScope>, StepRunner {
  readonly sets = new Map<string, ConfigurationSet>();
  readonly destinations = new Map<string, EventDestination>();
  readonly alarms = new Map<string, Alarm>();
  readonly topics = new Map<string, Topic>();
  readonly dashboards = new Map<string, Dashboard>();
  readonly log: string[] = [];
  /** The first step whose op (and optional target) matches fails once. */
  failOn?: { op: Step['op']; target?: string };

  constructor(resources: Iterable<Resource> = []) {
    for (const r of resources) this.put(r);
  }

  put(r: Resource): void {
    if (r.kind === 'configurationSet') this.sets.set(r.name, canonicalize({ ...r, sendingEnabled: r.sendingEnabled ?? true }));
    if (r.kind === 'eventDestination') this.destinations.set(`${r.configurationSet}/${r.name}`, canonicalize(r));
    if (r.kind === 'alarm') this.alarms.set(r.name, canonicalize(r));
    if (r.kind === 'topic') this.topics.set(r.name, canonicalize(r));
    if (r.kind === 'dashboard') this.dashboards.set(r.name, canonicalize(r));
  }

  async read(_scope: SetScope): Promise<LiveRead> {
    return { state: stateOf([...this.sets.values(), ...this.destinations.values(), ...this.alarms.values(), ...this.topics.values(), ...this.dashboards.values()]), calls: {} };
  }

  private set(name: string): ConfigurationSet {
    const s = this.sets.get(name);
    if (!s) throw new AwsCallError('sesv2', 'x', 'NotFoundException', `set ${name} not found`, false, 404);
    return s;
  }

  async run(step: Step): Promise<void> {
    const target = 'name' in step ? step.name : 'set' in step ? step.set.name : 'alarm' in step ? step.alarm.name : step.op;
    const topic = (name: string): Topic => {
      const t = this.topics.get(name);
      if (!t) throw new AwsCallError('sns', step.op, 'NotFoundException', `topic ${name} not found`, false, 404);
      return t;
    };
    if (this.failOn && this.failOn.op === step.op && (this.failOn.target === undefined || this.failOn.target === target)) {
      this.failOn = undefined;
      throw new AwsCallError('sesv2', step.op, 'InternalFailure', 'injected', true, 500);
    }
    this.log.push(step.op);
    const update = (name: string, patch: Partial<ConfigurationSet>): void => {
      this.sets.set(name, canonicalize({ ...this.set(name), ...patch }));
    };
    switch (step.op) {
      case 'CreateConfigurationSet':
        if (this.sets.has(step.set.name)) throw new AwsCallError('sesv2', step.op, 'AlreadyExistsException', 'exists', false, 400);
        this.put(step.set);
        return;
      case 'DeleteConfigurationSet':
        this.set(step.name);
        this.sets.delete(step.name);
        for (const k of [...this.destinations.keys()]) if (k.startsWith(`${step.name}/`)) this.destinations.delete(k);
        return;
      case 'PutConfigurationSetDeliveryOptions':
        return update(step.name, { delivery: step.delivery });
      case 'PutConfigurationSetReputationOptions':
        return update(step.name, { reputationMetricsEnabled: step.reputationMetricsEnabled });
      case 'PutConfigurationSetSendingOptions':
        return update(step.name, { sendingEnabled: step.sendingEnabled });
      case 'PutConfigurationSetSuppressionOptions':
        return update(step.name, { suppression: step.suppression });
      case 'PutConfigurationSetTrackingOptions':
        return update(step.name, { tracking: step.tracking });
      case 'PutConfigurationSetVdmOptions':
        return update(step.name, { vdm: step.vdm });
      case 'PutConfigurationSetArchivingOptions':
        return update(step.name, { archiveArn: step.archiveArn });
      case 'TagConfigurationSet':
        return update(step.name, { tags: { ...this.set(step.name).tags, ...step.tags } });
      case 'UntagConfigurationSet':
        return update(step.name, { tags: Object.fromEntries(Object.entries(this.set(step.name).tags).filter(([k]) => !step.keys.includes(k))) });
      case 'CreateConfigurationSetEventDestination': {
        const d = step.destination;
        this.set(d.configurationSet);
        if (this.destinations.has(`${d.configurationSet}/${d.name}`)) throw new AwsCallError('sesv2', step.op, 'AlreadyExistsException', 'exists', false, 400);
        this.put(d);
        return;
      }
      case 'UpdateConfigurationSetEventDestination': {
        const d = step.destination;
        if (!this.destinations.has(`${d.configurationSet}/${d.name}`)) throw new AwsCallError('sesv2', step.op, 'NotFoundException', 'missing', false, 404);
        this.put(d);
        return;
      }
      case 'PutMetricAlarm': {
        // A put overwrites the alarm but tags apply only on create (docs/aws-behaviour.md,
        // "CloudWatch alarms").
        const old = this.alarms.get(step.alarm.name);
        this.put(old ? { ...step.alarm, tags: old.tags } : step.alarm);
        return;
      }
      case 'DeleteAlarm':
        this.alarms.delete(step.name);
        return;
      case 'TagAlarm':
      case 'UntagAlarm': {
        const a = this.alarms.get(step.name);
        if (!a) throw new AwsCallError('cloudwatch', step.op, 'ResourceNotFoundException', 'missing', false, 404);
        const tags = step.op === 'TagAlarm' ? { ...a.tags, ...step.tags } : Object.fromEntries(Object.entries(a.tags).filter(([k]) => !step.keys.includes(k)));
        this.put({ ...a, tags });
        return;
      }
      case 'CreateTopic':
        this.put({ ...step.topic, subscriptions: [] });
        return;
      case 'SetTopicDisplayName':
        return this.put({ ...topic(step.name), displayName: step.displayName });
      case 'SetTopicPolicy':
        return this.put({ ...topic(step.name), policy: step.policy });
      case 'TagTopic':
        return this.put({ ...topic(step.name), tags: { ...topic(step.name).tags, ...step.tags } });
      case 'UntagTopic':
        return this.put({ ...topic(step.name), tags: Object.fromEntries(Object.entries(topic(step.name).tags).filter(([k]) => !step.keys.includes(k))) });
      case 'Subscribe':
        return this.put({ ...topic(step.topic), subscriptions: [...topic(step.topic).subscriptions, step.subscription] });
      case 'Unsubscribe':
        return this.put({ ...topic(step.topic), subscriptions: topic(step.topic).subscriptions.filter((x) => x.protocol !== step.protocol || x.endpoint !== step.endpoint) });
      case 'DeleteTopic':
        this.topics.delete(step.name);
        return;
      case 'PutDashboard': {
        // Tags apply on create only (docs/aws-behaviour.md, "Dashboards").
        const old = this.dashboards.get(step.name);
        this.put({ kind: 'dashboard', name: step.name, source: { type: 'literal', body: step.body }, tags: old ? old.tags : step.tags });
        return;
      }
      case 'DeleteDashboard':
        this.dashboards.delete(step.name);
        return;
      case 'DeleteConfigurationSetEventDestination':
        if (!this.destinations.delete(`${step.configurationSet}/${step.name}`)) throw new AwsCallError('sesv2', step.op, 'NotFoundException', 'missing', false, 404);
        return;
    }
  }
}
