/**
 * An SDK failure -> AwsCallError (src/errors.ts): the words the apply report prints (service, operation,
 * AWS's error code and message, HTTP status) and whether trying again later may help.
 *
 * By the time an error reaches here the pacing middleware (aws/pacing/) has already retried what
 * failureKindOf() calls throttling or transient; `retryable` tells the caller that a later run may
 * succeed where this one gave up, not that it should retry at once.
 */
import { AwsCallError, Interrupted, type AwsService } from '../errors.js';

/**
 * Throttling codes of @smithy/core 3.41 `THROTTLING_ERROR_CODES` (docs/aws-behaviour.md,
 * "Errors and retries"), minus LimitExceededException: the SDK retries that name as throttling, but for SESv2
 * it is a quota ("too many instances of the specified resource type", e.g. an 11th event destination) that no
 * retry fixes.
 */
const THROTTLING_CODES = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'Throttled', // SNS (query code of ThrottledException)
  'ThrottledException',
  'Throttling', // CloudWatch and STS
  'ThrottlingException',
  'TooManyRequestsException', // SESv2
  'TransactionInProgressException',
]);

/** Network failures that never reached AWS, or whose answer never came back (@smithy/core NODEJS_*_ERROR_CODES). */
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

interface SdkErrorLike {
  readonly name?: unknown;
  readonly Code?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
  readonly $retryable?: { readonly throttling?: unknown };
}

function text(x: unknown): string | undefined {
  return typeof x === 'string' && x !== '' ? x : undefined;
}

/**
 * The error's code: the SDK's exception name, which for SESv2 is AWS's error name (NotFoundException)
 * and for an unmodeled error is the code on the wire (InvalidAction, Throttling); the query `Code`
 * (SNS `NotFound`) only when there is no usable name; a Node network code (ECONNREFUSED) last.
 */
function codeOf(e: SdkErrorLike): string {
  const name = text(e.name);
  const generic = name === undefined || name === 'Error' || name.endsWith('ServiceException');
  return (generic ? (text(e.Code) ?? text(e.code) ?? name) : name) ?? 'UnknownError';
}

/**
 * What kind of failure an SDK error is: `throttling` (the service asked us to slow down), `transient`
 * (a 5xx or a network failure: the same request may succeed later) or `final` (anything else, including
 * SESv2's LimitExceededException, a quota no retry fixes). CloudWatch's ConcurrentModificationException
 * on tag calls is a 429 and counts as throttling.
 */
export type FailureKind = 'throttling' | 'transient' | 'final';

export function failureKindOf(err: unknown): FailureKind {
  const e: SdkErrorLike = typeof err === 'object' && err !== null ? (err as SdkErrorLike) : { message: String(err) };
  const code = err instanceof AwsCallError ? err.code : codeOf(e);
  const status = err instanceof AwsCallError ? err.status : typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  if (code === 'LimitExceededException') return 'final';
  if (THROTTLING_CODES.has(code) || status === 429 || e.$retryable?.throttling === true) return 'throttling';
  if ((status !== undefined && status >= 500) || NETWORK_CODES.has(code) || NETWORK_CODES.has(text(e.code) ?? '')) return 'transient';
  return 'final';
}

export function toAwsCallError(err: unknown, service: AwsService, operation: string): AwsCallError {
  if (err instanceof AwsCallError) return err;
  const e: SdkErrorLike = typeof err === 'object' && err !== null ? (err as SdkErrorLike) : { message: String(err) };
  const code = codeOf(e);
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const retryable = failureKindOf(err) !== 'final';
  const message = text(e.message) ?? '(AWS gave no message)';
  return new AwsCallError(service, operation, code, message, retryable, status, { cause: err });
}

/**
 * What a step runner throws for a failed call: an Interrupted as it is (the call was never sent, and the
 * executor must not report it as AWS's failure), anything else as an AwsCallError.
 */
export function callFailure(err: unknown, service: AwsService, operation: string): AwsCallError | Interrupted {
  return Interrupted.is(err) ? err : toAwsCallError(err, service, operation);
}
