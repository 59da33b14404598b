import type { Severity } from '../../model/diagnostic.js';
import type { DeclaredNames } from '../merge.js';
import type {
  WrittenAlarmCommon,
  WrittenConfig,
  WrittenConfigurationSet,
  WrittenCountPreset,
  WrittenEventDestination,
  WrittenRatePreset,
} from '../written.js';
import type { AccountAlarmPreset, SetAlarmPreset } from '../../model/resources.js';
import { ACCOUNT_PRESETS, FREE_FORM_DEFAULTS, SET_PRESETS } from '../presets.js';

export type PathSegment = string | number;

export interface Finding {
  readonly severity: Severity;
  /** Where, as path segments of the merged document. */
  readonly at: readonly PathSegment[];
  readonly message: string;
  readonly hint?: string;
  /** Point at the key (names) or the value (default). */
  readonly prefer?: 'key' | 'value';
}

export interface RuleContext {
  /** The merged document with schema-invalid entries pruned: types hold, references may dangle. */
  readonly config: WrittenConfig;
  readonly declared: DeclaredNames;
  /** The environment, when the run needs `${env:NAME}` references resolved (apply); else undefined. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  report(finding: Finding): void;
}

/** One SES rule, as changesets' rules: a name and a check that reports, never throws. */
export interface Rule {
  readonly code: string;
  check(ctx: RuleContext): void;
}

export function* eachSet(config: WrittenConfig): Generator<[string, WrittenConfigurationSet]> {
  for (const [name, set] of Object.entries(config.configurationSets ?? {})) yield [name, set];
}

export function* eachDestination(
  config: WrittenConfig,
): Generator<[setName: string, destName: string, dest: WrittenEventDestination, set: WrittenConfigurationSet]> {
  for (const [setName, set] of eachSet(config))
    for (const [destName, dest] of Object.entries(set.eventDestinations ?? {})) yield [setName, destName, dest, set];
}

export function* eachSetPreset(
  config: WrittenConfig,
): Generator<[setName: string, preset: SetAlarmPreset, spec: WrittenRatePreset | WrittenCountPreset, set: WrittenConfigurationSet]> {
  for (const [setName, set] of eachSet(config))
    for (const [preset, spec] of Object.entries(set.alarms ?? {}))
      if (spec) yield [setName, preset as SetAlarmPreset, spec, set];
}

export interface AlarmDefaults {
  readonly period: number;
  readonly evaluationPeriods: number;
}

/**
 * Every alarm of the file, preset or not, with its path and the defaults that apply where it is silent:
 * for rules on fields all alarms share.
 */
export function* eachAlarmSpec(config: WrittenConfig): Generator<[path: PathSegment[], spec: WrittenAlarmCommon, defaults: AlarmDefaults]> {
  for (const [setName, preset, spec] of eachSetPreset(config))
    yield [['configurationSets', setName, 'alarms', preset], spec, SET_PRESETS[preset].defaults];
  for (const [preset, spec] of Object.entries(config.accountAlarms ?? {}))
    if (spec) yield [['accountAlarms', preset], spec, ACCOUNT_PRESETS[preset as AccountAlarmPreset].defaults];
  for (const [name, spec] of Object.entries(config.alarms ?? {})) yield [['alarms', name], spec, FREE_FORM_DEFAULTS];
}
