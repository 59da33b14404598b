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
 * A set's metric exists only if one of its CloudWatch event destinations publishes the event, and only
 * with that destination's dimensions; so each metric (each rate: its event and Send together) is read
 * from the destination the preset alarms would read it from (model/ses.ts chooseMetricSource): the one
 * the dashboard's `destinations:` names for the set, else the only one publishing it, else the one whose
 * only dimension is `ses:configuration-set` (the set's own total). `ses:configuration-set` (MESSAGE_TAG)
 * is the set's name (SES tags every message with it, as the alarm presets assume), every other dimension
 * its default value. A metric no chosen destination publishes is left out, and a widget left with nothing
 * to draw is left out, so a set with no CloudWatch destination gets only its alarm widget.
 *
 * Layout: each section (a set, then the account) starts a new row of the 24-column grid; its widgets are
 * 12 wide and 6 high, two to a row. The same input always gives the same object (same key order too),
 * so desired and live compare as parsed JSON (docs/aws-behaviour.md, "Dashboards", INFERENCE).
 */
import { alarmArn } from '../model/arn.js';
import { ACCOUNT_SEGMENT, EVENT_OF_METRIC, SES_NAMESPACE, chooseMetricSource, dimensionValueOf, presetAlarmName } from '../model/ses.js';
import { canonicalTags } from '../model/canonical.js';
import { REGION_TAG, type CloudWatchDimension, type Dashboard, type EventDestination, type EventType, type Resource } from '../model/resources.js';
import { stateOf, type State } from '../model/state.js';

const GRID = 24;
const WIDTH = 12;
const HEIGHT = 6;

type MetricRow = readonly unknown[];

interface WidgetSpec {
  readonly type: 'metric' | 'alarm';
  readonly properties: Record<string, unknown>;
}

type CloudWatchDestination = EventDestination & { readonly target: { readonly type: 'cloudWatch'; readonly dimensions: readonly CloudWatchDimension[] } };

/**
 * Where a set's metrics come from: for the events `needed`, the destination model/ses.ts
 * chooseMetricSource picks (the one the dashboard names for the set, else the rule the preset alarms
 * follow), as its flattened dimensions (name, value, …); undefined when none is chosen (not published,
 * or left ambiguous, which validation reports before a plan).
 */
function sourcesOf(set: string, state: State, named: string | undefined): (needed: readonly EventType[]) => readonly string[] | undefined {
  const destinations = [...state.values()]
    .filter((r): r is CloudWatchDestination => r.kind === 'eventDestination' && r.configurationSet === set && r.target.type === 'cloudWatch')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((d) => ({ name: d.name, events: d.events, dimensions: d.target.dimensions }));
  return (needed) => {
    const choice = chooseMetricSource(destinations, needed, named);
    return choice.ok ? choice.chosen.dimensions.flatMap((dim) => [dim.name, dimensionValueOf(dim, set)]) : undefined;
  };
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

function setWidgets(set: string, named: string | undefined, state: State, stack: string, region: string, accountId: string, period: number): WidgetSpec[] {
  const source = sourcesOf(set, state, named);
  const row = (metric: string, dims: readonly string[] | undefined, options: Record<string, unknown>): MetricRow[] =>
    dims === undefined ? [] : [[SES_NAMESPACE, metric, ...dims, { stat: 'Sum', period, ...options }]];
  const counts = (...names: string[]): MetricRow[] => names.flatMap((n) => row(n, source([EVENT_OF_METRIC[n] as EventType]), { label: n }));

  // Each rate divides by the Send of the destination its events come from: one hidden `sends` when both
  // rates read the same destination (the usual case), else one per rate.
  const bounce = source(['BOUNCE', 'SEND']);
  const complaint = source(['COMPLAINT', 'SEND']);
  const sameSends = bounce === undefined || complaint === undefined || bounce.join('\u0000') === complaint.join('\u0000');
  const complaintSends = sameSends ? 'sends' : 'complaintSends';
  const rates: MetricRow[] = [];
  if (bounce) rates.push([{ expression: 'bounces/sends*100', label: 'Bounce rate (%)', id: 'bouncesRate' }]);
  if (complaint) rates.push([{ expression: `complaints/${complaintSends}*100`, label: 'Complaint rate (%)', id: 'complaintsRate' }]);
  if (rates.length > 0) {
    rates.push(...row('Send', bounce ?? complaint, { id: 'sends', visible: false }));
    if (!sameSends) rates.push(...row('Send', complaint, { id: complaintSends, visible: false }));
    rates.push(...row('Bounce', bounce, { id: 'bounces', visible: false }));
    rates.push(...row('Complaint', complaint, { id: 'complaints', visible: false }));
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
  const sections = source.configurationSets.map((set) => setWidgets(set, source.destinations?.[set], state, stack, region, accountId, source.period));
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
