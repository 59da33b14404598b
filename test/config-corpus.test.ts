/**
 * The invalid- and warning-configuration corpus (test/fixtures/config/{bad,warn}/*.yaml), run through the
 * built CLI: `validate -c <file> --format json|text [--strict]`, by the built run() in this process
 * (helpers/cli.ts cliInProcess: the bin's code without a process per fixture); one fixture is also run
 * as the bin, to show the two answer alike. Each fixture states what it expects in its leading comments;
 * see test/fixtures/config/README.md for the convention.
 *
 * `npm test` builds dist/ first (pretest). Every CLI run is made up front, in beforeAll.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, cliInProcess, ROOT } from './helpers/cli.js';

const CORPUS = 'test/fixtures/config';

type Severity = 'error' | 'warning';

interface Expectation {
  readonly severity: Severity;
  readonly code: string;
  readonly line: number;
}

interface Fixture {
  readonly name: string;
  /** Path relative to the repository root, as passed to -c (and so as the CLI reports it). */
  readonly rel: string;
  readonly expects: readonly Expectation[];
  /** Substrings of the message of the diagnostic matching the first expectation. */
  readonly messages: readonly string[];
  /** Substrings that must not appear in that message. */
  readonly notMessages: readonly string[];
  /** Substrings of that diagnostic's hint. */
  readonly hints: readonly string[];
}

interface JsonDiagnostic {
  severity: Severity;
  code: string;
  message: string;
  path: string;
  file: string | null;
  line: number | null;
  col: number | null;
  hint: string | null;
}

interface Run {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function parseHeader(kind: 'bad' | 'warn', name: string): Fixture {
  const rel = `${CORPUS}/${kind}/${name}`;
  const expects: Expectation[] = [];
  const messages: string[] = [];
  const notMessages: string[] = [];
  const hints: string[] = [];
  for (const line of readFileSync(join(ROOT, rel), 'utf8').split(/\r?\n/)) {
    if (!line.startsWith('#')) break;
    const m = /^#\s*(expect|message|not-message|hint):\s?(.*)$/.exec(line);
    if (!m) continue;
    const [, key, value = ''] = m;
    if (key === 'expect') {
      const e = /^(error|warning)\s+(\S+)\s+(\d+)\s*$/.exec(value);
      if (!e) throw new Error(`${rel}: malformed header line: ${line}`);
      expects.push({ severity: e[1] as Severity, code: e[2] as string, line: Number(e[3]) });
    } else if (key === 'message') messages.push(value);
    else if (key === 'not-message') notMessages.push(value);
    else hints.push(value);
  }
  if (expects.length === 0) throw new Error(`${rel}: no "# expect:" line`);
  if (messages.length === 0) throw new Error(`${rel}: no "# message:" line`);
  return { name, rel, expects, messages, notMessages, hints };
}

function corpus(kind: 'bad' | 'warn'): Fixture[] {
  return readdirSync(join(ROOT, CORPUS, kind))
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((n) => parseHeader(kind, n));
}

const bad = corpus('bad');
const warn = corpus('warn');

async function run(args: readonly string[]): Promise<Run> {
  return { ...(await cliInProcess(args)), signal: null };
}

const runs = new Map<string, Run>();

beforeAll(async () => {
  const jobs = new Map<string, string[]>();
  for (const f of bad) {
    jobs.set(`json:${f.rel}`, ['validate', '-c', f.rel, '--format', 'json']);
    jobs.set(`text:${f.rel}`, ['validate', '-c', f.rel, '--format', 'text', '--no-color']);
  }
  for (const f of warn) {
    jobs.set(`json:${f.rel}`, ['validate', '-c', f.rel, '--format', 'json']);
    jobs.set(`strict:${f.rel}`, ['validate', '-c', f.rel, '--format', 'json', '--strict']);
  }
  // The fixtures' paths are relative to the repository, as a user passes them and as the CLI reports them.
  if (process.cwd() !== ROOT.replace(/\/$/, '')) throw new Error(`run the corpus from the repository root (${ROOT}), not ${process.cwd()}`);
  for (const [k, args] of jobs) runs.set(k, await run(args));
}, 120_000);

function result(mode: 'json' | 'text' | 'strict', f: Fixture): Run {
  const r = runs.get(`${mode}:${f.rel}`);
  if (!r) throw new Error(`no ${mode} run for ${f.rel}`);
  return r;
}

/** The CLI ran to completion on its own terms: an exit code of its contract, no crash, no stack trace. */
function expectNoCrash(r: Run): void {
  expect(r.signal, 'killed by a signal').toBeNull();
  expect(r.stderr, 'stderr').not.toMatch(/internal error|^\s+at .+:\d+:\d+\)?$/m);
  expect([0, 3], `exit status (stderr: ${r.stderr.slice(0, 400)})`).toContain(r.status);
}

function diagnosticsOf(r: Run): JsonDiagnostic[] {
  let parsed: { diagnostics?: JsonDiagnostic[] };
  try {
    parsed = JSON.parse(r.stdout) as { diagnostics?: JsonDiagnostic[] };
  } catch {
    throw new Error(`stdout is not JSON:\n${r.stdout.slice(0, 500)}\nstderr:\n${r.stderr.slice(0, 500)}`);
  }
  expect(Array.isArray(parsed.diagnostics), 'diagnostics is a list').toBe(true);
  return parsed.diagnostics ?? [];
}

function show(ds: readonly JsonDiagnostic[]): string {
  return ds.map((d) => `  ${d.severity} ${d.code} ${d.line}:${d.col} ${d.message}`).join('\n') || '  (none)';
}

function matches(d: JsonDiagnostic, e: Expectation, f: Fixture, strict = false): boolean {
  const severity = strict ? 'error' : e.severity;
  return d.severity === severity && d.code === e.code && d.line === e.line && d.file === f.rel;
}

function expectDiagnostic(ds: readonly JsonDiagnostic[], e: Expectation, f: Fixture, strict = false): JsonDiagnostic[] {
  const found = ds.filter((d) => matches(d, e, f, strict));
  expect(found.length, `expected ${strict ? 'error' : e.severity} ${e.code} at ${f.rel}:${e.line}; got:\n${show(ds)}`).toBeGreaterThan(0);
  return found;
}

/** The first expectation's message (and hint) says what the header says it says. */
function expectWords(candidates: readonly JsonDiagnostic[], f: Fixture): void {
  const fits = (d: JsonDiagnostic): boolean =>
    f.messages.every((s) => d.message.includes(s)) &&
    f.notMessages.every((s) => !d.message.includes(s)) &&
    f.hints.every((s) => (d.hint ?? '').includes(s));
  const d = candidates.find(fits) ?? candidates[0];
  if (!d) return;
  for (const s of f.messages) expect(d.message).toContain(s);
  for (const s of f.notMessages) expect(d.message).not.toContain(s);
  for (const s of f.hints) expect(d.hint ?? '').toContain(s);
}

function expectPositioned(ds: readonly JsonDiagnostic[]): void {
  for (const d of ds) {
    expect(d.line, `line of "${d.message}"`).toBeTypeOf('number');
    expect(d.col, `col of "${d.message}"`).toBeTypeOf('number');
    expect(d.line as number).toBeGreaterThanOrEqual(1);
    expect(d.col as number).toBeGreaterThanOrEqual(1);
  }
}

function expectNothingElse(ds: readonly JsonDiagnostic[], f: Fixture, strict = false): void {
  const unexpected = ds.filter((d) => !f.expects.some((e) => matches(d, e, f, strict)));
  expect(unexpected, `diagnostics the fixture does not list:\n${show(unexpected)}`).toEqual([]);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('config corpus', () => {
  it('has at least 45 invalid and 10 warning fixtures', () => {
    expect(bad.length).toBeGreaterThanOrEqual(45);
    expect(warn.length).toBeGreaterThanOrEqual(10);
  });

  it('fixture headers use only error expectations in bad/ and warning expectations in warn/', () => {
    for (const f of bad) expect(f.expects[0]?.severity, f.rel).toBe('error');
    for (const f of warn) expect(f.expects.every((e) => e.severity === 'warning'), f.rel).toBe(true);
  });

  it('the bin, as a process, answers a fixture exactly as the in-process run does', () => {
    for (const [mode, f] of [['text', bad[0]], ['strict', warn[0]]] as const) {
      if (!f) throw new Error('empty corpus');
      const args = mode === 'text' ? ['validate', '-c', f.rel, '--format', 'text', '--no-color'] : ['validate', '-c', f.rel, '--format', 'json', '--strict'];
      const spawned = cli(args);
      const inProcess = result(mode, f);
      expect({ status: spawned.status, stdout: spawned.stdout, stderr: spawned.stderr }).toEqual({ status: inProcess.status, stdout: inProcess.stdout, stderr: inProcess.stderr });
      expect(spawned.status).toBe(3);
    }
  });
});

/** The checks bad/ and warn/ share: the words of the first expected diagnostic, and nothing unexpected. */
function itSaysWhatItExpects(f: Fixture, first: Expectation): void {
  it(`says: ${[...f.messages, ...f.notMessages.map((s) => `not: ${s}`), ...f.hints.map((s) => `hint: ${s}`)].join(' / ')}`, () => {
    const ds = diagnosticsOf(result('json', f));
    expectWords(expectDiagnostic(ds, first, f), f);
  });

  it('reports nothing it does not expect, and every diagnostic has a line and col', () => {
    const ds = diagnosticsOf(result('json', f));
    expectPositioned(ds);
    expectNothingElse(ds, f);
  });
}

describe.each(bad.map((f) => [f.name, f] as const))('bad/%s', (_name, f) => {
  const [first] = f.expects as [Expectation, ...Expectation[]];

  it('exits 3 (invalid) without crashing', () => {
    const r = result('json', f);
    expectNoCrash(r);
    expect(r.status, `exit status; diagnostics:\n${show(diagnosticsOf(r))}`).toBe(3);
  });

  it(`reports ${f.expects.map((e) => `${e.severity} ${e.code} at line ${e.line}`).join(', ')}`, () => {
    const ds = diagnosticsOf(result('json', f));
    for (const e of f.expects) expectDiagnostic(ds, e, f);
  });

  itSaysWhatItExpects(f, first);

  it(`text format prints ${f.rel}:${first.line}:<col> error ${first.code}:`, () => {
    const json = diagnosticsOf(result('json', f)).filter((d) => matches(d, first, f));
    const r = result('text', f);
    expectNoCrash(r);
    expect(r.status).toBe(3);
    const col = json.length > 0 ? String(json[0]?.col) : '\\d+';
    expect(r.stdout).toMatch(new RegExp(`^${escapeRegExp(f.rel)}:${first.line}:${col} error ${escapeRegExp(first.code)}: `, 'm'));
  });
});

describe.each(warn.map((f) => [f.name, f] as const))('warn/%s', (_name, f) => {
  const [first] = f.expects as [Expectation, ...Expectation[]];

  it(`exits 0 (valid) and warns ${f.expects.map((e) => `${e.code} at line ${e.line}`).join(', ')}`, () => {
    const r = result('json', f);
    expectNoCrash(r);
    const ds = diagnosticsOf(r);
    expect(r.status, `exit status; diagnostics:\n${show(ds)}`).toBe(0);
    for (const e of f.expects) expectDiagnostic(ds, e, f);
  });

  itSaysWhatItExpects(f, first);

  it('exits 3 under --strict, reporting the warning as an error at the same line', () => {
    const r = result('strict', f);
    expectNoCrash(r);
    const ds = diagnosticsOf(r);
    expect(r.status, `exit status; diagnostics:\n${show(ds)}`).toBe(3);
    for (const e of f.expects) expectDiagnostic(ds, e, f, true);
    expectNothingElse(ds, f, true);
  });
});
