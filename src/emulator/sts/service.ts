/**
 * STS, as much of it as ses-reconcile needs: GetCallerIdentity (caller-identity.ts).
 *
 * Protocol: AWS query, like SNS (the JS client's default is AwsQueryProtocol, @aws-sdk/client-sts
 * runtimeConfig.shared.js; core/query.ts): form `POST /` with `Action=GetCallerIdentity&Version=2011-06-15`.
 * A request is STS's when its form parameters say `Version=2011-06-15` and name an Action, and it has no
 * `X-Amz-Target` (SNS and CloudWatch's query requests carry their own Versions).
 */
import { errorTable, type ServiceErrors } from '../core/errors.js';
import { queryProtocol } from '../core/query.js';
import { serveService } from '../core/service.js';
import type { InjectedError, ServiceHandler } from '../types.js';
import { callerIdentityOperations } from './caller-identity.js';

export const STS_VERSION = '2011-06-15';

/** InvalidAction and the query protocol's own errors are among those common to all AWS query APIs (STS API Reference, "Common Errors"). */
const table = errorTable({
  InvalidAction: { status: 400, framework: true },
  InvalidParameterValue: { status: 400, framework: true },
  InternalFailure: { status: 500, framework: true },
});

const STS_ERRORS: ServiceErrors = {
  serialization: (message) => table.make('InvalidParameterValue', message),
  validation: (message) => table.make('InvalidParameterValue', message),
  unknownOperation: (action) => table.make('InvalidAction', `The ses-reconcile emulator serves only GetCallerIdentity of STS, not ${action}.`),
  internal: (message) => table.make('InternalFailure', message),
  fromInjected: table.fromInjected,
};

/** STS's throttling error: query code `Throttling`, 400, "Rate exceeded" (the AWS query APIs' common error). */
const THROTTLING: InjectedError = { code: 'Throttling', message: 'Rate exceeded', status: 400 };

export function createStsHandler(): ServiceHandler {
  return {
    ...serveService({
      service: 'sts',
      protocols: [queryProtocol({ version: STS_VERSION, xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/' })],
      operations: callerIdentityOperations,
      errors: STS_ERRORS,
      throttlingError: THROTTLING,
      context: (req) => ({ region: req.region, accountId: req.accountId }),
    }),
    // Stateless: the caller is always the emulator's account.
    reset() {},
  };
}
