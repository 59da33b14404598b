/**
 * SESv2 errors and their REST-JSON encoding.
 *
 * The SDK (`@aws-sdk/core` AwsRestJsonProtocol.handleError -> `@smithy/core` loadRestJsonErrorCode)
 * takes the error name from the `x-amzn-errortype` header first, then the body's `code`, then `__type`,
 * and the message from the body's `message`. A name that matches a modeled shape becomes its typed
 * class (`NotFoundException`, ...); any other name becomes an `SESv2ServiceException` with that name.
 * We send the header and `{"message": ...}`, which is what AWS's REST-JSON services answer.
 */
import { requestId, type EmulatorResponse, type InjectedError } from '../types.js';

/**
 * Modeled error codes and their HTTP statuses (botocore sesv2 2019-09-27, `error.httpStatusCode`;
 * docs/aws-behaviour.md, "Errors and retries").
 */
export const ERROR_STATUS = {
  BadRequestException: 400,
  NotFoundException: 404,
  AlreadyExistsException: 400,
  LimitExceededException: 400,
  TooManyRequestsException: 429,
  ConcurrentModificationException: 500,
} as const;

export type ModeledErrorCode = keyof typeof ERROR_STATUS;

/** An error an operation answers. Anything else thrown by an operation is an emulator bug (500). */
export class SesError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function modeled(code: ModeledErrorCode) {
  return (message: string) => new SesError(code, ERROR_STATUS[code], message);
}

export const badRequest = modeled('BadRequestException');
export const notFound = modeled('NotFoundException');
export const alreadyExists = modeled('AlreadyExistsException');
export const limitExceeded = modeled('LimitExceededException');

/**
 * A body whose JSON types do not match the model. AWS's REST-JSON front end answers these with the
 * unmodeled `SerializationException` (400) before any validation; the SDK surfaces it as an
 * `SESv2ServiceException` named SerializationException. The SDK itself never sends such a body.
 */
export const serializationError = (message: string) => new SesError('SerializationException', 400, message);

/**
 * A method and path that no SESv2 operation serves. AWS's REST front ends answer an unknown route with
 * 404 `UnknownOperationException`; the SDK surfaces it as `SESv2ServiceException` with that name and
 * `$metadata.httpStatusCode` 404, which is also how a not-yet-emulated SESv2 operation should look.
 */
export const unknownOperation = (message: string) => new SesError('UnknownOperationException', 404, message);

export function errorResponse(error: InjectedError | SesError): EmulatorResponse {
  return {
    status: error.status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.code, 'x-amzn-requestid': requestId() },
    body: JSON.stringify({ message: error.message }),
  };
}

export function okResponse(output: object): EmulatorResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId() },
    body: JSON.stringify(output),
  };
}
