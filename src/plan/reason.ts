/**
 * Why an update exists, without a state file: each configuration set (with its destinations) and each
 * alarm carries the digest of the file's definition of it at its last apply (DIGEST_TAG). Equal digests
 * mean the file did not change, so the difference was made outside ses-reconcile; otherwise the file
 * changed.
 */
import type { Change, ChangeReason } from '../model/change.js';
import { DIGEST_TAG, type ConfigurationSet, type Resource, type Tags } from '../model/resources.js';
import { stateOf, type State } from '../model/state.js';
import { sha256, stableJson } from './digest.js';

/** The desired state with every configuration set's digest tag filled in. */
export function withDigests(desired: State): State {
  const all = [...desired.values()];
  return stateOf(
    all.map((r): Resource => {
      if (r.kind === 'alarm' || r.kind === 'topic') {
        const { [DIGEST_TAG]: _old, ...tags } = r.tags;
        return { ...r, tags: { ...tags, [DIGEST_TAG]: sha256(stableJson({ ...r, tags })).slice(0, 32) } };
      }
      if (r.kind !== 'configurationSet') return r;
      const { [DIGEST_TAG]: _old, ...tags } = r.tags;
      const destinations = all.filter((d) => d.kind === 'eventDestination' && d.configurationSet === r.name);
      const digest = sha256(stableJson({ set: { ...r, tags }, destinations })).slice(0, 32);
      return { ...r, tags: { ...tags, [DIGEST_TAG]: digest } };
    }),
  );
}

/** `desired` and `live` are the resources that carry the digest: the set of a destination, or the alarm. */
export function updateReason(desired: { readonly tags: Tags } | undefined, live: { readonly tags: Tags } | undefined): ChangeReason {
  const want = desired?.tags[DIGEST_TAG];
  return want !== undefined && live?.tags[DIGEST_TAG] === want ? 'changed outside ses-reconcile' : 'changed in file';
}

/**
 * When only a set's destinations change, the set's digest tag still has to follow the file: the tag call
 * rides on the first change of that set rather than showing as a change of its own.
 */
export function recordDigests(changes: readonly Change[], desiredSets: ReadonlyMap<string, ConfigurationSet>, liveSets: ReadonlyMap<string, ConfigurationSet>): Change[] {
  const out = [...changes];
  for (const [name, want] of desiredSets) {
    const digest = want.tags[DIGEST_TAG];
    const live = liveSets.get(name);
    if (!live || digest === undefined || live.tags[DIGEST_TAG] === digest) continue;
    if (out.some((c) => c.kind === 'configurationSet' && c.id === name)) continue; // its own steps tag it
    const i = out.findIndex((c) => c.kind === 'eventDestination' && c.id.startsWith(`${name}/`) && !c.blocked);
    if (i < 0) continue;
    const c = out[i] as Change;
    out[i] = { ...c, steps: [...c.steps, { op: 'TagConfigurationSet', name, tags: { [DIGEST_TAG]: digest } }] };
  }
  return out;
}
