/**
 * argv -> readonly options. Flags are SPEC 2's; a wrong flag is a UsageError (exit 3, nothing called).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';

export const COMMANDS = ['validate', 'schema'] as const;
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
}

export type Invocation =
  | { readonly command: 'help'; readonly text: string }
  | { readonly command: 'version' }
  | { readonly command: 'validate'; readonly options: ValidateOptions }
  | { readonly command: 'schema'; readonly options: CommonOptions };

export const USAGE = `ses-reconcile: Amazon SES v2 sending observability as code

Usage:
  ses-reconcile validate [-c PATH] [--strict] [--format text|json]   schema + semantic rules; no AWS access
  ses-reconcile schema                                               print the JSON Schema of the file format

Options:
  -c, --config PATH     a YAML file, or a directory whose *.yaml/*.yml files are merged
                        (default ./ses-reconcile.yaml)
  --strict              treat warnings as errors
  --format FORMAT       text (default) or json
  --no-color            no colour (also NO_COLOR, or when stdout is not a terminal)
  --region, --profile, --endpoint-url, --log-level   accepted by every command (used by AWS commands)
  -h, --help            this text
  --version             the version

Exit codes: 0 ok, 1 runtime failure, 2 plan has changes (--detailed-exitcode), 3 invalid configuration
or command line (nothing was called), 4 refused for safety.
`;

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
    command === 'validate' ? { strict: { type: 'boolean' }, format: { type: 'string' } } : {};
  const { values, positionals } = parse(rest, extra);
  if (values.help) return { command: 'help', text: USAGE };
  if (positionals.length > 0) throw new UsageError(`${command} takes no argument "${positionals[0]}"; use -c PATH for the configuration`);
  if (command === 'schema') return { command, options: common(values) };
  const format = (values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format ${format} is not supported by validate; use text or json`);
  return { command, options: { ...common(values), strict: values.strict === true, format } };
}
