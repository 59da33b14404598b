/**
 * SESv2 state: configuration sets (and tenants, tenant-store.ts) per Region. SES resources are regional (docs/aws-behaviour.md,
 * "SES quotas": quotas are "per account per Region"), so a set created in us-east-1 does not exist in
 * eu-west-1. The emulator serves one account (EmulatorRequest.accountId), so the Region is the whole key.
 */
import { limitExceeded, notFound } from './errors.js';
import type { ConfigurationSet, ConfigurationSetOptions, ReputationCounts } from './model.js';
import { RegionTenants } from './tenant-store.js';

/**
 * Configuration sets per account per Region; "not adjustable" (SES Developer Guide, quotas;
 * docs/aws-behaviour.md, "SES quotas").
 */
export const MAX_CONFIGURATION_SETS = 10_000;

export class RegionSets {
  private readonly sets = new Map<string, ConfigurationSet>();
  /** The account's own reputation counts in this Region (event-publishing.ts). */
  readonly account: ReputationCounts = { sends: 0, bounces: 0, complaints: 0 };
  /** The Region's SES tenants (tenant-store.ts). */
  readonly tenants = new RegionTenants();

  get(name: string): ConfigurationSet | undefined {
    return this.sets.get(name);
  }

  /** The set, or the NotFoundException (404) every operation on a missing set answers. */
  require(name: string): ConfigurationSet {
    const set = this.sets.get(name);
    if (!set) throw notFound(`Configuration set <${name}> does not exist in this Region.`);
    return set;
  }

  /** The caller has checked that the name is free. */
  add(name: string, options: ConfigurationSetOptions, tags: ReadonlyMap<string, string>): void {
    if (this.sets.size >= MAX_CONFIGURATION_SETS) {
      throw limitExceeded(`You have reached the quota of ${MAX_CONFIGURATION_SETS} configuration sets in this Region.`);
    }
    this.sets.set(name, { name, options, tags: new Map(tags), eventDestinations: new Map(), reputation: { sends: 0, bounces: 0, complaints: 0 } });
  }

  delete(name: string): void {
    this.require(name);
    this.sets.delete(name);
  }

  /** In insertion order; callers that answer a list put it in list order (core/list-order.ts). */
  all(): IterableIterator<ConfigurationSet> {
    return this.sets.values();
  }
}

export class Sesv2Store {
  private readonly regions = new Map<string, RegionSets>();

  region(region: string): RegionSets {
    let sets = this.regions.get(region);
    if (!sets) {
      sets = new RegionSets();
      this.regions.set(region, sets);
    }
    return sets;
  }

  /** Every Region that has had a request, with its sets. */
  allRegions(): IterableIterator<[string, RegionSets]> {
    return this.regions.entries();
  }

  clear(): void {
    this.regions.clear();
  }
}
