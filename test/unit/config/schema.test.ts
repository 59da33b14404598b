import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createSchemaValidator, schemaValidatorOf } from '../../../src/config/schema.js';
import { EVENT_TYPES } from '../../../src/model/resources.js';
import { ROOT } from '../../helpers/cli.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'schema/ses-reconcile.schema.json'), 'utf8')) as Record<string, unknown>;

/** Every property schema in the document, with its path. */
function properties(node: unknown, path: string, out: [string, Record<string, unknown>][] = []): [string, Record<string, unknown>][] {
  if (Array.isArray(node)) node.forEach((n, i) => properties(n, `${path}[${i}]`, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.properties && typeof o.properties === 'object') {
      for (const [k, v] of Object.entries(o.properties as Record<string, Record<string, unknown>>)) out.push([`${path}.${k}`, v]);
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'enum' && k !== 'const') properties(v, `${path}.${k}`, out);
  }
  return out;
}

function resolveRef(s: Record<string, unknown>): Record<string, unknown> {
  const ref = s.$ref as string | undefined;
  if (!ref) return s;
  const name = ref.replace('#/definitions/', '');
  return (schema.definitions as Record<string, Record<string, unknown>>)[name] as Record<string, unknown>;
}

describe('the JSON Schema', () => {
  it('compiles in ajv strict mode', () => {
    expect(() => createSchemaValidator(schema)).not.toThrow();
  });

  it('describes every property (editors show the descriptions)', () => {
    const all = properties(schema, '$');
    expect(all.length).toBeGreaterThan(100);
    const missing = all.filter(([, s]) => !s.description && !resolveRef(s).description).map(([p]) => p);
    expect(missing).toEqual([]);
  });

  it('closes every object (additionalProperties: false) except free-form JSON values', () => {
    const open: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (o.type === 'object' && o.properties && o.additionalProperties !== false) open.push(path);
      for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
    };
    walk(schema, '$');
    expect(open).toEqual([]);
  });

  it('spells event types exactly as the model does', () => {
    const defs = schema.definitions as Record<string, { enum: string[] }>;
    expect(defs.eventType?.enum).toEqual([...EVENT_TYPES]);
  });

  it('the build-time precompiled validator answers exactly like the run-time compile', () => {
    const file = join(ROOT, 'dist/config/schema-validator.cjs');
    expect(existsSync(file), 'run npm run build first (npm test does)').toBe(true);
    const pre = schemaValidatorOf((createRequire(import.meta.url)(file) as { default: never }).default);
    const rt = createSchemaValidator(schema);
    const inputs: unknown[] = readdirSync(join(ROOT, 'examples'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => parse(readFileSync(join(ROOT, 'examples', f), 'utf8')) as unknown);
    inputs.push({}, { version: 2, stack: 'bad name', configurationSets: { x: { eventDestinations: { d: { events: ['BOUNCES'] } } } } }, []);
    for (const input of inputs) expect(pre(input, 'f.yaml', new Map())).toEqual(rt(input, 'f.yaml', new Map()));
  });
});
