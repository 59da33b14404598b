import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers/cli.js';

describe('the README quick start', () => {
  it('names npm run demo and npm test, and .ci/run runs npm test', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toMatch(/^npm test\s/m);
    expect(readFileSync(join(ROOT, '.ci/run'), 'utf8')).toMatch(/^npm test$/m);
  });

  it('npm run demo starts the emulator and runs validate, plan, apply and plan (No changes.) against it', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const [cmd, ...args] = (pkg.scripts.demo as string).split(' ');
    expect(cmd).toBe('node');
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ok: 1 configuration set, 2 event destinations, 7 alarms, 1 topic, 1 dashboard');
    expect(r.stdout).toContain('Plan: 12 to create, 0 to update, 0 to replace, 0 to delete.');
    expect(r.stdout).toContain('Apply complete! 12 created, 0 updated, 0 replaced, 0 deleted.');
    const last = r.stdout.slice(r.stdout.lastIndexOf('$ ses-reconcile plan'));
    expect(last).toContain('No changes.');
    expect(r.stdout).toMatch(/The emulator served \d+ AWS calls/);
  });
});
