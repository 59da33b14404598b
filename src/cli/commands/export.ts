/**
 * `ses-reconcile export`: the live account as ses-reconcile files (docs/architecture.md, "Export"): the
 * way in for an account made by hand. Reads only; writes the files (stdout, `-o FILE`, or `-o DIR/`).
 *
 * Reads, through the same paced readers as plan (cli/adapters.ts), for S sets of the account of which K
 * are kept, A alarms, T topics used and D dashboards:
 *   ceil(S / 1000) ListConfigurationSets + 2K (GetConfigurationSet, GetConfigurationSetEventDestinations)
 *   + ceil(A / 100) DescribeAlarms + one ListTagsForResource per SES alarm
 *   + per topic the topic reader's calls + ceil(D / 1000) ListDashboards + 2 per dashboard
 *   + without --select, one GetResources (the stack's own topics, alarms and tenants nothing else finds)
 *   + ceil(N / 100) ListTenants, then the tenants (tenantsToExport).
 * At SES's 1 call a second, 30 kept sets take about a minute.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportFiles, type ExportOptions, type ExportResult } from '../../config/export/index.js';
import { normalize } from '../../config/normalize.js';
import { resolveDesired } from '../../plan/compute.js';
import { alarmsToExport, dashboardToExport, globMatcher, ownedElsewhere, stacksOf, topicsUsed } from '../../config/export/select.js';
import { EXIT, UsageError, type ExitCode } from '../../errors.js';
import type { Logger } from '../../log.js';
import { DIGEST_TAG, STACK_TAG, type Alarm, type ConfigurationSet, type Dashboard, type Resource, type Tenant } from '../../model/resources.js';
import type { IndexedResource } from '../../live/port.js';
import { SES_NAMESPACE } from '../../model/ses.js';
import type { ExportCliOptions } from '../args.js';
import { createPacedClients, liveReaders, stackIndex } from '../adapters.js';

export interface ExportIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly log: Logger;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The time the header records. @default now */
  readonly now?: () => Date;
}

/** Where the files go: stdout, one file, or a directory (existing, or named with a trailing `/`). */
type Target = { kind: 'stdout' } | { kind: 'file'; path: string } | { kind: 'directory'; path: string };

function targetOf(out: string | undefined): Target {
  if (out === undefined || out === '-') return { kind: 'stdout' };
  const isDir = out.endsWith('/') || (existsSync(out) && statSync(out).isDirectory());
  if (!isDir && existsSync(out)) throw new UsageError(`${out} exists; export does not overwrite a file: remove it or pass another -o PATH`);
  if (isDir && existsSync(out) && readdirSync(out).some((f) => /\.ya?ml$/.test(f)))
    throw new UsageError(`${out} already holds YAML files; export writes into an empty directory: pass a new -o DIR/`);
  return isDir ? { kind: 'directory', path: out } : { kind: 'file', path: out };
}

export async function runExport(o: ExportCliOptions, io: ExportIo): Promise<ExitCode> {
  const target = targetOf(o.out); // before any AWS call: a bad -o costs nothing
  const aws = await import('../../aws/index.js');
  const clients = createPacedClients(aws, o, io);
  const region = await aws.resolvedRegion(clients, o.profile);
  const accountId = await aws.lookupAccount(clients.sts, o.profile ?? (io.env.AWS_PROFILE || undefined));
  const readers = liveReaders(aws, clients, { region, accountId, concurrency: o.concurrency });

  const select = globMatcher(o.select);
  // Two services, two rate limits: the sets (SES's 1 call a second) and the alarms are read at once.
  const [setsRead, alarmsRead] = await Promise.all([
    readers.configurationSets.read({ stack: o.stack ?? '', configurationSets: new Set(), select }),
    readers.alarms.read({ stack: o.stack ?? '', names: new Set(), everyInNamespace: SES_NAMESPACE }),
  ]);
  const readSets = [...setsRead.state.values()];
  const stack = o.stack ?? onlyStack(stacksOf([...readSets, ...alarmsRead.state.values()]));

  const sets = readSets.filter((r) => r.kind === 'configurationSet');
  const foreign = sets.filter((s) => ownedElsewhere(s, stack)).map((s) => s.name);
  const kept = new Set(sets.filter((s) => !ownedElsewhere(s, stack)).map((s) => s.name));
  const keptSets = readSets.filter((r) => kept.has(r.kind === 'eventDestination' ? r.configurationSet : r.name));
  const selected = o.select.length > 0;
  // The stack's own topics and alarms that nothing above finds (a topic no set or alarm uses, an alarm on
  // another namespace) are in the file too, or plan would delete them: the tag index lists them (one call).
  const denied: string[] = [];
  const index = selected ? undefined : (await stackIndex(aws, clients, stack, 'tags', denied)).index;
  const warnings =
    denied.length > 0 ? ["the tag index is not readable (tag:GetResources): the stack's topics no set or alarm uses, and its alarms on other namespaces, are not exported"] : [];
  const ownAlarms = new Map([...(index?.alarms.values() ?? [])].filter((a) => !alarmsRead.state.has(`alarm:${a.name}`)).map((a) => [a.name, a.arn]));
  const extraAlarms = ownAlarms.size > 0 ? [...(await readers.alarms.read({ stack, names: new Set(), discovered: ownAlarms })).state.values()] : [];
  const alarms = alarmsToExport([...alarmsRead.state.values(), ...extraAlarms] as Alarm[], { stack, kept, all: new Set(sets.map((s) => s.name)), selected });
  const used = new Map([...topicsUsed([...keptSets, ...alarms], region, accountId), ...[...(index?.topics.values() ?? [])].map((t) => [t.name, t.arn] as const)]);
  const [topicsRead, dashboardsRead] = await Promise.all([
    readers.topics.read({ stack, names: new Set(), discovered: used }),
    readers.dashboards.read({ names: new Set(), every: true }),
  ]);
  const topics = [...topicsRead.state.values()].filter((t) => !ownedElsewhere(t, stack));
  const dashboards = ([...dashboardsRead.state.values()] as Dashboard[]).filter((d) => dashboardToExport(d, { stack, kept, selected }));

  const tenants = await tenantsToExport(aws, clients, readers, { region, accountId, stack, kept, own: index?.tenants });
  const live: Resource[] = [...keptSets, ...alarms, ...topics, ...dashboards, ...tenants];
  const options = {
    stack,
    region,
    accountId,
    layout: target.kind === 'directory' ? ('directory' as const) : ('file' as const),
    leftOut: alarmsRead.unreadable ?? [],
    at: (io.now ?? (() => new Date()))().toISOString(),
  };
  const result = withSendingManaged(exportFiles(live, options), live, options);
  for (const w of warnings) io.err(`warning: ${w}\n`);
  if (foreign.length > 0) io.err(`warning: left out ${foreign.length} configuration set(s) another stack owns: ${foreign.join(', ')}\n`);
  for (const w of result.warnings) io.err(`warning: ${w}\n`);
  io.log.info({ calls: clients.stats.totals() }, 'export read');

  if (target.kind === 'stdout') io.out((result.files[0] as { text: string }).text);
  else if (target.kind === 'file') writeFileSync(target.path, (result.files[0] as { text: string }).text, { flag: 'wx' });
  else {
    mkdirSync(target.path, { recursive: true });
    for (const f of result.files) writeFileSync(join(target.path, f.name), f.text, { flag: 'wx' });
  }
  if (target.kind !== 'stdout') {
    const what = `${kept.size} configuration set(s), ${alarms.length} alarm(s), ${topics.length} topic(s), ${dashboards.length} dashboard(s), ${tenants.length} tenant(s)`;
    io.err(`Exported ${what} of stack ${stack} to ${target.path}. Next: ses-reconcile plan -c ${target.path}\n`);
  }
  return EXIT.ok;
}

/**
 * The tenants of the export: those associated with an exported set, and the stack's own (the tag index,
 * without --select). Not every tenant of the account: one no exported set uses belongs to another file.
 * The cheaper of two ways, after one ListTenants walk (an account without tenants stops there): for T
 * tenants and K kept sets, each tenant read in full (3T calls) when T <= K, else ListResourceTenants per
 * set (K) and then only the tenants found (3 each).
 */
async function tenantsToExport(
  aws: typeof import('../../aws/index.js'),
  clients: ReturnType<typeof createPacedClients>,
  readers: ReturnType<typeof liveReaders>,
  o: { region: string; accountId: string; stack: string; kept: ReadonlySet<string>; own: ReadonlyMap<string, IndexedResource> | undefined },
): Promise<Tenant[]> {
  const calls = new aws.CallCount('sesv2');
  const all = await aws.listTenantNames(clients.sesv2, calls);
  if (all.length === 0) return [];
  const own = new Map([...(o.own?.values() ?? [])].map((t) => [t.name, t.arn]));
  const names = all.length <= o.kept.size ? new Set(all) : new Set([...(await aws.readSetTenants(clients.sesv2, o, [...o.kept].sort(), calls)).values()].flat());
  const read = await readers.tenants.read({ stack: o.stack, names, discovered: own });
  return [...read.state.values()].filter(
    (t): t is Tenant => t.kind === 'tenant' && !ownedElsewhere(t, o.stack) && (own.has(t.name) || t.configurationSets.some((s) => o.kept.has(s))),
  );
}

/**
 * A sending set whose file said `sendingEnabled: true` reads from AWS exactly like one whose file left
 * sending unmanaged; only the digest tag of its last apply tells them apart (plan/reason.ts). Exported
 * without the line, such a set would plan a digest-only change; so a set whose digest the first export
 * does not reproduce is written with the line when that reproduces it.
 */
function withSendingManaged(first: ExportResult, live: readonly Resource[], o: ExportOptions): ExportResult {
  const digestsOf = (r: ExportResult) =>
    new Map([...resolveDesired(normalize(r.config).resources, o).values()].flatMap((x) => (x.kind === 'configurationSet' ? [[x.name, x.tags[DIGEST_TAG]] as const] : [])));
  const recorded = (live.filter((r) => r.kind === 'configurationSet') as ConfigurationSet[]).filter((s) => s.sendingEnabled === true && s.tags[STACK_TAG] === o.stack && s.tags[DIGEST_TAG] !== undefined);
  const made = digestsOf(first);
  const candidates = new Set(recorded.filter((s) => made.get(s.name) !== s.tags[DIGEST_TAG]).map((s) => s.name));
  if (candidates.size === 0) return first;
  const second = exportFiles(live, { ...o, sendingManaged: candidates });
  const remade = digestsOf(second);
  const managed = new Set([...candidates].filter((n) => remade.get(n) === recorded.find((s) => s.name === n)?.tags[DIGEST_TAG]));
  return managed.size === 0 ? first : managed.size === candidates.size ? second : exportFiles(live, { ...o, sendingManaged: managed });
}

function onlyStack(stacks: readonly string[]): string {
  if (stacks.length === 1) return stacks[0] as string;
  if (stacks.length === 0) throw new UsageError('nothing read carries a stack tag (a hand-made account): name the stack the file is for with --stack NAME');
  throw new UsageError(`what was read belongs to several stacks (${stacks.join(', ')}): choose one with --stack NAME, and --select its sets`);
}
