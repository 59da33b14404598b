/**
 * The only file of config/ that touches the file system: reads one YAML file, or every `*.yaml` /
 * `*.yml` directly inside a directory (sorted by name, so merges and messages are deterministic), and
 * the JSON Schema shipped beside the code.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../model/diagnostic.js';

/** Far above a real configuration; a guard against feeding the parser something else entirely. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface SourceText {
  readonly file: string;
  readonly text: string;
}

export interface ReadResult {
  readonly sources: readonly SourceText[];
  readonly diagnostics: readonly Diagnostic[];
}

const SCHEMA_URL = new URL('../../schema/ses-reconcile.schema.json', import.meta.url);

export function readSchemaText(): string {
  return readFileSync(SCHEMA_URL, 'utf8');
}

/** Written by `npm run build` (scripts/build-validator.mjs) beside the compiled loader. */
export const PRECOMPILED_VALIDATOR_URL = new URL('./schema-validator.cjs', import.meta.url);

/**
 * The schema validator ajv generated at build time, when the build made one: compiling the schema at
 * start-up costs ~60 ms of validate's 300 ms budget. Running from sources (tests), there is none and
 * the caller compiles at run time; the result is the same function.
 */
export function loadPrecompiledValidator(): unknown {
  if (!existsSync(PRECOMPILED_VALIDATOR_URL)) return undefined;
  return createRequire(import.meta.url)(fileURLToPath(PRECOMPILED_VALIDATOR_URL)) as unknown;
}

export function readConfigSources(path: string): ReadResult {
  const problem = (message: string, hint: string): ReadResult => ({
    sources: [],
    diagnostics: [{ severity: 'error', code: 'config-path', message, path: '', pos: { file: path, line: 1, col: 1 }, hint }],
  });
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    return problem(`cannot read ${path}: no such file or directory`, 'pass -c with a YAML file or a directory of *.yaml files (default ./ses-reconcile.yaml)');
  }
  const files = isDir
    ? readdirSync(path)
        .filter((n) => /\.ya?ml$/.test(n))
        .sort()
        .map((n) => join(path, n))
    : [path];
  if (files.length === 0) return problem(`${path} has no *.yaml or *.yml files`, 'put the configuration in ses-reconcile.yaml, or point -c at a file');

  const sources: SourceText[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    try {
      const buf = readFileSync(file);
      if (buf.length > MAX_FILE_BYTES) {
        diagnostics.push({
          severity: 'error',
          code: 'config-path',
          message: `${file} is ${buf.length} bytes; the limit is ${MAX_FILE_BYTES}`,
          path: '',
          pos: { file, line: 1, col: 1 },
          hint: 'split the configuration into several files of a directory',
        });
        continue;
      }
      sources.push({ file, text: buf.toString('utf8') });
    } catch (err) {
      diagnostics.push({
        severity: 'error',
        code: 'config-path',
        message: `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        path: '',
        pos: { file, line: 1, col: 1 },
        hint: 'check the file exists and is readable',
      });
    }
  }
  return { sources, diagnostics };
}
