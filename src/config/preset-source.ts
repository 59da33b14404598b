/**
 * Which CloudWatch event destination a set's preset alarm reads its metrics from, in the file's terms:
 * the rule itself is model/ses.ts chooseMetricSource (shared with generated dashboards,
 * plan/dashboard-body.ts); this puts its answer in words. Shared by the published-metrics rule (which
 * reports when there is none) and normalisation (which uses the answer), so both always agree.
 *
 * An alarm must name every dimension of the destination exactly (docs/aws-behaviour.md,
 * "Metrics SES publishes"), and a metric exists only for the event types the destination matches (DG
 * event-publishing-retrieving-cloudwatch).
 */
import type { EventType, SetAlarmPreset } from '../model/resources.js';
import { SET_NAME_DIMENSION, chooseMetricSource, type MetricSourceCandidate } from '../model/ses.js';
import { SET_PRESETS } from './presets.js';
import type { WrittenConfigurationSet, WrittenCountPreset, WrittenEventDestination, WrittenRatePreset } from './written.js';

export type PresetSource =
  | { readonly ok: true; readonly destination: string; readonly spec: WrittenEventDestination }
  | {
      readonly ok: false;
      readonly field?: 'destination';
      readonly message: string;
      readonly hint: string;
      /** When the file must name one: the candidates, in file order. */
      readonly ambiguous?: readonly string[];
    };

export function eventsNeeded(preset: SetAlarmPreset): EventType[] {
  const spec = SET_PRESETS[preset];
  return spec.kind === 'rate' ? [spec.event, 'SEND'] : [spec.event];
}

/** A written set's CloudWatch destinations as the choice rule (model/ses.ts chooseMetricSource) sees them, in file order. */
export function cloudWatchCandidates(set: WrittenConfigurationSet): (MetricSourceCandidate & { readonly spec: WrittenEventDestination })[] {
  return Object.entries(set.eventDestinations ?? {}).flatMap(([name, d]) =>
    d.cloudWatch ? [{ name, events: d.events, dimensions: Object.entries(d.cloudWatch.dimensions).map(([n, x]) => ({ name: n, source: x.source })), spec: d }] : [],
  );
}

/**
 * Which destination `reader` (e.g. `the bounceRate alarm`) of set `setName` reads for the events
 * `needed`, `named` being the file's `destination:` if any; the problems in words.
 */
export function pickMetricSource(setName: string, set: WrittenConfigurationSet, needed: readonly EventType[], named: string | undefined, reader: string): PresetSource {
  const cloudWatch = cloudWatchCandidates(set);
  const neededWords = needed.join(' and ');
  const choice = chooseMetricSource(cloudWatch, needed, named);
  if (choice.ok) return { ok: true, destination: choice.chosen.name, spec: choice.chosen.spec };
  const names = cloudWatch.map((d) => d.name);
  switch (choice.problem) {
    case 'unknown': {
      const other = set.eventDestinations?.[named ?? ''];
      if (other !== undefined)
        return { ok: false, field: 'destination', message: `event destination "${named}" is not a CloudWatch destination, so it publishes no metrics`, hint: `name a destination with cloudWatch: { dimensions: … }${names.length > 0 ? `: ${names.join(', ')}` : ''}` };
      return {
        ok: false,
        field: 'destination',
        message: `configuration set "${setName}" has no event destination "${named}"`,
        hint: `name one of its CloudWatch destinations: ${names.join(', ') || '(none yet)'}`,
      };
    }
    case 'lacks':
      return {
        ok: false,
        field: 'destination',
        message: `event destination "${named}" does not publish ${neededWords}, so ${reader} would watch a metric that never exists`,
        hint: `add ${choice.missing.join(', ')} to its events`,
      };
    case 'ambiguous':
      return {
        ok: false,
        message: `${choice.candidates.length} CloudWatch destinations of "${setName}" publish ${neededWords} and none has ${SET_NAME_DIMENSION} as its only dimension; ${reader} needs to know which one to read`,
        hint: `add destination: ${choice.candidates.map((d) => d.name).join(' or ')}`,
        ambiguous: choice.candidates.map((d) => d.name),
      };
    case 'none':
      return {
        ok: false,
        message:
          cloudWatch.length === 0
            ? `configuration set "${setName}" has no CloudWatch event destination, so ${reader} would watch a metric that is never published`
            : `no CloudWatch destination of "${setName}" publishes ${neededWords}, so ${reader} would watch a metric that is never published`,
        hint:
          cloudWatch.length === 0
            ? `add an event destination with events [${needed.join(', ')}] and cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: ${setName} } } }`
            : cloudWatch.map((d) => `add ${needed.filter((e) => !d.events.includes(e)).join(' and ')} to the events of ${d.name}`).join(', or '),
      };
  }
}

export function pickPresetSource(
  setName: string,
  set: WrittenConfigurationSet,
  preset: SetAlarmPreset,
  written: WrittenRatePreset | WrittenCountPreset,
): PresetSource {
  return pickMetricSource(setName, set, eventsNeeded(preset), written.destination, `the ${preset} alarm`);
}
