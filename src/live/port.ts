/**
 * Reading the live account, through a port: live/ and the planner never see the SDK. An adapter
 * (aws/) implements LiveReader and returns resources already in the canonical model shape, so desired
 * and actual compare field for field.
 */
import type { State } from '../model/state.js';

export interface ReadScope {
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
}

export interface LiveRead {
  readonly state: State;
  /** API calls made, by `service:Operation`: what the benchmark and the plan report. */
  readonly calls: Readonly<Record<string, number>>;
}

export interface LiveReader {
  read(scope: ReadScope): Promise<LiveRead>;
}

/** One resource as the tag index lists it: its ARN, its name, and the tags the index holds for it. */
export interface IndexedResource {
  readonly arn: string;
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The stack's taggable resources as the Resource Groups Tagging API lists them (aws/tagging/). A
 * candidate list: it may lag behind tag changes and may still list deleted resources (live/scope.ts).
 */
export interface StackIndex {
  readonly configurationSets: ReadonlyMap<string, IndexedResource>;
  readonly alarms: ReadonlyMap<string, IndexedResource>;
  readonly topics: ReadonlyMap<string, IndexedResource>;
}
