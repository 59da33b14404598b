/**
 * The narrowest API calls for each change (SPEC 6): one Put…Options per option group that differs, tag
 * and untag calls for tags, a full Update for an event destination (its API replaces the whole
 * definition, aws-facts 1.3), and delete-then-create only where AWS cannot change in place.
 */
import { canonicalTags } from '../model/canonical.js';
import type { ConfigurationSet, EventDestination, Resource } from '../model/resources.js';
import type { Step } from '../model/step.js';

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function createSteps(r: Resource): Step[] {
  switch (r.kind) {
    case 'configurationSet':
      return [{ op: 'CreateConfigurationSet', set: r }];
    case 'eventDestination':
      return [{ op: 'CreateConfigurationSetEventDestination', destination: r }];
    default:
      return [];
  }
}

export function deleteSteps(r: Resource): Step[] {
  switch (r.kind) {
    case 'configurationSet':
      return [{ op: 'DeleteConfigurationSet', name: r.name }];
    case 'eventDestination':
      return [{ op: 'DeleteConfigurationSetEventDestination', configurationSet: r.configurationSet, name: r.name }];
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
  const changed = Object.entries(after.tags).filter(([k, v]) => before.tags[k] !== v);
  if (changed.length > 0) steps.push({ op: 'TagConfigurationSet', name, tags: canonicalTags(Object.fromEntries(changed)) });
  const removed = Object.keys(before.tags).filter((k) => !(k in after.tags)).sort();
  if (removed.length > 0) steps.push({ op: 'UntagConfigurationSet', name, keys: removed });
  return steps;
}

/** AWS documents no in-place change of an event destination's type (aws-facts 1.3): replace it. */
export function needsReplace(before: Resource, after: Resource): boolean {
  return before.kind === 'eventDestination' && after.kind === 'eventDestination' && before.target.type !== after.target.type;
}

export function updateSteps(before: Resource, after: Resource): Step[] {
  if (before.kind === 'configurationSet' && after.kind === 'configurationSet') return setUpdateSteps(before, after);
  if (before.kind === 'eventDestination' && after.kind === 'eventDestination') {
    if (needsReplace(before, after)) return [...deleteSteps(before), ...createSteps(after)];
    return [{ op: 'UpdateConfigurationSetEventDestination', destination: after as EventDestination }];
  }
  return [];
}
