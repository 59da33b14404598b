/**
 * `ses-reconcile status`: the weekly sending-health review the SES monitoring guides end with
 * (docs/architecture.md, "Status"), for the file's configuration sets: what their CloudWatch destinations
 * published over `--since`, the rates against the file's alarm thresholds and SES's review levels, the
 * account's reputation, the stack's alarms, paused sets, and the file's tenants (sending status, open
 * findings). Reads only: GetMetricData (500 queries a call), DescribeAlarms by the stack's names,
 * GetConfigurationSet a set, GetTenant and GetReputationEntity a tenant and one ListRecommendations walk
 * when the file has tenants (aws/sesv2/tenant-status.ts); through the same paced clients
 * as plan. Exit 0 healthy, 2 a finding (for cron), 1 failure, 3 invalid file.
 */
import { loadDesired } from '../../config/index.js';
import { hasErrors } from '../../model/diagnostic.js';
import { ConfigError, EXIT, UnsafePlanError, type ExitCode } from '../../errors.js';
import type { Logger } from '../../log.js';
import { renderDiagnosticsText } from '../../render/diagnostics.js';
import type { Palette } from '../../render/palette.js';
import { renderStatusJson, renderStatusMarkdown, renderStatusText } from '../../render/status.js';
import { statusQueries, windowOf } from '../../status/queries.js';
import { statusReport } from '../../status/report.js';
import { createPacedClients } from '../adapters.js';
import type { StatusCliOptions } from '../args.js';

type Aws = typeof import('../../aws/index.js');

export interface StatusIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly palette: Palette;
  readonly log: Logger;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export async function runStatus(o: StatusCliOptions, io: StatusIo, now: () => number = Date.now): Promise<ExitCode> {
  const loaded = loadDesired(o.config, {});
  if (hasErrors(loaded.diagnostics) || !loaded.desired) {
    io.err(renderDiagnosticsText(loaded.diagnostics, io.palette) + '\n');
    throw new ConfigError(loaded.diagnostics);
  }
  const d = loaded.desired;
  const aws: Aws = await import('../../aws/index.js');
  const clients = createPacedClients(aws, { ...o, region: d.region ?? o.region }, io);
  const region = await aws.resolvedRegion(clients);
  const accountId = await aws.lookupAccount(clients.sts, o.profile ?? (io.env.AWS_PROFILE || undefined));
  if (d.accountId && d.accountId !== accountId) throw new UnsafePlanError(`the file is for account ${d.accountId}, but the credentials are for account ${accountId}; refusing to read it`);

  const desired = [...d.resources.values()];
  const window = windowOf(now(), o.sinceSeconds);
  const queries = statusQueries(desired, window);
  const cw = new aws.CallCount('cloudwatch');
  const ses = new aws.CallCount('sesv2');
  const sets = queries.sets.map((s) => s.set);
  const tenantNames = desired.filter((r) => r.kind === 'tenant').map((r) => r.name);
  const [series, alarms, sending, tenants] = await Promise.all([
    aws.readMetricData(clients.cloudwatch, queries.queries, window, cw),
    aws.readAlarmStates(clients.cloudwatch, d.stack, desired.filter((r) => r.kind === 'alarm').map((r) => r.name), cw),
    aws.readSendingEnabled(clients.sesv2, sets, o.concurrency, ses),
    aws.readTenantStatus(clients.sesv2, tenantNames, o.concurrency, ses),
  ]);
  io.log.info({ calls: { ...cw.snapshot(), ...ses.snapshot() }, queries: queries.queries.length }, 'status read');
  const report = statusReport({ stack: d.stack, region, accountId, window, desired, queries, series, sending, alarms, tenants });
  io.out(o.format === 'json' ? renderStatusJson(report) : o.format === 'markdown' ? renderStatusMarkdown(report) : renderStatusText(report, io.palette));
  return report.healthy ? EXIT.ok : EXIT.changes;
}
