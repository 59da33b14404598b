/**
 * CloudWatch over the AWS query protocol, what @aws-sdk/client-cloudwatch ≤ 3.940, boto3 before the CBOR
 * switch and moto speak (docs/aws-behaviour.md, "Wire protocols"; @aws-sdk/core AwsQueryProtocol,
 * QueryShapeSerializer, XmlShapeDeserializer):
 *
 * - Request: `POST /`, `Content-Type: application/x-www-form-urlencoded`, body
 *   `Action=PutMetricAlarm&Version=2010-08-01&AlarmName=…` (GET with a query string is also allowed).
 *   Lists are `Name.member.N` (N from 1), structures `Name.Member`, so `Metrics.member.1.MetricStat.Period`;
 *   an empty list is `Name=` (`serializeEmptyLists: true`). Every value is a string, typed by the model.
 * - Response: `<OpResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><OpResult>…</OpResult>
 *   <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata></OpResponse>`; operations without an
 *   output shape (PutMetricAlarm, DeleteAlarms) have no Result element. Lists are `<member>` elements,
 *   timestamps ISO 8601 (`timestampFormat.default: 5`).
 * - Error: `<ErrorResponse><Error><Type>Sender</Type><Code>…</Code><Message>…</Message>…</Error>
 *   <RequestId>…</RequestId></ErrorResponse>` with the shape's status.
 */
import type { EmulatorRequest, EmulatorResponse } from '../types.js';
import { CloudWatchError, validationError } from './errors.js';
import { memberPath } from './constraints.js';
import type { Input, Shape } from './input-shapes.js';

export const QUERY_VERSION = '2010-08-01';
const XMLNS = 'http://monitoring.amazonaws.com/doc/2010-08-01/';

/** The request's parameters: the query string plus a form body (never a JSON body). */
export function queryParams(req: EmulatorRequest): URLSearchParams {
  const params = new URLSearchParams(req.query);
  const type = req.headers['content-type'];
  if (req.body.length > 0 && (type === undefined || type.startsWith('application/x-www-form-urlencoded'))) {
    for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) params.append(k, v);
  }
  return params;
}

/**
 * The Action of a CloudWatch query request ('' when Action is missing), or undefined when the request is
 * not one: SNS shares the query protocol, so the API version tells the services apart.
 */
export function queryOperation(req: EmulatorRequest): string | undefined {
  if (req.headers['x-amz-target'] !== undefined) return undefined;
  const params = queryParams(req);
  return params.get('Version') === QUERY_VERSION ? (params.get('Action') ?? '') : undefined;
}

function coerce(shape: 'string' | 'integer' | 'double' | 'boolean', raw: string, path: string): unknown {
  const bad = (kind: string): never => {
    throw validationError(`1 validation error detected: Value '${raw}' at '${path}' failed to satisfy constraint: Member must be ${kind}`);
  };
  switch (shape) {
    case 'string':
      return raw;
    case 'integer':
      return /^-?\d+$/.test(raw) ? Number(raw) : bad('an integer');
    case 'double': {
      const n = Number(raw);
      return raw.trim() !== '' && !Number.isNaN(n) ? n : bad('a number');
    }
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : bad('a boolean');
  }
}

/** One member at `key` (a parameter name prefix) read by its shape; undefined when absent. */
function read(params: URLSearchParams, keys: readonly string[], shape: Shape, key: string, path: string): unknown {
  if (typeof shape === 'string') {
    const raw = params.get(key);
    return raw === null ? undefined : coerce(shape, raw, path);
  }
  if ('list' in shape) {
    const prefix = `${key}.member.`;
    const indexes = new Set<number>();
    for (const k of keys) {
      if (!k.startsWith(prefix)) continue;
      const n = Number(k.slice(prefix.length).split('.')[0]);
      if (Number.isInteger(n) && n >= 1) indexes.add(n);
    }
    if (indexes.size === 0) return params.has(key) ? [] : undefined;
    return [...indexes].sort((a, b) => a - b).map((n, i) => read(params, keys, shape.list, `${prefix}${n}`, `${path}.${i + 1}.member`));
  }
  let any = false;
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.struct)) {
    const v = read(params, keys, member, `${key}.${name}`, `${path}.${memberPath(name)}`);
    if (v !== undefined) {
      out[name] = v;
      any = true;
    }
  }
  return any ? out : undefined;
}

export function decodeQuery(req: EmulatorRequest, members: Readonly<Record<string, Shape>>): Input {
  const params = queryParams(req);
  const keys = [...params.keys()];
  const out: Record<string, unknown> = {};
  for (const [name, shape] of Object.entries(members)) {
    const v = read(params, keys, shape, name, memberPath(name));
    if (v !== undefined) out[name] = v;
  }
  return out;
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"'\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' })[c] as string);
}

/** A value as XML: lists as `<member>`s, structures as elements in member order, timestamps ISO 8601. */
function xmlOf(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => `<member>${xmlOf(v)}</member>`).join('');
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${xmlOf(v)}</${k}>`)
      .join('');
  }
  return escapeXml(String(value));
}

export function encodeQuery(operation: string, output: object | undefined, requestId: string): EmulatorResponse {
  const result = output === undefined ? '' : `<${operation}Result>${xmlOf(output)}</${operation}Result>`;
  return {
    status: 200,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: `<${operation}Response xmlns="${XMLNS}">${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`,
  };
}

export function encodeQueryError(err: CloudWatchError, requestId: string): EmulatorResponse {
  const error = { Type: err.fault, Code: err.code, Message: err.message, ...err.members };
  return {
    status: err.status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: `<ErrorResponse xmlns="${XMLNS}"><Error>${xmlOf(error)}</Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

/** An Action naming no CloudWatch operation: the query protocol's `InvalidAction` (400). */
export function invalidAction(action: string): CloudWatchError {
  return action === ''
    ? new CloudWatchError('MissingAction', 'MissingAction', 400, 'The request must contain the parameter Action.')
    : new CloudWatchError('InvalidAction', 'InvalidAction', 400, `The action ${action} is not valid for this web service.`);
}
