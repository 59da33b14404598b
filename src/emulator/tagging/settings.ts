/**
 * Settings from `PUT /_emulator/config/tagging` (or `emulator.configure('tagging', …)`): the real
 * index's delays, so a client can be tested against them (tag-index.ts). Both default to 0, which is how
 * moto behaves (its GetResources reads the services' state, so deleted resources drop out at once).
 * A PUT changes the members it names. `reset()` keeps them: they configure the emulator, they are not
 * AWS state (as CloudWatch's page sizes).
 */
import type { IndexTiming } from './tag-index.js';

export type TaggingSettings = IndexTiming;

export const DEFAULT_TAGGING_SETTINGS: TaggingSettings = { lagMs: 0, deletedRetentionMs: 0 };

const KNOWN = Object.keys(DEFAULT_TAGGING_SETTINGS) as (keyof TaggingSettings)[];

export function parseTaggingSettings(settings: unknown, current: TaggingSettings): TaggingSettings {
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    throw new Error('tagging settings must be an object, e.g. {"lagMs": 2000, "deletedRetentionMs": 60000}');
  }
  const next: { -readonly [K in keyof TaggingSettings]: number } = { ...current };
  for (const [key, value] of Object.entries(settings)) {
    if (!(KNOWN as string[]).includes(key)) throw new Error(`unknown tagging setting "${key}"; known: ${KNOWN.join(', ')}`);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new Error(`tagging setting ${key} must be a whole number of milliseconds, 0 or more; got ${JSON.stringify(value)}`);
    }
    next[key as keyof TaggingSettings] = value;
  }
  return next;
}
