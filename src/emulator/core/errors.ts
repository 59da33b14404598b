/**
 * The emulator's one error type. An operation throws a ServiceError for every answer AWS gives as an
 * error; each protocol module encodes it in its own form (rest-json.ts, json-rpc.ts, query.ts). Anything
 * else an operation throws is a bug of the emulator, answered as the service's 500 (service.ts).
 *
 * An error has up to two names (docs/aws-behaviour.md, "Errors and retries"): the *code* the query
 * protocol sends as `<Code>`, REST-JSON as `x-amzn-errortype` and awsQueryCompatible JSON in
 * `x-amzn-query-error`; and the *shape*, the model's error structure, which AWS JSON sends as `__type`.
 * They differ only where the model gives a shape an `awsQueryError` code of its own (CloudWatch's
 * DashboardNotFoundError has code ResourceNotFound). Each service lists its modeled errors in a small
 * table (`errorTable`) in its own folder.
 */
import type { InjectedError } from '../types.js';
import type { ProtocolName } from './protocol.js';

export type MessageKey = 'message' | 'Message';

export interface ErrorOptions {
  /** The JSON `__type` shape name, where it differs from the code. */
  readonly shape?: string;
  /**
   * Not one of the service's shapes but the AWS front end's own (SerializationException,
   * UnknownOperationException) or a code the model does not declare: AWS JSON names its `__type` in the
   * framework's namespace, not the service's.
   */
  readonly framework?: boolean;
  /** The body member holding the message in JSON, where the shape does not use the protocol's default. */
  readonly messageKey?: MessageKey;
  /** Further members of the error shape (CloudWatch's `dashboardValidationMessages`), sent beside the message. */
  readonly members?: Readonly<Record<string, unknown>>;
}

export class ServiceError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly options: ErrorOptions = {},
  ) {
    super(message);
    this.name = code;
  }

  get shape(): string {
    return this.options.shape ?? this.code;
  }

  /** The query protocol's `<Type>`: 4xx are the caller's fault (`Sender`), 5xx the service's (`Receiver`). */
  get fault(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

/** One modeled error shape: its code where it differs from the shape name, its status, its message key. */
export interface ErrorSpec {
  readonly code?: string;
  readonly status: number;
  readonly messageKey?: MessageKey;
  readonly framework?: boolean;
}

export interface ErrorTable<S extends string> {
  /** The error of shape `shape` with `message` (and the shape's further members). */
  make(shape: S, message: string, members?: Readonly<Record<string, unknown>>): ServiceError;
  /**
   * An error injected by fault injection, named by a code: a modeled shape or code keeps its shape, its
   * code and its message key; any other code is sent as it is, in the framework's namespace.
   */
  fromInjected(error: InjectedError): ServiceError;
}

export function errorTable<S extends string>(specs: Readonly<Record<S, ErrorSpec>>): ErrorTable<S> {
  const shapes = Object.keys(specs) as S[];
  const build = (shape: S, status: number, message: string, members?: Readonly<Record<string, unknown>>): ServiceError => {
    const spec: ErrorSpec = specs[shape];
    const code = spec.code ?? shape;
    return new ServiceError(code, status, message, {
      ...(code !== shape ? { shape } : {}),
      ...(spec.framework ? { framework: true } : {}),
      ...(spec.messageKey ? { messageKey: spec.messageKey } : {}),
      ...(members ? { members } : {}),
    });
  };
  return {
    make: (shape, message, members) => build(shape, specs[shape].status, message, members),
    fromInjected(e) {
      const shape = shapes.find((s) => s === e.code) ?? shapes.find((s) => specs[s].code === e.code);
      return shape ? build(shape, e.status, e.message) : new ServiceError(e.code, e.status, e.message, { framework: true });
    },
  };
}

/** What the shared code (decoding, paging, dispatch) needs to answer in a service's own words. */
export interface ServiceErrors {
  /** A body or value whose wire type does not fit the model (AWS JSON front ends: SerializationException). */
  serialization(message: string): ServiceError;
  /** Constraint violations, as one message (decode.ts, constraints.ts). */
  validation(message: string): ServiceError;
  /** A missing required member, where the service words it apart from other violations (SNS). */
  missing?(member: string): ServiceError;
  /** A request naming an operation the emulator does not serve. */
  unknownOperation(operation: string, request: { readonly method: string; readonly path: string }, protocol: ProtocolName): ServiceError;
  /** The service's own 500, for a bug of the emulator. */
  internal(message: string): ServiceError;
  fromInjected(error: InjectedError): ServiceError;
}


