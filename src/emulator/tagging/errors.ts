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
 * is sent in the framework's namespace and comes out as ResourceGroupsTaggingAPIServiceException named
 * by the code.
 */
import { errorTable, type ServiceErrors } from '../core/errors.js';
import type { InjectedError } from '../types.js';

const table = errorTable({
  ConcurrentModificationException: { status: 400 },
  ConstraintViolationException: { status: 400 },
  InternalServiceException: { status: 500 },
  InvalidParameterException: { status: 400 },
  PaginationTokenExpiredException: { status: 400 },
  ThrottledException: { status: 400 },
  // A body that is not JSON, or a member of the wrong type: answered before the operation runs.
  SerializationException: { status: 400, framework: true },
  // An X-Amz-Target naming no operation of this service (AWS JSON services: 400 UnknownOperationException).
  UnknownOperationException: { status: 400, framework: true },
});

/** Every bad input of GetResources (the model: "A provided parameter value is out of range", …). */
export const invalidParameter = (message: string) => table.make('InvalidParameterException', message);

/** "A PaginationToken is valid for a maximum of 15 minutes." (model, PaginationTokenExpiredException) */
export const paginationTokenExpired = (message: string) => table.make('PaginationTokenExpiredException', message);

/**
 * "The request failed because it exceeded the allowed frequency of submitted requests." (model) The
 * SDK's retry classes it as throttling by its name (@smithy/core retry THROTTLING_ERROR_CODES lists
 * ThrottledException); the shape has no `retryable` trait, so the SDK sets no `$retryable`.
 */
export const THROTTLED: InjectedError = { code: 'ThrottledException', message: 'Rate exceeded', status: 400 };

/** The model's other operations: not emulated, answered as unknown with a message that says so. */
const UNEMULATED = new Set([
  'DescribeReportCreation',
  'GetComplianceSummary',
  'GetTagKeys',
  'GetTagValues',
  'ListRequiredTags',
  'StartReportCreation',
  'TagResources',
  'UntagResources',
]);

export const TAGGING_ERRORS: ServiceErrors = {
  serialization: (message) => table.make('SerializationException', message),
  // The model's constraints are GetResources' own to check, in its words (get-resources.ts).
  validation: invalidParameter,
  unknownOperation(operation) {
    const why = UNEMULATED.has(operation) ? 'The ses-reconcile emulator does not implement' : 'The Resource Groups Tagging API has no operation';
    return table.make('UnknownOperationException', `${why} ${operation}; it serves GetResources.`);
  },
  internal: (message) => table.make('InternalServiceException', message),
  fromInjected: table.fromInjected,
};
