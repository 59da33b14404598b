/**
 * STS, as much of it as ses-reconcile needs: GetCallerIdentity, which tells the tool the account it is
 * about to change (ARNs for tag calls and topics; the file's `accountId` guard). The emulated caller is
 * always the emulator's account (EMULATOR_ACCOUNT_ID), whatever credentials signed the request, as with
 * moto.
 *
 * Protocol: AWS query, like SNS (the JS client's default is AwsQueryProtocol, @aws-sdk/client-sts
 * runtimeConfig.shared.js): form `POST /` with `Action=GetCallerIdentity&Version=2011-06-15`; XML
 * answers `<GetCallerIdentityResponse><GetCallerIdentityResult>…` and errors
 * `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`. A request is STS's
 * when its form parameters say `Version=2011-06-15` and it has no `X-Amz-Target` (SNS and CloudWatch's
 * query requests carry their own Versions).
 */
import { requestId, type EmulatorRequest, type EmulatorResponse, type InjectedError, type ServiceHandler } from '../types.js';

export const STS_VERSION = '2011-06-15';
const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** The emulated principal: an IAM user of the emulator's account. */
export const EMULATOR_USER_NAME = 'ses-reconcile-emulator';
export const EMULATOR_USER_ID = 'AIDASESRECONCILEEMULA';

/** STS's throttling error: query code `Throttling`, 400, "Rate exceeded" (the AWS query APIs' common error). */
const THROTTLING: InjectedError = { code: 'Throttling', message: 'Rate exceeded', status: 400 };

function paramsOf(req: EmulatorRequest): URLSearchParams {
  const params = new URLSearchParams(req.query);
  const type = req.headers['content-type'];
  // Only a form body holds parameters; a JSON body (X-Amz-Target protocols) is not one.
  if (req.body.length > 0 && (type === undefined || type.startsWith('application/x-www-form-urlencoded'))) {
    for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) params.append(k, v);
  }
  return params;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function xml(status: number, id: string, body: string): EmulatorResponse {
  return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': id }, body };
}

function errorXml(error: InjectedError, id: string): EmulatorResponse {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  return xml(
    error.status,
    id,
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`,
  );
}

function partitionOf(region: string): string {
  return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

function getCallerIdentity(req: EmulatorRequest, id: string): EmulatorResponse {
  const arn = `arn:${partitionOf(req.region)}:iam::${req.accountId}:user/${EMULATOR_USER_NAME}`;
  return xml(
    200,
    id,
    `<GetCallerIdentityResponse xmlns="${XMLNS}"><GetCallerIdentityResult><Arn>${escapeXml(arn)}</Arn><UserId>${EMULATOR_USER_ID}</UserId><Account>${escapeXml(req.accountId)}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
  );
}

export function createStsHandler(): ServiceHandler {
  return {
    service: 'sts',

    operationOf(req) {
      if (req.headers['x-amz-target'] !== undefined) return undefined;
      if (req.method !== 'POST' && req.method !== 'GET') return undefined;
      const params = paramsOf(req);
      if (params.get('Version') !== STS_VERSION) return undefined;
      const action = params.get('Action');
      return action === null || action === '' ? undefined : action;
    },

    handle(req, operation) {
      const id = requestId();
      if (operation === 'GetCallerIdentity') return getCallerIdentity(req, id);
      // InvalidAction (400) is among the errors common to all AWS query APIs (STS API Reference, "Common Errors").
      return errorXml(
        { code: 'InvalidAction', status: 400, message: `The ses-reconcile emulator serves only GetCallerIdentity of STS, not ${operation}.` },
        id,
      );
    },

    errorResponse: (_req, _operation, error) => errorXml(error, requestId()),

    throttlingError: THROTTLING,

    // Stateless: the caller is always the emulator's account.
    reset() {},
  };
}
