/**
 * GetCallerIdentity, which tells the tool the account it is about to change (ARNs for tag calls and
 * topics; the file's `accountId` guard). The emulated caller is always the emulator's account
 * (EMULATOR_ACCOUNT_ID), whatever credentials signed the request, as with moto.
 */
import { partitionOf } from '../core/arn.js';
import { operationsOf } from '../core/operation.js';
import { NO_INPUT } from '../core/shapes.js';

/** The emulated principal: an IAM user of the emulator's account. */
export const EMULATOR_USER_NAME = 'ses-reconcile-emulator';
export const EMULATOR_USER_ID = 'AIDASESRECONCILEEMULA';

export interface StsContext {
  readonly region: string;
  readonly accountId: string;
}

const operation = operationsOf<StsContext>();

export const callerIdentityOperations = [
  operation<object>({
    name: 'GetCallerIdentity',
    input: NO_INPUT,
    run: (_input, ctx) => ({ Arn: `arn:${partitionOf(ctx.region)}:iam::${ctx.accountId}:user/${EMULATOR_USER_NAME}`, UserId: EMULATOR_USER_ID, Account: ctx.accountId }),
  }),
];
