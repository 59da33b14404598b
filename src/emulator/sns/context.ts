/**
 * What an SNS operation runs with, and the `operation()` its resource files (topics.ts,
 * subscriptions.ts, tags.ts) declare their operations with (core/operation.ts).
 */
import { operationsOf } from '../core/operation.js';
import type { RegionState, SnsState } from './state.js';

export interface SnsContext {
  readonly region: string;
  readonly accountId: string;
  readonly state: SnsState;
  /** The request region's state. */
  readonly store: RegionState;
}

export const operation = operationsOf<SnsContext>();
