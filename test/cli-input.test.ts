/**
 * Issue 9, item 2: what -c (and apply PLANFILE) may name that is not a configuration file. Real processes:
 * a reader that blocks or never ends shows only in a real run, so each run has a timeout and a regression
 * fails (status null) instead of hanging the suite.
 */
import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BIN, cli, type CliOptions, type CliRun } from './helpers/cli.js';
import { testdir } from './helpers/config.js';

/** Far above a cold start (~0.3 s) on a loaded machine; far below "reads for ever". */
const HANG = 15_000;
const bounded = (args: readonly string[], options: CliOptions = {}): CliRun => cli(args, { timeoutMs: HANG, ...options });

const VALID = 'version: 1\nstack: s\nconfigurationSets:\n  a:\n    eventDestinations:\n      cw: { events: [BOUNCE, COMPLAINT], cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: a } } } }\n';

function withFifo(files: Record<string, string>, fifo: string): string {
  const dir = testdir(files);
  mkdirSync(join(dir, fifo, '..'), { recursive: true });
  execFileSync('mkfifo', [join(dir, fifo)]);
  return dir;
}

/** An exit 3 with a diagnostic, not an internal error with a stack trace. */
function expectRefused(r: CliRun, message: string | RegExp): void {
  expect(r.status, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(3);
  expect(r.stdout + r.stderr).toMatch(message);
  expect(r.stdout + r.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('-c names something that is not a regular file', () => {
  it('refuses /dev/zero at once, without reading it (validate and plan)', () => {
    const v = bounded(['validate', '-c', '/dev/zero']);
    expectRefused(v, '/dev/zero:1:1 error config-path: /dev/zero is a character device, not a regular file');
    expect(v.stdout).toContain('→ pass -c a regular YAML file or a directory of them');
    // plan validates before any AWS call: no endpoint or credentials are needed to be refused.
    expectRefused(bounded(['plan', '-c', '/dev/zero']), '/dev/zero is a character device, not a regular file');
  });

  it('refuses a FIFO with no writer without blocking on it', () => {
    const dir = withFifo({}, 'ses-reconcile.yaml');
    expectRefused(bounded(['validate'], { cwd: dir }), 'ses-reconcile.yaml is a FIFO, not a regular file');
  });

  it('refuses a FIFO inside a -c directory, naming it, and still reads the other files', () => {
    const dir = withFifo({ 'a.yaml': VALID, 'b.yaml': 'version: 1\nstack: s\ntopics: { t: { displayNme: x } }\n' }, 'x.yaml');
    const r = bounded(['validate', '-c', dir]);
    expectRefused(r, `${join(dir, 'x.yaml')}:1:1 error config-path: ${join(dir, 'x.yaml')} is a FIFO, not a regular file`);
    expect(r.stdout).toContain('→ only regular *.yaml / *.yml files are read from a -c directory: move or rename this entry');
    expect(r.stdout).toMatch(/b\.yaml:3:\d+ error schema/);
  });

  it('refuses a directory named x.yaml inside a -c directory', () => {
    const dir = testdir({ 'a.yaml': VALID });
    mkdirSync(join(dir, 'x.yaml'));
    expectRefused(bounded(['validate', '-c', dir]), `${join(dir, 'x.yaml')} is a directory, not a regular file`);
  });

  it('reports a path through a regular file (ENOTDIR) with the path, exit 3', () => {
    const dir = testdir({ 'a.yaml': VALID });
    const path = join(dir, 'a.yaml', 'ses.yaml');
    expectRefused(bounded(['validate', '-c', path]), `cannot read ${path}: a part of the path is not a directory (ENOTDIR)`);
  });

  it('reports a dangling symbolic link of a -c directory with its path', () => {
    const dir = testdir({ 'a.yaml': VALID });
    execFileSync('ln', ['-s', join(dir, 'gone.yaml'), join(dir, 'link.yaml')]);
    expectRefused(bounded(['validate', '-c', dir]), `cannot read ${join(dir, 'link.yaml')}: no such file or directory (ENOENT)`);
  });

  // Root reads a chmod 000 directory anyway, so as root the CLI runs as nobody, for whom it is closed. That
  // needs a checkout nobody may read (a clone under `mktemp -d` is 0700): where it is not, the test says
  // so and is skipped rather than failing on the checkout's permissions or passing without running.
  const NOBODY = { uid: 65534, gid: 65534 };
  const asRoot = process.getuid?.() === 0;
  const nobodyRunsCli = !asRoot || spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(BIN)})`], NOBODY).status === 0;
  if (!nobodyRunsCli) process.stderr.write(`SKIPPED (EACCES test): running as root and user nobody cannot read ${BIN}; clone into a directory others may read to run it\n`);

  it.skipIf(!nobodyRunsCli)('reports a -c directory it may not read (EACCES) with the path, exit 3', () => {
    const user = asRoot ? NOBODY : undefined;
    const root = testdir({});
    chmodSync(root, 0o755);
    const dir = join(root, 'config');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.yaml'), VALID);
    chmodSync(dir, 0o000);
    try {
      const r = bounded(['validate', '-c', dir], user ? { user } : {});
      expectRefused(r, `cannot read ${dir}: permission denied (EACCES)`);
      expect(r.stdout).toContain('→ make it readable by the user running ses-reconcile');
    } finally {
      chmodSync(dir, 0o755);
    }
  });
});

describe('--max-file-size', () => {
  // SES allows 10,000 configuration sets per Region; one destination each makes a file of about 2 MB.
  const sets = Array.from({ length: 10_000 }, (_, i) => {
    const name = `set-${String(i).padStart(5, '0')}`;
    return `  ${name}:\n    eventDestinations:\n      cw: { events: [SEND, BOUNCE, COMPLAINT], cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: ${name} } } } }\n`;
  });
  const big = join(testdir({ 'big.yaml': `version: 1\nstack: big\nconfigurationSets:\n${sets.join('')}` }), 'big.yaml');

  it('refuses a 10,000-set file over the 1 MiB default, naming its size, the limit and both ways out', () => {
    const r = bounded(['validate', '-c', big]);
    expectRefused(r, new RegExp(`${big} is \\d{7} bytes \\(1\\.\\d MiB\\); the limit is 1MiB`));
    expect(r.stdout).toContain('→ split the configuration into several files of a directory, or raise the limit with --max-file-size 2MiB');
  });

  it('reads it with --max-file-size 4MiB', () => {
    const r = cli(['validate', '-c', big, '--max-file-size', '4MiB']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('ok: 10000 configuration sets, 10000 event destinations, 0 alarms\n');
    expect(r.status).toBe(0);
  });

  it('applies to plan too, and refuses a value that is not a size, saying what to write', () => {
    const dir = testdir({ 'a.yaml': VALID });
    expectRefused(bounded(['plan', '-c', join(dir, 'a.yaml'), '--max-file-size', '100']), /a\.yaml is \d+ bytes; the limit is 100 bytes/);
    const r = bounded(['validate', '--max-file-size', '4MB']);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('--max-file-size 4MB: write a size in bytes or with a unit KiB or MiB, from 1 byte to 256MiB (e.g. --max-file-size 4MiB)');
  });
});

describe('apply PLANFILE names something that is not a plan file', () => {
  it('refuses /dev/zero without reading it (usage error, exit 3)', () => {
    const r = bounded(['apply', '/dev/zero']);
    expectRefused(r, 'ses-reconcile: /dev/zero is a character device, not a regular file; apply PLANFILE takes the file written by plan --out');
  });

  it('refuses a FIFO without blocking on it', () => {
    const dir = withFifo({}, 'review.plan');
    expectRefused(bounded(['apply', 'review.plan'], { cwd: dir }), 'review.plan is a FIFO, not a regular file');
  });

  it('refuses a plan file over --max-file-size, saying which limit lets it through', () => {
    const dir = testdir({ 'review.plan': `{"kind":"ses-reconcile-plan","pad":"${'x'.repeat(2048)}"}` });
    expectRefused(bounded(['apply', 'review.plan', '--max-file-size', '1KiB'], { cwd: dir }), /review\.plan is 20\d\d bytes \(2\.0 KiB\); the limit is 1KiB; raise the limit with --max-file-size 1MiB/);
  });
});
