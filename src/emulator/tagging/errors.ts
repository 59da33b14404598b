/**
 * The Resource Groups Tagging API's errors (botocore resourcegroupstaggingapi 2017-01-26). None of the
 * shapes has an `httpStatusCode`, so AWS JSON sends client faults as 400 and server faults (only
 * InternalServiceException, `"fault": true`) as 500; each shape's one member is `Message`, capital M.
 *
 * How the JS SDK names them: @aws-sdk/client-resource-groups-tagging-api uses AwsJson1_1Protocol
 * (dist-cjs runtimeConfig: `protocol: AwsJson1_1Protocol`, not `awsQueryCompatible`), whose handleError
 * reads the code from the body's `__type` first (@smithy/core loadJsonRpcErrorCode, order type, code,
 * header), keeps what follows `#`, and looks it up in the `com.amazonaws.resourcegroupstaggingapi`
 * registry: `InvalidParameterException` comes out as the InvalidParameterException class. A code the
 * model does not declare (SerializationException, UnknownOperationException, an injected InternalFailure)
 * comes out as ResourceGroupsTaggingAPIServiceException named by the code.
 */
import type { InjectedError } from '../types.js';

const MODEL_NAMESPACE = 'com.amazonaws.resourcegroupstaggingapi';
/** AWS JSON services' framework errors are not the service's shapes. */
const FRAMEWORK_NAMESPACE = 'com.amazon.coral.service';

const MODELED = new Set([
  'ConcurrentModificationException',
  'ConstraintViolationException',
  'InternalServiceException',
  'InvalidParameterException',
  'PaginationTokenExpiredException',
  'ThrottledException',
]);

export class TaggingError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  /** The `__type` of the error body: `<namespace>#<code>`. */
  get type(): string {
    return `${MODELED.has(this.code) ? MODEL_NAMESPACE : FRAMEWORK_NAMESPACE}#${this.code}`;
  }
}

/** Every bad input of GetResources (the model: "A provided parameter value is out of range", …). */
export const invalidParameter = (message: string) => new TaggingError('InvalidParameterException', 400, message);

/** "A PaginationToken is valid for a maximum of 15 minutes." (model, PaginationTokenExpiredException) */
export const paginationTokenExpired = (message: string) => new TaggingError('PaginationTokenExpiredException', 400, message);

export const internalService = (message: string) => new TaggingError('InternalServiceException', 500, message);

/** A body that is not JSON, or a member of the wrong type: answered before the operation runs. */
export const serializationError = (message: string) => new TaggingError('SerializationException', 400, message);

/** An X-Amz-Target naming no operation of this service (AWS JSON services: 400 UnknownOperationException). */
export const unknownOperation = (message: string) => new TaggingError('UnknownOperationException', 400, message);

/**
 * "The request failed because it exceeded the allowed frequency of submitted requests." (model) The
 * SDK's retry classes it as throttling by its name (@smithy/core retry THROTTLING_ERROR_CODES lists
 * ThrottledException); the shape has no `retryable` trait, so the SDK sets no `$retryable`.
 */
export const THROTTLED: InjectedError = { code: 'ThrottledException', message: 'Rate exceeded', status: 400 };

export const fromInjected = (e: InjectedError) => new TaggingError(e.code, e.status, e.message);
