/**
 * argv -> readonly options. The flags are those of docs/architecture.md, "Commands and exit codes"; a wrong flag is a UsageError (exit 3, nothing called).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';
import { LARGEST_FILE_LIMIT } from '../config/load.js';

export const COMMANDS = ['validate', 'plan', 'apply', 'export', 'status', 'iam-policy', 'schema', 'emulator'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CommonOptions {
  /** @default './ses-reconcile.yaml' */
  readonly config: string;
  /** @default false (NO_COLOR or a non-TTY stdout also turn colour off) */
  readonly noColor: boolean;
  readonly region?: string;
  readonly profile?: string;
  readonly endpointUrl?: string;
  /** @default 'warn' */
  readonly logLevel: string;
}

export interface ValidateOptions extends CommonOptions {
  /** @default false */
  readonly strict: boolean;
  /** @default 'text' */
  readonly format: 'text' | 'json';
  /** `--max-file-size`: the largest configuration file read, in bytes. @default 1 MiB (config/load.ts MAX_FILE_BYTES) */
  readonly maxFileBytes?: number;
}

export interface ReconcileOptions extends CommonOptions {
  /** Limit the run to these resources (ids as the plan shows them) and what they depend on. */
  readonly targets: readonly string[];
  /** Changes applied at once within a wave. @default 4 */
  readonly concurrency: number;
  /** @default false */
  readonly allowDeletes: boolean;
  readonly maxDeletes?: number;
  /** @default false */
  readonly adopt: boolean;
  /** How the stack's resources are found (docs/architecture.md, "Commands and exit codes", "Ownership and deletes"). @default 'tags' (scan when the tag index is denied) */
  readonly discovery: 'tags' | 'scan';
  /** `changed`: read in full only what the file changed since the last apply (docs/architecture.md, "Commands and exit codes"). @default 'all' */
  readonly refresh: 'all' | 'changed';
  /** `--max-rate`, in order: raise or lower a service's (or one operation's) request rate. @default [] */
  readonly maxRates: readonly RateOverride[];
  /**
   * `--max-file-size`: the largest file read, in bytes: each configuration file, or the plan file of
   * `apply PLANFILE`. @default 1 MiB for a configuration file, 256 MiB for a plan file (cli/reconcile.ts)
   */
  readonly maxFileBytes?: number;
}

/** One `--max-rate SERVICE=N` or `SERVICE:Operation=N`: requests per second (aws/pacing/rates.ts). */
export interface RateOverride {
  readonly service: 'sesv2' | 'cloudwatch' | 'sns' | 'tagging';
  readonly operation?: string;
  readonly perSecond: number;
}

export interface PlanCliOptions extends ReconcileOptions {
  /** @default 'text' */
  readonly format: 'text' | 'markdown' | 'json';
  readonly out?: string;
  /** @default false */
  readonly detailedExitcode: boolean;
}

export interface ApplyCliOptions extends ReconcileOptions {
  /** @default false */
  readonly autoApprove: boolean;
  /** A saved plan to apply instead of planning from -c. */
  readonly planFile?: string;
}

export interface StatusCliOptions extends CommonOptions {
  /** The window, seconds, ending now. @default 86400 (24h) */
  readonly sinceSeconds: number;
  /** @default text */
  readonly format: 'text' | 'markdown' | 'json';
  /** @default 4 */
  readonly concurrency: number;
  /** @default [] */
  readonly maxRates: readonly RateOverride[];
}

export interface IamPolicyOptions extends CommonOptions {
  /** Which command's calls the policy grants. @default plan (read-only) */
  readonly for: 'plan' | 'apply' | 'status';
  /** `scan` adds the listings `--discovery scan` makes. @default tags */
  readonly discovery: 'tags' | 'scan';
  /** The account the ARNs name when the file has no `accountId:`. @default `*` */
  readonly accountId?: string;
  /** `github`: print the trust policy of a role GitHub Actions assumes with OIDC instead. */
  readonly trust?: 'github';
  /** `OWNER/REPO`, with --trust github. */
  readonly repo?: string;
  /** The GitHub environment the apply role is for. @default production */
  readonly environment?: string;
  /** The branch the plan role's scheduled drift check runs on. @default main */
  readonly branch?: string;
}

export interface ExportCliOptions extends CommonOptions {
  /** The stack the file is for. @default the one stack tag on what is exported (an error when none or several) */
  readonly stack?: string;
  /** `--select GLOB`, repeatable: only configuration sets whose names match (`*` any run, `?` one character). @default every set */
  readonly select: readonly string[];
  /** A file, or a directory (an existing one, or a path ending in `/`): one file per set. @default stdout */
  readonly out?: string;
  /** @default 4 */
  readonly concurrency: number;
  /** @default [] */
  readonly maxRates: readonly RateOverride[];
}

export interface EmulatorCliOptions extends CommonOptions {
  /** @default 4599 */
  readonly port: number;
  /** @default '127.0.0.1' */
  readonly host: string;
  /** Added to every call. @default 0 */
  readonly latencyMs: number;
  /** `sesv2=1` -> { sesv2: 1 } requests per second; keys are services or `service:Operation`. */
  readonly rateLimit: Readonly<Record<string, number>>;
  /** `--rate-limit aws`: AWS's documented rates first, `rateLimit` on top. @default false */
  readonly awsRates: boolean;
  /** `PutMetricAlarm` or `PutMetricAlarm=Throttling`: operations that fail. */
  readonly failOperations: readonly { readonly operation: string; readonly code?: string }[];
  readonly failNthCall?: number;
  /** The account's verified identities. undefined: the emulator's default account (`example.com`). */
  readonly verifiedDomains?: readonly string[];
  /** The account's dedicated IP pools. undefined: the emulator's default (`shared`). */
  readonly sendingPools?: readonly string[];
}

export type Invocation =
  | { readonly command: 'help'; readonly text: string }
  | { readonly command: 'version' }
  | { readonly command: 'validate'; readonly options: ValidateOptions }
  | { readonly command: 'schema'; readonly options: CommonOptions }
  | { readonly command: 'emulator'; readonly options: EmulatorCliOptions }
  | { readonly command: 'plan'; readonly options: PlanCliOptions }
  | { readonly command: 'apply'; readonly options: ApplyCliOptions }
  | { readonly command: 'export'; readonly options: ExportCliOptions }
  | { readonly command: 'iam-policy'; readonly options: IamPolicyOptions }
  | { readonly command: 'status'; readonly options: StatusCliOptions };

/** Each option's help, once: the global page and each command's page are made from these. */
interface OptionHelp {
  /** The long flags it documents (without --). */
  readonly flags: readonly string[];
  readonly text: string;
}

const OPTIONS: readonly OptionHelp[] = [
  { flags: ["config"], text: "  -c, --config PATH     a YAML file, or a directory whose *.yaml/*.yml files are merged\n                        (default ./ses-reconcile.yaml)" },
  { flags: ["max-file-size"], text: "  --max-file-size SIZE  refuse a configuration file larger than SIZE, in bytes, KiB or MiB, e.g. 4MiB\n                        (default 1MiB per file; split a larger configuration over a -c directory, or raise\n                        this); for apply PLANFILE, the largest plan file (default 256MiB)" },
  { flags: ["strict"], text: "  --strict              treat warnings as errors (validate)" },
  { flags: ["format"], text: "  --format FORMAT       text (default), json; markdown for plan" },
  { flags: ["detailed-exitcode"], text: "  --detailed-exitcode   plan: exit 2 when there are changes, 0 when none" },
  { flags: ["auto-approve"], text: "  --auto-approve        apply without asking (required when stdin is not a terminal)" },
  { flags: ["allow-deletes"], text: "  --allow-deletes       allow deleting resources this stack owns and the file no longer names" },
  { flags: ["max-deletes"], text: "  --max-deletes N       refuse a plan that deletes more than N resources" },
  { flags: ["adopt"], text: "  --adopt               take over resources with the file's names that carry no stack tag" },
  { flags: ["target"], text: "  --target ID           limit the run to this resource (repeatable), e.g. prod or prod/cloudwatch" },
  { flags: ["concurrency"], text: "  --concurrency N       changes applied at once (default 4)" },
  { flags: ["refresh"], text: "  --refresh all|changed  changed: read in full only what the file changed since the last apply (PR plans\n                        in big accounts; drift elsewhere is not looked for). Default all" },
  { flags: ["discovery"], text: "  --discovery tags|scan  how the stack's resources are found: the tag index (default) or listing the\n                        account (when policies deny tag:GetResources; chosen automatically on AccessDenied)" },
  { flags: ["max-rate"], text: "  --max-rate SVC=N      requests per second for sesv2, cloudwatch, sns or tagging (repeatable; also\n                        SVC:Operation=N). Defaults: AWS's documented rates (SESv2 1/s)" },
  { flags: ["stack"], text: "  --stack NAME          export: the stack the file is for (default: the one stack tag found)" },
  { flags: ["select"], text: "  --select GLOB         export: only configuration sets whose names match, e.g. 'prod-*' (repeatable)" },
  { flags: ["out"], text: "  -o, --out PATH        plan: save the plan to PATH; apply PATH runs exactly it, or refuses it when stale\n                        export: write to a file, or a directory (one file per configuration set)" },
  { flags: ["PLANFILE"], text: "  PLANFILE              apply: a plan saved by plan --out, applied without asking (it was the review)" },
  { flags: ["since"], text: "  --since DURATION      status: the window ending now, e.g. 24h (default), 7d, 90m" },
  { flags: ["for"], text: "  --for plan|apply|status  iam-policy: the calls of plan (read-only, the default), of apply, or of status" },
  { flags: ["account-id"], text: "  --account-id ID       iam-policy: the account the ARNs name when the file has no accountId: (else *)" },
  { flags: ["trust"], text: "  --trust github        iam-policy: print the trust policy of the role a GitHub Actions workflow assumes\n                        (OIDC), with --repo OWNER/REPO, --account-id ID, and --environment NAME (apply,\n                        default production) or --branch NAME (plan's scheduled drift check, default main)" },
  { flags: ["no-color"], text: "  --no-color            no colour (also NO_COLOR, or when stdout is not a terminal)" },
  { flags: ["region", "profile", "endpoint-url"], text: "  --region R, --profile P, --endpoint-url URL   AWS settings (the SDK's AWS_* variables work too)" },
  { flags: ["log-level"], text: "  --log-level LEVEL     structured logs on stderr: error, warn (default), info, debug" },
];

const EMULATOR_OPTIONS: readonly OptionHelp[] = [
  { flags: ["port"], text: "  --port N              port to listen on (default 4599; 0 = any free port)" },
  { flags: ["host"], text: "  --host HOST           address to bind (default 127.0.0.1)" },
  { flags: ["latency"], text: "  --latency MS          delay every call" },
  { flags: ["rate-limit"], text: "  --rate-limit SVC=N    requests per second for sesv2, cloudwatch, sns or tagging (or SVC:Operation=N),\n                        answered beyond with the service's throttling error (repeatable; real SES\n                        allows 1); --rate-limit aws: AWS's documented rates" },
  { flags: ["fail-operation"], text: "  --fail-operation OP[=CODE]   make an operation fail (repeatable), e.g. PutMetricAlarm=InternalFailure" },
  { flags: ["fail-nth"], text: "  --fail-nth N          make the Nth call fail once" },
  { flags: ["verified-domains"], text: "  --verified-domains D,D   SES identities the account has, verified (default: example.com)" },
  { flags: ["sending-pools"], text: "  --sending-pools P,P   dedicated IP pools the account has (default: shared)" },
];

const HEAD = "ses-reconcile: Amazon SES v2 sending observability as code\n\nUsage:\n  ses-reconcile validate [-c PATH] [--strict] [--format text|json]   schema + semantic rules; no AWS access\n                         [--max-file-size SIZE]\n  ses-reconcile plan     [-c PATH] [--out PLANFILE] [--format text|markdown|json] [--detailed-exitcode]\n                         [--refresh all|changed] [--discovery tags|scan] [--max-rate SVC=N] [--max-file-size SIZE]\n  ses-reconcile apply    [-c PATH | PLANFILE] [--auto-approve] [--allow-deletes] [--max-deletes N] [--adopt]\n                         [--refresh all|changed] [--discovery tags|scan] [--max-rate SVC=N] [--max-file-size SIZE]\n  ses-reconcile export   [--stack NAME] [--select GLOB]... [-o PATH]   the live account as a file (the way in)\n                         [--max-rate SVC=N]\n  ses-reconcile status   [-c PATH] [--since 24h|7d|DURATION] [--format text|markdown|json]\n                         [--max-rate SVC=N]   the sending-health review: rates, alarms, paused sets\n  ses-reconcile iam-policy [-c PATH] [--for plan|apply|status] [--discovery tags|scan] [--account-id ID]\n                         [--trust github --repo OWNER/REPO]   least-privilege IAM policy JSON for this file\n  ses-reconcile schema                                               print the JSON Schema of the file format\n  ses-reconcile emulator [--port N]                                  local SESv2/CloudWatch/SNS endpoint (sandbox)\n";

const TAIL = "  -h, --help            this text\n  --version             the version\n\nExit codes: 0 ok, 1 runtime failure, 2 plan has changes (--detailed-exitcode), 3 invalid configuration\nor command line (nothing was called), 4 refused for safety, 130 / 143 apply interrupted by SIGINT / SIGTERM.\n";

/** What each command's own page (`ses-reconcile COMMAND --help`) says beyond its usage lines. */
const COMMAND_HELP: Readonly<Record<Command, { readonly about: string; readonly flags: readonly string[]; readonly example: string }>> = {
  validate: {
    about: 'Checks the file against the schema and SES\'s rules; no AWS call. Exit 0 valid, 3 invalid.',
    flags: ['config', 'max-file-size', 'strict', 'format', 'no-color'],
    example: 'ses-reconcile validate -c ses-reconcile.yaml --format json',
  },
  plan: {
    about: 'Shows what apply would change; reads only. Exit 0 (2 with --detailed-exitcode and changes), 4 when apply with the same flags would refuse it.',
    flags: ['config', 'out', 'format', 'detailed-exitcode', 'allow-deletes', 'max-deletes', 'adopt', 'target', 'refresh', 'discovery', 'max-rate', 'max-file-size', 'concurrency', 'no-color', 'region', 'log-level'],
    example: 'ses-reconcile plan -c ses-reconcile.yaml --out review.plan --format markdown',
  },
  apply: {
    about: 'Makes the changes: plans, asks for yes (or --auto-approve), runs the calls, reports. A saved PLANFILE runs exactly as reviewed.',
    flags: ['config', 'PLANFILE', 'auto-approve', 'allow-deletes', 'max-deletes', 'adopt', 'target', 'concurrency', 'refresh', 'discovery', 'max-rate', 'max-file-size', 'no-color', 'region', 'log-level'],
    example: 'ses-reconcile apply review.plan',
  },
  export: {
    about: 'Writes the live account as a file that validates and that plan reads as No changes. once owned (apply --adopt).',
    flags: ['stack', 'select', 'out', 'concurrency', 'max-rate', 'region', 'log-level'],
    example: "ses-reconcile export --stack mail --select 'prod-*' -o ses-reconcile.yaml",
  },
  status: {
    about: 'The sending-health review of the file\'s configuration sets over --since: sends, deliveries, bounces, complaints, rejects, opens, clicks; bounce and complaint rates against the alarm thresholds and SES\'s review levels (5% / 0.1%); the account\'s reputation; the stack\'s alarms; paused sets. Reads only. Exit 0 healthy, 2 a rate over its threshold or an alarm in ALARM.',
    flags: ['config', 'since', 'format', 'max-rate', 'concurrency', 'no-color', 'region', 'log-level'],
    example: 'ses-reconcile status -c ses-reconcile.yaml --since 7d --format markdown',
  },
  'iam-policy': {
    about: 'Prints the IAM policy that grants exactly the calls plan (--for plan) or apply (--for apply) make for this file, resources scoped to its ARNs and to what the stack owns (its tag); * only where AWS requires it. No AWS call.',
    flags: ['config', 'for', 'discovery', 'account-id', 'region', 'trust'],
    example: 'ses-reconcile iam-policy -c ses-reconcile.yaml --for apply > apply-policy.json',
  },
  schema: { about: 'Prints the JSON Schema of the file format, byte for byte.', flags: [], example: 'ses-reconcile schema > ses-reconcile.schema.json' },
  emulator: {
    about: 'Serves SESv2, CloudWatch, SNS, STS and the tagging API locally until interrupted (the sandbox).',
    flags: ['port', 'host', 'latency', 'rate-limit', 'fail-operation', 'fail-nth', 'verified-domains', 'sending-pools', 'log-level'],
    example: 'ses-reconcile emulator --port 4599 --rate-limit aws',
  },
};

/** `ses-reconcile COMMAND --help`: its usage lines, what it does, every flag it takes, an example. */
export function commandHelp(command: Command): string {
  const lines = HEAD.split('\n');
  const first = lines.findIndex((l) => l.startsWith(`  ses-reconcile ${command} `) || l === `  ses-reconcile ${command}`);
  const usage = [lines[first] as string, ...lines.slice(first + 1).filter((_, i, rest) => rest.slice(0, i + 1).every((l) => /^ {25}\S/.test(l)))];
  const h = COMMAND_HELP[command];
  const all = [...OPTIONS, ...EMULATOR_OPTIONS];
  const options = h.flags.map((f) => all.find((o) => o.flags.includes(f))?.text).filter((t): t is string => t !== undefined);
  return [`Usage:\n${usage.join('\n')}`, h.about, `Options:\n${[...new Set(options)].join('\n')}${options.length > 0 ? '\n' : ''}  -h, --help            this text`, `Example:\n  ${h.example}`, TAIL.slice(TAIL.indexOf('Exit codes'))].join('\n\n');
}

export const USAGE = `${HEAD}\nOptions:\n${OPTIONS.map((o) => o.text).join('\n')}\nEmulator options:\n${EMULATOR_OPTIONS.map((o) => o.text).join('\n')}\n\n${TAIL}`;

const COMMON: NonNullable<ParseArgsConfig['options']> = {
  config: { type: 'string', short: 'c' },
  'no-color': { type: 'boolean' },
  region: { type: 'string' },
  profile: { type: 'string' },
  'endpoint-url': { type: 'string' },
  'log-level': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

function common(values: Record<string, unknown>): CommonOptions {
  return {
    config: (values.config as string | undefined) ?? './ses-reconcile.yaml',
    noColor: values['no-color'] === true,
    region: values.region as string | undefined,
    profile: values.profile as string | undefined,
    endpointUrl: values['endpoint-url'] as string | undefined,
    logLevel: (values['log-level'] as string | undefined) ?? 'warn',
  };
}

function parse(args: string[], extra: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options: { ...COMMON, ...extra }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]}\nRun ses-reconcile --help for the options.`);
  }
}

export function parseInvocation(argv: readonly string[]): Invocation {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') return { command: 'help', text: USAGE };
  if (first === '--version' || first === '-v') return { command: 'version' };
  if (!(COMMANDS as readonly string[]).includes(first)) {
    throw new UsageError(`unknown command "${first}"; the commands are ${COMMANDS.join(', ')}. Run ses-reconcile --help.`);
  }
  const command = first as Command;
  const extra: NonNullable<ParseArgsConfig['options']> =
    command === 'validate'
      ? { strict: { type: 'boolean' }, format: { type: 'string' }, 'max-file-size': { type: 'string' } }
      : command === 'plan' || command === 'apply'
        ? {
            format: { type: 'string' },
            out: { type: 'string', short: 'o' },
            'detailed-exitcode': { type: 'boolean' },
            'auto-approve': { type: 'boolean' },
            'allow-deletes': { type: 'boolean' },
            'max-deletes': { type: 'string' },
            adopt: { type: 'boolean' },
            target: { type: 'string', multiple: true },
            concurrency: { type: 'string' },
            refresh: { type: 'string' },
            discovery: { type: 'string' },
            'max-rate': { type: 'string', multiple: true },
            'max-file-size': { type: 'string' },
          }
        : command === 'export'
        ? {
            stack: { type: 'string' },
            select: { type: 'string', multiple: true },
            out: { type: 'string', short: 'o' },
            concurrency: { type: 'string' },
            'max-rate': { type: 'string', multiple: true },
          }
        : command === 'status'
        ? {
            since: { type: 'string' },
            format: { type: 'string' },
            concurrency: { type: 'string' },
            'max-rate': { type: 'string', multiple: true },
          }
        : command === 'iam-policy'
        ? {
            for: { type: 'string' },
            discovery: { type: 'string' },
            'account-id': { type: 'string' },
            trust: { type: 'string' },
            repo: { type: 'string' },
            environment: { type: 'string' },
            branch: { type: 'string' },
          }
        : command === 'emulator'
        ? {
            port: { type: 'string' },
            host: { type: 'string' },
            latency: { type: 'string' },
            'rate-limit': { type: 'string', multiple: true },
            'fail-operation': { type: 'string', multiple: true },
            'fail-nth': { type: 'string' },
            'verified-domains': { type: 'string' },
            'sending-pools': { type: 'string' },
          }
        : {};
  const { values, positionals } = parse(rest, extra);
  if (values.help) return { command: 'help', text: commandHelp(command) };
  if (command === 'apply' && positionals.length === 1) {
    // A saved plan runs as it was made: a flag that would shape another plan cannot be honoured, so it is
    // an error rather than silently ignored.
    const shaping = PLAN_SHAPING.filter((f) => values[f] !== undefined);
    if (shaping.length > 0)
      throw new UsageError(
        `apply ${positionals[0]} runs the saved plan as it was made, so ${shaping.map((f) => `--${f}`).join(', ')} cannot change it; pass ${shaping.length === 1 ? 'it' : 'them'} to plan --out instead, or run apply -c PATH without a plan file`,
      );
    return { command, options: { ...reconcileOptions(command, values), planFile: positionals[0] as string } };
  }
  if (positionals.length > 0) throw new UsageError(`${command} takes no argument "${positionals[0]}"; use -c PATH for the configuration`);
  if (command === 'schema') return { command, options: common(values) };
  if (command === 'apply') return { command, options: reconcileOptions(command, values) };
  if (command === 'plan') {
    const format = (values.format as string | undefined) ?? 'text';
    if (format !== 'text' && format !== 'json' && format !== 'markdown')
      throw new UsageError(`--format ${format} is not supported by plan; use text, markdown or json`);
    return {
      command,
      options: {
        ...reconcileOptions(command, values),
        format,
        detailedExitcode: values['detailed-exitcode'] === true,
        ...(values.out !== undefined ? { out: values.out as string } : {}),
      },
    };
  }
  if (command === 'emulator') return { command, options: emulatorOptions(values) };
  if (command === 'export') return { command, options: exportOptions(values) };
  if (command === 'iam-policy') return { command, options: iamPolicyOptions(values) };
  if (command === 'status') return { command, options: statusOptions(values) };
  const format = (values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format ${format} is not supported by validate; use text or json`);
  const maxFileBytes = byteSize('max-file-size', values['max-file-size']);
  return { command, options: { ...common(values), strict: values.strict === true, format, ...(maxFileBytes !== undefined ? { maxFileBytes } : {}) } };
}

const BYTE_UNITS: Readonly<Record<string, number>> = { '': 1, B: 1, KiB: 1024, MiB: 1024 ** 2 };

/** `4MiB`, `512KiB`, `2097152` -> bytes; undefined when the flag is absent. */
function byteSize(flag: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\s*(B|KiB|MiB)?$/.exec(String(value).trim());
  const bytes = m ? Number(m[1]) * (BYTE_UNITS[m[2] ?? ''] as number) : Number.NaN;
  if (!(bytes >= 1 && bytes <= LARGEST_FILE_LIMIT))
    throw new UsageError(`--${flag} ${String(value)}: write a size in bytes or with a unit KiB or MiB, from 1 byte to ${LARGEST_FILE_LIMIT / 1024 ** 2}MiB (e.g. --${flag} 4MiB)`);
  return bytes;
}

/** Flags that decide what a plan contains; `apply PLANFILE` refuses them (its plan is already made). */
const PLAN_SHAPING = ['config', 'target', 'refresh', 'discovery'] as const;

function wholeNumber(flag: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${flag} takes a whole number, not "${String(value)}"`);
  return n;
}

function list(value: unknown): string[] | undefined {
  return value === undefined ? undefined : String(value).split(',').map((x) => x.trim()).filter(Boolean);
}

function emulatorOptions(values: Record<string, unknown>): EmulatorCliOptions {
  const rateLimit: Record<string, number> = {};
  let awsRates = false;
  for (const spec of (values['rate-limit'] as string[] | undefined) ?? []) {
    if (spec === 'aws') {
      awsRates = true;
      continue;
    }
    const m = /^((?:sesv2|cloudwatch|sns|tagging|sts)(?::[A-Z][A-Za-z0-9]+)?)=(\d+(?:\.\d+)?)$/.exec(spec);
    if (!m)
      throw new UsageError(
        `--rate-limit ${spec}: write SERVICE=N or SERVICE:Operation=N with SERVICE one of sesv2, cloudwatch, sns, tagging, sts (e.g. --rate-limit sesv2=1), or --rate-limit aws`,
      );
    rateLimit[m[1] as string] = Number(m[2]);
  }
  const failOperations = ((values['fail-operation'] as string[] | undefined) ?? []).map((spec) => {
    const [operation, code] = spec.split('=');
    if (!operation || !/^([a-z0-9]+:)?[A-Z][A-Za-z]+$/.test(operation))
      throw new UsageError(`--fail-operation ${spec}: write an operation name such as PutMetricAlarm or sesv2:CreateConfigurationSet`);
    return code ? { operation, code } : { operation };
  });
  const nth = values['fail-nth'] === undefined ? undefined : wholeNumber('fail-nth', values['fail-nth'], 0);
  const domains = list(values['verified-domains']);
  const pools = list(values['sending-pools']);
  return {
    ...common(values),
    port: wholeNumber('port', values.port, 4599),
    host: (values.host as string | undefined) ?? '127.0.0.1',
    latencyMs: wholeNumber('latency', values.latency, 0),
    rateLimit,
    awsRates,
    failOperations,
    ...(nth !== undefined ? { failNthCall: nth } : {}),
    ...(domains ? { verifiedDomains: domains } : {}),
    ...(pools ? { sendingPools: pools } : {}),
  };
}

const RATE_SERVICES = ['sesv2', 'cloudwatch', 'sns', 'tagging'] as const;

/** `sesv2=2` or `cloudwatch:PutMetricAlarm=10`; undefined when it does not have that form. */
export function rateOverride(spec: string): RateOverride | undefined {
  const m = /^([a-z0-9]+)(?::([A-Z][A-Za-z0-9]+))?=(\d+(?:\.\d+)?)$/.exec(spec);
  if (!m || !(RATE_SERVICES as readonly string[]).includes(m[1] as string) || !(Number(m[3]) > 0)) return undefined;
  return { service: m[1] as RateOverride['service'], ...(m[2] !== undefined ? { operation: m[2] } : {}), perSecond: Number(m[3]) };
}

function maxRatesOf(values: Record<string, unknown>): RateOverride[] {
  return ((values['max-rate'] as string[] | undefined) ?? []).map((spec) => {
    const r = rateOverride(spec);
    if (!r)
      throw new UsageError(
        `--max-rate ${spec}: write SERVICE=N or SERVICE:Operation=N, N requests per second above 0, SERVICE one of ${RATE_SERVICES.join(', ')} (e.g. --max-rate sesv2=2, --max-rate cloudwatch:PutMetricAlarm=10)`,
      );
    return r;
  });
}

const SINCE_UNITS: Readonly<Record<string, number>> = { m: 60, h: 3600, d: 86_400 };

function statusOptions(values: Record<string, unknown>): StatusCliOptions {
  const since = (values.since as string | undefined) ?? '24h';
  const m = /^(\d+)([mhd])$/.exec(since);
  const sinceSeconds = m ? Number(m[1]) * (SINCE_UNITS[m[2] as string] as number) : Number.NaN;
  // CloudWatch keeps 1-hour datapoints for 455 days (GetMetricData); a window beyond it reads nothing.
  if (!Number.isInteger(sinceSeconds) || sinceSeconds < 60 || sinceSeconds > 455 * 86_400)
    throw new UsageError(`--since ${since}: write a duration from 1m to 455d, e.g. 24h, 7d or 90m`);
  const format = (values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'markdown' && format !== 'json') throw new UsageError(`--format ${format} is not supported by status; use text, markdown or json`);
  return {
    ...common(values),
    sinceSeconds,
    format,
    concurrency: Math.max(1, wholeNumber('concurrency', values.concurrency, 4)),
    maxRates: maxRatesOf(values),
  };
}

function iamPolicyOptions(values: Record<string, unknown>): IamPolicyOptions {
  const pick = <T extends string>(flag: string, allowed: readonly T[], fallback: T): T => {
    const v = (values[flag] as string | undefined) ?? fallback;
    if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${flag} ${v}: write ${allowed.join(' or ')}`);
    return v as T;
  };
  const accountId = values['account-id'] as string | undefined;
  if (accountId !== undefined && !/^\d{12}$/.test(accountId)) throw new UsageError(`--account-id ${accountId}: an AWS account id is 12 digits, e.g. 123456789012`);
  const trust = values.trust as string | undefined;
  if (trust !== undefined && trust !== 'github') throw new UsageError(`--trust ${trust}: the one trust policy ses-reconcile writes is --trust github (GitHub Actions OIDC)`);
  const str = (k: string) => (values[k] !== undefined ? { [k]: values[k] as string } : {});
  return {
    ...common(values),
    for: pick('for', ['plan', 'apply', 'status'] as const, 'plan'),
    discovery: pick('discovery', ['tags', 'scan'] as const, 'tags'),
    ...(accountId !== undefined ? { accountId } : {}),
    ...(trust !== undefined ? { trust: 'github' as const } : {}),
    ...str('repo'),
    ...str('environment'),
    ...str('branch'),
  };
}

function exportOptions(values: Record<string, unknown>): ExportCliOptions {
  if (values.config !== undefined) throw new UsageError('export reads the account, not a file: drop -c (write the file with -o PATH)');
  const select = (values.select as string[] | undefined) ?? [];
  for (const g of select) if (!/^[A-Za-z0-9_*?-]+$/.test(g)) throw new UsageError(`--select ${g}: configuration set names use A-Z a-z 0-9 _ -; write a name or a pattern with * and ?, e.g. --select 'prod-*'`);
  const stack = values.stack as string | undefined;
  return {
    ...common(values),
    ...(stack !== undefined ? { stack } : {}),
    select,
    ...(values.out !== undefined ? { out: values.out as string } : {}),
    concurrency: Math.max(1, wholeNumber('concurrency', values.concurrency, 4)),
    maxRates: maxRatesOf(values),
  };
}

function reconcileOptions(command: 'plan' | 'apply', values: Record<string, unknown>): ApplyCliOptions {
  const only = (flag: string, cmd: 'plan' | 'apply') => {
    if (values[flag] !== undefined && command !== cmd) throw new UsageError(`--${flag} belongs to ${cmd}, not ${command}`);
  };
  only('auto-approve', 'apply');
  only('out', 'plan');
  only('detailed-exitcode', 'plan');
  if (command === 'apply' && values.format !== undefined) throw new UsageError('--format belongs to plan and validate, not apply');
  const max = values['max-deletes'] === undefined ? undefined : wholeNumber('max-deletes', values['max-deletes'], 0);
  const refresh = (values.refresh as string | undefined) ?? 'all';
  if (refresh !== 'all' && refresh !== 'changed') throw new UsageError(`--refresh ${refresh}: write --refresh all or --refresh changed`);
  const maxFileBytes = byteSize('max-file-size', values['max-file-size']);
  const discovery = (values.discovery as string | undefined) ?? 'tags';
  if (discovery !== 'tags' && discovery !== 'scan') throw new UsageError(`--discovery ${discovery}: write --discovery tags or --discovery scan`);
  const maxRates = maxRatesOf(values);
  return {
    refresh,
    discovery,
    maxRates,
    ...common(values),
    targets: (values.target as string[] | undefined) ?? [],
    concurrency: Math.max(1, wholeNumber('concurrency', values.concurrency, 4)),
    allowDeletes: values['allow-deletes'] === true,
    ...(max !== undefined ? { maxDeletes: max } : {}),
    ...(maxFileBytes !== undefined ? { maxFileBytes } : {}),
    adopt: values.adopt === true,
    autoApprove: values['auto-approve'] === true,
  };
}
