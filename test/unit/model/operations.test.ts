/**
 * model/operations.ts is what iam-policy grants: it must name every call an adapter can send, or a policy
 * made from it would deny a call the tool makes. Read from the adapters' source: each `new …Command(` of
 * an AWS SDK client, under the folder of its service.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLY_READS, READS, STATUS_READS, WRITES, type Service } from '../../../src/model/operations.js';
import { ROOT } from '../../helpers/cli.js';

const FOLDER_SERVICE: Readonly<Record<string, Service>> = { sesv2: 'sesv2', cloudwatch: 'cloudwatch', sns: 'sns', tagging: 'tagging' };

function sentByAdapters(): Set<string> {
  const out = new Set<string>();
  const aws = join(ROOT, 'src/aws');
  for (const entry of readdirSync(aws, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const path = join(entry.parentPath, entry.name);
    const folder = path.slice(aws.length + 1).split('/')[0] as string;
    const service = FOLDER_SERVICE[folder] ?? (entry.name === 'account.ts' ? 'sts' : undefined);
    for (const m of readFileSync(path, 'utf8').matchAll(/new (\w+)Command\(/g)) {
      expect(service, `${path} sends ${m[1]} but is in no service's folder`).toBeDefined();
      out.add(`${service}:${m[1]}`);
    }
  }
  return out;
}

describe('the declared operations', () => {
  it('name every command the adapters send', () => {
    const declared = new Set([...READS, ...APPLY_READS, ...STATUS_READS, ...WRITES].map((o) => `${o.service}:${o.name}`));
    const sent = sentByAdapters();
    expect(sent.size).toBeGreaterThan(30);
    expect([...sent].filter((s) => !declared.has(s)).sort()).toEqual([]);
  });

  it('declare nothing the adapters never send', () => {
    const sent = sentByAdapters();
    const declared = [...READS, ...APPLY_READS, ...STATUS_READS, ...WRITES].map((o) => `${o.service}:${o.name}`);
    expect(declared.filter((d) => !sent.has(d)).sort()).toEqual([]);
  });
});
