/**
 * Why an update exists, without a state file: each configuration set (with its destinations) and each
 * alarm carries the digest of the file's definition of it at its last apply (DIGEST_TAG). Equal digests
 * mean the file did not change, so the difference was made outside ses-reconcile; otherwise the file
 * changed.
 */
import type { Change, ChangeReason, FieldDiff } from '../model/change.js';
import { assertNever } from '../model/canonical.js';
import { keyOf } from '../model/key.js';
import { DIGEST_TAG, FIELDS_TAG, type Alarm, type ConfigurationSet, type EventDestination, type Resource, type Tags, type Tenant, type Topic } from '../model/resources.js';
import { fileView } from '../model/view.js';
import { maskEndpoint } from '../model/endpoint.js';
import type { Step } from '../model/step.js';
import { stateOf, type State } from '../model/state.js';
import { sha256, stableJson } from './digest.js';

/**
 * The top-level fields of each kind's file view (model/view.ts) that fieldHashes records, absent ones
 * included: a field the file leaves out and AWS has set is an outside edit too.
 */
const FIELDS = {
  configurationSet: ['archiveArn', 'delivery', 'messageSecurity', 'reputationMetricsEnabled', 'sendingEnabled', 'suppression', 'tags', 'tracking', 'vdm'],
  topic: ['displayName', 'policy', 'subscriptions', 'tags'],
  tenant: ['configurationSets', 'identities', 'reputationPolicy', 'sendingEnabled', 'suppression', 'tags'],
  alarm: ['actionsEnabled', 'comparison', 'datapointsToAlarm', 'description', 'dimensions', 'evaluateLowSampleCountPercentile', 'evaluationPeriods', 'extendedStatistic', 'metric', 'metrics', 'namespace', 'notify', 'notifyInsufficientData', 'notifyOk', 'period', 'statistic', 'tags', 'threshold', 'treatMissingData', 'unit'],
} as const;

/**
 * A set's option groups are recorded member by member as well, so a TLS downgrade made by hand reads as
 * such even when the file edits another member of `delivery` in the same pull request.
 */
const MEMBERS: Readonly<Record<string, readonly string[]>> = {
  delivery: ['maxDeliverySeconds', 'sendingPoolName', 'tlsPolicy'],
  tracking: ['customRedirectDomain', 'httpsPolicy'],
  suppression: ['reasons', 'scope', 'validation'],
  vdm: ['engagementMetrics', 'optimizedSharedDelivery'],
};

/** 6 hex characters: 24 bits, so ~30 hashes on one resource collide with odds of about 1 in 30,000. */
const short = (value: unknown): string => sha256(stableJson(value ?? null)).slice(0, 6);

/** The hash of one field (`[field]`) or member (`[group, member]`), as the file gives it (resolved: topic references are ARNs on both sides). */
function fieldHash(r: ConfigurationSet | Alarm | Topic | Tenant, at: readonly string[]): string {
  const view = fileView(r);
  const value = at.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], view);
  return short([...at, value ?? null]);
}

/** What a diff path is recorded under: a set's option-group member, or the top-level field. */
function recordedAt(kind: ConfigurationSet['kind'] | Alarm['kind'] | Topic['kind'] | Tenant['kind'], path: readonly string[]): readonly string[] {
  const [top = '', member] = path;
  return kind === 'configurationSet' && member !== undefined && MEMBERS[top]?.includes(member) ? [top, member] : [top];
}

function destinationHash(d: EventDestination): string {
  return short(['destination', d.name, fileView(d)]);
}

/**
 * The FIELDS_TAG value: the hashes joined by `.`. A set's is its longest: 9 fields, 10 members and up to 10
 * destinations (the SES quota, docs/aws-behaviour.md) make 29 hashes, 202 characters of a tag value's 256.
 */
function fieldHashes(r: ConfigurationSet | Alarm | Topic | Tenant, destinations: readonly EventDestination[]): string {
  const at = FIELDS[r.kind].flatMap((f): (readonly string[])[] => [[f], ...(r.kind === 'configurationSet' ? (MEMBERS[f] ?? []).map((m) => [f, m]) : [])]);
  return [...at.map((a) => fieldHash(r, a)), ...destinations.map(destinationHash)].sort().join('.');
}

/** The desired state with every configuration set's, alarm's and topic's digest and field hashes filled in. */
export function withDigests(desired: State): State {
  const all = [...desired.values()];
  return stateOf(
    all.map((r): Resource => {
      if (r.kind === 'alarm' || r.kind === 'topic' || r.kind === 'tenant') {
        const { [DIGEST_TAG]: _old, [FIELDS_TAG]: _f, ...tags } = r.tags;
        // A topic's endpoint passwords are hashed masked: the tag never depends on a secret (model/endpoint.ts).
        const bare = r.kind === 'topic' ? { ...r, tags, subscriptions: r.subscriptions.map((s) => ({ ...s, endpoint: maskEndpoint(s.endpoint) })) } : { ...r, tags };
        return { ...r, tags: { ...tags, [DIGEST_TAG]: sha256(stableJson(bare)).slice(0, 32), [FIELDS_TAG]: fieldHashes(bare, []) } };
      }
      if (r.kind !== 'configurationSet') return r;
      const { [DIGEST_TAG]: _old, [FIELDS_TAG]: _f, ...tags } = r.tags;
      const destinations = all.filter((d): d is EventDestination => d.kind === 'eventDestination' && d.configurationSet === r.name);
      const bare = { ...r, tags };
      const digest = sha256(stableJson({ set: bare, destinations })).slice(0, 32);
      return { ...r, tags: { ...tags, [DIGEST_TAG]: digest, [FIELDS_TAG]: fieldHashes(bare, destinations) } };
    }),
  );
}

/**
 * Each field diff with its own reason (docs/architecture.md, "Plans": a change with a file edit and an
 * outside edit says both, field by field), from the field hashes the live carrier recorded at the last
 * apply: a field whose desired value hashes to one of them is as the file had it then, so the file did not
 * change it. `carrier` is the desired set of a destination, or the alarm or topic itself. Without recorded
 * hashes (applied before they existed) the fields keep the change's reason.
 */
export function fieldReasons(fields: readonly FieldDiff[], desired: Resource, carrier: ConfigurationSet | Alarm | Topic | Tenant | undefined, live: { readonly tags: Tags } | undefined): FieldDiff[] {
  const recorded = live?.tags[FIELDS_TAG];
  if (recorded === undefined || carrier === undefined) return [...fields];
  const seen = new Set(recorded.split('.'));
  const bare = { ...carrier, tags: Object.fromEntries(Object.entries(carrier.tags).filter(([k]) => k !== DIGEST_TAG && k !== FIELDS_TAG)) };
  const unchanged = (path: readonly string[]): boolean =>
    desired.kind === 'eventDestination' ? seen.has(destinationHash(desired)) : seen.has(fieldHash(bare, recordedAt(bare.kind, path)));
  return fields.map((d) => ({ ...d, reason: unchanged(d.path) ? 'changed outside ses-reconcile' : 'changed in file' }));
}

/** `desired` and `live` are the resources that carry the digest: the set of a destination, or the alarm. */
export function updateReason(desired: { readonly tags: Tags } | undefined, live: { readonly tags: Tags } | undefined): ChangeReason {
  const want = desired?.tags[DIGEST_TAG];
  return want !== undefined && live?.tags[DIGEST_TAG] === want ? 'changed outside ses-reconcile' : 'changed in file';
}

/** The tag call that records a digest on the resource carrying it. */
function digestStep(r: ConfigurationSet | Alarm | Topic | Tenant, digest: string): Step {
  const fields = r.tags[FIELDS_TAG];
  const tags = { [DIGEST_TAG]: digest, ...(fields !== undefined ? { [FIELDS_TAG]: fields } : {}) };
  switch (r.kind) {
    case 'configurationSet':
      return { op: 'TagConfigurationSet', name: r.name, tags };
    case 'alarm':
      return { op: 'TagAlarm', name: r.name, tags };
    case 'topic':
      return { op: 'TagTopic', name: r.name, tags };
    case 'tenant':
      return { op: 'TagTenant', name: r.name, tags };
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
    if (want.kind !== 'configurationSet' && want.kind !== 'alarm' && want.kind !== 'topic' && want.kind !== 'tenant') continue;
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
