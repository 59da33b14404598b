/**
 * SNS's errors as the query protocol names them: the `Code` the SDK maps to an exception class and the
 * HTTP status, both from the error shapes of the SNS model (botocore sns/2010-03-31 service-2.json,
 * `error: {code, httpStatusCode}`). Only the shapes the emulated operations can answer are here.
 *
 * Messages quote AWS where AWS's wording is recorded (cited at the throw site); elsewhere they are ours
 * and say what was wrong.
 */

export class SnsError extends Error {
  constructor(
    /** The query-protocol code, e.g. `NotFound` (NotFoundException in the SDK). */
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'SnsError';
  }

  /** The query protocol's fault side: 4xx are the caller's (`Sender`), 5xx the service's (`Receiver`). */
  get type(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

/** InvalidParameterException: code InvalidParameter, 400. */
export function invalidParameter(message: string): SnsError {
  return new SnsError('InvalidParameter', 400, message);
}

/** NotFoundException: code NotFound, 404 (topics and subscriptions). */
export function notFound(message: string): SnsError {
  return new SnsError('NotFound', 404, message);
}

/**
 * ResourceNotFoundException: code ResourceNotFound, 404. The tagging operations answer this one, not
 * NotFound, for a missing topic (model: TagResource/UntagResource/ListTagsForResource errors).
 */
export function resourceNotFound(): SnsError {
  // The model's documentation of the shape, used as the message.
  return new SnsError('ResourceNotFound', 404, "Can't perform the action on the specified resource. Make sure that the resource exists.");
}

/** TagLimitExceededException: code TagLimitExceeded, 400; message = the model's documentation of the shape. */
export function tagLimitExceeded(): SnsError {
  return new SnsError('TagLimitExceeded', 400, "Can't add more than 50 tags to a topic.");
}

/**
 * An action SNS does not have, or one this emulator does not serve. `InvalidAction` (400) is in the
 * errors common to all AWS query APIs (SNS API Reference, "Common Errors").
 */
export function invalidAction(action: string, known: boolean): SnsError {
  return new SnsError(
    'InvalidAction',
    400,
    known
      ? `The ses-reconcile emulator does not implement the SNS action ${action}.`
      : `The action or operation requested is invalid: ${action || '(no Action)'}. Verify that the action is typed correctly.`,
  );
}

/** ThrottledException: code Throttled, 429 (model), with AWS's usual throttling message. */
export const THROTTLED = { code: 'Throttled', message: 'Rate exceeded', status: 429 } as const;

/** A missing required member, worded as SNS words it (recorded by localstack's AWS-validated SNS tests). */
export function missingParameter(name: string): SnsError {
  return invalidParameter(`Invalid parameter: ${name} Reason: no value for required parameter`);
}
