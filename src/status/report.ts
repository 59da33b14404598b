/**
 * The review from what CloudWatch and SES answered (docs/architecture.md, "Status"): totals and rates per
 * set, measured against the file's preset alarm thresholds and SES's review levels, the trend per bucket,
 * the stack's alarms with their states. Pure: the window and every answer are arguments.
 */
import type { Resource } from '../model/resources.js';
import { REVIEW_RATES, presetAlarmName } from '../model/ses.js';
import { formatMeasuredRate, formatMinute, formatRate } from '../model/units.js';
import { STATUS_METRICS, type AlarmStatus, type RateStatus, type Series, type SetStatus, type StatusMetric, type StatusReport, type TenantRead, type TenantStatus, type Window } from '../model/status.js';
import type { StatusQueries } from './queries.js';

export interface StatusInputs {
  readonly stack: string;
  readonly region: string;
  readonly accountId?: string;
  readonly window: Window;
  /** The file's resources (its sets, destinations and alarms). */
  readonly desired: readonly Resource[];
  readonly queries: StatusQueries;
  /** GetMetricData's answers by query id; a query without datapoints may be absent. */
  readonly series: ReadonlyMap<string, Series>;
  /** GetConfigurationSet's SendingEnabled per set; absent when not read (a set that does not exist). */
  readonly sending: ReadonlyMap<string, boolean>;
  /** DescribeAlarms' answer for the stack's alarms. */
  readonly alarms: readonly AlarmStatus[];
  /** The file's tenants as read; a tenant of the file that is absent does not exist. @default none */
  readonly tenants?: readonly TenantRead[];
}

/**
 * Tenants: SES pausing one, and each open reputation finding on one, are findings (the tenant's mail is
 * failing, or about to under its policy); a pause by its owner is a note, as a paused set's is.
 */
function tenantStatuses(i: StatusInputs, findings: string[], notes: string[]): TenantStatus[] {
  const read = new Map((i.tenants ?? []).map((t) => [t.name, t]));
  const names = i.desired.filter((r) => r.kind === 'tenant').map((r) => r.name).sort();
  return names.map((name): TenantStatus => {
    const t = read.get(name);
    if (!t) {
      notes.push(`tenant ${name} of the file does not exist: run apply`);
      return { name, sending: 'missing', findings: [] };
    }
    const pausedBy = t.sending === 'DISABLED' ? (t.pausedBySes ? 'ses' : 'owner') : undefined;
    if (pausedBy === 'ses') findings.push(`tenant ${name}: SES paused its sending${t.cause ? ` (${t.cause})` : ''}; apply resumes it only if the file says sendingEnabled: true`);
    if (pausedBy === 'owner') notes.push(`tenant ${name}: sending is paused by hand or by the file; apply never resumes it unless the file says sendingEnabled: true`);
    for (const f of t.findings) findings.push(`tenant ${name}: open ${f.impact ? `${f.impact.toLowerCase()}-impact ` : ''}${f.type} finding${f.description ? `: ${f.description}` : ''}`);
    return { name, sending: t.sending, ...(pausedBy ? { pausedBy } : {}), ...(t.cause && pausedBy === 'ses' ? { cause: t.cause } : {}), findings: t.findings };
  });
}

const sum = (s: Series | undefined) => (s ?? { values: [] }).values.reduce((n, v) => n + v, 0);

function buckets(w: Window): string[] {
  const out: string[] = [];
  for (let t = Date.parse(w.start); t < Date.parse(w.end); t += w.period * 1000) out.push(new Date(t).toISOString());
  return out;
}

/** A series laid on the window's buckets, 0 where CloudWatch has no datapoint. */
function onBuckets(s: Series | undefined, all: readonly string[]): number[] {
  const at = new Map(all.map((b, i) => [Date.parse(b), i]));
  const out = all.map(() => 0);
  s?.timestamps.forEach((t, i) => {
    const k = at.get(Date.parse(t));
    if (k !== undefined) out[k] = (out[k] as number) + (s.values[i] as number);
  });
  return out;
}

function rate(events: number | null, sends: number | null, threshold: number | undefined, review: number): RateStatus {
  const withThreshold = threshold !== undefined ? { threshold } : {};
  if (events === null || sends === null) return { value: null, ...withThreshold, review, level: 'not-published' };
  if (sends === 0) return { value: null, ...withThreshold, review, level: 'no-data' };
  const value = events / sends;
  const level = value >= review ? 'over-review' : threshold !== undefined && value >= threshold ? 'over-threshold' : 'ok';
  return { value, ...withThreshold, review, level };
}

function thresholdOf(desired: readonly Resource[], name: string): number | undefined {
  const a = desired.find((r) => r.kind === 'alarm' && r.name === name);
  return a?.kind === 'alarm' ? a.threshold : undefined;
}

/** The newest datapoint: the reputation metrics are already rates over SES's own window. */
function latest(s: Series | undefined): number | null {
  if (!s || s.values.length === 0) return null;
  let best = 0;
  s.timestamps.forEach((t, i) => {
    if (Date.parse(t) > Date.parse(s.timestamps[best] as string)) best = i;
  });
  return s.values[best] as number;
}


export function statusReport(i: StatusInputs): StatusReport {
  const all = buckets(i.window);
  const findings: string[] = [];
  const notes: string[] = [];
  const sets = i.queries.sets.map((q): SetStatus => {
    const totals = Object.fromEntries(STATUS_METRICS.map((m) => [m, q.ids[m] === null ? null : sum(i.series.get(q.ids[m] as string))])) as Record<StatusMetric, number | null>;
    const bounceRate = rate(totals.Bounce, totals.Send, thresholdOf(i.desired, presetAlarmName(i.stack, q.set, 'bounce-rate')), REVIEW_RATES.bounce);
    const complaintRate = rate(totals.Complaint, totals.Send, thresholdOf(i.desired, presetAlarmName(i.stack, q.set, 'complaint-rate')), REVIEW_RATES.complaint);
    for (const [what, r] of [['bounce rate', bounceRate], ['complaint rate', complaintRate]] as const) {
      if (r.level === 'over-review') findings.push(`${q.set}: ${what} ${formatMeasuredRate(r.value as number)} reaches SES's review level of ${formatRate(r.review)}`);
      else if (r.level === 'over-threshold') findings.push(`${q.set}: ${what} ${formatMeasuredRate(r.value as number)} is over the alarm threshold of ${formatRate(r.threshold as number)}`);
    }
    const sendingEnabled = i.sending.get(q.set);
    if (sendingEnabled === false) notes.push(`${q.set}: sending is paused (by SES or by hand); apply never resumes it unless the file says sendingEnabled: true`);
    if (q.destination === undefined) notes.push(`${q.set}: no enabled CloudWatch event destination, so no metrics to review`);
    const g = (m: StatusMetric) => onBuckets(q.ids[m] === null ? undefined : i.series.get(q.ids[m] as string), all);
    return {
      name: q.set,
      ...(q.destination !== undefined ? { destination: q.destination } : {}),
      ...(sendingEnabled !== undefined ? { sendingEnabled } : {}),
      totals,
      bounceRate,
      complaintRate,
      trend: { buckets: all, sends: g('Send'), bounces: g('Bounce'), complaints: g('Complaint') },
    };
  });
  for (const a of i.alarms) if (a.state === 'ALARM') findings.push(`alarm ${a.name} is in ALARM${a.since ? ` since ${formatMinute(a.since)}` : ''}`);
  const found = new Set(i.alarms.map((a) => a.name));
  const missing = i.desired.filter((r) => r.kind === 'alarm' && !found.has(r.name)).map((r): AlarmStatus => ({ name: r.name, state: 'missing' }));
  for (const a of missing) notes.push(`alarm ${a.name} of the file does not exist: run apply`);
  const tenants = tenantStatuses(i, findings, notes);
  return {
    stack: i.stack,
    region: i.region,
    ...(i.accountId !== undefined ? { accountId: i.accountId } : {}),
    window: i.window,
    configurationSets: sets,
    reputation: { bounceRate: latest(i.series.get(i.queries.reputation.bounceRate)), complaintRate: latest(i.series.get(i.queries.reputation.complaintRate)) },
    alarms: [...i.alarms, ...missing].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    tenants,
    findings,
    notes,
    healthy: findings.length === 0,
  };
}
