/**
 * The review (`status`) for a person: text for a terminal or a cron mail, with a sparkline of each set's
 * trend; markdown for an issue or pull-request comment, with a Mermaid `xychart-beta` per set that GitHub
 * draws; JSON with the series. Pure: colour only through the palette.
 */
import type { RateStatus, SetStatus, StatusMetric, StatusReport, TenantStatus } from '../model/status.js';
import { formatMeasuredRate, formatMinute, formatRate } from '../model/units.js';
import type { Palette } from './palette.js';

const BARS = '▁▂▃▄▅▆▇█';

/** One character per bucket, scaled to the series' own maximum; all zero is a flat line. */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values.map((v) => (max === 0 ? BARS[0] : BARS[Math.min(BARS.length - 1, Math.round((v / max) * (BARS.length - 1)))])).join('');
}

function rateText(r: RateStatus): string {
  const limits = [r.threshold !== undefined ? `alarm at ${formatRate(r.threshold)}` : 'no alarm', `SES reviews at ${formatRate(r.review)}`].join(', ');
  switch (r.level) {
    case 'not-published':
      return `not published (the destination does not publish the events)`;
    case 'no-data':
      return `no data: nothing sent in the window (${limits})`;
    case 'over-review':
      return `${formatMeasuredRate(r.value as number)}  ✗ reaches SES's review level (${limits})`;
    case 'over-threshold':
      return `${formatMeasuredRate(r.value as number)}  ✗ over the alarm threshold (${limits})`;
    case 'ok':
      return `${formatMeasuredRate(r.value as number)}  ok (${limits})`;
  }
}

const COUNTED: readonly [StatusMetric, string][] = [
  ['Send', 'sends'],
  ['Delivery', 'deliveries'],
  ['Bounce', 'bounces'],
  ['Complaint', 'complaints'],
  ['Reject', 'rejects'],
  ['Open', 'opens'],
  ['Click', 'clicks'],
];

const count = (n: number | null) => (n === null ? '—' : String(n));

function sendingText(s: SetStatus): string {
  return s.sendingEnabled === false ? 'PAUSED' : s.sendingEnabled === true ? 'sending' : 'sending status unknown';
}

function windowText(r: StatusReport): string {
  const hours = (Date.parse(r.window.end) - Date.parse(r.window.start)) / 3_600_000;
  const span = hours % 24 === 0 ? `${hours / 24}d` : `${hours}h`;
  return `${r.window.start.slice(0, 16).replace('T', ' ')} → ${formatMinute(r.window.end)} (${span}, buckets of ${r.window.period / 60} min)`;
}

function summary(r: StatusReport): string {
  return r.healthy ? 'Status: healthy.' : `Status: ${r.findings.length} finding${r.findings.length === 1 ? '' : 's'}.`;
}

export function renderStatusText(r: StatusReport, palette: Palette): string {
  const out = [`Sending health of stack "${r.stack}" in ${r.region}${r.accountId ? ` (account ${r.accountId})` : ''}, ${windowText(r)}`];
  for (const s of r.configurationSets) {
    const bad = (x: RateStatus) => x.level === 'over-review' || x.level === 'over-threshold';
    out.push('', `${palette.bold(`Configuration set ${s.name}`)}  ${s.sendingEnabled === false ? palette.red(sendingText(s)) : palette.dim(sendingText(s))}${s.destination ? palette.dim(`  (metrics of ${s.name}/${s.destination})`) : ''}`);
    out.push(`  ${COUNTED.map(([m, label]) => `${label} ${count(s.totals[m])}`).join('  ')}`);
    out.push(`  bounce rate     ${(bad(s.bounceRate) ? palette.red : (x: string) => x)(rateText(s.bounceRate))}`);
    out.push(`  complaint rate  ${(bad(s.complaintRate) ? palette.red : (x: string) => x)(rateText(s.complaintRate))}`);
    if (s.totals.Send !== null) out.push(`  sends    ${sparkline(s.trend.sends)}`, `  bounces  ${sparkline(s.trend.bounces)}`);
  }
  const rep = (x: number | null) => (x === null ? 'no data' : formatMeasuredRate(x));
  out.push('', `Account reputation (AWS/SES Reputation.*): bounce rate ${rep(r.reputation.bounceRate)}, complaint rate ${rep(r.reputation.complaintRate)}`);
  if (r.alarms.length > 0) {
    out.push('', palette.bold('Alarms:'));
    for (const a of r.alarms) {
      const state = a.state === 'ALARM' ? palette.red(a.state.padEnd(17)) : a.state === 'OK' ? palette.green(a.state.padEnd(17)) : palette.yellow(a.state.padEnd(17));
      out.push(`  ${state} ${a.name}${a.since ? palette.dim(`  since ${formatMinute(a.since)}`) : ''}`);
    }
  }
  if (r.tenants.length > 0) {
    out.push('', palette.bold('Tenants:'));
    for (const t of r.tenants) {
      const state = t.sending === 'DISABLED' || t.sending === 'missing' ? palette.red(tenantSending(t).padEnd(17)) : palette.green(tenantSending(t).padEnd(17));
      out.push(`  ${state} ${t.name}${t.findings.length > 0 ? palette.red(`  ${t.findings.length} open finding${t.findings.length === 1 ? '' : 's'}`) : ''}`);
    }
  }
  for (const f of r.findings) out.push('', `${palette.red(palette.bold('✗'))} ${f}`);
  for (const n of r.notes) out.push('', `${palette.yellow(palette.bold('!'))} ${n}`);
  out.push('', palette.bold(summary(r)));
  return out.join('\n') + '\n';
}

function tenantSending(t: TenantStatus): string {
  return t.sending === 'DISABLED' ? `paused by ${t.pausedBy === 'ses' ? 'SES' : 'owner'}` : t.sending === 'missing' ? 'missing' : t.sending === 'REINSTATED' ? 'sending (reinstated)' : 'sending';
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');
}

/** A Mermaid xychart of a set's sends (bars) and bounces (line), one label per bucket start (UTC hh:mm, or the day). */
function chart(s: SetStatus, period: number): string {
  const label = (b: string) => (period >= 86_400 ? b.slice(5, 10) : period % 3600 === 0 && period > 3600 ? `${b.slice(5, 10)} ${b.slice(11, 13)}h` : b.slice(11, 16));
  const max = Math.max(1, ...s.trend.sends, ...s.trend.bounces);
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${s.name}: sends (bars) and bounces (line)"`,
    `  x-axis [${s.trend.buckets.map((b) => `"${label(b)}"`).join(', ')}]`,
    `  y-axis "messages" 0 --> ${max}`,
    `  bar [${s.trend.sends.join(', ')}]`,
    `  line [${s.trend.bounces.join(', ')}]`,
    '```',
  ].join('\n');
}

function rateCell(r: RateStatus): string {
  const mark = r.level === 'over-review' || r.level === 'over-threshold' ? ' ✗' : r.level === 'ok' ? ' ✓' : '';
  const value = r.value === null ? (r.level === 'no-data' ? 'no data' : '—') : formatMeasuredRate(r.value);
  return `${value}${mark}${r.threshold !== undefined ? ` (alarm ${formatRate(r.threshold)})` : ''}`;
}

export function renderStatusMarkdown(r: StatusReport): string {
  const out = [`### ses-reconcile status for \`${r.stack}\` in \`${r.region}\``, '', windowText(r), ''];
  out.push(r.healthy ? '**Healthy.**' : `**${r.findings.length} finding${r.findings.length === 1 ? '' : 's'}:**\n\n${r.findings.map((f) => `- ✗ ${escape(f)}`).join('\n')}`, '');
  out.push('| Configuration set | Sending | Sends | Deliveries | Bounces | Complaints | Rejects | Opens | Clicks | Bounce rate (SES 5%) | Complaint rate (SES 0.1%) |');
  out.push('| :--- | :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const s of r.configurationSets)
    out.push(`| \`${escape(s.name)}\` | ${sendingText(s)} | ${COUNTED.map(([m]) => count(s.totals[m])).join(' | ')} | ${rateCell(s.bounceRate)} | ${rateCell(s.complaintRate)} |`);
  const rep = (x: number | null) => (x === null ? 'no data' : formatMeasuredRate(x));
  out.push('', `Account reputation: bounce rate ${rep(r.reputation.bounceRate)}, complaint rate ${rep(r.reputation.complaintRate)}.`);
  if (r.alarms.length > 0) {
    out.push('', '| Alarm | State | Since |', '| :--- | :--- | :--- |');
    for (const a of r.alarms) out.push(`| \`${escape(a.name)}\` | ${a.state === 'ALARM' ? '**ALARM**' : a.state} | ${a.since ? formatMinute(a.since) : ''} |`);
  }
  if (r.tenants.length > 0) {
    out.push('', '| Tenant | Sending | Open findings |', '| :--- | :--- | :--- |');
    for (const t of r.tenants)
      out.push(`| \`${escape(t.name)}\` | ${t.sending === 'DISABLED' ? `**${tenantSending(t)}**` : tenantSending(t)} | ${t.findings.map((f) => escape(`${f.type}${f.impact ? ` (${f.impact})` : ''}`)).join(', ')} |`);
  }
  for (const s of r.configurationSets) if (s.totals.Send !== null) out.push('', `<details><summary>Trend of <code>${escape(s.name)}</code></summary>`, '', chart(s, r.window.period), '', '</details>');
  if (r.notes.length > 0) out.push('', ...r.notes.map((n) => `> ${escape(n)}`));
  return out.join('\n') + '\n';
}

export function renderStatusJson(r: StatusReport): string {
  return `${JSON.stringify({ formatVersion: 1, ...r }, null, 2)}\n`;
}
