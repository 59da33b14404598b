/**
 * SNS's errors as the query protocol names them: the `Code` the SDK maps to an exception class and the
 * HTTP status, both from the error shapes of the SNS model (botocore sns/2010-03-31 service-2.json,
 * `error: {code, httpStatusCode}`). Only the shapes the emulated operations can answer are here.
 *
 * Messages quote AWS where AWS's wording is recorded (cited at the throw site); elsewhere they are ours
 * and say what was wrong.
 */

import { errorTable, type ServiceErrors } from '../core/errors.js';

/** By query code: the only name the query protocol sends (the SDK maps it to NotFoundException …). */
const table = errorTable({
  InvalidParameter: { status: 400 },
  /** AuthorizationErrorException: code AuthorizationError, 403 (SNS model). */
  AuthorizationError: { status: 403 },
  NotFound: { status: 404 },
  ResourceNotFound: { status: 404 },
  TagLimitExceeded: { status: 400 },
  TopicLimitExceeded: { status: 403 },
  InternalError: { status: 500 },
  Throttled: { status: 429 },
  /** Among the errors common to all AWS query APIs (SNS API Reference, "Common Errors"). */
  InvalidAction: { status: 400, framework: true },
});

/** InvalidParameterException: code InvalidParameter, 400. */
export const invalidParameter = (message: string) => table.make('InvalidParameter', message);

/**
 * A topic of another account: the emulator serves one account and cannot know another's topics or their
 * policies, so it answers as AWS does a caller the topic's policy does not name (403 AuthorizationError).
 */
export const authorizationError = (action: string, arn: string) => table.make('AuthorizationError', `User is not authorized to perform: SNS:${action} on resource: ${arn}`);

/** NotFoundException: code NotFound, 404 (topics and subscriptions). */
export const notFound = (message: string) => table.make('NotFound', message);

/**
 * ResourceNotFoundException: code ResourceNotFound, 404. The tagging operations answer this one, not
 * NotFound, for a missing topic (model: TagResource/UntagResource/ListTagsForResource errors).
 */
export function resourceNotFound() {
  // The model's documentation of the shape, used as the message.
  return table.make('ResourceNotFound', "Can't perform the action on the specified resource. Make sure that the resource exists.");
}

/** TagLimitExceededException: code TagLimitExceeded, 400; message = the model's documentation of the shape. */
export const tagLimitExceeded = () => table.make('TagLimitExceeded', "Can't add more than 50 tags to a topic.");

export const topicLimitExceeded = (message: string) => table.make('TopicLimitExceeded', message);

/** ThrottledException: code Throttled, 429 (model), with AWS's usual throttling message. */
export const THROTTLED = { code: 'Throttled', message: 'Rate exceeded', status: 429 } as const;

/** A missing required member, worded as SNS words it (recorded by localstack's AWS-validated SNS tests). */
export function missingParameter(name: string) {
  return invalidParameter(`Invalid parameter: ${name} Reason: no value for required parameter`);
}

/** SNS's other actions (model operations), answered "not implemented" rather than "no such action". */
const UNEMULATED = new Set([
  'AddPermission',
  'CheckIfPhoneNumberIsOptedOut',
  'CreatePlatformApplication',
  'CreatePlatformEndpoint',
  'CreateSMSSandboxPhoneNumber',
  'DeleteEndpoint',
  'DeletePlatformApplication',
  'DeleteSMSSandboxPhoneNumber',
  'GetDataProtectionPolicy',
  'GetEndpointAttributes',
  'GetPlatformApplicationAttributes',
  'GetSMSAttributes',
  'GetSMSSandboxAccountStatus',
  'ListEndpointsByPlatformApplication',
  'ListOriginationNumbers',
  'ListPhoneNumbersOptedOut',
  'ListPlatformApplications',
  'ListSMSSandboxPhoneNumbers',
  'OptInPhoneNumber',
  'Publish',
  'PublishBatch',
  'PutDataProtectionPolicy',
  'RemovePermission',
  'SetEndpointAttributes',
  'SetPlatformApplicationAttributes',
  'SetSMSAttributes',
  'VerifySMSSandboxPhoneNumber',
]);

export const SNS_ERRORS: ServiceErrors = {
  // The query protocol sends strings; a value that does not parse as its type is a bad parameter.
  serialization: invalidParameter,
  validation: invalidParameter,
  missing: missingParameter,
  unknownOperation: (action) =>
    table.make(
      'InvalidAction',
      UNEMULATED.has(action)
        ? `The ses-reconcile emulator does not implement the SNS action ${action}.`
        : `The action or operation requested is invalid: ${action || '(no Action)'}. Verify that the action is typed correctly.`,
    ),
  internal: (message) => table.make('InternalError', message),
  fromInjected: table.fromInjected,
};
