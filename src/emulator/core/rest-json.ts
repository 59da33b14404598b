/**
 * AWS REST-JSON (SESv2), as the SDK's HttpBindingProtocol serializes it (@smithy/core, @aws-sdk/core
 * AwsRestJsonProtocol): an operation is a method and a path template (its `http` bindings), and its input
 * comes from three places, path labels, query parameters and a JSON body.
 *
 * - Response: 200 and the output members as JSON.
 * - Error: the status, the `x-amzn-errortype` header naming the code and a body `{"message": …}`: the
 *   SDK takes the name from that header first (@smithy/core loadRestJsonErrorCode), and a name matching
 *   a modeled shape becomes its typed class.
 *
 * Every path under the service's prefix is the service's: a method and path no operation binds is
 * `UNKNOWN_OPERATION`, which the service answers with its unknown-operation error.
 */
import type { EmulatorRequest } from '../types.js';
import type { ServiceErrors } from './errors.js';
import { parseJsonObject, toJson } from './json.js';
import type { HttpBinding, Operation } from './operation.js';
import type { Protocol } from './protocol.js';
import { fromString, kindOf } from './string-values.js';

/** What the call log and fault injection name a request under the prefix that no emulated operation serves. */
export const UNKNOWN_OPERATION = 'UnknownOperation';

export interface RestJsonBinding {
  /** Every path the service answers starts here, e.g. `/v2/email/`. */
  readonly pathPrefix: string;
}

/** Path label -> raw (still percent-encoded) segment, when `path` fits `template`. */
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

interface RouteMatch {
  readonly binding: HttpBinding;
  readonly labels: Readonly<Record<string, string>>;
}

function matchBinding(operation: Operation<never>, method: string, path: string): RouteMatch | undefined {
  for (const binding of operation.http ?? []) {
    if (binding.method !== method) continue;
    const labels = matchPath(binding.path, path);
    if (labels) return { binding, labels };
  }
  return undefined;
}

function readInput(req: EmulatorRequest, operation: Operation<never>, errors: ServiceErrors): Record<string, unknown> {
  const match = matchBinding(operation, req.method, req.path);
  if (!match) throw errors.unknownOperation(operation.name, req, 'rest-json');
  // GET and DELETE carry no body in these bindings; the SDK sends none.
  const input = match.binding.method === 'POST' || match.binding.method === 'PUT' ? parseJsonObject(req.body, errors) : {};
  for (const [member, raw] of Object.entries(match.labels)) {
    try {
      input[member] = decodeURIComponent(raw);
    } catch {
      throw errors.validation(`The path segment <${raw}> is not valid percent-encoding.`);
    }
  }
  for (const [member, param] of Object.entries(match.binding.query ?? {})) {
    const shape = operation.input.members[member];
    const values = req.query.getAll(param);
    if (values.length === 0 || !shape) continue;
    const scalar = shape.type === 'list' ? shape.member : shape;
    const typed = values.map((v) => {
      const value = fromString(scalar, v);
      if (value === undefined) throw errors.serialization(`query parameter ${param}=${v} is not ${kindOf(scalar)}`);
      return value;
    });
    input[member] = shape.type === 'list' ? typed : typed[0];
  }
  return input;
}

export function restJsonProtocol(binding: RestJsonBinding): Protocol {
  return {
    name: 'rest-json',
    operationOf(req, operations) {
      if (!req.path.startsWith(binding.pathPrefix)) return undefined;
      for (const operation of operations.values()) if (matchBinding(operation, req.method, req.path)) return operation.name;
      return UNKNOWN_OPERATION;
    },
    readInput,
    encodeOutput: (_operation, output, requestId) => ({
      status: 200,
      headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
      body: toJson(output ?? {}),
    }),
    encodeError: (error, requestId) => ({
      status: error.status,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.code, 'x-amzn-requestid': requestId },
      body: JSON.stringify({ message: error.message }),
    }),
  };
}
