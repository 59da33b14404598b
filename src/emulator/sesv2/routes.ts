/**
 * REST-JSON request routing: which operation a method and path call, and the operation's input
 * assembled from its three places (path labels, query parameters, JSON body), as the SDK's
 * HttpBindingProtocol serializes them (@smithy/core, @aws-sdk/core AwsRestJsonProtocol).
 */
import type { EmulatorRequest } from '../types.js';
import { badRequest, serializationError } from './errors.js';
import type { HttpBinding, Operation } from './operation.js';

/** Every path this service answers starts here; anything else under it is an unknown operation. */
export const SESV2_PATH_PREFIX = '/v2/email/';

export interface RouteMatch {
  readonly operation: Operation;
  readonly binding: HttpBinding;
  /** Path label -> raw (still percent-encoded) segment. */
  readonly labels: Readonly<Record<string, string>>;
}

function matchPath(template: string, path: string): Record<string, string> | undefined {
  const want = template.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const labels: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = got[i] as string;
    const label = /^\{(\w+)\}$/.exec(w);
    if (label) {
      if (g === '') return undefined;
      labels[label[1] as string] = g;
    } else if (w !== g) return undefined;
  }
  return labels;
}

export function matchRoute(operations: readonly Operation[], method: string, path: string): RouteMatch | undefined {
  for (const operation of operations) {
    for (const binding of operation.http) {
      if (binding.method !== method) continue;
      const labels = matchPath(binding.path, path);
      if (labels) return { operation, binding, labels };
    }
  }
  return undefined;
}

function jsonBody(req: EmulatorRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body.toString('utf8'));
  } catch (err) {
    throw serializationError(`the request body is not JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw serializationError('the request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** The raw input of a matched request, ready for decodeInput against the operation's shape. */
export function readInput(match: RouteMatch, req: EmulatorRequest): Record<string, unknown> {
  // GET and DELETE carry no body in this API's bindings; the SDK sends none.
  const input = match.binding.method === 'POST' || match.binding.method === 'PUT' ? jsonBody(req) : {};
  for (const [member, raw] of Object.entries(match.labels)) {
    try {
      input[member] = decodeURIComponent(raw);
    } catch {
      throw badRequest(`The path segment <${raw}> is not valid percent-encoding.`);
    }
  }
  for (const [member, param] of Object.entries(match.binding.query ?? {})) {
    const shape = match.operation.input.members[member];
    const values = req.query.getAll(param);
    if (values.length === 0 || !shape) continue;
    if (shape.type === 'list') input[member] = values;
    else if (shape.type === 'integer' || shape.type === 'long') {
      const v = values[0] as string;
      if (!/^-?\d+$/.test(v)) throw serializationError(`query parameter ${param}=${v} is not a whole number`);
      input[member] = Number(v);
    } else input[member] = values[0];
  }
  return input;
}
