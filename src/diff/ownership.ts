/**
 * Ownership, as a filter before the diff (dnscontrol's hands-off premise): what this stack does not own is
 * removed from both sides, so the diff itself stays naive and can never touch it (docs/architecture.md, "Ownership and deletes").
 *
 * Terms: a configuration set or alarm is *owned* when it carries `ses-reconcile:stack=<stack>`; *named*
 * when the file defines it. Owned or named = managed.
 * - owned: diffed; deleted when the file no longer names it.
 * - named, untagged: a conflict until `--adopt`; adopted, it is diffed (and the plan adds the tag).
 * - named, tagged by another stack: a conflict, always: two stacks never touch each other's resources.
 * - neither: invisible.
 * An event destination belongs to its set and follows it. A dashboard is global, so it is owned by a stack
 * in one Region (REGION_TAG): seen from another Region it is another owner's. One without REGION_TAG
 * (made before dashboards carried it) is the stack's, and the plan tags it for the Region that applies first.
 */
import type { Conflict } from '../model/change.js';
import { keyOf, rootOf, type ResourceKey } from '../model/key.js';
import { REGION_TAG, STACK_TAG, type Resource } from '../model/resources.js';
import { stateOf, type State } from '../model/state.js';

export interface Owned {
  readonly desired: State;
  readonly actual: State;
  readonly conflicts: readonly Conflict[];
  /** Roots taken over with `--adopt`: they exist without the stack's tag and the plan adds it. */
  readonly adopted: ReadonlySet<ResourceKey>;
}

/**
 * Who owns a live resource, as a plan for `region` sees it: the STACK_TAG value; for a dashboard tagged for
 * another Region, `stack@region`, which no stack is named (stack names have no `@`).
 */
export function ownerOf(r: Resource, region: string): string | undefined {
  if (!('tags' in r)) return undefined;
  const stack = r.tags[STACK_TAG];
  const home = r.kind === 'dashboard' ? r.tags[REGION_TAG] : undefined;
  return stack !== undefined && home !== undefined && home !== region ? `${stack}@${home}` : stack;
}

export function removeUnowned(desired: State, actual: State, stack: string, options: { readonly adopt: boolean; readonly region: string }): Owned {
  const excluded = new Set<string>(); // root keys whose whole subtree is out of the diff
  const conflicts: Conflict[] = [];
  const adopted = new Set<ResourceKey>();
  for (const [key, live] of actual) {
    if (live.kind === 'eventDestination') continue; // follows its set
    const owner = ownerOf(live, options.region);
    if (owner === stack) continue;
    const wanted = desired.get(key);
    if (!wanted) {
      excluded.add(key);
      continue;
    }
    if (owner === undefined && options.adopt) {
      adopted.add(key);
      continue;
    }
    excluded.add(key);
    conflicts.push({ key, desired: wanted, actual: live, owner });
  }
  const keep = (r: Resource) => !excluded.has(rootOf(keyOf(r)));
  return {
    desired: stateOf([...desired.values()].filter(keep)),
    actual: stateOf([...actual.values()].filter(keep)),
    conflicts,
    adopted,
  };
}
