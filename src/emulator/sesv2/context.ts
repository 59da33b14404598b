/**
 * What a SESv2 operation runs with, and the `operation()` its resource files (configuration-sets.ts,
 * event-destinations.ts, outbound-emails.ts, tags.ts, tenants.ts, tenant-resources.ts,
 * reputation-entities.ts, recommendations.ts, identities.ts, dedicated-ip-pools.ts) declare their operations
 * with (core/operation.ts).
 */
import { operationsOf } from '../core/operation.js';
import type { EmulatorLogger, MetricSink, TopicPublisher } from '../types.js';
import type { Sesv2Account } from './account.js';
import type { RegionSets } from './store.js';
import type { RegionTenants } from './tenant-store.js';

/** Where SES publishes what it does: CloudWatch's metrics, SNS topics, the emulator's log. */
export interface Sesv2Links {
  readonly metrics: MetricSink;
  readonly topics: TopicPublisher;
  readonly log: EmulatorLogger;
}

export interface Sesv2Context {
  readonly region: string;
  readonly accountId: string;
  /** The configuration sets of the request's Region. */
  readonly sets: RegionSets;
  /** The tenants of the request's Region (tenant-store.ts). */
  readonly tenants: RegionTenants;
  /** The identities and dedicated IP pools of the request's Region (account.ts). */
  readonly account: Sesv2Account;
  /** The emulator clock's time of the request. */
  readonly now: Date;
  readonly links: Sesv2Links;
}

export const operation = operationsOf<Sesv2Context>();
