/**
 * A service from its declarations: the protocols it speaks, the operations of its resource files, its
 * errors and the context its operations run in. This is the one request path of every service:
 *
 *   claim (the first protocol whose operationOf names the request) -> the operation by name -> read the
 *   input off the wire (the protocol) -> decode against the input shape (decode.ts) -> run -> encode the
 *   output, or the ServiceError, in the claiming protocol.
 *
 * A service's own service.ts adds its state hooks (reset, configure, taggableResources) to the result.
 */
import { requestId, type EmulatorRequest, type EmulatorResponse, type InjectedError, type ServiceHandler, type ServiceName } from '../types.js';
import { decodeInput } from './decode.js';
import { ServiceError, type ServiceErrors } from './errors.js';
import type { Operation } from './operation.js';
import type { Protocol } from './protocol.js';

export interface ServiceSpec<C> {
  readonly service: ServiceName;
  /** Tried in order; the first that claims a request serves it and encodes its errors. */
  readonly protocols: readonly Protocol[];
  readonly operations: readonly Operation<C>[];
  readonly errors: ServiceErrors;
  /** What the service answers when its request rate is exceeded (fault injection). */
  readonly throttlingError: InjectedError;
  /** The context one request's operation runs in (its Region's state, settings, the clock). */
  context(req: EmulatorRequest): C;
}

export type ServedService = Pick<ServiceHandler, 'service' | 'operationOf' | 'handle' | 'errorResponse' | 'throttlingError'>;

export function serveService<C>(spec: ServiceSpec<C>): ServedService {
  const operations = new Map<string, Operation<C>>(spec.operations.map((o) => [o.name, o]));
  const claim = (req: EmulatorRequest): { protocol: Protocol; operation: string } | undefined => {
    for (const protocol of spec.protocols) {
      const operation = protocol.operationOf(req, operations);
      if (operation !== undefined) return { protocol, operation };
    }
    return undefined;
  };
  const protocolOf = (req: EmulatorRequest): Protocol => claim(req)?.protocol ?? (spec.protocols[0] as Protocol);

  return {
    service: spec.service,
    operationOf: (req) => claim(req)?.operation,
    handle(req, name): EmulatorResponse {
      const protocol = protocolOf(req);
      try {
        const operation = operations.get(name);
        if (!operation) throw spec.errors.unknownOperation(name, req, protocol.name);
        const input = decodeInput(operation.input, protocol.readInput(req, operation, spec.errors), spec.errors);
        return protocol.encodeOutput(operation, operation.run(input, spec.context(req)), requestId());
      } catch (err) {
        if (err instanceof ServiceError) return protocol.encodeError(err, requestId());
        // A bug of ours, not an AWS behaviour: the service's own 500 in the request's protocol, so SDKs report it sanely.
        return protocol.encodeError(spec.errors.internal(`ses-reconcile emulator bug in ${spec.service} ${name}: ${(err as Error).message}`), requestId());
      }
    },
    errorResponse: (req, _operation, error) => protocolOf(req).encodeError(spec.errors.fromInjected(error), requestId()),
    throttlingError: spec.throttlingError,
  };
}
