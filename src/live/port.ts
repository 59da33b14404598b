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
}

export interface LiveRead {
  readonly state: State;
  /** API calls made, by `service:Operation`: what the benchmark and the plan report. */
  readonly calls: Readonly<Record<string, number>>;
}

export interface LiveReader {
  read(scope: ReadScope): Promise<LiveRead>;
}
