/**
 * SESv2's errors: the modeled shapes and their HTTP statuses (botocore sesv2 2019-09-27,
 * `error.httpStatusCode`; docs/aws-behaviour.md, "Errors and retries"), plus the REST front end's own.
 * The SDK turns a name matching a modeled shape into its typed class (`NotFoundException`, …) and any
 * other into an `SESv2ServiceException` with that name (core/rest-json.ts sends the name).
 */
import { errorTable, type ServiceErrors } from '../core/errors.js';

const table = errorTable({
  BadRequestException: { status: 400 },
  NotFoundException: { status: 404 },
  AlreadyExistsException: { status: 400 },
  LimitExceededException: { status: 400 },
  TooManyRequestsException: { status: 429 },
  ConcurrentModificationException: { status: 500 },
  /** SendEmail: "The message can't be sent because it contains invalid content." (model) */
  MessageRejected: { status: 400 },
  /** SendEmail: "The message can't be sent because the account's ability to send email is currently paused." (model) */
  SendingPausedException: { status: 400 },
  /**
   * Not in the model: a tenant send using a resource not associated with the tenant is refused with 403
   * AccessDeniedException (floci's record of real SES; docs/aws-behaviour.md, "Tenants"). The SDK makes it an
   * SESv2ServiceException of that name.
   */
  AccessDeniedException: { status: 403, framework: true },
  /**
   * A body whose JSON types do not match the model: AWS's REST-JSON front end answers it before any
   * validation. The SDK itself never sends such a body.
   */
  SerializationException: { status: 400, framework: true },
  /**
   * A method and path that no SESv2 operation serves: AWS's REST front ends answer 404, which is also how
   * a not-yet-emulated SESv2 operation should look.
   */
  UnknownOperationException: { status: 404, framework: true },
  InternalFailure: { status: 500, framework: true },
});

export const badRequest = (message: string) => table.make('BadRequestException', message);
export const notFound = (message: string) => table.make('NotFoundException', message);
export const alreadyExists = (message: string) => table.make('AlreadyExistsException', message);
export const limitExceeded = (message: string) => table.make('LimitExceededException', message);
export const messageRejected = (message: string) => table.make('MessageRejected', message);
export const sendingPaused = (message: string) => table.make('SendingPausedException', message);
export const accessDenied = (message: string) => table.make('AccessDeniedException', message);

export const SESV2_ERRORS: ServiceErrors = {
  serialization: (message) => table.make('SerializationException', message),
  validation: badRequest,
  unknownOperation: (_operation, req) => table.make('UnknownOperationException', `The ses-reconcile emulator serves no SESv2 operation at ${req.method} ${req.path}.`),
  internal: (message) => table.make('InternalFailure', message),
  fromInjected: table.fromInjected,
};
