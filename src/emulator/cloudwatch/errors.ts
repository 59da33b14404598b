/**
 * CloudWatch's errors: the model's shapes as a table (core/errors.ts), encoded by core/json-rpc.ts or core/query.ts.
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
import { Constraints } from '../core/constraints.js';
import { errorTable, type ServiceErrors } from '../core/errors.js';

/** The model's error shapes: shape name -> query code and HTTP status (botocore cloudwatch 2010-08-01). */
const table = errorTable({
  ConcurrentModificationException: { status: 429 },
  // The model's shapes whose message member is `Message`, not `message`.
  ConflictException: { status: 409, messageKey: 'Message' },
  DashboardInvalidInputError: { code: 'InvalidParameterInput', status: 400 },
  DashboardNotFoundError: { code: 'ResourceNotFound', status: 404 },
  InternalServiceFault: { code: 'InternalServiceError', status: 500, messageKey: 'Message' },
  InvalidFormatFault: { code: 'InvalidFormat', status: 400 },
  InvalidNextToken: { status: 400 },
  InvalidParameterCombinationException: { code: 'InvalidParameterCombination', status: 400 },
  InvalidParameterValueException: { code: 'InvalidParameterValue', status: 400 },
  LimitExceededException: { status: 400 },
  LimitExceededFault: { code: 'LimitExceeded', status: 400 },
  MissingRequiredParameterException: { code: 'MissingParameter', status: 400 },
  ResourceNotFound: { status: 404 },
  ResourceNotFoundException: { status: 404 },
  // Newer than botocore 1.43.11's model: @aws-sdk/client-cloudwatch 3.1164.0 declares it
  // (dist-es/schemas/schemas_0.js, `awsQueryError: ["ValidationError", 400]`), for the OTel enrichment
  // operations; it is the shape of the `ValidationError` code every operation answers (validationError).
  ValidationException: { code: 'ValidationError', status: 400 },
  // The front ends' own: a malformed JSON body or member, an X-Amz-Target or Action naming no operation.
  SerializationException: { status: 400, framework: true },
  UnknownOperationException: { status: 400, framework: true },
  MissingAction: { status: 400, framework: true },
  InvalidAction: { status: 400, framework: true },
});

/**
 * Query code `ValidationError` (shape ValidationException, HTTP 400, Sender): what CloudWatch answers both for model
 * constraints ("1 validation error detected: Value '30' at 'period' failed to satisfy constraint: …",
 * ansible/ansible#29694) and for PutMetricAlarm's semantic rules ("Period must be 10, 30 or a multiple
 * of 60 … Error Code: ValidationError", awsdocs/aws-cloudformation-user-guide#777; "Exactly one element of
 * the metrics list should return data", hashicorp/terraform-provider-aws#29894; "Unit should not be set if
 * list of Metrics is set", aws-cloudformation/cfn-lint#1306).
 */
export const validationError = (message: string) => table.make('ValidationException', message);

/** The model's member constraints, reported together as one ValidationError (core/constraints.ts). */
export const constraints = () => new Constraints(validationError);

export const invalidParameterValue = (message: string) => table.make('InvalidParameterValueException', message);

/** "Parameters that must not be used together were used together" (CloudWatch API reference, Common Errors). */
export const invalidParameterCombination = (message: string) => table.make('InvalidParameterCombinationException', message);

/** "An input parameter that is required is missing" (CloudWatch API reference, Common Errors): code MissingParameter. */
export const missingParameter = (message: string) => table.make('MissingRequiredParameterException', message);

export const invalidNextToken = () => table.make('InvalidNextToken', 'The service returned an invalid NextToken.');

export const dashboardNotFound = (message: string) => table.make('DashboardNotFoundError', message);

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
export function dashboardInvalidInput(messages: readonly DashboardValidationMessage[]) {
  const n = messages.length;
  const listing = JSON.stringify(
    messages.map((m) => ({ dataPath: m.DataPath, message: m.Message })),
    null,
    2,
  );
  return table.make('DashboardInvalidInputError', `The dashboard body is invalid, there are ${n} validation error${n === 1 ? '' : 's'}:\n${listing}`, {
    dashboardValidationMessages: messages,
  });
}

/** DeleteAlarms' modeled "not found" (404); also the code GetDashboard's DashboardNotFoundError carries. */
export const resourceNotFound = (message: string) => table.make('ResourceNotFound', message);

/** The tagging operations' "not found" (404), with the resource's type and id. */
export const resourceNotFoundException = (resourceType: string, resourceId: string, message: string) =>
  table.make('ResourceNotFoundException', message, { ResourceType: resourceType, ResourceId: resourceId });

/**
 * The errors the shared code answers in CloudWatch's words. An operation the emulator does not serve is
 * the JSON front end's UnknownOperationException, or the query protocol's MissingAction / InvalidAction
 * (400; CloudWatch API reference, Common Errors), each naming the operations it does serve.
 */
export function cloudWatchErrors(served: readonly string[]): ServiceErrors {
  const serving = ` The ses-reconcile emulator serves CloudWatch ${served.join(', ')}.`;
  return {
    serialization: (message) => table.make('SerializationException', message),
    validation: validationError,
    unknownOperation(operation, _req, protocol) {
      if (protocol !== 'query') return table.make('UnknownOperationException', `Unknown operation ${operation}${serving}`);
      return operation === ''
        ? table.make('MissingAction', `The request must contain the parameter Action.${serving}`)
        : table.make('InvalidAction', `The action ${operation} is not valid for this web service.${serving}`);
    },
    internal: (message) => table.make('InternalServiceFault', message),
    fromInjected: table.fromInjected,
  };
}
