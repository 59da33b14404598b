/**
 * Why an update exists, without a state file: each configuration set (with its destinations) and each
 * alarm carries the digest of the file's definition of it at its last apply (DIGEST_TAG). Equal digests
 * mean the file did not change, so the difference was made outside ses-reconcile; otherwise the file
 * changed.
 */
import type { Change, ChangeReason } from '../model/change.js';
import { assertNever } from '../model/canonical.js';
import { keyOf } from '../model/key.js';
import { DIGEST_TAG, type Alarm, type ConfigurationSet, type Resource, type Tags, type Topic } from '../model/resources.js';
import type { Step } from '../model/step.js';
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

/** The tag call that records a digest on the resource carrying it. */
function digestStep(r: ConfigurationSet | Alarm | Topic, digest: string): Step {
  const tags = { [DIGEST_TAG]: digest };
  switch (r.kind) {
    case 'configurationSet':
      return { op: 'TagConfigurationSet', name: r.name, tags };
    case 'alarm':
      return { op: 'TagAlarm', name: r.name, tags };
    case 'topic':
      return { op: 'TagTopic', name: r.name, tags };
    default:
      return assertNever(r);
  }
}

const STALE_DIGEST =
  "records the file's digest on it: AWS already matches the file, but the digest of the last apply is another (a tag call of an earlier apply did not complete)";

/**
 * The digest tag has to follow what was applied, or later reasons are wrong (a file revert would read as
 * "changed outside"). A set whose destinations change gets the tag call on the first destination's change
 * rather than a change of its own. A set, alarm or topic that matches the file but carries another digest
 * (the tag call of an earlier apply failed after the rest succeeded) gets a tag-only change, so the re-run
 * shows it and makes it.
 */
export function recordDigests(changes: readonly Change[], desired: Iterable<Resource>, live: Iterable<Resource>): Change[] {
  const out = [...changes];
  const liveByKey = new Map([...live].map((r) => [keyOf(r), r]));
  const changed = new Set(changes.map((c) => c.key));
  for (const want of desired) {
    if (want.kind !== 'configurationSet' && want.kind !== 'alarm' && want.kind !== 'topic') continue;
    const key = keyOf(want);
    const have = liveByKey.get(key);
    const digest = want.tags[DIGEST_TAG];
    if (!have || !('tags' in have) || digest === undefined || have.tags[DIGEST_TAG] === digest) continue;
    if (changed.has(key)) continue; // its own tag calls carry the digest
    const i = want.kind === 'configurationSet' ? out.findIndex((c) => c.kind === 'eventDestination' && c.id.startsWith(`${want.name}/`) && !c.blocked) : -1;
    if (i >= 0) {
      const c = out[i] as Change;
      out[i] = { ...c, steps: [...c.steps, digestStep(want, digest)] };
      continue;
    }
    out.push({ action: 'update', key, kind: want.kind, id: want.name, reason: 'changed in file', before: have, after: want, diff: [], steps: [digestStep(want, digest)], notes: [STALE_DIGEST] });
  }
  return out;
}
