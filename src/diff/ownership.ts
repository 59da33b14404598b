/**
 * Ownership, as a filter before the diff (dnscontrol's hands-off premise): what this stack does not own is
 * removed from both sides, so the diff itself stays naive and can never touch it (SPEC 5).
 *
 * Terms: a configuration set is *owned* when it carries `ses-reconcile:stack=<stack>`; *named* when the
 * file defines it. Owned or named = managed.
 * - owned: diffed; deleted when the file no longer names it.
 * - named, untagged: a conflict until `--adopt`; adopted, it is diffed (and the plan adds the tag).
 * - named, tagged by another stack: a conflict, always: two stacks never touch each other's resources.
 * - neither: invisible.
 * An event destination belongs to its set and follows it.
 */
import type { Conflict } from '../model/change.js';
import { STACK_TAG, type ConfigurationSet, type Resource } from '../model/resources.js';
import { stateOf, type State } from '../model/state.js';

export interface Owned {
  readonly desired: State;
  readonly actual: State;
  readonly conflicts: readonly Conflict[];
}

export function ownerOf(set: ConfigurationSet): string | undefined {
  return set.tags[STACK_TAG];
}

export function removeUnowned(desired: State, actual: State, stack: string, options: { adopt: boolean }): Owned {
  const setOf = (r: Resource): string | undefined =>
    r.kind === 'configurationSet' ? r.name : r.kind === 'eventDestination' ? r.configurationSet : undefined;
  const excluded = new Set<string>(); // set names whose whole subtree is out of the diff
  const conflicts: Conflict[] = [];
  for (const [key, live] of actual) {
    if (live.kind !== 'configurationSet') continue;
    const owner = ownerOf(live);
    if (owner === stack) continue;
    const wanted = desired.get(key);
    if (!wanted) {
      excluded.add(live.name);
      continue;
    }
    if (owner === undefined && options.adopt) continue;
    excluded.add(live.name);
    conflicts.push({ key, desired: wanted, actual: live, owner });
  }
  const keep = (r: Resource) => {
    const set = setOf(r);
    return set === undefined || !excluded.has(set);
  };
  return {
    desired: stateOf([...desired.values()].filter(keep)),
    actual: stateOf([...actual.values()].filter(keep)),
    conflicts,
  };
}
