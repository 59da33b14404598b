/**
 * What plan and apply share: validate the file (exit 3 before any AWS call), build the AWS adapters
 * (imported lazily: validate never loads the SDK), check the account guard, read the live state and
 * compute the plan.
 */
import { describeReadFailure, LARGEST_FILE_LIMIT, largerLimit, loadDesired, readBoundedText } from '../config/index.js';
import { compareDiagnostics, hasErrors } from '../model/diagnostic.js';
import type { PlanTimeValues } from '../model/preflight.js';
import { preflightDiagnostics, preflightNeeds } from '../plan/preflight.js';
import { topicArn } from '../model/arn.js';
import { hasLiteralPassword, passwordReference } from '../model/endpoint.js';
import { describeStep } from '../model/step.js';
import type { Plan } from '../model/plan.js';
import { ConfigError, StalePlanError, UnsafePlanError, UsageError } from '../errors.js';
import type { State } from '../model/state.js';
import { stableJson } from '../plan/digest.js';
import { inputsOf, ModifiedPlanFileError, parsePlanFile, rootsOf, sameCalls, underRoots, type PlanInputs, type SavedPlan } from '../plan/planfile.js';
import { resourceId, splitKey, type ResourceKey } from '../model/key.js';
import type { Resource } from '../model/resources.js';
import { closest, listOf } from '../config/suggest.js';
import { targetPlan } from '../plan/target.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import { planToJson } from '../render/json.js';
import type { Logger } from '../log.js';
import type { Palette } from '../render/palette.js';
import type { StepRunner } from '../apply/port.js';
import type { ApplyCliOptions, ReconcileOptions } from './args.js';
import { planResolved, replan, resolveDesired } from '../plan/compute.js';
import { readScopes } from '../live/scope.js';
import { readLive, sumCalls } from '../live/read.js';
import { createPacedClients, liveReaders, logRead, stackIndex, stepRunner } from './adapters.js';

type Aws = typeof import('../aws/index.js');

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly palette: Palette;
  readonly log: Logger;
  /** The run's environment (cli/run.ts Host): AWS_MAX_ATTEMPTS. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted when the run must stop (apply interrupted): calls not yet sent are refused. @default never */
  readonly stop?: AbortSignal;
}

export interface Prepared {
  readonly plan: Plan;
  /** The live state the plan was computed from. */
  readonly live: State;
  readonly runner: StepRunner;
  readonly calls: Readonly<Record<string, number>>;
  /** What `plan --out` stores so `apply PLANFILE` can recompute the plan (plan/planfile.ts). */
  readonly inputs?: PlanInputs;
  /** AWS calls sent and not answered yet. */
  readonly inFlight: () => number;
}

/**
 * `forApply`: the `${env:NAME}` passwords of SNS endpoints must be set (exit 3 at the file's line
 * otherwise, before any AWS call); `plan` does not need them, as it sends no password.
 */
export async function preparePlan(o: ReconcileOptions, io: Io, forApply = false): Promise<Prepared> {
  const loaded = loadDesired(o.config, { maxFileBytes: o.maxFileBytes, ...(forApply ? { env: io.env } : {}) });
  // Invalid: the diagnostics go to stderr (stdout may be a JSON plan consumer). Warnings travel in the plan.
  if (hasErrors(loaded.diagnostics) || !loaded.desired) {
    io.err(renderDiagnosticsText(loaded.diagnostics, io.palette) + '\n');
    throw new ConfigError(loaded.diagnostics);
  }
  const desired = loaded.desired;
  if (desired.region && o.region && desired.region !== o.region)
    throw new UsageError(`the file manages region ${desired.region}, but --region says ${o.region}; remove one of them`);

  const aws: Aws = await import('../aws/index.js');
  const clients = createPacedClients(aws, { ...o, region: desired.region ?? o.region }, io);
  const region = await aws.resolvedRegion(clients);
  const log = io.log.child({ stack: desired.stack, region });
  const accountId = await aws.lookupAccount(clients.sts, o.profile ?? (io.env.AWS_PROFILE || undefined));
  if (desired.accountId && desired.accountId !== accountId)
    throw new UnsafePlanError(`the file is for account ${desired.accountId}, but the credentials are for account ${accountId}; refusing to touch it`);

  const t0 = performance.now();
  const resolved = resolveDesired(desired.resources, { stack: desired.stack, region, accountId });
  const readWarnings: string[] = [];
  const fileTopics = new Set([...resolved.values()].filter((r) => r.kind === 'topic').map((r) => topicArn(region, accountId, r.name)));
  const checked = await preflight(aws, clients, loaded.planTime, { region, fileTopics }, io, readWarnings);
  const index = await stackIndex(aws, clients, desired.stack, o.discovery, readWarnings);
  if (o.refresh === 'changed' && index.index === undefined)
    readWarnings.push('--refresh changed needs the tag index (--discovery tags): everything the file names was read in full');
  const scopes = readScopes(desired.stack, resolved, index.index, o.refresh);
  const read = await readLive(liveReaders(aws, clients, { region, accountId, concurrency: o.concurrency }), scopes);

  const warnings = [
    ...loaded.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.code}: ${d.message}`),
    ...readWarnings,
    // A subscription waiting for confirmation is not a change; the plan says it is pending (docs/architecture.md, "The file format").
    ...read.pending.map((p) => `subscription pending confirmation: ${p}`),
  ];
  const planOptions = {
    stack: desired.stack,
    region,
    accountId,
    adopt: o.adopt,
    allowDeletes: o.allowDeletes,
    ...(o.maxDeletes !== undefined ? { maxDeletes: o.maxDeletes } : {}),
    warnings,
    costHints: desired.costHints,
    ...(o.refresh === 'changed' && index.index !== undefined ? { refresh: { mode: 'changed' as const, notRead: read.notRead } } : {}),
  };
  const first = planResolved(resolved, read.state, planOptions);
  // The sets the plan deletes are asked which tenants hold them (AWS refuses the delete otherwise): a read
  // only when there is such a delete, and the plan made again with the answer.
  const held = await setTenants(aws, clients, { region, accountId }, deletedSets(first), read.state);
  const live = { ...read, state: held.state };
  const full = held.read ? planResolved(resolved, live.state, planOptions) : first;
  const calls = sumCalls([checked, index.calls, read.calls, held.calls]);
  logRead(log, clients, calls, t0);

  const { plan, unmatched } = targetPlan(full, o.targets);
  // A target naming a resource that has nothing to do is fine; one naming no resource at all is a typo,
  // and running on with it would plan nothing and pass a check that should fail.
  const ids = [...new Set([...resolved.values(), ...live.state.values()].map(resourceId))].sort();
  for (const t of unmatched) {
    if (ids.includes(t) || ids.includes(t.split('/')[0] as string)) io.err(`warning: --target ${t} matches no change\n`);
    else {
      const near = closest(t, ids);
      throw new UsageError(`--target ${t} names no resource of the file or of stack ${desired.stack}${near ? `; did you mean --target ${near}?` : ''} (ids as the plan shows them: ${listOf(ids)})`);
    }
  }
  const inputs = inputsOf(plan, { stack: desired.stack, region, accountId, adopt: o.adopt, targets: o.targets, warnings, desired: resolved, live: live.state, costHints: desired.costHints });
  const runner = stepRunner(aws, clients, { region, accountId }, live.arns, io.env);
  return { plan, live: live.state, runner, calls, inputs, inFlight: () => clients.stats.inFlight };
}

/** The configuration sets a plan's calls delete. */
function deletedSets(plan: Plan): string[] {
  return [...new Set(plan.changes.flatMap((c) => c.steps.flatMap((s) => (s.op === 'DeleteConfigurationSet' ? [s.name] : []))))].sort();
}

/**
 * `live` with the tenants of each set in `sets` (ConfigurationSet.tenants; ListResourceTenants, one walk per
 * set): what plan/build.ts needs to order or refuse the set's delete. No call when `sets` is empty.
 */
async function setTenants(aws: Aws, clients: ReturnType<Aws['createClients']>, at: { region: string; accountId: string }, sets: readonly string[], live: State): Promise<{ state: State; calls: Record<string, number>; read: boolean }> {
  if (sets.length === 0) return { state: live, calls: {}, read: false };
  const calls = new aws.CallCount('sesv2');
  const held = await aws.readSetTenants(clients.sesv2, at, sets, calls);
  const state = new Map(live) as Map<ResourceKey, Resource>;
  for (const [name, tenants] of held) {
    const key = `configurationSet:${name}` as const;
    const set = state.get(key);
    if (set?.kind === 'configurationSet' && tenants.length > 0) state.set(key, { ...set, tenants });
  }
  return { state, calls: calls.snapshot(), read: true };
}

/**
 * Apply-time failures caught at plan time (plan/preflight.ts), before any write and before the live read;
 * a failure is exit 3 with the file's line, as validation's, and every failure is reported at once. Reads
 * only what the file's values need (preflightNeeds), through the run's paced clients: one
 * ListEmailIdentities walk when a set has a tracking domain or a tenant an identity, one ListDedicatedIpPools walk when one has a
 * sending pool, one GetTopicAttributes per distinct topic ARN outside the file's own topics; nothing for a
 * file without these. The Region of Firehose, EventBridge and Pinpoint targets needs no call. A topic that
 * cannot be read (aws/sns/exists.ts), or a listing the role may not make, becomes a warning of the plan
 * and the check is skipped. Returns the calls made.
 */
async function preflight(aws: Aws, clients: ReturnType<Aws['createClients']>, values: PlanTimeValues, at: { region: string; fileTopics: ReadonlySet<string> }, io: Io, warnings: string[]): Promise<Record<string, number>> {
  const needs = preflightNeeds(values, at.fileTopics);
  const ses = new aws.CallCount('sesv2');
  const sns = new aws.CallCount('sns');
  // A role made before these checks may lack the listings: the check is skipped with a warning, as the
  // tag index falls back (docs/aws-behaviour.md, "Plan-time checks").
  const unlessDenied = async <T>(action: string, what: string, read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (err) {
      if (!aws.isAccessDenied(err)) throw err;
      warnings.push(`${what} were not checked: ${action} was denied (${(err as { code?: string }).code ?? 'AccessDenied'}); allow it (iam-policy grants it) to have them checked before apply`);
      return undefined;
    }
  };
  const [identities, pools, topics] = await Promise.all([
    needs.identities ? unlessDenied('ses:ListEmailIdentities', 'the tracking domains and tenant identities', () => aws.listEmailIdentities(clients.sesv2, ses)) : undefined,
    needs.pools ? unlessDenied('ses:ListDedicatedIpPools', 'the sending pools', () => aws.listDedicatedIpPools(clients.sesv2, ses)) : undefined,
    Promise.all(needs.topicArns.map(async (arn) => [arn, await aws.topicExistence(clients.sns, arn, sns)] as const)),
  ]);
  const unreadable = new Map<string, string>();
  for (const [arn, t] of topics) if (t.state === 'unknown') unreadable.set(arn, t.code);
  const diagnostics = preflightDiagnostics(values, {
    region: at.region,
    ...(identities ? { identities: identities.filter((i) => i.verified).map((i) => i.name), unverified: identities.filter((i) => !i.verified).map((i) => i.name) } : {}),
    ...(pools ? { pools } : {}),
    missingTopics: new Set(topics.filter(([, t]) => t.state === 'missing').map(([arn]) => arn)),
    unreadableTopics: unreadable,
  }).sort(compareDiagnostics);
  if (hasErrors(diagnostics)) {
    io.err(renderDiagnosticsText(diagnostics, io.palette) + '\n');
    throw new ConfigError(diagnostics);
  }
  warnings.push(...diagnostics.map((d) => `${d.code}: ${d.pos ? `${d.pos.file}:${d.pos.line}:${d.pos.col}: ` : ''}${d.message}`));
  return sumCalls([ses.snapshot(), sns.snapshot()]);
}

/**
 * Before any AWS call: every `${env:NAME}` password the plan's Subscribe calls need is set, and none is
 * a literal one the plan file could only keep masked (model/endpoint.ts). Exit 3.
 */
function unsetReferences(plan: Plan, env: Io['env'], planFile: string): void {
  for (const c of plan.changes) {
    for (const s of c.steps) {
      if (s.op !== 'Subscribe') continue;
      const at = `${describeStep(s)} (${c.id})`;
      const name = passwordReference(s.subscription.endpoint);
      if (name !== undefined && !env[name]) throw new UsageError(`${planFile}: ${at}: the environment variable ${name} is not set; the endpoint's password is \${env:${name}}`);
      if (name === undefined && hasLiteralPassword(s.subscription.endpoint))
        throw new UsageError(`${planFile}: ${at}: the endpoint's password was written in the file, and a plan file keeps it masked; write it as \${env:NAME} and run plan again`);
    }
  }
}

/** The live state as the plan file stores and compares it. */
function liveText(state: State): string {
  return stableJson([...state.values()]);
}

/**
 * The default limit of a plan file (`--max-file-size` lowers it): the largest the flag takes. A plan carries
 * every change twice (the readable JSON and the executable plan), before and after in full, and the inputs
 * it was computed from, so it is some 60 times the configuration it came from (examples/full.yaml: 1.7 KB
 * -> 107 KB): a configuration at the 1 MiB default can make a plan of tens of MiB.
 */
const MAX_PLAN_FILE_BYTES = LARGEST_FILE_LIMIT;

/**
 * The plan file, read within its limit and checked offline: the checksum, the readable plan against the
 * executable one, and the executable plan against what its own inputs recompute to (plan/planfile.ts).
 * Every failure is exit 3 (not a plan file) or 4 (edited), before any AWS call.
 */
function readVerifiedPlanFile(o: Pick<ApplyCliOptions, 'maxFileBytes'> & { planFile: string }): SavedPlan {
  const read = readBoundedText(o.planFile, o.maxFileBytes ?? MAX_PLAN_FILE_BYTES);
  if (!read.ok) {
    const f = read.failure;
    const larger = f.kind === 'too-large' ? largerLimit(f) : undefined;
    const hint =
      f.kind !== 'too-large'
        ? 'apply PLANFILE takes the file written by plan --out'
        : larger
          ? `raise the limit with --max-file-size ${larger}`
          : 'it is larger than any plan file that can be read: apply -c with the configuration instead';
    throw new UsageError(`${describeReadFailure(o.planFile, f)}; ${hint}`);
  }
  let saved: SavedPlan;
  try {
    saved = parsePlanFile(read.text);
  } catch (err) {
    if (err instanceof ModifiedPlanFileError) throw new UnsafePlanError(`${o.planFile}: ${err.message}`);
    throw new UsageError(`${o.planFile}: ${(err as Error).message}`);
  }
  const { plan: reviewed, inputs } = saved;
  const edited = (what: string) => new UnsafePlanError(`${o.planFile} was edited after plan --out wrote it: ${what}; refusing to apply it; run plan --out again`);
  if (reviewed.stack !== inputs.stack || reviewed.region !== inputs.region || reviewed.accountId !== inputs.accountId)
    throw edited(`the plan is for stack ${reviewed.stack} in ${reviewed.region}, its inputs for stack ${inputs.stack} in ${inputs.region}`);
  let difference: string | undefined;
  try {
    difference =
      stableJson(saved.readable) !== stableJson(planToJson(reviewed))
        ? 'the plan a reviewer reads is not the plan it would run'
        : sameCalls(reviewed, replan(inputs, inputs.live, { adopt: inputs.adopt, allowDeletes: true }));
  } catch (err) {
    // Only a hand-made file gets here: what plan --out writes always renders and plans.
    difference = `its content is not a plan ses-reconcile can read (${(err as Error).message})`;
  }
  if (difference !== undefined) throw edited(difference);
  return saved;
}

/**
 * `apply PLANFILE`: no configuration is read. Before any AWS call, the plan is recomputed from the file's
 * own inputs and must make exactly the reviewed calls (readVerifiedPlanFile). Then the account must be the
 * plan's, and the live state of what the plan touches must still be what it was computed from (else
 * stale, exit 4). What runs is the plan recomputed from the live state just read, with this apply's
 * --allow-deletes, --max-deletes and --adopt; it must still make the reviewed calls.
 */
export async function preparePlanFile(o: ApplyCliOptions & { planFile: string }, io: Io): Promise<Prepared> {
  const { plan: reviewed, inputs } = readVerifiedPlanFile(o);
  unsetReferences(reviewed, io.env, o.planFile);
  if (o.region && o.region !== inputs.region) throw new UsageError(`the plan is for region ${inputs.region}, but --region says ${o.region}`);
  const aws: Aws = await import('../aws/index.js');
  const clients = createPacedClients(aws, { ...o, region: inputs.region }, io);
  const accountId = await aws.lookupAccount(clients.sts, o.profile ?? (io.env.AWS_PROFILE || undefined));
  if (inputs.accountId && inputs.accountId !== accountId)
    throw new UnsafePlanError(`the plan was made for account ${inputs.accountId}, but the credentials are for account ${accountId}; refusing to apply it`);
  // Exactly the roots the plan touches, by name: nothing is listed and the tag index is not asked (an
  // empty `discovered` means "these names and no others").
  const roots = rootsOf(reviewed.changes);
  const named = (kind: string) => new Set([...roots].map(splitKey).filter((k) => k.kind === kind).map((k) => k.id));
  const t0 = performance.now();
  const at = { region: inputs.region, accountId, concurrency: o.concurrency };
  const live = await readLive(
    liveReaders(aws, clients, at),
    {
      configurationSets: { stack: inputs.stack, configurationSets: named('configurationSet'), discovered: new Set() },
      alarms: { stack: inputs.stack, names: named('alarm'), discovered: new Map() },
      topics: { stack: inputs.stack, names: named('topic'), discovered: new Map() },
      dashboards: { names: named('dashboard') },
      tenants: { stack: inputs.stack, names: named('tenant'), discovered: new Map() },
      standIns: [],
    },
  );
  const held = await setTenants(aws, clients, at, deletedSets(reviewed), live.state);
  logRead(io.log.child({ stack: inputs.stack, region: inputs.region }), clients, sumCalls([live.calls, held.calls]), t0);
  const fresh = underRoots(held.state, roots);
  if (liveText(fresh) !== liveText(inputs.live))
    throw new StalePlanError(`${o.planFile} is stale: resources it changes were changed since the plan was made; run plan again`);
  const plan = replan(inputs, fresh, { adopt: o.adopt, allowDeletes: o.allowDeletes, ...(o.maxDeletes !== undefined ? { maxDeletes: o.maxDeletes } : {}) });
  const drift = plan.refused ? undefined : sameCalls(reviewed, plan);
  if (drift !== undefined) throw new UnsafePlanError(`${o.planFile}: the plan made now differs from the reviewed one (${drift}); run plan again`);
  return { plan, live: held.state, runner: stepRunner(aws, clients, at, live.arns, io.env), calls: sumCalls([live.calls, held.calls]), inFlight: () => clients.stats.inFlight };
}
