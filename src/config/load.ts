/**
 * The only file of config/ that touches the file system: reads one YAML file, or every `*.yaml` /
 * `*.yml` directly inside a directory (sorted by name, so merges and messages are deterministic), and
 * the JSON Schema shipped beside the code.
 *
 * Every file a user names (each configuration file, and the plan file of `apply PLANFILE`) is read by
 * `readBoundedText`, which reads a regular file and nothing else, and never more than a limit:
 * - `-c /dev/zero` would read without end, and a FIFO with no writer blocks `open()` for ever. So the path
 *   is stat'ed first and only a regular file is opened; it is opened with O_NONBLOCK (a FIFO swapped in
 *   after the stat still opens at once) and the descriptor is fstat'ed again: what is read is what the
 *   descriptor is, whatever the path became in between.
 * - The size fstat gives is checked before reading, and the count of bytes read while reading, in chunks:
 *   a file that grows under us, or a /proc-like file that stats as 0 bytes, stops at the limit + 1 byte.
 * - Every failure of the file system (ENOENT, EACCES, ENOTDIR, ELOOP, EMFILE ...) is a typed failure the
 *   caller turns into a diagnostic naming the path (exit 3), never an exception.
 */
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
  type Stats,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../model/diagnostic.js';

/**
 * The default limit of one configuration file (`--max-file-size` changes it): far above a hand-written
 * file, a guard against feeding the parser something else entirely. A file of 10,000 configuration sets
 * (SES's quota per Region) is about 2 MiB: it is split over a directory, or the limit raised.
 */
export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * The largest limit `--max-file-size` takes: below V8's longest string (just under 512 Mi characters;
 * longer text fails with ERR_STRING_TOO_LONG), with room to spare for the parser.
 */
export const LARGEST_FILE_LIMIT = 256 * 1024 * 1024;

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

/** Why a file was not read; `describeReadFailure` words it. */
export type ReadFailure =
  /** A directory, FIFO, socket or device: refused before anything is read from it. */
  | { readonly kind: 'not-regular'; readonly what: string }
  /** `exact`: `bytes` is the file's size; otherwise reading stopped after `bytes`, over the limit. */
  | { readonly kind: 'too-large'; readonly bytes: number; readonly exact: boolean; readonly limit: number }
  /** What the file system said: the errno code (ENOENT, EACCES ...) and its words. */
  | { readonly kind: 'fs-error'; readonly code: string; readonly words: string };

export type BoundedText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly failure: ReadFailure };

const CHUNK_BYTES = 64 * 1024;
// O_NONBLOCK and O_NOCTTY are not defined on Windows; there the stat before opening is what keeps pipes and devices out.
const OPEN_FLAGS = constants.O_RDONLY | ((constants as Partial<typeof constants>).O_NONBLOCK ?? 0) | ((constants as Partial<typeof constants>).O_NOCTTY ?? 0);

/** The UTF-8 text of the regular file at `path`, if it has at most `limitBytes` bytes. Never throws, never blocks. */
export function readBoundedText(path: string, limitBytes: number): BoundedText {
  const refuse = (failure: ReadFailure): BoundedText => ({ ok: false, failure });
  let fd: number | undefined;
  try {
    // Before opening: opening a device can have effects of its own (a tape rewinds, a terminal becomes ours).
    const named = statSync(path);
    if (!named.isFile()) return refuse({ kind: 'not-regular', what: fileKind(named) });
    fd = openSync(path, OPEN_FLAGS);
    const opened = fstatSync(fd);
    if (!opened.isFile()) return refuse({ kind: 'not-regular', what: fileKind(opened) });
    if (opened.size > limitBytes) return refuse({ kind: 'too-large', bytes: opened.size, exact: true, limit: limitBytes });
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // At most one byte past the limit: enough to know it is passed.
      const want = Math.min(CHUNK_BYTES, limitBytes + 1 - total);
      const chunk = Buffer.allocUnsafe(want);
      const n = readSync(fd, chunk, 0, want, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > limitBytes) return refuse({ kind: 'too-large', bytes: total, exact: false, limit: limitBytes });
    }
    return { ok: true, text: Buffer.concat(chunks, total).toString('utf8') };
  } catch (err) {
    return refuse(fsFailure(err));
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Nothing was written; a failed close of a descriptor opened for reading loses nothing.
  }
}

function fileKind(s: Stats): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a FIFO';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  return 'something else';
}

/** The words of errno codes a path can give (open(2), stat(2), getdents(2)); others keep Node's message. */
const ERRNO_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'it is a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files in this process',
  ENFILE: 'too many open files in the system',
  EIO: 'input/output error',
  ENXIO: 'no such device or address',
  EAGAIN: 'reading it would block',
  ENOMEM: 'out of memory',
};

function fsFailure(err: unknown): ReadFailure {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  return { kind: 'fs-error', code, words: ERRNO_WORDS[code] ?? (err as Error).message };
}

const KIB = 1024;
const MIB = 1024 * KIB;

/** A size as the --max-file-size flag takes it: `4MiB`, `512KiB`, or bytes. */
export function formatByteSize(bytes: number): string {
  if (bytes % MIB === 0) return `${bytes / MIB}MiB`;
  if (bytes % KIB === 0) return `${bytes / KIB}KiB`;
  return String(bytes);
}

function sizeWords(bytes: number): string {
  return bytes >= MIB ? `${bytes} bytes (${(bytes / MIB).toFixed(1)} MiB)` : bytes >= KIB ? `${bytes} bytes (${(bytes / KIB).toFixed(1)} KiB)` : `${bytes} bytes`;
}

function limitWords(bytes: number): string {
  return bytes % KIB === 0 ? formatByteSize(bytes) : `${bytes} bytes`;
}

/** What the failure is, naming the path. */
export function describeReadFailure(path: string, f: ReadFailure): string {
  switch (f.kind) {
    case 'not-regular':
      return `${path} is ${f.what}, not a regular file`;
    case 'too-large':
      return f.exact
        ? `${path} is ${sizeWords(f.bytes)}; the limit is ${limitWords(f.limit)}`
        : `${path} is larger than the limit of ${limitWords(f.limit)}: reading stopped after ${sizeWords(f.bytes)}`;
    case 'fs-error':
      return `cannot read ${path}: ${f.words} (${f.code})`;
  }
}

/**
 * A --max-file-size that would let the file through: the smallest power-of-two MiB at least the size (or,
 * when the size is not known because reading stopped, at least twice the limit). Undefined when that is
 * more than the flag takes.
 */
export function largerLimit(f: Extract<ReadFailure, { kind: 'too-large' }>): string | undefined {
  const need = f.exact ? f.bytes : Math.max(f.bytes, 2 * f.limit);
  let limit = MIB;
  while (limit < need || limit <= f.limit) limit *= 2;
  return limit <= LARGEST_FILE_LIMIT ? formatByteSize(limit) : undefined;
}

/** What to do about a failure to read a configuration file (the diagnostic's hint). */
function configHint(f: ReadFailure, inDirectory: boolean): string {
  switch (f.kind) {
    case 'not-regular':
      return inDirectory
        ? 'only regular *.yaml / *.yml files are read from a -c directory: move or rename this entry'
        : 'pass -c a regular YAML file or a directory of them (a pipe or device could block or never end)';
    case 'too-large': {
      const larger = largerLimit(f);
      return `split the configuration into several files of a directory${larger ? `, or raise the limit with --max-file-size ${larger}` : ''}`;
    }
    case 'fs-error':
      switch (f.code) {
        case 'ENOENT':
          return inDirectory
            ? 'check the file exists (a symbolic link whose target is gone reads as missing)'
            : 'pass -c with a YAML file or a directory of *.yaml files (default ./ses-reconcile.yaml)';
        case 'EACCES':
        case 'EPERM':
          return 'make it readable by the user running ses-reconcile';
        case 'ENOTDIR':
          return 'a part of the path is a file: check the path given to -c';
        case 'ELOOP':
          return 'check the symbolic links along the path: one points back to itself';
        case 'EMFILE':
        case 'ENFILE':
          return 'too many files are open: raise the limit (ulimit -n) or close other programs, then run again';
        default:
          return 'check the path exists and is readable';
      }
  }
}

/**
 * The text of every configuration file under `path`, each at most `limitBytes`. Failures are diagnostics
 * (code `config-path`), one per file, and the files that could be read are still returned.
 */
export function readConfigSources(path: string, limitBytes = MAX_FILE_BYTES): ReadResult {
  const problem = (file: string, message: string, hint: string): Diagnostic => ({
    severity: 'error',
    code: 'config-path',
    message,
    path: '',
    pos: { file, line: 1, col: 1 },
    hint,
  });
  const failed = (f: ReadFailure): ReadResult => ({ sources: [], diagnostics: [problem(path, describeReadFailure(path, f), configHint(f, false))] });
  let files: string[];
  try {
    files = statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((n) => /\.ya?ml$/.test(n))
          .sort()
          .map((n) => join(path, n))
      : [path];
  } catch (err) {
    return failed(fsFailure(err));
  }
  if (files.length === 0) return { sources: [], diagnostics: [problem(path, `${path} has no *.yaml or *.yml files`, 'put the configuration in ses-reconcile.yaml, or point -c at a file')] };

  const sources: SourceText[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const read = readBoundedText(file, limitBytes);
    if (read.ok) sources.push({ file, text: read.text });
    else diagnostics.push(problem(file, describeReadFailure(file, read.failure), configHint(read.failure, file !== path)));
  }
  return { sources, diagnostics };
}
