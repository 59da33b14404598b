/**
 * A resource in the file's shape (docs/architecture.md, "Plans"): the one shape the diff runs in and the
 * plan shows, in JSON, text and markdown alike. Field names and values read as the file writes them:
 * `period: 1h`, `threshold: 0.05%` for a rate, `notify: [alerts]` and `sns: { topic: alerts }` for a topic
 * of the file, dimensions and tags as maps; no internal discriminators (`query.type`, `source.type`) and
 * no kind or name (the plan's header line names the resource). Defaults are written out, not left out:
 * the plan shows what will exist.
 *
 * What ses-reconcile writes by itself rather than the file (the ownership tags, a topic's policy
 * statements, a preset's description) is still shown, because a call writes it, but marked generated
 * (generatedField), never as if the user wrote it. The digest tag is bookkeeping (plan/reason.ts): never
 * shown, never a difference; nor is the fields tag beside it.
 */
import { topicArn } from './arn.js';
import { assertNever } from './canonical.js';
import { maskEndpoint } from './endpoint.js';
import { BOOKKEEPING_TAGS, type Alarm, type DestinationTarget, type MetricDimension, type Resource, type ResourceKind, type Tags, type TopicRef } from './resources.js';
import { isRateAlarm, OWN_TAG_PREFIX } from './ses.js';
import { formatDuration, formatRate } from './units.js';

/** What a view needs besides the resource: which topic ARNs are the file's own (written by name). */
export interface ViewContext {
  readonly topicNames: ReadonlyMap<string, string>;
}

export const NO_CONTEXT: ViewContext = { topicNames: new Map() };

/** The context of a plan: the file's topics, by the ARN they have in `accountId` and `region`. */
export function viewContext(topics: Iterable<string>, region: string, accountId: string | undefined): ViewContext {
  if (accountId === undefined) return NO_CONTEXT;
  return { topicNames: new Map([...topics].map((t) => [topicArn(region, accountId, t), t])) };
}

/** The field holding ses-reconcile's own tags (ownership, Region), apart from the file's `tags`. */
export const OWNER_TAGS = 'ownerTags';

/** A field path: the segments from the resource's top, formatted by formatPath only. */
export type FieldPath = readonly string[];

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * The one spelling of a field path, in every format: identifiers joined with `.`, any other key as
 * `["key"]` (`cloudWatch.dimensions["ses:configuration-set"].default`), so a path can be followed into
 * the JSON plan's `before` and `after`.
 */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (!IDENTIFIER.test(segment)) out += `[${JSON.stringify(segment)}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** The preset descriptions normalize writes end so (config/normalize.ts); a description the file wrote does not. */
const GENERATED_DESCRIPTION = / Managed by ses-reconcile \(stack [^)]*\)\.$/;

/** True for a field ses-reconcile fills in itself: shown marked, never as if the file said it. */
export function generatedField(kind: ResourceKind, path: FieldPath, value: unknown): boolean {
  const [top] = path;
  if (top === OWNER_TAGS) return true;
  if (kind === 'topic' && top === 'policy') return true;
  return kind === 'alarm' && top === 'description' && path.length === 1 && typeof value === 'string' && GENERATED_DESCRIPTION.test(value);
}

/** The file's tags and ses-reconcile's own, apart; the digest in neither. */
function splitTags(tags: Tags): Record<string, unknown> {
  const entries = Object.entries(tags).filter(([k]) => !BOOKKEEPING_TAGS.has(k));
  // fromEntries defines properties, so a tag key such as `__proto__` stays data.
  const own = Object.fromEntries(entries.filter(([k]) => k.startsWith(OWN_TAG_PREFIX)));
  const user = Object.fromEntries(entries.filter(([k]) => !k.startsWith(OWN_TAG_PREFIX)));
  return { ...(Object.keys(user).length > 0 ? { tags: user } : {}), ...(Object.keys(own).length > 0 ? { [OWNER_TAGS]: own } : {}) };
}

function topicName(t: TopicRef, ctx: ViewContext): string {
  return 'topic' in t ? t.topic : (ctx.topicNames.get(t.arn) ?? t.arn);
}

function topicView(t: TopicRef, ctx: ViewContext): Record<string, string> {
  const name = 'topic' in t ? t.topic : ctx.topicNames.get(t.arn);
  return name !== undefined ? { topic: name } : { topicArn: (t as { arn: string }).arn };
}

function targetView(t: DestinationTarget, ctx: ViewContext): Record<string, unknown> {
  switch (t.type) {
    case 'cloudWatch':
      return { cloudWatch: { dimensions: Object.fromEntries(t.dimensions.map((d) => [d.name, { source: d.source, default: d.default }])) } };
    case 'sns':
      return { sns: topicView(t.topic, ctx) };
    case 'kinesisFirehose':
      return { kinesisFirehose: { deliveryStreamArn: t.deliveryStreamArn, iamRoleArn: t.iamRoleArn } };
    case 'eventBridge':
      return { eventBridge: { eventBusArn: t.eventBusArn } };
    case 'pinpoint':
      return { pinpoint: { applicationArn: t.applicationArn } };
    default:
      return assertNever(t);
  }
}

function dimensionsMap(dims: readonly MetricDimension[]): Record<string, string> {
  return Object.fromEntries(dims.map((d) => [d.name, d.value]));
}

/** Drops undefined members and empty lists: what the file leaves out. */
function only(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
}

/** An alarm as `alarms:` writes it in full (a preset's too: the plan shows what the preset makes). */
function alarmView(a: Alarm, ctx: ViewContext): Record<string, unknown> {
  const q = a.query;
  const query =
    q.type === 'metric'
      ? {
          namespace: q.metric.namespace,
          metric: q.metric.metricName,
          ...(q.metric.dimensions.length > 0 ? { dimensions: dimensionsMap(q.metric.dimensions) } : {}),
          statistic: q.statistic,
          extendedStatistic: q.extendedStatistic,
          unit: q.unit,
          period: formatDuration(q.period),
        }
      : {
          metrics: q.metrics.map((m) =>
            only({
              id: m.id,
              ...(m.kind === 'metric'
                ? {
                    metric: only({
                      namespace: m.metric.namespace,
                      name: m.metric.metricName,
                      ...(m.metric.dimensions.length > 0 ? { dimensions: dimensionsMap(m.metric.dimensions) } : {}),
                      stat: m.stat,
                      period: formatDuration(m.period),
                      unit: m.unit,
                    }),
                  }
                : { expression: m.expression }),
              label: m.label,
              returnData: m.returnData,
            }),
          ),
        };
  const refs = (xs: readonly TopicRef[]) => xs.map((r) => topicName(r, ctx));
  return only({
    ...query,
    threshold: isRateAlarm(a) ? formatRate(a.threshold) : a.threshold,
    comparison: a.comparison,
    evaluationPeriods: a.evaluationPeriods,
    datapointsToAlarm: a.datapointsToAlarm,
    treatMissingData: a.treatMissingData,
    evaluateLowSampleCountPercentile: a.evaluateLowSampleCountPercentile,
    actionsEnabled: a.actionsEnabled,
    notify: refs(a.alarmActions),
    notifyOk: refs(a.okActions),
    notifyInsufficientData: refs(a.insufficientDataActions),
    description: a.description,
    ...splitTags(a.tags),
  });
}

export function fileView(r: Resource, ctx: ViewContext = NO_CONTEXT): Record<string, unknown> {
  switch (r.kind) {
    case 'configurationSet': {
      // A live set's tenants are bookkeeping for its delete (plan/build.ts), not a field of the file.
      const { kind: _k, name: _n, tags, tenants: _t, ...fields } = r;
      return { ...fields, ...splitTags(tags) };
    }
    case 'eventDestination':
      return { enabled: r.enabled, events: r.events, ...targetView(r.target, ctx) };
    case 'topic': {
      // Policy statements ses-reconcile does not own are kept as they are, never a difference.
      const { kind: _k, name: _n, tags, policy, ...fields } = r;
      // An endpoint's password is compared and shown as SNS lists it, masked (model/endpoint.ts).
      const subscriptions = fields.subscriptions.map((s) => ({ ...s, endpoint: maskEndpoint(s.endpoint) }));
      return { ...fields, subscriptions, policy: { sesConfigurationSets: policy.sesConfigurationSets, cloudWatchAlarms: policy.cloudWatchAlarms }, ...splitTags(tags) };
    }
    case 'alarm':
      return alarmView(r, ctx);
    case 'dashboard': {
      // A generated dashboard is compared and shown as the body it generates (plan/dashboard-body.ts).
      const source = r.source.type === 'literal' ? { body: r.source.body } : { configurationSets: r.source.configurationSets, accountMetrics: r.source.accountMetrics, period: formatDuration(r.source.period) };
      return { ...source, ...splitTags(r.tags) };
    }
    case 'tenant': {
      // What SES did (pausedBySes) is shown by the plan's notes, never as a field the file could write.
      const { kind: _k, name: _n, tags, pausedBySes: _p, ...fields } = r;
      return { ...fields, ...splitTags(tags) };
    }
    default:
      return assertNever(r);
  }
}
