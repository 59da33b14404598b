/**
 * The SNS service of the emulator: claims SNS's query-protocol requests, dispatches them by `Action`,
 * answers in SNS's XML (protocol.ts), and offers the admin settings of `configure`.
 *
 * Routing: CloudWatch's query protocol is also a form-encoded `POST /` with `Action=`; the two differ by
 * `Version` (SNS 2010-03-31, CloudWatch 2010-08-01). A request is SNS's only when its form parameters
 * say `Version=2010-03-31` and it carries no `X-Amz-Target` (the JSON protocols' operation header).
 */
import { requestId, type EmulatorRequest, type EmulatorResponse, type InjectedError, type ServiceHandler, type TaggableResource } from '../types.js';
import { invalidAction, SnsError, THROTTLED } from './errors.js';
import { errorResponse, FormParams, formParams, SNS_VERSION, successResponse } from './protocol.js';
import { SnsState, type SnsContext } from './state.js';
import {
  confirmPending,
  confirmSubscription as confirmSubscriptionOperation,
  getSubscriptionAttributes,
  listSubscriptions,
  listSubscriptionsByTopic,
  pendingConfirmations,
  setSubscriptionAttributes,
  subscribe,
  unsubscribe,
  type PendingConfirmation,
} from './subscriptions.js';
import { listTagsForResource, tagResource, untagResource } from './tags.js';
import { createTopic, deleteTopic, getTopicAttributes, listTopics, setTopicAttributes } from './topics.js';

/** An operation: the XML inside `<ActionResult>`, or null when the output is not a structure. */
type Operation = (ctx: SnsContext, p: FormParams) => string | null;

const OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateTopic: createTopic,
  DeleteTopic: deleteTopic,
  ListTopics: listTopics,
  GetTopicAttributes: getTopicAttributes,
  SetTopicAttributes: setTopicAttributes,
  Subscribe: subscribe,
  Unsubscribe: unsubscribe,
  ConfirmSubscription: confirmSubscriptionOperation,
  ListSubscriptionsByTopic: listSubscriptionsByTopic,
  ListSubscriptions: listSubscriptions,
  GetSubscriptionAttributes: getSubscriptionAttributes,
  SetSubscriptionAttributes: setSubscriptionAttributes,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};

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

/** Settings for `configure` (admin API `PUT /_emulator/config/sns`). `reset()` forgets them. */
export interface SnsSettingsInput {
  /** Confirm new email/email-json/http/https subscriptions at once. @default false */
  readonly autoConfirm?: boolean;
  /** Confirm the pending subscriptions with these ARNs or endpoints, as their owners would. */
  readonly confirm?: string | readonly string[];
}

export interface SnsHandler extends ServiceHandler {
  /** Confirm the pending subscriptions whose ARN or endpoint is `arnOrEndpoint`; returns their ARNs. */
  confirmSubscription(arnOrEndpoint: string): string[];
  /** Subscriptions waiting for confirmation, with the token ConfirmSubscription takes. */
  pendingConfirmations(): PendingConfirmation[];
}

function paramsOf(req: EmulatorRequest): URLSearchParams {
  return formParams(req.query, req.body, req.headers['content-type']);
}

function readSettings(settings: unknown): SnsSettingsInput {
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) throw new Error('SNS settings must be an object: {"autoConfirm": true} or {"confirm": ["<subscription ARN or endpoint>"]}');
  const s = settings as Record<string, unknown>;
  const unknown = Object.keys(s).filter((k) => k !== 'autoConfirm' && k !== 'confirm');
  if (unknown.length > 0) throw new Error(`unknown SNS setting ${unknown.join(', ')}; known: autoConfirm, confirm`);
  if (s.autoConfirm !== undefined && typeof s.autoConfirm !== 'boolean') throw new Error('SNS setting autoConfirm must be true or false');
  const confirm = s.confirm;
  if (confirm !== undefined && typeof confirm !== 'string' && !(Array.isArray(confirm) && confirm.every((c) => typeof c === 'string'))) {
    throw new Error('SNS setting confirm must be a subscription ARN or endpoint, or a list of them');
  }
  return s as SnsSettingsInput;
}

export function createSnsHandler(): SnsHandler {
  const state = new SnsState();

  return {
    service: 'sns',

    operationOf(req) {
      if (req.headers['x-amz-target'] !== undefined) return undefined;
      if (req.method !== 'POST' && req.method !== 'GET') return undefined;
      const params = paramsOf(req);
      if (params.get('Version') !== SNS_VERSION) return undefined;
      const action = params.get('Action');
      return action === null || action === '' ? undefined : action;
    },

    handle(req, operation) {
      const id = requestId();
      try {
        const op = OPERATIONS[operation];
        if (!op) throw invalidAction(operation, UNEMULATED.has(operation));
        const ctx: SnsContext = { region: req.region, accountId: req.accountId, state, store: state.region(req.region) };
        return successResponse(operation, op(ctx, new FormParams(paramsOf(req))), id);
      } catch (err) {
        if (err instanceof SnsError) return errorResponse(err, id);
        // A bug here must still reach the SDK as SNS's own error, not as a dropped connection.
        return errorResponse(new SnsError('InternalError', 500, `ses-reconcile emulator bug: ${(err as Error).message}`), id);
      }
    },

    errorResponse(_req: EmulatorRequest, _operation: string, error: InjectedError): EmulatorResponse {
      return errorResponse(new SnsError(error.code, error.status, error.message), requestId());
    },

    throttlingError: THROTTLED,

    reset() {
      state.reset();
    },

    configure(settings) {
      const s = readSettings(settings);
      if (s.autoConfirm !== undefined) state.settings.autoConfirm = s.autoConfirm;
      const confirm = s.confirm === undefined ? [] : typeof s.confirm === 'string' ? [s.confirm] : s.confirm;
      for (const c of confirm) confirmPending(state, c);
    },

    confirmSubscription(arnOrEndpoint) {
      return confirmPending(state, arnOrEndpoint);
    },

    // Topics are in the tag index (type `sns`, docs/aws-behaviour.md, "The tag index"); subscriptions cannot
    // be tagged.
    *taggableResources(): Iterable<TaggableResource> {
      for (const [region, r] of state.allRegions()) for (const topic of r.topics.values()) yield { region, arn: topic.arn, tags: topic.tags };
    },

    pendingConfirmations() {
      return pendingConfirmations(state);
    },
  };
}

/** Confirm pending subscriptions by ARN or endpoint (the admin hook, for code holding the handler). */
export function confirmSubscription(handler: SnsHandler, arnOrEndpoint: string): string[] {
  return handler.confirmSubscription(arnOrEndpoint);
}
