import { describe, expect, it } from 'vitest';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDesired } from '../../../src/config/index.js';
import { MAX_FILE_BYTES } from '../../../src/config/load.js';
import { load, lines, testdir } from '../../helpers/config.js';

describe('loader: files and directories', () => {
  it('reports a missing path with what to pass instead', () => {
    const r = loadDesired('/nonexistent/ses.yaml');
    expect(r.desired).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'config-path' });
    expect(r.diagnostics[0]?.message).toContain('no such file or directory');
    expect(r.diagnostics[0]?.hint).toContain('-c');
  });

  it('reports a directory without YAML files', () => {
    const dir = testdir({ 'notes.txt': 'x' });
    expect(lines(loadDesired(dir))).toEqual([`1:1 error config-path ${dir} has no *.yaml or *.yml files`]);
  });

  it('refuses a file over the size limit without parsing it, naming both ways out', () => {
    const dir = testdir({});
    const file = join(dir, 'big.yaml');
    writeFileSync(file, `version: 1\nstack: s\n#${'x'.repeat(MAX_FILE_BYTES)}\n`);
    const r = loadDesired(file);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]?.message).toBe(`${file} is 1048598 bytes (1.0 MiB); the limit is 1MiB`);
    expect(r.diagnostics[0]?.hint).toBe('split the configuration into several files of a directory, or raise the limit with --max-file-size 2MiB');
    expect(loadDesired(file, { maxFileBytes: 2 * MAX_FILE_BYTES }).diagnostics).toEqual([]);
  });

  it('reports every *.yaml entry of a directory that is not a readable regular file, and reads the others', () => {
    const dir = testdir({ 'a.yaml': 'version: 1\nstack: s\n' });
    mkdirSync(join(dir, 'b.yaml'));
    symlinkSync(join(dir, 'gone.yaml'), join(dir, 'c.yaml'));
    const r = loadDesired(dir);
    expect(lines(r)).toEqual([
      `1:1 error config-path ${join(dir, 'b.yaml')} is a directory, not a regular file`,
      `1:1 error config-path cannot read ${join(dir, 'c.yaml')}: no such file or directory (ENOENT)`,
    ]);
    expect(r.files).toEqual([join(dir, 'a.yaml')]);
  });

  it('reports a path that runs through a regular file (ENOTDIR)', () => {
    const dir = testdir({ 'a.yaml': 'x' });
    const r = loadDesired(join(dir, 'a.yaml', 'ses.yaml'));
    expect(r.diagnostics[0]).toMatchObject({ code: 'config-path', hint: 'a part of the path is a file: check the path given to -c' });
    expect(r.diagnostics[0]?.message).toBe(`cannot read ${join(dir, 'a.yaml', 'ses.yaml')}: a part of the path is not a directory (ENOTDIR)`);
  });

  it('names both places when two files define the same configuration set', () => {
    const dir = testdir({
      'a.yaml': 'version: 1\nstack: s\nconfigurationSets:\n  shared: {}\n',
      'b.yaml': 'version: 1\nstack: s\n\nconfigurationSets:\n  other: {}\n  shared: {}\n',
    });
    const r = loadDesired(dir);
    const dup = r.diagnostics.find((d) => d.code === 'duplicate-definition');
    expect(dup?.pos).toEqual({ file: join(dir, 'b.yaml'), line: 6, col: 3 });
    expect(dup?.message).toBe(`configurationSets.shared is defined twice: here and at ${join(dir, 'a.yaml')}:4:3`);
    expect(dup?.path).toBe('configurationSets.shared');
    expect(r.desired).toBeUndefined();
  });

  it('requires files of one directory to agree on stack and region', () => {
    const dir = testdir({
      'a.yaml': 'version: 1\nstack: one\nregion: us-east-1\n',
      'b.yaml': 'version: 1\nstack: two\nregion: us-east-1\n',
    });
    const r = loadDesired(dir);
    expect(lines(r)).toEqual([`2:1 error duplicate-definition stack is "two" here but "one" at ${join(dir, 'a.yaml')}:2:1`]);
  });

  it('merges tags and account alarms key by key across files', () => {
    const dir = testdir({
      'a.yaml': 'version: 1\nstack: s\ntags: { team: email }\naccountAlarms: { bounceRate: {} }\n',
      'b.yaml': 'version: 1\nstack: s\ntags: { env: prod }\naccountAlarms: { complaintRate: {} }\n',
    });
    const r = loadDesired(dir);
    expect(r.diagnostics).toEqual([]);
    const alarm = r.desired?.resources.get('alarm:s/account/complaint-rate');
    expect(alarm?.kind === 'alarm' && alarm.tags).toEqual({ env: 'prod', 'ses-reconcile:stack': 's', team: 'email' });
  });

  it('reports errors of every file in one run', () => {
    const dir = testdir({
      'a.yaml': 'version: 1\nstack: s\nconfigurationSets: { "bad name": {} }\n',
      'b.yaml': 'version: 1\nstack: s\ntopics: { t: { displayNme: x } }\n',
    });
    const r = loadDesired(dir);
    expect(r.diagnostics.map((d) => `${d.pos?.file.slice(dir.length + 1)}:${d.pos?.line} ${d.code}`)).toEqual(['a.yaml:3 schema', 'b.yaml:3 schema']);
  });
});

describe('loader: YAML', () => {
  it('reports a duplicate key at the second occurrence', () => {
    const r = load('version: 1\nstack: s\nconfigurationSets:\n  a: {}\n  a: {}\n');
    expect(lines(r)).toEqual(['5:3 error yaml YAML: the key "a" appears twice in one mapping; first at line 4']);
    expect(r.diagnostics[0]?.hint).toContain('once');
  });

  it('reports syntax errors with their position and no further noise', () => {
    const r = load('version: 1\nstack: [s\n');
    expect(r.diagnostics.every((d) => d.code === 'yaml')).toBe(true);
    expect(r.diagnostics[0]?.pos?.line).toBeGreaterThanOrEqual(2);
  });

  it('rejects custom tags instead of silently reading them as text', () => {
    const r = load('version: 1\nstack: !Ref Stack\n');
    expect(lines(r)).toEqual(['2:8 error yaml YAML: Unresolved tag: !Ref']);
  });

  it('caps alias expansion (billion laughs) with a diagnostic, not a hang', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(10).fill(`*${'abcdefghij'[i - 1]}`).join(', ')}]`);
    const r = load(`version: 1\nstack: s\nx-bomb:\n  ${levels.join('\n  ')}\n`);
    expect(r.desired).toBeUndefined();
    expect(r.diagnostics[0]?.message).toMatch(/cannot expand the document/);
  });

  it('maps positions through merge keys to where the value is written', () => {
    const r = load('version: 1\nstack: s\nx-base: &b\n  threshold: 150%\naccountAlarms:\n  bounceRate:\n    <<: *b\n');
    expect(lines(r)).toEqual(['4:14 error rate-thresholds a rate threshold of "150%" is outside (0, 1]: the alarm would never fire']);
  });

  it('reports an empty file', () => {
    expect(lines(load('# nothing\n'))).toEqual(['1:1 error schema the file is empty']);
  });

  it('reports a file that is not a mapping', () => {
    expect(lines(load('- a\n- b\n'))).toEqual(['1:1 error schema the file must be a mapping, not a list']);
  });
});
