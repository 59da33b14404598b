import type { ResourceKey } from './key.js';
import type { State } from './state.js';

/** What the file asks for, ready for the planner. */
export interface DesiredState {
  readonly stack: string;
  readonly region?: string;
  readonly accountId?: string;
  readonly resources: State;
  /**
   * Cost hints that are not AWS state: per CloudWatch event destination key, the `expectedValues` the
   * file gives for its dimensions.
   */
  readonly costHints: ReadonlyMap<ResourceKey, Readonly<Record<string, number>>>;
}
