/**
 * Does the exported file mean the live state? The file is normalized again (normalize.ts) and each of its
 * resources compared with the one read from AWS, as the plan will compare them once the stack owns them:
 * topic references as the file names them, ses-reconcile's own tags aside (adoption adds them), a
 * `sendingEnabled` the file leaves out taking the live value (it is unmanaged). What differs is what
 * `export` warns about, so a file that would not plan `No changes.` after adoption never passes silently.
 */
import { assertNever, canonicalize } from '../../model/canonical.js';
import { jsonValue } from '../../model/json.js';
import { keyOf, type ResourceKey } from '../../model/key.js';
import type { Resource, TopicPolicy, TopicRef } from '../../model/resources.js';
import type { State } from '../../model/state.js';
import { userTags, type TopicNames } from './written-of.js';

function asWritten(ref: TopicRef, topics: TopicNames): TopicRef {
  if ('topic' in ref) return ref;
  const name = topics.get(ref.arn);
  return name !== undefined ? { topic: name } : ref;
}

/** The resource as the two sides are compared: references by name, only the user's tags, no topic policy. */
export function comparable(r: Resource, topics: TopicNames): string {
  let out: Resource;
  switch (r.kind) {
    case 'alarm': {
      const refs = (xs: readonly TopicRef[]) => xs.map((x) => asWritten(x, topics));
      out = canonicalize({ ...r, alarmActions: refs(r.alarmActions), okActions: refs(r.okActions), insufficientDataActions: refs(r.insufficientDataActions), tags: userTags(r.tags) ?? {} });
      break;
    }
    case 'eventDestination':
      out = r.target.type === 'sns' ? canonicalize({ ...r, target: { ...r.target, topic: asWritten(r.target.topic, topics) } }) : r;
      break;
    case 'topic':
      // The policy follows from the file's sets and alarms (normalize.ts); check() reports it on its own.
      out = { ...r, policy: { sesConfigurationSets: [], cloudWatchAlarms: false }, tags: userTags(r.tags) ?? {} };
      break;
    case 'configurationSet':
      out = { ...r, tags: userTags(r.tags) ?? {} };
      break;
    case 'dashboard':
      out = { ...r, tags: {} };
      break;
    case 'tenant': {
      const { pausedBySes: _p, ...rest } = r;
      out = { ...rest, tags: userTags(r.tags) ?? {} };
      break;
    }
    default:
      return assertNever(r);
  }
  return JSON.stringify(jsonValue(out));
}

/** What the policy grants ses-reconcile's users; the statements it does not own are no concern of the file. */
function samePolicy(a: TopicPolicy, b: TopicPolicy): boolean {
  return JSON.stringify([a.sesConfigurationSets, a.cloudWatchAlarms]) === JSON.stringify([b.sesConfigurationSets, b.cloudWatchAlarms]);
}

export interface Mismatch {
  readonly key: ResourceKey;
  readonly why: string;
}

/** Each exported resource that the file, normalized again, does not mean as it is live. */
export function check(desired: State, live: readonly Resource[], topics: TopicNames): Mismatch[] {
  const out: Mismatch[] = [];
  for (const have of live) {
    const key = keyOf(have);
    const want = desired.get(key);
    if (!want) {
      out.push({ key, why: 'it is not in the file' });
      continue;
    }
    // What the file leaves unmanaged takes the live value, as the plan's diff does (diff/diff.ts withUnmanaged).
    const wantSending =
      want.kind === 'configurationSet' && have.kind === 'configurationSet' && want.sendingEnabled === undefined
        ? { ...want, sendingEnabled: have.sendingEnabled }
        : want.kind === 'tenant' && have.kind === 'tenant'
          ? canonicalize({ ...want, sendingEnabled: want.sendingEnabled ?? have.sendingEnabled, suppression: want.suppression ?? have.suppression })
          : want;
    if (comparable(wantSending, topics) !== comparable(have, topics)) out.push({ key, why: 'the file does not say what AWS has' });
    else if (want.kind === 'topic' && have.kind === 'topic' && !samePolicy(want.policy, have.policy)) {
      out.push({ key, why: "its policy does not grant what the file's sets and alarms need: adopting it adds ses-reconcile's statements (the policy's other statements stay as they are)" });
    }
  }
  return out;
}
