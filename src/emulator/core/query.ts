/**
 * The AWS query protocol, as @aws-sdk/core AwsQueryProtocol and QueryShapeSerializer speak it to
 * CloudWatch (older SDKs, moto), SNS and STS (docs/aws-behaviour.md, "Wire protocols"):
 *
 * - Request: `POST /` with `Content-Type: application/x-www-form-urlencoded` (GET with a query string is
 *   also allowed), `Action=<Operation>&Version=<API version>&…`. Structures are `Name.Member`, lists
 *   `Name.member.N`, maps `Name.entry.N.key` / `.value`, so `Tags.member.1.Key`; N counts from 1 and the
 *   order of N is the order of the list. An empty list is `Name=` (`serializeEmptyLists: true`). Every
 *   value is a string, typed by the model (string-values.ts); one that does not parse is a validation
 *   error, "Value 'sixty' at 'period' failed to satisfy constraint: Member must be an integer".
 * - Response: `<OpResponse xmlns="…"><OpResult>…</OpResult><ResponseMetadata><RequestId>…</RequestId>
 *   </ResponseMetadata></OpResponse>` (xml.ts); an operation without output has no Result element.
 * - Error: `<ErrorResponse xmlns="…"><Error><Type>Sender</Type><Code>…</Code><Message>…</Message>…</Error>
 *   <RequestId>…</RequestId></ErrorResponse>` with the error's status; the SDK picks the exception class
 *   from `Code`.
 *
 * The services sharing `POST /` with form bodies differ by `Version`; a request with an X-Amz-Target
 * belongs to a JSON protocol and is never claimed here.
 */
import type { EmulatorRequest, EmulatorResponse } from '../types.js';
import { assertNever } from './assert-never.js';
import type { ServiceErrors } from './errors.js';
import type { Protocol } from './protocol.js';
import { childPath, lowerFirst, type Shape } from './shapes.js';
import { fromString, kindOf } from './string-values.js';
import { xmlOf } from './xml.js';

export interface QueryBinding {
  /** The API version the service's requests carry, e.g. SNS `2010-03-31`. */
  readonly version: string;
  readonly xmlns: string;
  /**
   * Claim a request of this Version without an Action, to answer MissingAction (CloudWatch). Otherwise
   * it is left to the server's "nothing answers" (SNS, STS).
   */
  readonly claimWithoutAction?: boolean;
}

/** The request's parameters: the query string plus a form body (never a JSON body). */
export function formParams(req: Pick<EmulatorRequest, 'query' | 'body' | 'headers'>): URLSearchParams {
  const params = new URLSearchParams(req.query);
  const type = req.headers['content-type'];
  if (req.body.length > 0 && (type === undefined || type.startsWith('application/x-www-form-urlencoded'))) {
    for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) params.append(k, v);
  }
  return params;
}

/** The numbers N of `prefix`N… parameters, in increasing order. */
function indexes(keys: readonly string[], prefix: string): number[] {
  const found = new Set<number>();
  for (const k of keys) {
    if (!k.startsWith(prefix)) continue;
    const n = Number(k.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(n) && n >= 1) found.add(n);
  }
  return [...found].sort((a, b) => a - b);
}

/** One member at parameter name `key` read by its shape; undefined when absent. */
function read(params: URLSearchParams, keys: readonly string[], shape: Shape, key: string, path: string, errors: Pick<ServiceErrors, 'validation'>): unknown {
  const nested = (name: string) => (key === '' ? name : `${key}.${name}`);
  switch (shape.type) {
    case 'list': {
      const prefix = `${key}.member.`;
      const ns = indexes(keys, prefix);
      if (ns.length === 0) return params.has(key) ? [] : undefined;
      return ns.map((n, i) => read(params, keys, shape.member, `${prefix}${n}`, childPath(path, i), errors)).filter((v) => v !== undefined);
    }
    case 'map': {
      const prefix = `${key}.entry.`;
      const ns = indexes(keys, prefix);
      if (ns.length === 0) return params.has(key) ? {} : undefined;
      const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const n of ns) {
        const k = params.get(`${prefix}${n}.key`);
        if (k === null) continue;
        // The SDK writes an empty value as `…value=`; a value left out reads the same.
        out[k] = read(params, keys, shape.value, `${prefix}${n}.value`, childPath(path, k), errors) ?? (shape.value.type === 'string' ? '' : undefined);
      }
      return out;
    }
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members)) {
        const v = read(params, keys, member, nested(name), childPath(path, lowerFirst(name)), errors);
        if (v !== undefined) out[name] = v;
      }
      // A nested structure with no member sent is absent; the input itself is always there.
      return key === '' || Object.keys(out).length > 0 ? out : undefined;
    }
    case 'string':
    case 'integer':
    case 'long':
    case 'double':
    case 'boolean':
    case 'timestamp': {
      const raw = params.get(key);
      if (raw === null) return undefined;
      const value = fromString(shape, raw);
      if (value === undefined) {
        throw errors.validation(`1 validation error detected: Value '${raw}' at '${path}' failed to satisfy constraint: Member must be ${kindOf(shape)}`);
      }
      return value;
    }
    default:
      return assertNever(shape);
  }
}

/** The input members of a query request, typed by `shape`. */
export function readQueryInput(params: URLSearchParams, shape: Shape, errors: Pick<ServiceErrors, 'validation'>): unknown {
  return read(params, [...params.keys()], shape, '', '', errors);
}

function xmlResponse(status: number, requestId: string, body: string): EmulatorResponse {
  return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

export function queryProtocol(binding: QueryBinding): Protocol {
  return {
    name: 'query',
    operationOf(req) {
      if (req.headers['x-amz-target'] !== undefined) return undefined;
      if (req.method !== 'POST' && req.method !== 'GET') return undefined;
      const params = formParams(req);
      if (params.get('Version') !== binding.version) return undefined;
      const action = params.get('Action') ?? '';
      return action !== '' || binding.claimWithoutAction ? action : undefined;
    },
    readInput: (req, operation, errors) => readQueryInput(formParams(req), operation.input, errors),
    encodeOutput(operation, output, requestId) {
      const name = operation.name;
      const result = output === undefined ? '' : `<${name}Result>${xmlOf(output, operation.output)}</${name}Result>`;
      return xmlResponse(
        200,
        requestId,
        `<${name}Response xmlns="${binding.xmlns}">${result}<ResponseMetadata>${xmlOf({ RequestId: requestId })}</ResponseMetadata></${name}Response>`,
      );
    },
    encodeError(error, requestId) {
      const fields = { Type: error.fault, Code: error.code, Message: error.message, ...error.options.members };
      return xmlResponse(error.status, requestId, `<ErrorResponse xmlns="${binding.xmlns}"><Error>${xmlOf(fields)}</Error>${xmlOf({ RequestId: requestId })}</ErrorResponse>`);
    },
  };
}
