/**
 * readBoundedText: only regular files, never more than the limit, every file-system error a typed failure.
 * A FIFO with no writer is tested through the CLI (test/cli-input.test.ts): a regression there would block
 * this worker for ever, while a child process can be killed by a timeout.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeReadFailure, largerLimit, readBoundedText, type ReadFailure } from '../../../src/config/index.js';
import { testdir } from '../../helpers/config.js';

const failure = (path: string, limit: number): ReadFailure => {
  const r = readBoundedText(path, limit);
  if (r.ok) throw new Error(`${path} was read: ${r.text.length} characters`);
  return r.failure;
};

describe('readBoundedText', () => {
  it('reads a regular file of exactly the limit, as UTF-8', () => {
    const file = join(testdir({}), 'a.yaml');
    writeFileSync(file, 'stack: é\n'); // 10 bytes
    expect(readBoundedText(file, 10)).toEqual({ ok: true, text: 'stack: é\n' });
  });

  it('refuses a file one byte over the limit by its size, before reading', () => {
    const file = join(testdir({ 'a.yaml': 'x'.repeat(11) }), 'a.yaml');
    expect(failure(file, 10)).toEqual({ kind: 'too-large', bytes: 11, exact: true, limit: 10 });
  });

  it('stops reading one byte past the limit when the size stat gives is wrong (/proc files stat as 0 bytes)', () => {
    if (!existsSync('/proc/self/status')) return; // Linux only
    expect(failure('/proc/self/status', 16)).toEqual({ kind: 'too-large', bytes: 17, exact: false, limit: 16 });
    expect(describeReadFailure('/proc/self/status', failure('/proc/self/status', 16))).toBe(
      '/proc/self/status is larger than the limit of 16 bytes: reading stopped after 17 bytes',
    );
  });

  it('refuses devices and directories without reading them', () => {
    expect(failure('/dev/zero', 1024)).toEqual({ kind: 'not-regular', what: 'a character device' });
    const dir = testdir({});
    expect(failure(dir, 1024)).toEqual({ kind: 'not-regular', what: 'a directory' });
    expect(describeReadFailure('/dev/zero', failure('/dev/zero', 1024))).toBe('/dev/zero is a character device, not a regular file');
  });

  it('turns every file-system error into a failure with its code: ENOENT, ENOTDIR, ELOOP', () => {
    const dir = testdir({ 'a.yaml': 'x' });
    expect(failure(join(dir, 'missing.yaml'), 1024)).toEqual({ kind: 'fs-error', code: 'ENOENT', words: 'no such file or directory' });
    expect(failure(join(dir, 'a.yaml', 'b.yaml'), 1024)).toMatchObject({ kind: 'fs-error', code: 'ENOTDIR' });
    symlinkSync(join(dir, 'loop.yaml'), join(dir, 'loop.yaml'));
    expect(failure(join(dir, 'loop.yaml'), 1024)).toMatchObject({ kind: 'fs-error', code: 'ELOOP' });
    expect(describeReadFailure('x.yaml', failure(join(dir, 'loop.yaml'), 1024))).toBe('cannot read x.yaml: too many levels of symbolic links (ELOOP)');
  });

  it('follows a symbolic link to a regular file', () => {
    const dir = testdir({ 'real.yaml': 'version: 1\n' });
    mkdirSync(join(dir, 'sub'));
    symlinkSync(join(dir, 'real.yaml'), join(dir, 'sub', 'link.yaml'));
    expect(readBoundedText(join(dir, 'sub', 'link.yaml'), 100)).toEqual({ ok: true, text: 'version: 1\n' });
  });
});

describe('largerLimit: the --max-file-size that lets a file through', () => {
  it('is the smallest power-of-two MiB at least the size', () => {
    expect(largerLimit({ kind: 'too-large', bytes: 1_840_041, exact: true, limit: 1024 ** 2 })).toBe('2MiB');
    expect(largerLimit({ kind: 'too-large', bytes: 2 * 1024 ** 2 + 1, exact: true, limit: 1024 ** 2 })).toBe('4MiB');
    expect(largerLimit({ kind: 'too-large', bytes: 100, exact: true, limit: 10 })).toBe('1MiB');
  });

  it('is at least twice the limit when reading stopped (the size is not known)', () => {
    expect(largerLimit({ kind: 'too-large', bytes: 4 * 1024 ** 2 + 1, exact: false, limit: 4 * 1024 ** 2 })).toBe('8MiB');
  });

  it('is none above the largest limit the flag takes', () => {
    expect(largerLimit({ kind: 'too-large', bytes: 300 * 1024 ** 2, exact: true, limit: 256 * 1024 ** 2 })).toBeUndefined();
  });
});
