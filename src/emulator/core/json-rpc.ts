/**
 * AWS JSON 1.0 and 1.1 (@aws-sdk/core AwsJsonRpcProtocol, AwsJson1_1Protocol), what the current
 * @aws-sdk/client-cloudwatch and @aws-sdk/client-resource-groups-tagging-api send (docs/aws-behaviour.md,
 * "Wire protocols"):
 *
 * - Request: `POST /`, `Content-Type: application/x-amz-json-1.X`, `X-Amz-Target: <prefix>.<Operation>`,
 *   a JSON object of the input members (`{}` when there are none).
 * - Response: 200 and the output members as JSON (`{}` for operations without output), timestamps as
 *   epoch seconds (json.ts).
 * - Error: the error's status, body `{"__type": "<namespace>#<Shape>", "message": …}` plus the shape's
 *   other members; the namespace is the service's for its modeled shapes and the framework's
 *   (`com.amazon.coral.service`) for the front end's own errors. An `awsQueryCompatible` service
 *   (CloudWatch) also sends `x-amzn-query-error: <Code>;<Sender|Receiver>`, from which the SDK takes the
 *   query code (ProtocolLib.setQueryCompatError).
 *
 * A request is the service's only when its X-Amz-Target has the service's prefix, so the JSON services
 * never claim each other's requests, nor the query protocol's (which carry no X-Amz-Target).
 */
import type { MessageKey } from './errors.js';
import { parseJsonObject, toJson } from './json.js';
import type { Protocol } from './protocol.js';

export interface JsonRpcBinding {
  /** `GraniteServiceVersion20100801.` (CloudWatch), `ResourceGroupsTaggingAPI_20170126.` (tagging). */
  readonly targetPrefix: string;
  readonly version: '1.0' | '1.1';
  /** The namespace of the service's error shapes in `__type`, e.g. `com.amazonaws.cloudwatch`. */
  readonly namespace: string;
  /** The message member of the service's error shapes, unless a shape says otherwise. */
  readonly messageKey: MessageKey;
  /** The model's `awsQueryCompatible` trait: send each error's query code in `x-amzn-query-error`. */
  readonly queryCompatible?: boolean;
}

const FRAMEWORK_NAMESPACE = 'com.amazon.coral.service';

export function jsonRpcProtocol(binding: JsonRpcBinding): Protocol {
  const contentType = `application/x-amz-json-${binding.version}`;
  return {
    name: 'json-rpc',
    operationOf(req) {
      const target = req.headers['x-amz-target'];
      return req.method === 'POST' && target?.startsWith(binding.targetPrefix) ? target.slice(binding.targetPrefix.length) : undefined;
    },
    readInput: (req, _operation, errors) => parseJsonObject(req.body, errors),
    encodeOutput: (_operation, output, requestId) => ({
      status: 200,
      headers: { 'content-type': contentType, 'x-amzn-requestid': requestId },
      body: toJson(output ?? {}),
    }),
    encodeError(error, requestId) {
      const namespace = error.options.framework ? FRAMEWORK_NAMESPACE : binding.namespace;
      const messageKey = error.options.messageKey ?? binding.messageKey;
      return {
        status: error.status,
        headers: {
          'content-type': contentType,
          'x-amzn-requestid': requestId,
          ...(binding.queryCompatible ? { 'x-amzn-query-error': `${error.code};${error.fault}` } : {}),
        },
        body: toJson({ __type: `${namespace}#${error.shape}`, [messageKey]: error.message, ...error.options.members }),
      };
    },
  };
}
