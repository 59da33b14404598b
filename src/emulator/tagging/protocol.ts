/**
 * The Resource Groups Tagging API over AWS JSON 1.1, as @aws-sdk/client-resource-groups-tagging-api
 * sends it (AwsJson1_1Protocol; botocore metadata `jsonVersion 1.1`, `targetPrefix
 * ResourceGroupsTaggingAPI_20170126`):
 *
 * - Request: `POST /`, `Content-Type: application/x-amz-json-1.1`,
 *   `X-Amz-Target: ResourceGroupsTaggingAPI_20170126.<Operation>`, a JSON object of the input members.
 * - Response: 200, the output members as JSON.
 * - Error: the error's status, body `{"__type": "<namespace>#<Code>", "Message": "…"}` (errors.ts).
 *
 * A request is this service's only when its X-Amz-Target has this prefix, so CloudWatch's JSON requests
 * (`GraniteServiceVersion20100801.`) and the query protocols (no X-Amz-Target) are never claimed.
 */
import type { EmulatorRequest, EmulatorResponse } from '../types.js';
import { serializationError, type TaggingError } from './errors.js';

export const TARGET_PREFIX = 'ResourceGroupsTaggingAPI_20170126.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** The operation named by X-Amz-Target, or undefined when the request is not for this service. */
export function taggingOperation(req: EmulatorRequest): string | undefined {
  const target = req.headers['x-amz-target'];
  return req.method === 'POST' && target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
}

/** The body as a JSON object (`{}` when empty); SerializationException when it is not one. */
export function decodeBody(req: EmulatorRequest): Readonly<Record<string, unknown>> {
  const text = req.body.toString('utf8').trim();
  let parsed: unknown;
  try {
    parsed = text === '' ? {} : JSON.parse(text);
  } catch {
    throw serializationError('The request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw serializationError('The request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

export function encodeOutput(output: object, requestId: string): EmulatorResponse {
  return { status: 200, headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId }, body: JSON.stringify(output) };
}

export function encodeError(err: TaggingError, requestId: string): EmulatorResponse {
  return {
    status: err.status,
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body: JSON.stringify({ __type: err.type, Message: err.message }),
  };
}
