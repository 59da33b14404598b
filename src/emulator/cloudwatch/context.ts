/**
 * What a CloudWatch operation runs with (the request's Region and account, the clock, the stores), and
 * the `operation()` its resource files (alarms.ts, dashboards.ts, metrics.ts, tags.ts) declare their operations with
 * (core/operation.ts).
 */
import { operationsOf } from '../core/operation.js';
import type { AlarmStore } from './alarms.js';
import type { DashboardStore } from './dashboards.js';
import type { MetricOperations } from './metrics.js';
import type { TagOperations } from './tags.js';

export interface CloudWatchContext {
  readonly region: string;
  readonly accountId: string;
  readonly now: Date;
  readonly alarms: AlarmStore;
  readonly dashboards: DashboardStore;
  readonly metrics: MetricOperations;
  readonly tagging: TagOperations;
}

/** A decoded input: the members the model declares, typed; each operation reads its own. */
export type Input = Readonly<Record<string, unknown>>;

export const operation = operationsOf<CloudWatchContext>();
