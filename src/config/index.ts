/**
 * loadDesired(path): file(s) -> {desired, diagnostics}. The changesets parse.ts shape: read, parse,
 * schema, merge, semantic rules, normalise. Nothing here throws for bad input; every problem is a
 * Diagnostic, and `desired` is present only when there is no error.
 */
import { compareDiagnostics, hasErrors, type Diagnostic } from '../model/diagnostic.js';
import type { DesiredState } from '../model/desired.js';
import { loadPrecompiledValidator, readConfigSources, readSchemaText, type SourceText } from './load.js';
export { describeReadFailure, LARGEST_FILE_LIMIT, largerLimit, MAX_FILE_BYTES, readBoundedText, type BoundedText, type ReadFailure } from './load.js';
import { mergeDocuments, type FileDocument } from './merge.js';
import { normalize } from './normalize.js';
import { parseYaml } from './parse.js';
import { rules } from './rules/index.js';
import type { Finding, RuleContext } from './rules/rule.js';
import { createSchemaValidator, schemaValidatorOf, type SchemaValidator } from './schema.js';
import type { ValidateFunction } from 'ajv';
import { dottedPath, pointerOf, positionOf } from './source-map.js';
import type { WrittenConfig } from './written.js';
import { planTimeValues } from './plan-time.js';
import { NO_PLAN_TIME_VALUES, type PlanTimeValues } from '../model/preflight.js';

export interface LoadOptions {
  /** Warnings become errors. @default false */
  readonly strict?: boolean;
  /** The largest configuration file read, in bytes (`--max-file-size`). @default MAX_FILE_BYTES (1 MiB) */
  readonly maxFileBytes?: number;
  /**
   * The environment, passed by apply: every `${env:NAME}` password of an SNS endpoint must be set there
   * (rules/endpoint-credentials.ts). Only checked, never copied: the desired state keeps the reference.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface LoadResult {
  readonly desired?: DesiredState;
  /** Sorted by file, line, column. */
  readonly diagnostics: readonly Diagnostic[];
  readonly files: readonly string[];
  /** The values plan checks against the account before any write (plan/preflight.ts), with their positions. */
  readonly planTime: PlanTimeValues;
}

let validator: SchemaValidator | undefined;
function schemaValidator(): SchemaValidator {
  if (!validator) {
    const precompiled = loadPrecompiledValidator() as { default?: ValidateFunction } | undefined;
    validator = precompiled?.default
      ? schemaValidatorOf(precompiled.default)
      : createSchemaValidator(JSON.parse(readSchemaText()) as object);
  }
  return validator;
}

export function loadDesired(path: string, options: LoadOptions = {}): LoadResult {
  const read = readConfigSources(path, options.maxFileBytes);
  return desiredFromSources(read.sources, options, read.diagnostics, path);
}

/** Everything after reading the files: pure, so tests can feed it any text. */
export function desiredFromSources(
  sources: readonly SourceText[],
  options: LoadOptions = {},
  readDiagnostics: readonly Diagnostic[] = [],
  path = sources[0]?.file ?? '.',
): LoadResult {
  const diagnostics: Diagnostic[] = [...readDiagnostics];
  const docs: FileDocument[] = [];
  for (const src of sources) {
    const parsed = parseYaml(src.file, src.text);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.value === undefined && parsed.diagnostics.length > 0) continue;
    if (parsed.value === undefined || parsed.value === null) {
      diagnostics.push({
        severity: 'error',
        code: 'schema',
        message: 'the file is empty',
        path: '',
        pos: { file: src.file, line: 1, col: 1 },
        hint: 'start with: version: 1 and stack: <name>',
      });
      continue;
    }
    const schema = schemaValidator()(parsed.value, src.file, parsed.sourceMap);
    diagnostics.push(...schema.diagnostics);
    docs.push({ file: src.file, value: parsed.value, sourceMap: parsed.sourceMap, invalid: schema.invalid });
  }

  const merged = mergeDocuments(docs);
  let planTime: PlanTimeValues = NO_PLAN_TIME_VALUES;
  diagnostics.push(...merged.diagnostics);
  if (merged.value) {
    const config = merged.value as unknown as WrittenConfig;
    const fallback = sources[0]?.file ?? path;
    planTime = planTimeValues(config, merged.sourceMap, fallback);
    for (const rule of rules) {
      const ctx: RuleContext = {
        config,
        declared: merged.declared,
        ...(options.env ? { env: options.env } : {}),
        report: (f: Finding) => diagnostics.push(toDiagnostic(rule.code, f, merged.sourceMap, fallback)),
      };
      try {
        rule.check(ctx);
      } catch (err) {
        // A rule that trips over data the schema let through is a bug; report it without losing the rest.
        diagnostics.push({
          severity: 'error',
          code: rule.code,
          message: `internal error in rule ${rule.code}: ${(err as Error).message} (this is a bug, please report it)`,
          path: '',
          pos: { file: fallback, line: 1, col: 1 },
        });
      }
    }
  }

  const final = (options.strict ? diagnostics.map(strictly) : diagnostics).sort(compareDiagnostics);
  const ok = !hasErrors(final) && merged.value !== undefined;
  return {
    ...(ok ? { desired: normalize(merged.value as unknown as WrittenConfig) } : {}),
    diagnostics: final,
    files: sources.map((s) => s.file),
    planTime,
  };
}

function strictly(d: Diagnostic): Diagnostic {
  return d.severity === 'warning' ? { ...d, severity: 'error', message: `${d.message} (warning, an error under --strict)` } : d;
}

function toDiagnostic(code: string, f: Finding, sourceMap: Parameters<typeof positionOf>[0], fallbackFile: string): Diagnostic {
  const segments = f.at.map(String);
  return {
    severity: f.severity,
    code,
    message: f.message,
    path: dottedPath(segments),
    pos: positionOf(sourceMap, pointerOf(segments), f.prefer ?? 'value') ?? { file: fallbackFile, line: 1, col: 1 },
    ...(f.hint ? { hint: f.hint } : {}),
  };
}
