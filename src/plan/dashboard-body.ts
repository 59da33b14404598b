/**
 * The CloudWatch DashboardBody of a dashboard (docs/aws-behaviour.md, "Dashboards"), made from the desired
 * state: PURE.
 *
 * A `literal` dashboard's body is the file's, as is. A `generated` one gets, for each configuration set
 * it names (in the source's sorted order), the widgets of the SES monitoring guide (reference how-to 001,
 * "Building a CloudWatch Dashboard"), each drawing the set's own published metrics:
 *   - Volume: Send, Delivery
 *   - Bounces and complaints: Bounce, Complaint (Sum)
 *   - Bounce and complaint rates (%): metric math `bounces/sends*100`, `complaints/sends*100` over hidden
 *     Send / Bounce / Complaint
 *   - Engagement: Open, Click
 *   - Rejects and rendering failures: Reject, RenderingFailure
 *   - Alarm status (`type: "alarm"`): the alarms of the state named `<stack>/<set>/…` (the preset rule,
 *     config/presets.ts presetAlarmName)
 * and, when `accountMetrics`, the account's AWS/SES Reputation.BounceRate / Reputation.ComplaintRate (no
 * dimensions) with the status of the `<stack>/account/…` alarms.
 *
 * A set's metric exists only if one of its enabled CloudWatch event destinations publishes the event, and
 * only with that destination's dimensions; so each metric uses the dimensions of the first such
 * destination (by name): `ses:configuration-set` (MESSAGE_TAG) is the set's name (SES tags every message
 * with it, as the alarm presets assume), every other dimension its default value. A metric nobody
 * publishes is left out, and a widget left with nothing to draw is left out, so a set with no CloudWatch
 * destination gets only its alarm widget.
 *
 * Layout: each section (a set, then the account) starts a new row of the 24-column grid; its widgets are
 * 12 wide and 6 high, two to a row. The same input always gives the same object (same key order too),
 * so desired and live compare as parsed JSON (docs/aws-behaviour.md, "Dashboards", INFERENCE).
 */
import { alarmArn } from '../model/arn.js';
import { ACCOUNT_SEGMENT, EVENT_OF_METRIC, SES_NAMESPACE, dimensionValueOf, presetAlarmName } from '../model/ses.js';
import { canonicalTags } from '../model/canonical.js';
import { REGION_TAG, type Dashboard, type EventDestination, type Resource } from '../model/resources.js';
import { stateOf, type State } from '../model/state.js';

const GRID = 24;
const WIDTH = 12;
const HEIGHT = 6;

type MetricRow = readonly unknown[];

interface WidgetSpec {
  readonly type: 'metric' | 'alarm';
  readonly properties: Record<string, unknown>;
}

/** The dimensions (flattened name, value, …) each metric of a set is published with; absent: not published. */
function publishedDimensions(set: string, state: State): Map<string, readonly string[]> {
  const destinations = [...state.values()]
    .filter((r): r is EventDestination => r.kind === 'eventDestination' && r.configurationSet === set && r.enabled && r.target.type === 'cloudWatch')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out = new Map<string, readonly string[]>();
  for (const [metric, event] of Object.entries(EVENT_OF_METRIC)) {
    const d = destinations.find((x) => x.events.includes(event));
    if (d === undefined || d.target.type !== 'cloudWatch') continue;
    out.set(
      metric,
      d.target.dimensions.flatMap((dim) => [dim.name, dimensionValueOf(dim, set)]),
    );
  }
  return out;
}

function alarmsUnder(prefix: string, state: State, region: string, accountId: string): string[] {
  return [...state.values()]
    .filter((r) => r.kind === 'alarm' && r.name.startsWith(prefix))
    .map((r) => alarmArn(region, accountId, r.name))
    .sort();
}

function metricWidget(title: string, metrics: readonly MetricRow[], region: string, period: number, extra: Record<string, unknown> = {}): WidgetSpec | undefined {
  if (metrics.length === 0) return undefined;
  return { type: 'metric', properties: { title, view: 'timeSeries', stacked: false, region, period, metrics, ...extra } };
}

function alarmWidget(title: string, alarms: readonly string[]): WidgetSpec | undefined {
  return alarms.length === 0 ? undefined : { type: 'alarm', properties: { title, alarms } };
}

function setWidgets(set: string, state: State, stack: string, region: string, accountId: string, period: number): WidgetSpec[] {
  const dims = publishedDimensions(set, state);
  const row = (metric: string, options: Record<string, unknown>): MetricRow[] => {
    const d = dims.get(metric);
    return d === undefined ? [] : [[SES_NAMESPACE, metric, ...d, { stat: 'Sum', period, ...options }]];
  };
  const counts = (...names: string[]): MetricRow[] => names.flatMap((n) => row(n, { label: n }));

  const rates: MetricRow[] = [];
  if (dims.has('Send')) {
    for (const [metric, id] of [['Bounce', 'bounces'], ['Complaint', 'complaints']] as const) {
      if (!dims.has(metric)) continue;
      rates.push([{ expression: `${id}/sends*100`, label: `${metric} rate (%)`, id: `${id}Rate` }]);
    }
    if (rates.length > 0) {
      rates.push(...row('Send', { id: 'sends', visible: false }));
      rates.push(...row('Bounce', { id: 'bounces', visible: false }));
      rates.push(...row('Complaint', { id: 'complaints', visible: false }));
    }
  }

  return [
    metricWidget(`Volume: ${set}`, counts('Send', 'Delivery'), region, period),
    metricWidget(`Bounces and complaints: ${set}`, counts('Bounce', 'Complaint'), region, period),
    metricWidget(`Bounce and complaint rates (%): ${set}`, rates, region, period, { yAxis: { left: { min: 0, label: '%', showUnits: false } } }),
    metricWidget(`Engagement (opens and clicks): ${set}`, counts('Open', 'Click'), region, period),
    metricWidget(`Rejects and rendering failures: ${set}`, counts('Reject', 'RenderingFailure'), region, period),
    alarmWidget(`Alarms: ${set}`, alarmsUnder(`${stack}/${set}/`, state, region, accountId)),
  ].filter((w): w is WidgetSpec => w !== undefined);
}

function accountWidgets(state: State, stack: string, region: string, accountId: string, period: number): WidgetSpec[] {
  const reputation = ['Reputation.BounceRate', 'Reputation.ComplaintRate'].map((m) => [SES_NAMESPACE, m, { stat: 'Average', period }]);
  return [
    metricWidget('Account reputation', reputation, region, period),
    alarmWidget('Alarms: account', alarmsUnder(`${presetAlarmName(stack, ACCOUNT_SEGMENT, '')}`, state, region, accountId)),
  ].filter((w): w is WidgetSpec => w !== undefined);
}

/** Sections on the 24-wide grid: each starts a new row, widgets 12x6, two to a row. */
function layout(sections: readonly (readonly WidgetSpec[])[]): unknown[] {
  const widgets: unknown[] = [];
  const perRow = GRID / WIDTH;
  let y = 0;
  for (const section of sections) {
    section.forEach((w, i) => {
      widgets.push({ type: w.type, x: (i % perRow) * WIDTH, y: y + Math.floor(i / perRow) * HEIGHT, width: WIDTH, height: HEIGHT, properties: w.properties });
    });
    y += Math.ceil(section.length / perRow) * HEIGHT;
  }
  return widgets;
}

/**
 * The DashboardBody object (before JSON.stringify) of a dashboard. `state`: the desired state the
 * dashboard belongs to (its event destinations and alarms); `stack` names the preset alarms.
 */
export function dashboardBody(dashboard: Dashboard, state: State, stack: string, region: string, accountId: string): unknown {
  const source = dashboard.source;
  if (source.type === 'literal') return source.body;
  const sections = source.configurationSets.map((set) => setWidgets(set, state, stack, region, accountId, source.period));
  if (source.accountMetrics) sections.push(accountWidgets(state, stack, region, accountId, source.period));
  return { widgets: layout(sections) };
}

/** `{region}` in a dashboard name: one file applied in several Regions gives each its own dashboard. */
export const REGION_PLACEHOLDER = '{region}';

/**
 * The state with every generated dashboard made literal (its body), so desired and live compare as JSON,
 * every dashboard tagged with the Region it belongs to (REGION_TAG) and `{region}` in its name replaced.
 */
export function resolveDashboards(state: State, stack: string, region: string, accountId: string): State {
  return stateOf(
    [...state.values()].map((r): Resource =>
      r.kind === 'dashboard'
        ? {
            kind: 'dashboard',
            name: r.name.split(REGION_PLACEHOLDER).join(region),
            source: r.source.type === 'generated' ? { type: 'literal', body: dashboardBody(r, state, stack, region, accountId) } : r.source,
            tags: canonicalTags({ ...r.tags, [REGION_TAG]: region }),
          }
        : r,
    ),
  );
}
