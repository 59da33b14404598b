/**
 * Which CloudWatch event destination a set's preset alarm reads its metrics from. Shared by the
 * published-metrics rule (which reports when there is none) and normalisation (which uses the answer),
 * so both always agree.
 *
 * An alarm must name every dimension of the destination exactly (docs/aws-behaviour.md,
 * "Metrics SES publishes"), and a metric exists only for the event types the destination matches (DG
 * event-publishing-retrieving-cloudwatch).
 */
import type { EventType, SetAlarmPreset } from '../model/resources.js';
import { SET_PRESETS } from './presets.js';
import type { WrittenConfigurationSet, WrittenCountPreset, WrittenEventDestination, WrittenRatePreset } from './written.js';

export type PresetSource =
  | { readonly ok: true; readonly destination: string; readonly spec: WrittenEventDestination }
  | { readonly ok: false; readonly field?: 'destination'; readonly message: string; readonly hint: string };

export function eventsNeeded(preset: SetAlarmPreset): EventType[] {
  const spec = SET_PRESETS[preset];
  return spec.kind === 'rate' ? [spec.event, 'SEND'] : [spec.event];
}

export function pickPresetSource(
  setName: string,
  set: WrittenConfigurationSet,
  preset: SetAlarmPreset,
  written: WrittenRatePreset | WrittenCountPreset,
): PresetSource {
  const needed = eventsNeeded(preset);
  const dests = Object.entries(set.eventDestinations ?? {});
  const publishes = (d: WrittenEventDestination): boolean => needed.every((e) => d.events.includes(e));
  const neededWords = needed.join(' and ');

  if (written.destination !== undefined) {
    const found = dests.find(([n]) => n === written.destination);
    if (!found)
      return {
        ok: false,
        field: 'destination',
        message: `configuration set "${setName}" has no event destination "${written.destination}"`,
        hint: `name one of its CloudWatch destinations: ${dests.filter(([, d]) => d.cloudWatch).map(([n]) => n).join(', ') || '(none yet)'}`,
      };
    const [name, d] = found;
    if (!d.cloudWatch)
      return { ok: false, field: 'destination', message: `event destination "${name}" is not a CloudWatch destination, so it publishes no metrics`, hint: 'name a destination with cloudWatch: { dimensions: … }' };
    if (!publishes(d))
      return {
        ok: false,
        field: 'destination',
        message: `event destination "${name}" does not publish ${neededWords}, so the ${preset} alarm would watch a metric that never exists`,
        hint: `add ${needed.filter((e) => !d.events.includes(e)).join(', ')} to its events`,
      };
    return { ok: true, destination: name, spec: d };
  }

  const cloudWatch = dests.filter(([, d]) => d.cloudWatch);
  const candidates = cloudWatch.filter(([, d]) => publishes(d));
  if (candidates.length === 1) {
    const [name, d] = candidates[0] as [string, WrittenEventDestination];
    return { ok: true, destination: name, spec: d };
  }
  if (candidates.length > 1)
    return {
      ok: false,
      message: `${candidates.length} CloudWatch destinations of "${setName}" publish ${neededWords}; the ${preset} alarm needs to know which one to read`,
      hint: `add destination: ${candidates.map(([n]) => n).join(' or ')}`,
    };
  return {
    ok: false,
    message:
      cloudWatch.length === 0
        ? `configuration set "${setName}" has no CloudWatch event destination, so the ${preset} alarm would watch a metric that is never published`
        : `no CloudWatch destination of "${setName}" publishes ${neededWords}, so the ${preset} alarm would watch a metric that is never published`,
    hint:
      cloudWatch.length === 0
        ? `add an event destination with events [${needed.join(', ')}] and cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: ${setName} } } }`
        : cloudWatch
            .map(([n, d]) => `add ${needed.filter((e) => !d.events.includes(e)).join(' and ')} to the events of ${n}`)
            .join(', or '),
  };
}
