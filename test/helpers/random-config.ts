/**
 * Random valid ses-reconcile configurations, for property tests (test/integration/export-property.test.ts).
 * Deterministic: the same seed gives the same file, so a failure reproduces from the seed it prints.
 *
 * "Valid" is what `validate` accepts (the schema, schema/ses-reconcile.schema.json, and the rules of
 * src/config/rules/): the generator builds the file in the order the rules read it (topics, then sets with
 * their destinations, then the presets those destinations can feed, then alarms and dashboards naming what
 * exists), so every reference resolves and every preset has exactly one CloudWatch source or names it.
 * Warnings (a threshold at SES's review rate, a set nobody sees bounces of, several dimensions' cost) are
 * allowed: they do not stop a file.
 */
import { stringify } from 'yaml';
import { EVENT_OF_METRIC } from '../../src/model/ses.js';

export const REGION = 'us-east-1';
/** The emulator's account (src/emulator/types.ts EMULATOR_ACCOUNT_ID). */
export const ACCOUNT = '123456789012';

/**
 * What the files name outside themselves in this account, which must exist (plan refuses a tracking domain,
 * a sending pool or a topic by ARN that does not; docs/aws-behaviour.md, "Plan-time checks"): a test creates
 * them first (helpers/account.ts), the topics as another stack's. `track-1.mail.example.org` is under
 * `mail.example.org`, `click.example.com` under the emulator's own `example.com`. The topics of account
 * 210987654321 are another account's: plan warns that it cannot read them.
 */
export const OUTSIDE = { identities: ['a.b', 'mail.example.org'], pools: ['pool-1', 'dedicated_ips'], topics: ['not-managed-here', 'outside-events'], topicTags: { 'ses-reconcile:stack': 'another-stack' } } as const;

/** mulberry32: small, fast, and good enough to pick test cases. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from an empty list');
    return xs[Math.floor(this.next() * xs.length)] as T;
  }
  shuffle<T>(xs: readonly T[]): T[] {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
  /** Between min and max distinct members, in random order. */
  some<T>(xs: readonly T[], min: number, max: number): T[] {
    return this.shuffle(xs).slice(0, this.int(Math.min(min, xs.length), Math.min(max, xs.length)));
  }
  /** A string of `alphabet` characters, length in [lo, hi]. */
  word(alphabet: string, lo: number, hi: number): string {
    let s = '';
    for (let n = this.int(lo, hi); n > 0; n--) s += alphabet[this.int(0, alphabet.length - 1)];
    return s;
  }
}

type Obj = Record<string, unknown>;

const EVENTS = ['SEND', 'REJECT', 'BOUNCE', 'COMPLAINT', 'DELIVERY', 'OPEN', 'CLICK', 'RENDERING_FAILURE', 'DELIVERY_DELAY', 'SUBSCRIPTION'] as const;
type Event = (typeof EVENTS)[number];

/** The set presets, the events each needs from its CloudWatch source (src/config/preset-source.ts eventsNeeded). */
const SET_PRESETS: Readonly<Record<string, { kind: 'rate' | 'count'; needs: readonly Event[]; slug: string }>> = {
  bounceRate: { kind: 'rate', needs: ['BOUNCE', 'SEND'], slug: 'bounce-rate' },
  complaintRate: { kind: 'rate', needs: ['COMPLAINT', 'SEND'], slug: 'complaint-rate' },
  rejects: { kind: 'count', needs: ['REJECT'], slug: 'rejects' },
  deliveryDrop: { kind: 'count', needs: ['DELIVERY'], slug: 'delivery-drop' },
  renderingFailures: { kind: 'count', needs: ['RENDERING_FAILURE'], slug: 'rendering-failures' },
  deliveryDelays: { kind: 'count', needs: ['DELIVERY_DELAY'], slug: 'delivery-delays' },
};

/**
 * SES's event metrics and the event that publishes each (the model's own table), without Subscription:
 * its event needs a subscription management setup the generator does not make.
 */
const EVENT_METRICS: Readonly<Record<string, Event>> = Object.fromEntries(Object.entries(EVENT_OF_METRIC).filter(([m]) => m !== 'Subscription')) as Record<string, Event>;

const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789-';
/** Names the schema allows that YAML would read as something else unquoted (a number, a boolean, null). */
const YAML_TRAPS = ['123', 'yes', 'no', 'on', 'off', 'true', 'null', 'y', '1e3', '0x1f', '007', '-1', '1_000', 'null-1', '0o17', '.5'];

/** A name of [a-z0-9-] (sometimes with '_' or capitals where the schema allows them), or a YAML trap. */
function setName(r: Rng): string {
  const roll = r.next();
  // `.5` and `0o17`-style traps only where names may hold '.'; set names are [A-Za-z0-9_-].
  if (roll < 0.3) return r.pick(YAML_TRAPS.filter((n) => /^[A-Za-z0-9_-]+$/.test(n)));
  // A set named `account`: its presets are named <stack>/account/<slug>, like the account presets.
  if (roll < 0.36) return 'account';
  if (roll < 0.4) return r.word('abcdefghij', 64, 64); // the longest name SES allows
  if (roll < 0.45) return `Mail_${r.word('ABCxyz09', 1, 6)}`;
  return r.word('abcdefghijklmnopqrstuvwxyz', 1, 1) + r.word(LOWER, 0, 14);
}

function uniqueNames(r: Rng, n: number, make: (r: Rng) => string): string[] {
  const out = new Set<string>();
  for (let tries = 0; out.size < n && tries < 100; tries++) out.add(make(r));
  return [...out];
}

const TAG_KEYS = ['team', 'env', 'cost center', 'true', '123', 'a:b/c=d+e@f', 'ñame', '_x', 'Owner.Email', 'null'];
const TAG_VALUES = ['email', 'prod', '', 'null', 'yes', '1.0', 'a b', 'x/y', '0', 'Ünïcode', 'on= call'];

function tags(r: Rng, max = 3): Record<string, string> {
  return Object.fromEntries(r.some(TAG_KEYS, 1, max).map((k) => [k, r.pick(TAG_VALUES)]));
}

/** CloudWatch's periods (10, 20, 30 s or a multiple of 60) in the file's spellings, canonical or not. */
const PERIODS: readonly [number, readonly (number | string)[]][] = [
  [10, ['10s', 10]],
  [30, ['30s']],
  [60, ['1m', 60, '60s']],
  [120, ['2m', 120]],
  [300, ['5m', 300, '300s']],
  [900, ['15m']],
  [1800, ['30m', 1800]],
  [3600, ['1h', 3600, '60m']],
  [7200, ['2h']],
  [21600, ['6h', 21600]],
  [86400, ['1d', '24h', 86400]],
];

/** period, evaluationPeriods and datapointsToAlarm, each sometimes left to the default, within CloudWatch's windows. */
function evaluation(r: Rng, defaultPeriod: number, defaultEvaluations: number): Obj {
  const out: Obj = {};
  let period = defaultPeriod;
  if (r.chance(0.5)) {
    const [seconds, spellings] = r.pick(PERIODS);
    period = seconds;
    out.period = r.pick(spellings);
  }
  // Period x EvaluationPeriods: at most 1 day below an hour, 7 days from an hour (rules/alarm-periods.ts).
  const most = Math.min(5, Math.floor((period < 3600 ? 86_400 : 604_800) / period));
  let n = defaultEvaluations;
  if (n > most || r.chance(0.4)) {
    n = r.int(1, most);
    out.evaluationPeriods = n;
  }
  if (r.chance(0.3)) out.datapointsToAlarm = r.int(1, n);
  return out;
}

const COMPARISONS = ['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold'];
// Not generated: LessThanLowerOrGreaterThanUpperThreshold, LessThanLowerThreshold and GreaterThanUpperThreshold. The
// schema takes them, but CloudWatch accepts them only for an anomaly-detection band (ThresholdMetricId), which
// the file format cannot express (export leaves such alarms out, by design: export.test.ts).
const MISSING = ['breaching', 'notBreaching', 'ignore', 'missing'];

interface Ctx {
  readonly r: Rng;
  readonly stack: string;
  /** Topic names of the file. */
  readonly topics: readonly string[];
  /** The topics of the file something refers to, by name or by ARN. */
  readonly used: Set<string>;
}

/** A reference to a topic of the file: by name, or (sometimes) by its ARN. */
function topicRef(c: Ctx, t: string): string {
  c.used.add(t);
  return c.r.chance(0.25) ? `arn:aws:sns:${REGION}:${ACCOUNT}:${t}` : t;
}

/** A topic reference list: topics of the file by name or by ARN, and topics outside the file by ARN. */
function topicList(c: Ctx): string[] {
  const { r } = c;
  // Outside the file: another account's topic, or one of this account no file manages.
  const outside = [`arn:aws:sns:${REGION}:210987654321:partner-alerts`, ...(r.chance(0.3) ? [`arn:aws:sns:${REGION}:${ACCOUNT}:not-managed-here`] : [])];
  const picked = r.some([...c.topics, ...outside], 1, 3);
  return picked.map((t) => (c.topics.includes(t) ? topicRef(c, t) : t));
}

/** The fields every alarm shares (WrittenAlarmCommon), each sometimes. */
function alarmCommon(c: Ctx, defaults: { period: number; evaluationPeriods: number }): Obj {
  const { r } = c;
  const out: Obj = { ...evaluation(r, defaults.period, defaults.evaluationPeriods) };
  if (r.chance(0.3)) out.comparison = r.pick(COMPARISONS);
  if (r.chance(0.3)) out.treatMissingData = r.pick(MISSING);
  if (r.chance(0.2)) out.description = r.pick(['Paged at night', 'yes', 'rate: high # not a comment', '123', 'Ünïcode — dash']);
  if (r.chance(0.2)) out.actionsEnabled = r.chance(0.7) ? false : true;
  if (r.chance(0.6)) out.notify = topicList(c);
  if (r.chance(0.2)) out.notifyOk = topicList(c);
  if (r.chance(0.15)) out.notifyInsufficientData = topicList(c);
  return out;
}

/** A rate: `3%`, `0.125%`, or a fraction `0.02`, within (0, 1]. */
function rate(r: Rng): number | string {
  const roll = r.next();
  if (roll < 0.5) return `${r.pick([0.01, 0.05, 0.08, 0.1, 0.5, 1, 2, 2.5, 3, 4, 4.99])}%`;
  if (roll < 0.7) return `${r.int(1, 999) / 1000}%`;
  if (roll < 0.9) return r.pick([0.0008, 0.001, 0.02, 0.03, 0.045]);
  return r.pick(['5%', '10%', '100%']); // at or over SES's review rates: a warning, still valid
}

interface Destination {
  readonly name: string;
  readonly spec: Obj & { events: Event[] };
  /** The CloudWatch dimension's name, for a CloudWatch destination. */
  readonly dimension?: string;
}

/**
 * One CloudWatch dimension (a rule of this generator: exactly one per destination). Names are letters,
 * digits, '_' and '-' (or an auto-tag): not '.' or '@', which the schema's dimension-name pattern accepts but
 * SES refuses (docs/aws-behaviour.md, "Dimensions and message tags"; the emulator too), so apply fails.
 * That is a schema bug, not export's; reported.
 */
function dimension(r: Rng, set: string): [string, Obj] {
  const roll = r.next();
  const value = () => r.pick(['none', set, 'default', '123', 'a.b@c', 'yes']);
  // ses:configuration-set takes the set's name whatever its default says (src/model/ses.ts dimensionValueOf).
  if (roll < 0.5) return ['ses:configuration-set', { source: 'MESSAGE_TAG', default: r.chance(0.7) ? set : value() }];
  if (roll < 0.6) return [r.pick(['ses:from-domain', 'ses:operation', 'ses:caller-identity']), { source: 'MESSAGE_TAG', default: value() }];
  if (roll < 0.75) return [r.pick(['campaign', 'Tenant_ID', '123']), { source: 'MESSAGE_TAG', default: value(), ...(r.chance(0.3) ? { expectedValues: r.int(1, 50) } : {}) }];
  if (roll < 0.9) return [r.pick(['X-Campaign-Id', 'X_List_Id', 'Precedence']), { source: 'EMAIL_HEADER', default: value() }];
  return [r.pick(['link', 'link_tag', 'null']), { source: 'LINK_TAG', default: value() }];
}

function destination(c: Ctx, set: string, name: string): Destination {
  const { r } = c;
  const events = r.some(EVENTS, 1, 5) as Event[];
  const base: Obj = {};
  if (r.chance(0.15)) base.enabled = false;
  else if (r.chance(0.1)) base.enabled = true;
  const type = r.pick(['cloudWatch', 'cloudWatch', 'cloudWatch', 'sns', 'kinesisFirehose', 'eventBridge', 'pinpoint'] as const);
  switch (type) {
    case 'cloudWatch': {
      const [dim, spec] = dimension(r, set);
      return { name, dimension: dim, spec: { ...base, events, cloudWatch: { dimensions: { [dim]: spec } } } };
    }
    case 'sns': {
      // A topic of the file (by name, or by ARN), or one outside it.
      const ref = c.topics.length > 0 && r.chance(0.75) ? topicRef(c, r.pick(c.topics)) : r.pick([`arn:aws:sns:${REGION}:${ACCOUNT}:outside-events`, `arn:aws:sns:${REGION}:210987654321:partner-events`]);
      const sns = ref.startsWith('arn:') ? { topicArn: ref } : { topic: ref };
      return { name, spec: { ...base, events, sns } };
    }
    case 'kinesisFirehose':
      return {
        name,
        spec: {
          ...base,
          events,
          kinesisFirehose: {
            deliveryStreamArn: `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/${r.pick(['ses-events', 's', 'a.b_c-1'])}`,
            iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/${r.pick(['ses-to-firehose', 'service-role/r'])}`,
          },
        },
      };
    case 'eventBridge':
      return { name, spec: { ...base, events, eventBridge: { eventBusArn: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default` } } };
    case 'pinpoint':
      return { name, spec: { ...base, events, pinpoint: { applicationArn: `arn:aws:mobiletargeting:${REGION}:${ACCOUNT}:apps/${r.word('0123456789abcdef', 8, 32)}` } } };
  }
}

/** The preset entry (threshold, minSends, destination, dimensions and the common fields, each sometimes). */
function preset(c: Ctx, kind: 'rate' | 'count', defaults: { period: number; evaluationPeriods: number }): Obj {
  const { r } = c;
  const out: Obj = {};
  if (r.chance(0.7)) out.threshold = kind === 'rate' ? rate(r) : r.pick([0, 1, 3, 10, 2.5, 100, 1000]);
  if (kind === 'rate' && r.chance(0.4)) out.minSends = r.pick([0, 1, 50, 100, 500]);
  return { ...out, ...alarmCommon(c, defaults) };
}

const SET_PRESET_DEFAULTS: Readonly<Record<string, { period: number; evaluationPeriods: number }>> = {
  bounceRate: { period: 3600, evaluationPeriods: 1 },
  complaintRate: { period: 3600, evaluationPeriods: 1 },
  rejects: { period: 300, evaluationPeriods: 1 },
  deliveryDrop: { period: 3600, evaluationPeriods: 2 },
  renderingFailures: { period: 300, evaluationPeriods: 1 },
  deliveryDelays: { period: 3600, evaluationPeriods: 1 },
};

interface SetOut {
  readonly spec: Obj;
  readonly destinations: readonly Destination[];
  readonly reputation: boolean;
  readonly presets: readonly string[];
  /** The presets export must write as presets (see RandomConfig.presets). */
  readonly asPresets: readonly string[];
}

function configurationSet(c: Ctx, name: string): SetOut {
  const { r } = c;
  const spec: Obj = {};
  // `true` and unmanaged read alike from AWS; export tells them apart by the set's digest tag.
  if (r.chance(0.25)) spec.sendingEnabled = false;
  else if (r.chance(0.25)) spec.sendingEnabled = true;
  const reputation = r.chance(0.4);
  if (reputation) spec.reputationMetricsEnabled = true;
  else if (r.chance(0.15)) spec.reputationMetricsEnabled = false;
  if (r.chance(0.4)) {
    const d: Obj = {};
    if (r.chance(0.6)) d.tlsPolicy = r.pick(['REQUIRE', 'OPTIONAL']);
    if (r.chance(0.5)) d.maxDeliverySeconds = r.pick([300, 600, 3600, r.int(300, 50400), 50400]);
    if (r.chance(0.2)) d.sendingPoolName = r.pick(['pool-1', 'dedicated_ips']);
    spec.delivery = d;
  }
  if (r.chance(0.3)) {
    spec.tracking = { customRedirectDomain: r.pick(['click.example.com', 'a.b', 'track-1.mail.example.org']), ...(r.chance(0.6) ? { httpsPolicy: r.pick(['REQUIRE', 'REQUIRE_OPEN_ONLY', 'OPTIONAL']) } : {}) };
  }
  if (r.chance(0.4)) {
    const s: Obj = { reasons: r.some(['BOUNCE', 'COMPLAINT'], 0, 2) };
    if (r.chance(0.4)) s.validation = { conditionThreshold: r.pick(['ENABLED', 'DISABLED']), ...(r.chance(0.6) ? { confidenceVerdictThreshold: r.pick(['MEDIUM', 'HIGH', 'MANAGED']) } : {}) };
    spec.suppression = s;
  }
  if (r.chance(0.3)) {
    const v: Obj = {};
    if (r.chance(0.7)) v.engagementMetrics = r.pick(['ENABLED', 'DISABLED']);
    if (r.chance(0.7)) v.optimizedSharedDelivery = r.pick(['ENABLED', 'DISABLED']);
    spec.vdm = v;
  }
  if (r.chance(0.15)) spec.archiveArn = `arn:aws:ses:${REGION}:${ACCOUNT}:mailmanager-archive/a-${r.word('0123456789abcdef', 24, 30)}`;
  if (r.chance(0.35)) spec.tags = tags(r);

  const destNames = uniqueNames(r, r.int(0, 3), () => r.pick(['cw', 'metrics', 'by-campaign', 'sns', 'events', 'fh', 'bus', 'pin', '123', 'yes', r.word(LOWER, 1, 10)]));
  const destinations = destNames.map((d) => destination(c, name, d));

  // Presets: each needs one CloudWatch destination publishing its events, or `destination:` naming one.
  const alarms: Obj = {};
  const presets: string[] = [];
  const asPresets: string[] = [];
  const cw = destinations.filter((d) => d.dimension !== undefined);
  const publishing = (p: string) => cw.filter((d) => (SET_PRESETS[p] as { needs: readonly Event[] }).needs.every((e) => d.spec.events.includes(e)));
  // First the presets and the events they add to a destination, then their sources: an event added for a
  // later preset can give an earlier one a second source.
  const chosen = Object.keys(SET_PRESETS).filter((p) => {
    if (!r.chance(0.35)) return false;
    if (publishing(p).length === 0 && cw.length > 0 && r.chance(0.7)) {
      const d = r.pick(cw);
      for (const e of (SET_PRESETS[p] as { needs: readonly Event[] }).needs) if (!d.spec.events.includes(e)) d.spec.events.push(e);
    }
    return true;
  });
  for (const p of chosen) {
    const info = SET_PRESETS[p] as { kind: 'rate' | 'count' };
    const sources = publishing(p);
    if (sources.length === 0) continue;
    const entry = preset(c, info.kind, SET_PRESET_DEFAULTS[p] as { period: number; evaluationPeriods: number });
    if (sources.length > 1 || r.chance(0.25)) {
      const source = r.pick(sources);
      entry.destination = source.name;
      // The dimension's value the alarm reads, spelled out (sometimes another value of it).
      if (r.chance(0.3)) entry.dimensions = { [source.dimension as string]: r.pick(['none', name, 'other-value']) };
    }
    alarms[p] = entry;
    presets.push(p);
    if (sources.length === 1 && entry.dimensions === undefined && name !== 'account') asPresets.push(p);
  }
  if (destinations.length > 0) spec.eventDestinations = Object.fromEntries(destinations.map((d) => [d.name, d.spec]));
  if (presets.length > 0) spec.alarms = alarms;
  return { spec, destinations, reputation, presets, asPresets };
}

const STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'];
const EXTENDED = ['p99', 'p95.5', 'tm90', 'IQM', 'TM(10%:90%)'];

/** Dimensions an SES metric alarm may name: none (the account-level metric), or exactly a destination's. */
function metricDimensions(c: Ctx, sets: Readonly<Record<string, SetOut>>, metric: string): Record<string, string> | undefined {
  const { r } = c;
  if (metric.startsWith('Reputation.')) {
    const reputable = Object.entries(sets).filter(([, s]) => s.reputation);
    if (reputable.length === 0 || r.chance(0.4)) return undefined;
    return { 'ses:configuration-set': r.pick(reputable)[0] };
  }
  const event = EVENT_METRICS[metric] as Event;
  const publishers = Object.entries(sets).flatMap(([set, s]) => s.destinations.filter((d) => d.dimension !== undefined && d.spec.events.includes(event)).map((d) => [set, d] as const));
  if (publishers.length === 0 || r.chance(0.3)) return undefined;
  const [set, d] = r.pick(publishers);
  const dim = d.dimension as string;
  return { [dim]: dim === 'ses:configuration-set' ? set : r.pick(['none', 'default', 'x-1']) };
}

function freeFormAlarm(c: Ctx, sets: Readonly<Record<string, SetOut>>): Obj {
  const { r } = c;
  const out: Obj = {};
  if (r.chance(0.6)) {
    const metric = r.pick([...Object.keys(EVENT_METRICS), 'Reputation.BounceRate', 'Reputation.ComplaintRate']);
    if (r.chance(0.2)) out.namespace = 'AWS/SES';
    // An alarm on another namespace is the stack's own: export finds it through the tag index.
    if (r.chance(0.15)) {
      out.namespace = 'AWS/Lambda';
      out.metric = 'Errors';
      out.statistic = 'Sum';
      out.threshold = 1;
      out.comparison = 'GreaterThanThreshold';
      return out;
    }
    out.metric = metric;
    const dims = metricDimensions(c, sets, metric);
    if (dims) out.dimensions = dims;
    const extended = r.chance(0.2);
    if (extended) {
      out.extendedStatistic = r.pick(EXTENDED);
      if (r.chance(0.4)) out.evaluateLowSampleCountPercentile = r.pick(['evaluate', 'ignore']);
    } else out.statistic = r.pick(STATISTICS);
    if (r.chance(0.2)) out.unit = r.pick(['Count', 'None']);
    // Reputation metrics are fractions: a threshold over 1 is an error (rules/rate-thresholds.ts).
    out.threshold = metric.startsWith('Reputation.') ? r.pick([0.01, 0.04, 0.001, 0.5]) : r.pick([0, 1, 5, 10.5, 100, 0.25]);
  } else {
    const metric = r.pick(Object.keys(EVENT_METRICS));
    const dims = metricDimensions(c, sets, metric);
    // The second metric, Send, reads the same dimensions where a destination publishes SEND with them
    // (rules/alarm-dimensions.ts), else the account-level Send.
    const second = 'Send';
    const secondOk = dims !== undefined && Object.values(sets).some((s) => s.destinations.some((d) => d.dimension === Object.keys(dims)[0] && d.spec.events.includes('SEND')));
    const q = (id: string, name: string, withDims: boolean): Obj => ({
      id,
      metric: {
        namespace: 'AWS/SES',
        name,
        ...(withDims && dims ? { dimensions: dims } : {}),
        stat: r.pick(['Sum', 'Average', 'p90']),
        ...(r.chance(0.3) ? { period: r.pick(['5m', '1h', 300]) } : {}),
        ...(r.chance(0.15) ? { unit: 'Count' } : {}),
      },
      ...(r.chance(0.3) ? { label: r.pick(['Events', 'yes', 'a: b']) } : {}),
    });
    const metrics: Obj[] = [q('events', metric, true), q('sends', second, secondOk)];
    const expr: Obj = { id: 'ratio', expression: r.pick(['IF(sends >= 10, events / sends, 0)', 'events / sends', 'SUM([events, sends])']) };
    if (r.chance(0.3)) expr.label = r.pick(['Ratio', 'null']);
    const explicit = r.next();
    if (explicit < 0.2) expr.returnData = true;
    else if (explicit < 0.3) {
      // The alarm watches the first metric; the others explicitly not.
      (metrics[0] as Obj).returnData = true;
      if (r.chance(0.5)) expr.returnData = false;
    }
    out.metrics = [...metrics, expr];
    out.threshold = r.pick([0.05, 0.9, 1, 2]);
  }
  Object.assign(out, alarmCommon(c, { period: 300, evaluationPeriods: 1 }));
  out.comparison ??= r.pick(COMPARISONS); // required of a free-form alarm
  if (r.chance(0.3)) out.tags = tags(r, 2);
  return out;
}

function literalBody(r: Rng, sets: readonly string[]): Obj {
  const metricWidget = (set: string | undefined): Obj => ({
    type: 'metric',
    x: 0,
    y: r.int(0, 12),
    width: r.pick([6, 12, 24]),
    height: 6,
    properties: {
      title: r.pick(['Sends', 'yes', 'on: call #1', '123']),
      region: REGION,
      view: 'timeSeries',
      stacked: r.chance(0.5),
      metrics: [set === undefined ? ['AWS/SES', 'Send'] : ['AWS/SES', 'Send', 'ses:configuration-set', set]],
      period: r.pick([300, 3600]),
      stat: 'Sum',
    },
  });
  // Sometimes no SES metric at all: a dashboard of the stack is its own whatever it charts.
  const widgets: Obj[] = r.chance(0.2) ? [] : [metricWidget(sets.length > 0 && r.chance(0.6) ? r.pick(sets) : undefined)];
  if (widgets.length === 0 || r.chance(0.5)) widgets.push({ type: 'text', x: 0, y: 0, width: 24, height: 2, properties: { markdown: r.pick(['# SES', 'null', '1.50', '- a\n- b']) } });
  return { ...(r.chance(0.3) ? { start: '-PT6H', periodOverride: 'inherit' } : {}), widgets };
}

export interface RandomConfig {
  readonly seed: number;
  readonly config: Obj;
  readonly yaml: string;
  /**
   * Email endpoints whose subscriptions the test confirms after apply, as their owner would. Only these
   * have a filter policy: a pending subscription's attributes cannot be read (it has no ARN until
   * confirmed; src/aws/sns/reader.ts), on AWS as in the emulator, so nothing could export it.
   */
  readonly confirm: readonly string[];
  /**
   * The preset entries (`configurationSets.<set>.alarms.<preset>`, `accountAlarms.<preset>`) an export must
   * write as presets again: every one whose alarm a preset entry without `destination` or `dimensions` makes
   * (export tries none of those: src/config/export/presets-of.ts). Not a set preset whose set has two
   * CloudWatch sources, or that reads another dimension value, nor one of a set named `account` (its
   * alarms are named like the account presets). None when a resource overrides a top-level tag: export
   * takes the file's tags as those every resource shares (written-of.ts sharedTags), a preset alarm has
   * no tags of its own, so it is written in full with the file's tags on it (correct, only not a preset).
   */
  readonly presets: readonly string[];
}

export function randomConfig(seed: number): RandomConfig {
  const r = new Rng(seed);
  const stack = r.pick([`prop-${seed}`, 'mail', 'Email_Platform', '0stack', `s${r.word(LOWER, 0, 20)}`]);
  const config: Obj = { version: 1, stack, region: REGION };
  if (r.chance(0.3)) config.accountId = ACCOUNT;
  if (r.chance(0.4)) config.tags = tags(r);

  const topicNames = uniqueNames(r, r.int(0, 3), () => r.pick(['ses-alerts', 'ses-events', 'pager', 'yes', '123', 'on', 'null', `t_${r.word(LOWER, 1, 8)}`]));
  const c: Ctx = { r, stack, topics: topicNames, used: new Set() };
  const confirm = new Set<string>();
  config.topics = {}; // its place in the file, before the sets; filled once the file is known to use them
  const topics: Record<string, Obj> = Object.fromEntries(
    topicNames.map((t) => {
      const spec: Obj = {};
      if (r.chance(0.5)) spec.displayName = r.pick(['SES alerts', 'on: call #1', 'yes', '123', 'Ünïcode alerts']);
      if (r.chance(0.3)) spec.tags = tags(r);
      const filter = () => (r.chance(0.3) ? { filterPolicy: r.pick([{ eventType: ['Bounce', 'Complaint'] }, { mail: { commonHeaders: { subject: [{ prefix: 'yes' }] } } }]) } : {});
      const subs: Obj[] = r.some(['ops@example.com', 'oncall@example.com', 'a+b@example.org'], 0, 2).map((endpoint) => {
        // Confirmed by its owner after apply (the test does it), or left pending, without a filter policy.
        if (!r.chance(0.4)) return { protocol: 'email', endpoint };
        confirm.add(endpoint);
        return { protocol: 'email', endpoint, ...filter() };
      });
      // An SQS queue of the account: confirmed at once, and it may take raw delivery.
      if (r.chance(0.25)) subs.push({ protocol: 'sqs', endpoint: `arn:aws:sqs:${REGION}:${ACCOUNT}:${r.pick(['ses-events', 'q1'])}`, ...(r.chance(0.5) ? { rawMessageDelivery: true } : {}), ...filter() });
      if (subs.length > 0) spec.subscriptions = subs;
      return [t, spec];
    }),
  );

  const setNames = uniqueNames(r, r.int(1, 3), setName);
  const sets: Record<string, SetOut> = Object.fromEntries(setNames.map((s) => [s, configurationSet(c, s)]));
  config.configurationSets = Object.fromEntries(Object.entries(sets).map(([n, s]) => [n, s.spec]));

  // Account presets, except where a set named `account` has the same preset: both would be named
  // <stack>/account/<slug> (rules/alarm-names.ts).
  const account: Obj = {};
  for (const p of ['bounceRate', 'complaintRate']) {
    if (!r.chance(0.3) || sets.account?.presets.includes(p)) continue;
    const entry: Obj = {};
    if (r.chance(0.7)) entry.threshold = rate(r);
    account[p] = { ...entry, ...alarmCommon(c, { period: 3600, evaluationPeriods: 1 }) };
  }
  if (Object.keys(account).length > 0) config.accountAlarms = account;

  const presetNames = new Set(Object.entries(sets).flatMap(([n, s]) => s.presets.map((p) => `${stack}/${n}/${SET_PRESETS[p]?.slug}`)));
  const alarmNames = uniqueNames(r, r.int(0, 3), () =>
    r.pick(['ses-sending-rejected', 'complaints: high #1', 'yes', '123', 'Bounce [prod]', 'naïve alarm', `${stack}/${setNames[0]}/custom`, `${stack}/account/other`, 'a/b/bounce-rate']),
  ).filter((n) => !presetNames.has(n));
  if (alarmNames.length > 0) config.alarms = Object.fromEntries(alarmNames.map((n) => [n, freeFormAlarm(c, sets)]));

  // Topics nothing refers to are generated too: export finds them through the tag index (the stack's own).
  const usedTopics = Object.entries(topics).filter(([t]) => c.used.has(t) || r.chance(0.5));
  if (usedTopics.length > 0) config.topics = Object.fromEntries(usedTopics);
  else delete config.topics;

  const dashNames = uniqueNames(r, r.int(0, 2), () => r.pick(['SES-Email-Monitoring', 'SES-{region}', 'dash_1', '123', 'yes']));
  if (dashNames.length > 0) {
    config.dashboards = Object.fromEntries(
      dashNames.map((n) => {
        if (r.chance(0.35)) return [n, { body: literalBody(r, setNames) }];
        const d: Obj = { configurationSets: r.some(setNames, 1, 3) };
        if (r.chance(0.3)) d.accountMetrics = r.chance(0.7) ? false : true;
        if (r.chance(0.4)) d.period = r.pick(['5m', '1h', 300, '1d', '60s']);
        return [n, d];
      }),
    );
  }
  const confirmed = usedTopics.flatMap(([, spec]) => ((spec.subscriptions ?? []) as Obj[]).map((x) => x.endpoint as string)).filter((e) => confirm.has(e));
  const top = (config.tags ?? {}) as Record<string, string>;
  const own = [...Object.values(sets).map((x) => x.spec.tags), ...Object.values((config.topics ?? {}) as Record<string, Obj>).map((t) => t.tags), ...Object.values((config.alarms ?? {}) as Record<string, Obj>).map((a) => a.tags)];
  const overridden = own.some((t) => Object.entries((t ?? {}) as Record<string, string>).some(([k, v]) => k in top && top[k] !== v));
  const presets = overridden ? [] : [...Object.entries(sets).flatMap(([n, x]) => x.asPresets.map((p) => `configurationSets.${n}.alarms.${p}`)), ...Object.keys(account).map((p) => `accountAlarms.${p}`)];
  return { seed, config, yaml: stringify(config, { lineWidth: 0 }), confirm: [...new Set(confirmed)], presets };
}
