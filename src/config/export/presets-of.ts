/**
 * An alarm written as the preset that makes it (`bounceRate: { threshold: 3% }`), when it is exactly what
 * that preset makes; otherwise undefined, and the alarm is written in full.
 *
 * "Exactly" is decided by making it: a candidate preset entry, with the alarm's threshold, period,
 * evaluation, comparison and actions where they differ from the preset's defaults, is normalized in a file
 * of its own with the set it belongs to (normalize.ts), and must give the live alarm field for field
 * (check.ts comparable). So no rule of the presets is restated here; a preset that changes is matched
 * as it is then. An alarm reading a destination the choice rule would not pick by itself gets
 * `destination:` (tried after the plain entry, so it is written only when needed).
 */
import type { Alarm, AccountAlarmPreset, SetAlarmPreset } from '../../model/resources.js';
import { ACCOUNT_SEGMENT } from '../../model/ses.js';
import { normalize } from '../normalize.js';
import { ACCOUNT_PRESETS, SET_PRESETS } from '../presets.js';
import { formatDuration, formatRate } from '../units.js';
import type { WrittenAccountPreset, WrittenConfig, WrittenConfigurationSet, WrittenRatePreset, WrittenTopic } from '../written.js';
import { comparable } from './check.js';
import { writtenAlarmCommon, type TopicNames } from './written-of.js';

export type PresetMatch =
  | { readonly owner: 'set'; readonly set: string; readonly preset: SetAlarmPreset; readonly written: WrittenRatePreset }
  | { readonly owner: 'account'; readonly preset: AccountAlarmPreset; readonly written: WrittenAccountPreset };

export interface PresetContext {
  readonly stack: string;
  /** The sets of the file as written so far (their destinations decide a preset's metrics). */
  readonly sets: Readonly<Record<string, WrittenConfigurationSet>>;
  readonly topics: Readonly<Record<string, WrittenTopic>>;
  readonly topicNames: TopicNames;
  /** The file's top-level tags (a preset alarm has no tags of its own). */
  readonly tags: Readonly<Record<string, string>>;
}

function periodOf(a: Alarm): number | undefined {
  const q = a.query;
  if (q.type === 'metric') return q.period;
  const first = q.metrics.find((m) => m.kind === 'metric');
  return first?.kind === 'metric' ? first.period : undefined;
}

/** The minimum-sends guard of a rate preset's expression, `IF(sends >= N, …)`. */
function minSendsOf(a: Alarm): number | undefined {
  if (a.query.type !== 'math') return undefined;
  for (const m of a.query.metrics) {
    const n = m.kind === 'expression' ? /^IF\(sends >= (\d+),/.exec(m.expression)?.[1] : undefined;
    if (n !== undefined) return Number(n);
  }
  return undefined;
}

interface Spec {
  readonly kind: 'rate' | 'count';
  readonly defaults: { readonly threshold: number; readonly period: number; readonly evaluationPeriods: number; readonly comparison: string; readonly treatMissingData: string; readonly minSends?: number };
}

/** The entries to try, plainest first: defaults left out, then the description and the guard spelled out. */
function candidates(a: Alarm, spec: Spec, topicNames: TopicNames): WrittenRatePreset[] {
  const period = periodOf(a);
  const base: WrittenRatePreset = {
    // The threshold is what a reader looks for first: written even when it is the preset's default.
    threshold: spec.kind === 'rate' ? formatRate(a.threshold) : a.threshold,
    ...(period !== undefined && period !== spec.defaults.period ? { period: formatDuration(period) } : {}),
    ...(a.comparison !== spec.defaults.comparison ? { comparison: a.comparison } : {}),
    ...writtenAlarmCommon({ ...a, description: undefined }, topicNames, spec.defaults),
  };
  const minSends = minSendsOf(a);
  const guarded = spec.kind === 'rate' && minSends !== undefined && minSends !== spec.defaults.minSends ? { ...base, minSends } : base;
  return [guarded, ...(a.description !== undefined ? [{ ...guarded, description: a.description }] : [])];
}

function makes(trial: WrittenConfig, a: Alarm, topicNames: TopicNames): boolean {
  let made;
  try {
    made = normalize(trial).resources.get(`alarm:${a.name}`);
  } catch {
    return false; // the candidate is not a file normalize accepts (e.g. no destination publishes the metric)
  }
  return made !== undefined && comparable(made, topicNames) === comparable(a, topicNames);
}

export function presetOf(a: Alarm, ctx: PresetContext): PresetMatch | undefined {
  const prefix = `${ctx.stack}/`;
  if (!a.name.startsWith(prefix)) return undefined;
  const rest = a.name.slice(prefix.length);
  const slash = rest.lastIndexOf('/');
  if (slash <= 0) return undefined;
  const owner = rest.slice(0, slash);
  const slug = rest.slice(slash + 1);
  const head = { version: 1 as const, stack: ctx.stack, topics: ctx.topics, ...(Object.keys(ctx.tags).length > 0 ? { tags: { ...ctx.tags } } : {}) };
  if (owner === ACCOUNT_SEGMENT) {
    const preset = (Object.keys(ACCOUNT_PRESETS) as AccountAlarmPreset[]).find((p) => ACCOUNT_PRESETS[p].slug === slug);
    if (!preset) return undefined;
    for (const written of candidates(a, { kind: 'rate', defaults: ACCOUNT_PRESETS[preset].defaults }, ctx.topicNames)) {
      const { minSends: _m, ...entry } = written;
      if (makes({ ...head, accountAlarms: { [preset]: entry } }, a, ctx.topicNames)) return { owner: 'account', preset, written: entry };
    }
    return undefined;
  }
  const set = ctx.sets[owner];
  const preset = (Object.keys(SET_PRESETS) as SetAlarmPreset[]).find((p) => SET_PRESETS[p].slug === slug);
  if (!set || !preset) return undefined;
  // Plainest first: the destination the choice rule picks by itself (model/ses.ts chooseMetricSource),
  // then each CloudWatch destination named, for an alarm that reads another one.
  const plain = candidates(a, SET_PRESETS[preset], ctx.topicNames);
  const named = Object.entries(set.eventDestinations ?? {}).filter(([, d]) => d.cloudWatch).map(([n]) => n);
  for (const written of [...plain, ...named.flatMap((destination) => plain.map((w) => ({ ...w, destination })))]) {
    const trial = { ...head, configurationSets: { [owner]: { ...set, alarms: { ...set.alarms, [preset]: written } } } };
    if (makes(trial, a, ctx.topicNames)) return { owner: 'set', set: owner, preset, written };
  }
  return undefined;
}
