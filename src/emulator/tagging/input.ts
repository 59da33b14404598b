/**
 * GetResources' input members (GetResourcesInput, botocore resourcegroupstaggingapi 2017-01-26), typed.
 * A member of the wrong JSON type is a SerializationException, as AWS JSON services answer before the
 * operation runs; `null` is the same as absent; members the model does not declare are ignored. The
 * model's constraints (lengths, counts, ranges) are the operation's to check (get-resources.ts).
 */
import { serializationError } from './errors.js';

export interface TagFilter {
  readonly Key?: string;
  readonly Values?: readonly string[];
}

export interface GetResourcesInput {
  readonly PaginationToken?: string;
  readonly TagFilters?: readonly TagFilter[];
  readonly ResourcesPerPage?: number;
  readonly TagsPerPage?: number;
  readonly ResourceTypeFilters?: readonly string[];
  readonly IncludeComplianceDetails?: boolean;
  readonly ExcludeCompliantResources?: boolean;
  readonly ResourceARNList?: readonly string[];
}

type Kind = 'string' | 'integer' | 'boolean';

function scalar(kind: Kind, value: unknown, path: string): unknown {
  const ok = kind === 'string' ? typeof value === 'string' : kind === 'boolean' ? typeof value === 'boolean' : Number.isInteger(value);
  if (!ok) throw serializationError(`Expected ${kind} at ${path}, got ${JSON.stringify(value)}`);
  return value;
}

function list<T>(value: unknown, path: string, item: (v: unknown, path: string) => T): T[] {
  if (!Array.isArray(value)) throw serializationError(`Expected list at ${path}, got ${JSON.stringify(value)}`);
  return value.map((v, i) => item(v, `${path}[${i}]`));
}

function tagFilter(value: unknown, path: string): TagFilter {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw serializationError(`Expected structure at ${path}, got ${JSON.stringify(value)}`);
  const v = value as Record<string, unknown>;
  return {
    ...(v.Key != null ? { Key: scalar('string', v.Key, `${path}.Key`) as string } : {}),
    ...(v.Values != null ? { Values: list(v.Values, `${path}.Values`, (x, p) => scalar('string', x, p) as string) } : {}),
  };
}

export function readGetResourcesInput(body: Readonly<Record<string, unknown>>): GetResourcesInput {
  const out: Record<string, unknown> = {};
  const strings = (v: unknown, p: string) => list(v, p, (x, q) => scalar('string', x, q) as string);
  const members: Readonly<Record<keyof GetResourcesInput, (v: unknown, path: string) => unknown>> = {
    PaginationToken: (v, p) => scalar('string', v, p),
    TagFilters: (v, p) => list(v, p, tagFilter),
    ResourcesPerPage: (v, p) => scalar('integer', v, p),
    TagsPerPage: (v, p) => scalar('integer', v, p),
    ResourceTypeFilters: strings,
    IncludeComplianceDetails: (v, p) => scalar('boolean', v, p),
    ExcludeCompliantResources: (v, p) => scalar('boolean', v, p),
    ResourceARNList: strings,
  };
  for (const [name, read] of Object.entries(members)) {
    if (body[name] != null) out[name] = read(body[name], name);
  }
  return out as GetResourcesInput;
}
