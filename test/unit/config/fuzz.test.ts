/**
 * The loader never throws, whatever bytes it is given: random bytes, mutated examples, and structurally
 * mutated documents (subtrees swapped for values of the wrong kind). Seeded, so a failure reproduces;
 * the seed and case are in the assertion message.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify, parse } from 'yaml';
import { desiredFromSources } from '../../../src/config/index.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXAMPLES = readdirSync('examples')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(join('examples', f), 'utf8'));

const YAML_BITS = [':', '-', ' ', '  ', '\n', '\t', '{', '}', '[', ']', ',', '&a', '*a', '<<', '!', '|', '>', '#', '"', "'", '?', '%', '@', '`', 'null', '~', '0x1F', '1e309', '.nan', 'true', '\u0000', '\ufeff', '\u2028', 'é', '💥'];

function check(text: string, label: string): void {
  let result: ReturnType<typeof desiredFromSources> | undefined;
  try {
    result = desiredFromSources([{ file: 'fuzz.yaml', text }]);
  } catch (err) {
    throw new Error(`threw on ${label}: ${(err as Error).stack}\n--- input ---\n${text.slice(0, 2000)}`);
  }
  for (const d of result.diagnostics) {
    if (!d.pos || d.pos.line < 1 || d.pos.col < 1) throw new Error(`diagnostic without position on ${label}: ${JSON.stringify(d)}`);
    if (d.message.includes('internal error')) throw new Error(`rule crashed on ${label}: ${d.message}\n--- input ---\n${text}`);
  }
  const errors = result.diagnostics.some((d) => d.severity === 'error');
  if (errors === (result.desired !== undefined)) throw new Error(`desired present with errors (or absent without) on ${label}`);
}

const WEIRD_VALUES: unknown[] = [null, 0, -1, 1.5, 1e309, true, false, '', ' ', 'x'.repeat(300), [], {}, [[]], { a: { b: {} } }, 'BOUNCE', '3%', '150%', '5m', 'arn:aws:sns:us-east-1:123456789012:t', ['SEND', 'SEND'], { source: 'MESSAGE_TAG' }];

function mutateTree(value: unknown, random: () => number, depth = 0): unknown {
  if (random() < 0.08 + depth * 0.02) return WEIRD_VALUES[Math.floor(random() * WEIRD_VALUES.length)];
  if (Array.isArray(value)) return value.map((v) => mutateTree(v, random, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (random() < 0.05) continue; // drop a key
      const key = random() < 0.03 ? `${k}x` : k;
      out[key] = mutateTree(v, random, depth + 1);
    }
    return out;
  }
  return value;
}

describe('loader robustness (fuzz)', () => {
  it('never throws on random bytes', () => {
    const random = rng(1);
    let n = 0;
    for (; n < 2000; n++) {
      const len = Math.floor(random() * 400);
      const bytes = Buffer.alloc(len);
      for (let i = 0; i < len; i++) bytes[i] = Math.floor(random() * 256);
      check(bytes.toString('utf8'), `random bytes #${n}`);
    }
    console.log(`fuzz: ${n} random byte strings`);
  });

  it('never throws on YAML-shaped noise', () => {
    const random = rng(2);
    let n = 0;
    for (; n < 2000; n++) {
      const parts: string[] = ['version: 1\nstack: s\n'];
      const count = Math.floor(random() * 60);
      for (let i = 0; i < count; i++) {
        parts.push(random() < 0.5 ? (YAML_BITS[Math.floor(random() * YAML_BITS.length)] as string) : random().toString(36).slice(2, 6));
      }
      check(parts.join(''), `yaml noise #${n}`);
    }
    console.log(`fuzz: ${n} YAML-shaped noise documents`);
  });

  it('never throws on textual mutations of the examples', () => {
    const random = rng(3);
    let n = 0;
    for (; n < 3000; n++) {
      const src = EXAMPLES[n % EXAMPLES.length] as string;
      const lines = src.split('\n');
      const edits = 1 + Math.floor(random() * 4);
      for (let e = 0; e < edits; e++) {
        const i = Math.floor(random() * lines.length);
        const line = lines[i] ?? '';
        const op = Math.floor(random() * 6);
        if (op === 0) lines.splice(i, 1);
        else if (op === 1) lines.splice(i, 0, line);
        else if (op === 2) lines[i] = ' ' + line;
        else if (op === 3) lines[i] = line.slice(1);
        else if (op === 4) {
          const at = Math.floor(random() * (line.length + 1));
          lines[i] = line.slice(0, at) + YAML_BITS[Math.floor(random() * YAML_BITS.length)] + line.slice(at);
        } else lines[i] = line.replace(/: .*/, `: ${String(WEIRD_VALUES[Math.floor(random() * WEIRD_VALUES.length)])}`);
      }
      check(lines.join('\n'), `text mutation #${n}`);
    }
    console.log(`fuzz: ${n} text mutations of ${EXAMPLES.length} examples`);
  });

  it('never throws on structural mutations of the examples (valid YAML, wrong shapes)', () => {
    const random = rng(4);
    let n = 0;
    for (; n < 3000; n++) {
      const tree = parse(EXAMPLES[n % EXAMPLES.length] as string) as unknown;
      check(stringify(mutateTree(tree, random)), `structural mutation #${n}`);
    }
    console.log(`fuzz: ${n} structural mutations`);
  });

  it('still accepts every example unmutated (the harness can tell good from bad)', () => {
    for (const text of EXAMPLES) {
      const r = desiredFromSources([{ file: 'x.yaml', text }]);
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(r.desired).toBeDefined();
    }
  });
});
