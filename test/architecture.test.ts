/**
 * The dependency rules of docs/architecture.md, "The rooms", read from every import under src/.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from './helpers/cli.js';

const SRC = join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const ALL = files(SRC).map((abs) => {
  const text = readFileSync(abs, 'utf8');
  const specs = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2]) as string);
  return { rel: relative(SRC, abs), abs, text, specs };
});

function folder(rel: string): string {
  return rel.includes('/') ? (rel.split('/')[0] as string) : rel;
}

function target(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return relative(SRC, resolve(dirname(from), spec)).replace(/\.js$/, '.ts');
}

describe('architecture', () => {
  it('finds the source files it checks', () => {
    expect(ALL.length).toBeGreaterThan(20);
  });

  it('model/ imports nothing outside model/', () => {
    for (const f of ALL.filter((f) => folder(f.rel) === 'model')) {
      for (const s of f.specs) expect(`${f.rel} -> ${folder(target(f.abs, s) ?? s)}`).toBe(`${f.rel} -> model`);
    }
  });

  it('the pure core (config, diff, plan, status, render) imports only model/, itself and its allowed packages', () => {
    const allowedPackages = ['yaml', 'ajv', 'deep-diff', 'node:crypto'];
    for (const f of ALL.filter((f) => ['config', 'diff', 'plan', 'status', 'render'].includes(folder(f.rel)))) {
      for (const s of f.specs) {
        const t = target(f.abs, s);
        // plan/compute.ts composes diff/ and plan/: the one import between pure rooms, downstream along the flow.
        const rooms = f.rel === 'plan/compute.ts' ? [folder(f.rel), 'model', 'diff'] : [folder(f.rel), 'model'];
        if (t) expect(rooms, `${f.rel} imports ${s}`).toContain(folder(t));
        else if (f.rel === 'config/load.ts') expect(['node:fs', 'node:path', 'node:module', 'node:url', ...allowedPackages]).toContain(s);
        else expect(allowedPackages, `${f.rel} imports ${s}`).toContain(s);
      }
    }
  });

  it('no clock, randomness, environment or console in the pure core', () => {
    for (const f of ALL.filter((f) => ['model', 'config', 'diff', 'plan', 'status', 'render'].includes(folder(f.rel)))) {
      expect(f.text, f.rel).not.toMatch(/process\.env|Date\.now|Math\.random|console\.|process\.exit/);
    }
  });

  it('only aws/ imports the AWS SDK, and only cli/ calls process.exit or reads argv', () => {
    for (const f of ALL) {
      if (folder(f.rel) !== 'aws') for (const s of f.specs) expect(s, f.rel).not.toMatch(/^@aws-sdk\//);
      if (folder(f.rel) !== 'cli') expect(f.text, f.rel).not.toMatch(/process\.(exit|argv)/);
    }
  });

  it('only cli/main.ts reads the environment and uses the process; prompt.ts also the terminal', () => {
    for (const f of ALL.filter((f) => f.rel !== 'cli/main.ts')) {
      expect(f.text, f.rel).not.toMatch(/process\.(env|argv|exit|on|once|off)\b/);
      if (f.rel !== 'cli/prompt.ts') expect(f.text, f.rel).not.toMatch(/process\.std(in|out|err)\b/);
    }
  });

  it('live/ and apply/ import only model/, their own folder (the ports) and errors.ts', () => {
    for (const f of ALL.filter((f) => ['live', 'apply'].includes(folder(f.rel)))) {
      for (const s of f.specs) {
        const t = target(f.abs, s);
        expect(t, `${f.rel} imports ${s}`).toBeDefined();
        if (t) expect([folder(f.rel), 'model', 'errors.ts'], `${f.rel} imports ${s}`).toContain(folder(t));
      }
    }
  });

  it('aws/ (the adapters) implements ports: it imports only model/, the two ports, errors.ts, the SDK and node:*', () => {
    for (const f of ALL.filter((f) => folder(f.rel) === 'aws')) {
      for (const s of f.specs) {
        const t = target(f.abs, s);
        if (t) {
          const ok = ['aws', 'model'].includes(folder(t)) || ['live/port.ts', 'apply/port.ts', 'errors.ts'].includes(t);
          expect(ok, `${f.rel} imports ${s}`).toBe(true);
        } else expect(s, `${f.rel} imports ${s}`).toMatch(/^(@aws-sdk\/|@smithy\/|node:)/);
      }
    }
  });

  it('only cli/ wires aws/ to the ports: no other room imports aws/, and cli/ loads it only lazily', () => {
    for (const f of ALL.filter((f) => folder(f.rel) !== 'aws')) {
      const eager = [...f.text.matchAll(/^(import|export)\s(?!type\s)[^;]*?from\s+['"]([^'"]+)['"]/gms)].map((m) => m[2] as string);
      for (const s of f.specs) {
        const t = target(f.abs, s);
        if (!t || folder(t) !== 'aws') continue;
        expect(folder(f.rel), `${f.rel} imports ${s}`).toBe('cli');
        expect(eager, `${f.rel} must import ${s} with import() or import type, so validate never loads the SDK`).not.toContain(s);
      }
    }
  });

  it('only cli/commands/emulator.ts starts the emulator', () => {
    for (const f of ALL.filter((f) => folder(f.rel) !== 'emulator')) {
      for (const s of f.specs) {
        const t = target(f.abs, s);
        if (t && folder(t) === 'emulator') expect(f.rel, `${f.rel} imports ${s}`).toBe('cli/commands/emulator.ts');
      }
    }
  });

  it('errors.ts imports only model/, and log.ts only pino', () => {
    for (const f of ALL.filter((f) => f.rel === 'errors.ts' || f.rel === 'log.ts')) {
      for (const s of f.specs) {
        const t = target(f.abs, s);
        if (f.rel === 'errors.ts') expect(t && folder(t), `${f.rel} imports ${s}`).toBe('model');
        else expect(s, `${f.rel} imports ${s}`).toBe('pino');
      }
    }
  });

  it('emulator/ is a second implementation: it imports only itself and node:*', () => {
    for (const f of ALL.filter((f) => folder(f.rel) === 'emulator')) {
      for (const s of f.specs) {
        const t = target(f.abs, s);
        if (t) expect(folder(t), `${f.rel} imports ${s}`).toBe('emulator');
        else expect(s, `${f.rel} imports ${s}`).toMatch(/^node:/);
      }
    }
  });

  it('validate and schema load nothing of aws/ (cold start), even transitively', () => {
    const byRel = new Map(ALL.map((f) => [f.rel, f]));
    const seen = new Set<string>();
    const visit = (rel: string): void => {
      if (seen.has(rel)) return;
      seen.add(rel);
      const f = byRel.get(rel);
      if (!f) throw new Error(`missing ${rel}`);
      for (const s of f.specs) {
        expect(s, `${rel} imports ${s}`).not.toMatch(/^@aws-sdk\//);
        const t = target(f.abs, s);
        if (t) visit(t);
      }
    };
    visit('cli/commands/validate.ts');
    visit('cli/commands/schema.ts');
    expect([...seen].filter((r) => folder(r) === 'aws')).toEqual([]);
    expect(seen.size).toBeGreaterThan(10);
  });
});
