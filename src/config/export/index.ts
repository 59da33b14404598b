/**
 * `export`: the live state as ses-reconcile files (docs/architecture.md, "Export"). Pure: the command
 * reads the account (every set `--select` keeps, the SES alarms, the topics they use, the dashboards)
 * and passes what it read; this writes the files and says what they cannot carry.
 *
 * 1. Each resource as the file writes it (written-of.ts); alarms that are exactly a preset as that preset
 *    (presets-of.ts), the rest in full.
 * 2. The files normalized again and compared with what was read (check.ts): anything that would not plan
 *    `No changes.` once owned is a warning, never silence.
 * 3. One file (stdout or `-o FILE`), or a directory's worth: a file per configuration set and
 *    `shared.yaml` for the topics, account alarms, other alarms, dashboards and tenants (the multi-file layout
 *    loadDesired reads; each file has its own `version` and `stack`).
 */
import { topicArn } from '../../model/arn.js';
import { maskEndpoint, passwordReference } from '../../model/endpoint.js';
import { STACK_TAG, type AccountAlarmPreset, type Resource, type SetAlarmPreset, type Topic } from '../../model/resources.js';
import { normalize } from '../normalize.js';
import type { WrittenAccountPreset, WrittenAlarm, WrittenConfig, WrittenConfigurationSet, WrittenDashboard, WrittenRatePreset, WrittenTenant, WrittenTopic } from '../written.js';
import { keyOf, type ResourceKey } from '../../model/key.js';
import { ACCOUNT_SEGMENT, presetAlarmName } from '../../model/ses.js';
import { ACCOUNT_PRESETS, SET_PRESETS } from '../presets.js';
import { check } from './check.js';
import { validateOut, type Removable } from './validate-out.js';
import { presetOf } from './presets-of.js';
import { headerOf, sharedTags, writtenAlarm, writtenDashboard, writtenDestination, writtenSet, writtenTenant, writtenTopic, type TopicNames } from './written-of.js';
import { yamlOf, type Comment } from './yaml-of.js';

export interface ExportOptions {
  readonly stack: string;
  readonly region: string;
  readonly accountId: string;
  /** One file, or one file per configuration set plus shared.yaml. */
  readonly layout: 'file' | 'directory';
  /** What the read found and the format cannot carry (an anomaly-detection alarm …), each with why. */
  readonly leftOut?: readonly string[];
  /** When it was read, for the header. */
  readonly at: string;
  /**
   * Sending sets whose file said `sendingEnabled: true` (AWS cannot tell it from leaving sending unmanaged;
   * the command knows it from the set's digest tag). @default none
   */
  readonly sendingManaged?: ReadonlySet<string>;
}

export interface ExportedFile {
  /** `ses-reconcile.yaml` for one file; `set-<name>.yaml` and `shared.yaml` in a directory. */
  readonly name: string;
  readonly text: string;
}

export interface ExportResult {
  readonly files: readonly ExportedFile[];
  readonly warnings: readonly string[];
  /** The whole file as one document (what `files` say together). */
  readonly config: WrittenConfig;
}

/** The key of the resource a left-out entry would have made. */
function removedKey(r: Removable, stack: string): ResourceKey {
  switch (r.section) {
    case 'dashboards':
      return `dashboard:${r.name}`;
    case 'alarms':
      return `alarm:${r.name}`;
    case 'accountAlarms':
      return `alarm:${presetAlarmName(stack, ACCOUNT_SEGMENT, ACCOUNT_PRESETS[r.name as AccountAlarmPreset].slug)}`;
    case 'preset':
      return `alarm:${presetAlarmName(stack, r.set, SET_PRESETS[r.name as SetAlarmPreset].slug)}`;
  }
}

const byName = <T extends { name: string }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

export function exportFiles(live: readonly Resource[], o: ExportOptions): ExportResult {
  const of = <K extends Resource['kind']>(kind: K) => byName(live.filter((r): r is Extract<Resource, { kind: K }> => r.kind === kind));
  const topics = of('topic');
  // A reference by name makes the topic's policy grant its user (normalize.ts). A topic this stack owns whose
  // policy does not grant it was referenced by ARN in the file, and is written by ARN again: a name would
  // change its policy. Another topic is written by name (adopting it writes the policy; check() warns).
  const namesGranting = (grants: (t: Topic) => boolean): TopicNames =>
    new Map(topics.filter((t) => t.tags[STACK_TAG] !== o.stack || grants(t)).map((t) => [topicArn(o.region, o.accountId, t.name), t.name]));
  const alarmTopicNames = namesGranting((t) => t.policy.cloudWatchAlarms);
  const topicNames = namesGranting(() => true);

  const shared = sharedTags([...of('configurationSet'), ...topics, ...of('alarm')]);
  const writtenTopics: Record<string, WrittenTopic> = Object.fromEntries(topics.map((t) => [t.name, writtenTopic(t, shared)]));
  const sets: Record<string, WrittenConfigurationSet> = {};
  for (const s of of('configurationSet')) sets[s.name] = writtenSet(s, shared, o.sendingManaged?.has(s.name) ?? false);
  for (const d of of('eventDestination')) {
    const set = sets[d.configurationSet];
    if (set) sets[d.configurationSet] = { ...set, eventDestinations: { ...set.eventDestinations, [d.name]: writtenDestination(d, namesGranting((t) => t.policy.sesConfigurationSets.includes(d.configurationSet))) } };
  }

  const accountAlarms: Record<string, WrittenAccountPreset> = {};
  const alarms: Record<string, WrittenAlarm> = {};
  const presetCtx = { stack: o.stack, sets: { ...sets }, topics: writtenTopics, topicNames: alarmTopicNames, tags: shared };
  for (const a of of('alarm')) {
    const match = presetOf(a, presetCtx);
    if (match?.owner === 'set') {
      const set = sets[match.set] as WrittenConfigurationSet;
      sets[match.set] = { ...set, alarms: { ...set.alarms, [match.preset]: match.written as WrittenRatePreset } };
    } else if (match?.owner === 'account') accountAlarms[match.preset] = match.written;
    else alarms[a.name] = writtenAlarm(a, alarmTopicNames, shared);
  }
  const dashboards: Record<string, WrittenDashboard> = Object.fromEntries(of('dashboard').map((d) => [d.name, writtenDashboard(d)]));
  const setNames = new Set(Object.keys(sets));
  const tenants: Record<string, WrittenTenant> = Object.fromEntries(of('tenant').map((t) => [t.name, writtenTenant(t, shared, setNames)]));

  const nonEmpty = <T extends object>(key: string, value: T) => (Object.keys(value).length > 0 ? { [key]: value } : {});
  const header = headerOf(o.stack, o.region, o.accountId);
  const draft = {
    ...header,
    ...nonEmpty('tags', shared),
    ...nonEmpty('topics', writtenTopics),
    ...nonEmpty('configurationSets', sets),
    ...nonEmpty('accountAlarms', accountAlarms),
    ...nonEmpty('alarms', alarms),
    ...nonEmpty('dashboards', dashboards),
    ...nonEmpty('tenants', tenants),
  } as WrittenConfig;

  const lines = [`Exported by ses-reconcile from account ${o.accountId}, ${o.region}, at ${o.at}.`, `Run \`ses-reconcile plan -c <this>\`: it shows what adopting it changes (apply --adopt).`];
  const valid = validateOut(draft, (c) => yamlOf(c, lines, []));
  const config = valid.config;
  const warnings: string[] = [];
  const comments: Comment[] = [];
  for (const why of [...(o.leftOut ?? []), ...valid.leftOut]) {
    warnings.push(`left out: ${why}`);
    comments.push({ before: 'alarms', text: `left out (the file cannot express it): ${why}` });
  }
  for (const e of valid.errors) warnings.push(`the exported file does not validate: ${e}`);
  for (const [name, t] of Object.entries(config.topics ?? {}))
    for (const s of t.subscriptions ?? []) {
      const variable = passwordReference(s.endpoint);
      if (variable !== undefined) warnings.push(`topic ${name}: AWS does not give back the password of ${maskEndpoint(s.endpoint)}; the file refers to \${env:${variable}}: set ${variable} before apply`);
    }
  // What was left out on purpose is not a round-trip failure; everything else that was read must be in the file.
  const gone = new Set(valid.removed.map((r) => removedKey(r, o.stack)));
  for (const m of check(normalize(config).resources, live.filter((r) => !gone.has(keyOf(r))), topicNames)) warnings.push(`${m.key}: ${m.why}`);

  const files: ExportedFile[] =
    o.layout === 'file'
      ? [{ name: 'ses-reconcile.yaml', text: yamlOf(config, lines, comments) }]
      : [
          ...Object.entries(config.configurationSets ?? {}).map(([name, set]) => ({ name: `set-${name}.yaml`, text: yamlOf({ ...header, configurationSets: { [name]: set } }, lines, []) })),
          {
            name: 'shared.yaml',
            text: yamlOf({ ...header, ...nonEmpty('tags', shared), ...nonEmpty('topics', writtenTopics), ...nonEmpty('accountAlarms', config.accountAlarms ?? {}), ...nonEmpty('alarms', config.alarms ?? {}), ...nonEmpty('dashboards', config.dashboards ?? {}), ...nonEmpty('tenants', config.tenants ?? {}) }, lines, comments),
          },
        ];
  return { files, warnings, config };
}
