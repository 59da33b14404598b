/**
 * What a wire protocol does for a service (service.ts): claim the requests that are its own, read an
 * operation's input off the wire into plain values for decode.ts, and encode the output or a
 * ServiceError. The protocols are rest-json.ts (SESv2), json-rpc.ts (AWS JSON 1.0 and 1.1: CloudWatch,
 * the tagging API) and query.ts (AWS query with XML answers: CloudWatch, SNS, STS); docs/aws-behaviour.md,
 * "Wire protocols".
 */
import type { EmulatorRequest, EmulatorResponse } from '../types.js';
import type { ServiceError, ServiceErrors } from './errors.js';
import type { Operation } from './operation.js';

export type ProtocolName = 'rest-json' | 'json-rpc' | 'query';

export interface Protocol {
  readonly name: ProtocolName;
  /** The operation a request names, or undefined when it is not this protocol's request for this service. */
  operationOf(req: EmulatorRequest, operations: ReadonlyMap<string, Operation<never>>): string | undefined;
  /** The raw input members, typed as the wire types them; decode.ts checks them against the shape. */
  readInput(req: EmulatorRequest, operation: Operation<never>, errors: ServiceErrors): unknown;
  encodeOutput(operation: Operation<never>, output: object | undefined, requestId: string): EmulatorResponse;
  encodeError(error: ServiceError, requestId: string): EmulatorResponse;
}
