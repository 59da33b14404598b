/**
 * CloudWatch errors: one class, encoded by protocol-json.ts or protocol-query.ts.
 *
 * Every error has two names. The *shape* (`DashboardNotFoundError`) is what the JSON protocol sends as
 * `__type`; the *query code* (`ResourceNotFound`, the shape's `error.code` in the model) is what the
 * query protocol sends as `<Code>` and the JSON protocol in the `x-amzn-query-error: Code;Sender` header,
 * because CloudWatch is `awsQueryCompatible` (botocore cloudwatch 2010-08-01 metadata).
 *
 * Which one the JS SDK shows: with `awsQueryCompatible`, @aws-sdk/core AwsJsonRpcProtocol.handleError
 * copies the header's code into the body as `Code`, and @smithy/core loadJsonRpcErrorCode then reads
 * `code` before `__type`; ProtocolLib.findQueryCompatibleError looks the code up first as a shape name,
 * then by the shapes' `awsQueryError` trait. So `InvalidParameterValue` surfaces as
 * `InvalidParameterValueException`, but `ResourceNotFound` surfaces as the `ResourceNotFound` shape even
 * for GetDashboard, whose modeled shape is `DashboardNotFoundError` (docs/aws-behaviour.md,
 * "Errors and retries"). `ValidationError` surfaces as `ValidationException` (the shape the current SDK model
 * gives that code); unmodeled codes (`Throttling`, `InternalFailure`) surface as `CloudWatchServiceException`
 * named by the code.
 */
import type { InjectedError } from '../types.js';

/** The model's error shapes: shape name -> query code and HTTP status (botocore cloudwatch 2010-08-01). */
export const ERROR_SHAPES = {
  ConcurrentModificationException: { code: 'ConcurrentModificationException', status: 429 },
  ConflictException: { code: 'ConflictException', status: 409 },
  DashboardInvalidInputError: { code: 'InvalidParameterInput', status: 400 },
  DashboardNotFoundError: { code: 'ResourceNotFound', status: 404 },
  InternalServiceFault: { code: 'InternalServiceError', status: 500 },
  InvalidFormatFault: { code: 'InvalidFormat', status: 400 },
  InvalidNextToken: { code: 'InvalidNextToken', status: 400 },
  InvalidParameterCombinationException: { code: 'InvalidParameterCombination', status: 400 },
  InvalidParameterValueException: { code: 'InvalidParameterValue', status: 400 },
  LimitExceededException: { code: 'LimitExceededException', status: 400 },
  LimitExceededFault: { code: 'LimitExceeded', status: 400 },
  MissingRequiredParameterException: { code: 'MissingParameter', status: 400 },
  ResourceNotFound: { code: 'ResourceNotFound', status: 404 },
  ResourceNotFoundException: { code: 'ResourceNotFoundException', status: 404 },
  // Newer than botocore 1.43.11's model: @aws-sdk/client-cloudwatch 3.1164.0 declares it
  // (dist-es/schemas/schemas_0.js, `awsQueryError: ["ValidationError", 400]`), for the OTel enrichment
  // operations; it is the shape of the `ValidationError` code every operation answers (validationError).
  ValidationException: { code: 'ValidationError', status: 400 },
} as const;

export type ErrorShape = keyof typeof ERROR_SHAPES;

/** Shapes whose message member is `Message`, not `message` (same model). */
const CAPITAL_MESSAGE: ReadonlySet<string> = new Set(['ConflictException', 'InternalServiceFault']);

export class CloudWatchError extends Error {
  constructor(
    /** The query code: `<Code>` in XML, the `x-amzn-query-error` header in JSON. */
    readonly code: string,
    /** The JSON `__type` shape name; the code itself for errors the model does not declare. */
    readonly shape: string,
    readonly status: number,
    message: string,
    /** Further members of the error shape (e.g. `dashboardValidationMessages`), sent beside the message. */
    readonly members: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  /** `Sender` for client faults, `Receiver` for server faults: the query protocol's `<Type>`. */
  get fault(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }

  /** The key the shape uses for its message. */
  get messageKey(): 'message' | 'Message' {
    return CAPITAL_MESSAGE.has(this.shape) ? 'Message' : 'message';
  }
}

function modeled(shape: ErrorShape, message: string, members: Record<string, unknown> = {}): CloudWatchError {
  const { code, status } = ERROR_SHAPES[shape];
  return new CloudWatchError(code, shape, status, message, members);
}

/**
 * Query code `ValidationError` (shape ValidationException, HTTP 400, Sender): what CloudWatch answers both for model
 * constraints ("1 validation error detected: Value '30' at 'period' failed to satisfy constraint: …",
 * ansible/ansible#29694) and for PutMetricAlarm's semantic rules ("Period must be 10, 30 or a multiple
 * of 60 … Error Code: ValidationError", awsdocs/aws-cloudformation-user-guide#777; "Exactly one element of
 * the metrics list should return data", hashicorp/terraform-provider-aws#29894; "Unit should not be set if
 * list of Metrics is set", aws-cloudformation/cfn-lint#1306).
 */
export const validationError = (message: string) => modeled('ValidationException', message);

export const invalidParameterValue = (message: string) => modeled('InvalidParameterValueException', message);

/** "Parameters that must not be used together were used together" (CloudWatch API reference, Common Errors). */
export const invalidParameterCombination = (message: string) => modeled('InvalidParameterCombinationException', message);

export const invalidNextToken = () => modeled('InvalidNextToken', 'The service returned an invalid NextToken.');

export const dashboardNotFound = (message: string) => modeled('DashboardNotFoundError', message);

export interface DashboardValidationMessage {
  readonly DataPath: string;
  readonly Message: string;
}

/**
 * AWS's wording: "The dashboard body is invalid, there are 3 validation errors:\n[\n  {\n    "dataPath":
 * "/widgets/9/properties",\n    "message": "…"\n  }\n]" with code InvalidParameterInput
 * (aws-samples/aws-eda-slurm-cluster#116, pulumi/pulumi#13059); the list also comes as the shape's
 * `dashboardValidationMessages` member.
 */
export function dashboardInvalidInput(messages: readonly DashboardValidationMessage[]): CloudWatchError {
  const n = messages.length;
  const listing = JSON.stringify(
    messages.map((m) => ({ dataPath: m.DataPath, message: m.Message })),
    null,
    2,
  );
  return modeled('DashboardInvalidInputError', `The dashboard body is invalid, there are ${n} validation error${n === 1 ? '' : 's'}:\n${listing}`, {
    dashboardValidationMessages: messages,
  });
}

/** DeleteAlarms' modeled "not found" (404); also the code GetDashboard's DashboardNotFoundError carries. */
export const resourceNotFound = (message: string) => modeled('ResourceNotFound', message);

/** The tagging operations' "not found" (404), with the resource's type and id. */
export const resourceNotFoundException = (resourceType: string, resourceId: string, message: string) =>
  modeled('ResourceNotFoundException', message, { ResourceType: resourceType, ResourceId: resourceId });

/** An error injected by the server's fault injection, named by its code: a modeled code keeps its shape. */
export function fromInjected(e: InjectedError): CloudWatchError {
  const shapes = Object.keys(ERROR_SHAPES) as ErrorShape[];
  const shape = shapes.find((s) => s === e.code) ?? shapes.find((s) => ERROR_SHAPES[s].code === e.code);
  return new CloudWatchError(shape ? ERROR_SHAPES[shape].code : e.code, shape ?? e.code, e.status, e.message);
}
