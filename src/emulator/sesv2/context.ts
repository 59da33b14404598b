/**
 * What a SESv2 operation runs with, and the `operation()` its resource files (configuration-sets.ts,
 * event-destinations.ts, tags.ts) declare their operations with (core/operation.ts).
 */
import { operationsOf } from '../core/operation.js';
import type { Sesv2Settings } from './settings.js';
import type { RegionSets } from './store.js';

export interface Sesv2Context {
  readonly region: string;
  readonly accountId: string;
  /** The configuration sets of the request's Region. */
  readonly sets: RegionSets;
  readonly settings: Sesv2Settings;
}

export const operation = operationsOf<Sesv2Context>();
