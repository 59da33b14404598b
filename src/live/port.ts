/**
 * Reading the live account, through one port for every resource kind: live/ and the planner never see
 * the SDK. An adapter (aws/) implements LiveReader for its kind's scope and returns resources already in
 * the canonical model shape, so desired and actual compare field for field. cli/ builds the adapters and
 * hands them to readLive (read.ts) as LiveReaders (docs/architecture.md, "The rooms").
 */
import type { State } from '../model/state.js';
import type { Tags } from '../model/resources.js';

/** What one reader read. */
export interface LiveRead {
  readonly state: State;
  /** API calls made, by `service:Operation`: what the benchmark and the plan report. */
  readonly calls: Readonly<Record<string, number>>;
  /**
   * Name -> ARN as AWS reported it, for the resources in `state` whose ARN the step runners use (tag
   * calls prefer AWS's own ARN to a built one: docs/aws-behaviour.md, "Tagging").
   */
  readonly arns?: ReadonlyMap<string, string>;
  /** What the read saw that is not a change: subscriptions pending confirmation, as `<topic> <protocol>:<endpoint>`. */
  readonly pending?: readonly string[];
  /** Resources found that the model cannot describe, each with why (an export leaves them out and says so). */
  readonly unreadable?: readonly string[];
}

export interface LiveReader<Scope> {
  read(scope: Scope): Promise<LiveRead>;
}

/** Which configuration sets to read. */
export interface SetScope {
  readonly stack: string;
  /** Configuration sets the file names: always read in full, whoever owns them. */
  readonly configurationSets: ReadonlySet<string>;
  /**
   * `--discovery tags`: the stack's sets the tag index lists; with it, nothing else of the account is
   * listed or read. Absent: `--discovery scan`, every set of the account is listed and read.
   */
  readonly discovered?: ReadonlySet<string>;
  /** Not read at all (`--refresh changed`: the index's digest says they are as the file wants). */
  readonly unchanged?: ReadonlySet<string>;
  /**
   * `export`: every set of the account whose name this accepts is read in full, whoever owns it (the
   * listing decides what exists; `configurationSets` and `discovered` are not used).
   */
  readonly select?: (name: string) => boolean;
}

/** Which alarms or topics to read: the file's names, and the index's hits (scope.ts). */
export interface NamedScope {
  readonly stack: string;
  /** The names the file has: always read. */
  readonly names: ReadonlySet<string>;
  /** `--discovery tags`: the index's hits for the stack (name -> ARN). Absent: `--discovery scan`. */
  readonly discovered?: ReadonlyMap<string, string>;
  /** Not read (`--refresh changed`). */
  readonly unchanged?: ReadonlySet<string>;
  /** Tags taken from the index instead of a tag read. */
  readonly trustedTags?: ReadonlyMap<string, Tags>;
  /**
   * `export`, alarms only: every metric alarm of the account with a metric in this CloudWatch namespace,
   * whatever its name (`names` and `discovered` are not used).
   */
  readonly everyInNamespace?: string;
}

/** Which dashboards to read: dashboards are not in the tag index, so the file's names only. */
export interface DashboardScope {
  readonly names: ReadonlySet<string>;
  /** `export`: every dashboard of the account (`names` is not used). */
  readonly every?: boolean;
}

/** One reader per kind, as cli/ builds them. */
export interface LiveReaders {
  readonly configurationSets: LiveReader<SetScope>;
  readonly alarms: LiveReader<NamedScope>;
  readonly topics: LiveReader<NamedScope>;
  readonly dashboards: LiveReader<DashboardScope>;
  readonly tenants: LiveReader<NamedScope>;
}

/** One resource as the tag index lists it: its ARN, its name, and the tags the index holds for it. */
export interface IndexedResource {
  readonly arn: string;
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The stack's taggable resources as the Resource Groups Tagging API lists them (aws/tagging/). A
 * candidate list: it may lag behind tag changes and may still list deleted resources (scope.ts).
 */
export interface StackIndex {
  readonly configurationSets: ReadonlyMap<string, IndexedResource>;
  readonly alarms: ReadonlyMap<string, IndexedResource>;
  readonly topics: ReadonlyMap<string, IndexedResource>;
  readonly tenants: ReadonlyMap<string, IndexedResource>;
}
