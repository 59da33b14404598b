/**
 * CloudWatch over AWS JSON 1.0, what @aws-sdk/client-cloudwatch ≥ 3.955 sends by default
 * (docs/aws-behaviour.md, "Wire protocols"; @aws-sdk/core AwsJsonRpcProtocol.serializeRequest):
 *
 * - Request: `POST /`, `Content-Type: application/x-amz-json-1.0`,
 *   `X-Amz-Target: GraniteServiceVersion20100801.<Operation>`, `x-amzn-query-mode: true`, a JSON body of
 *   the input members (`{}` when there are none).
 * - Response: 200 and the output members as JSON (`{}` for operations without output). Timestamps are
 *   epoch seconds (the JSON codec's default, `timestampFormat.default: 7`, in AwsJsonRpcProtocol).
 * - Error: the shape's status, body `{"__type": "com.amazonaws.cloudwatch#<Shape>", "message": …}` plus
 *   the shape's other members, and, because the service is `awsQueryCompatible`, the header
 *   `x-amzn-query-error: <QueryCode>;<Sender|Receiver>` (smithy awsQueryCompatible trait; read by
 *   ProtocolLib.setQueryCompatError). errors.ts explains which name the SDK then shows.
 */
import type { EmulatorRequest, EmulatorResponse } from '../types.js';
import { CloudWatchError } from './errors.js';
import type { Input, Shape } from './input-shapes.js';

export const JSON_TARGET_PREFIX = 'GraniteServiceVersion20100801.';
const NAMESPACE = 'com.amazonaws.cloudwatch';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** The operation named by X-Amz-Target, or undefined when the request is not CloudWatch JSON. */
export function jsonOperation(req: EmulatorRequest): string | undefined {
  const target = req.headers['x-amz-target'];
  return target?.startsWith(JSON_TARGET_PREFIX) ? target.slice(JSON_TARGET_PREFIX.length) : undefined;
}

export function isJsonRequest(req: EmulatorRequest): boolean {
  return jsonOperation(req) !== undefined;
}

/**
 * A malformed body or a member of the wrong type. AWS JSON services answer these before the operation
 * runs, with the framework's `SerializationException` (400) rather than a CloudWatch shape.
 */
function serializationError(message: string): CloudWatchError {
  return new CloudWatchError('SerializationException', 'SerializationException', 400, message);
}

function conform(shape: Shape, value: unknown, path: string): unknown {
  if (value === null || value === undefined) return undefined;
  const wrong = (): never => {
    throw serializationError(`Expected ${typeof shape === 'string' ? shape : 'list' in shape ? 'list' : 'structure'} at ${path}, got ${JSON.stringify(value)}`);
  };
  if (shape === 'string') return typeof value === 'string' ? value : wrong();
  if (shape === 'integer') return typeof value === 'number' && Number.isInteger(value) ? value : wrong();
  if (shape === 'double') return typeof value === 'number' ? value : wrong();
  if (shape === 'boolean') return typeof value === 'boolean' ? value : wrong();
  if ('list' in shape) {
    if (!Array.isArray(value)) return wrong();
    return value.map((v, i) => conform(shape.list, v, `${path}[${i}]`));
  }
  if (typeof value !== 'object' || Array.isArray(value)) return wrong();
  return conformStruct(shape.struct, value as Record<string, unknown>, path);
}

/** Keep the members the model declares, type-checked; like AWS, ignore members it does not know. */
function conformStruct(members: Readonly<Record<string, Shape>>, value: Record<string, unknown>, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, shape] of Object.entries(members)) {
    const v = conform(shape, value[name], path ? `${path}.${name}` : name);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

export function decodeJson(req: EmulatorRequest, members: Readonly<Record<string, Shape>>): Input {
  const text = req.body.toString('utf8').trim();
  let parsed: unknown;
  try {
    parsed = text === '' ? {} : JSON.parse(text);
  } catch {
    throw serializationError('The request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw serializationError('The request body must be a JSON object');
  return conformStruct(members, parsed as Record<string, unknown>, '');
}

/** JSON 1.0 timestamps are epoch seconds; fractions keep milliseconds. */
function replacer(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  return raw instanceof Date ? raw.getTime() / 1000 : value;
}

export function encodeJson(output: object | undefined, requestId: string): EmulatorResponse {
  return {
    status: 200,
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body: JSON.stringify(output ?? {}, replacer),
  };
}

export function encodeJsonError(err: CloudWatchError, requestId: string): EmulatorResponse {
  // Framework errors (SerializationException, UnknownOperationException) are not CloudWatch shapes.
  const namespace = err.shape === 'SerializationException' || err.shape === 'UnknownOperationException' ? 'com.amazon.coral.service' : NAMESPACE;
  return {
    status: err.status,
    headers: {
      'content-type': CONTENT_TYPE,
      'x-amzn-requestid': requestId,
      'x-amzn-query-error': `${err.code};${err.fault}`,
    },
    body: JSON.stringify({ __type: `${namespace}#${err.shape}`, [err.messageKey]: err.message, ...err.members }, replacer),
  };
}

/** An X-Amz-Target naming no CloudWatch operation (AWS JSON services: 400 UnknownOperationException). */
export function unknownJsonOperation(operation: string): CloudWatchError {
  return new CloudWatchError('UnknownOperationException', 'UnknownOperationException', 400, `Unknown operation ${operation}`);
}
