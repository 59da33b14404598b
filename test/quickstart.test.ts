import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
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

  it('npm run demo:adopt makes a hand-made setup, then export, plan, apply --adopt take it over (No changes. after)', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const [cmd, ...args] = (pkg.scripts['demo:adopt'] as string).split(' ');
    expect(cmd).toBe('node');
    // Async: spawnSync would hold this worker's event loop for the whole run.
    const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, args, { cwd: ROOT });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('made 3 configuration sets (mail-1, mail-2, mail-3)');
    // The review: 12 rows, every one an adoption (plan prints them, then apply prints them again).
    const review = r.stdout.slice(r.stdout.indexOf('$ ses-reconcile plan'), r.stdout.indexOf('$ ses-reconcile apply'));
    expect(review.match(/^ {2}[~+-] \w+ .*$/gm)?.length).toBe(12);
    expect(review.match(/^ {2}~ \w+ .+ {2}\(adopted\)$/gm)?.length).toBe(12);
    expect(r.stdout).toContain('Apply complete! 0 created, 12 updated, 0 replaced, 0 deleted.');
    expect(r.stdout.slice(r.stdout.lastIndexOf('$ ses-reconcile plan'))).toContain('No changes.');
    // export's warnings go to stderr: the two topics' policies get ses-reconcile's statements.
    expect(r.stderr).toContain("warning: topic:ses-alerts: its policy does not grant what the file's sets and alarms need");
  });
});
