/**
 * The SNS service of the emulator: topics, subscriptions and topic tags over SNS's wire protocol, AWS
 * query with XML answers (core/query.ts), and the admin settings of `configure`. The operations are
 * declared in topics.ts, subscriptions.ts and tags.ts. Other services publish to topics through
 * `publisher` (messages.ts): SES's event destinations and CloudWatch's alarm actions.
 *
 * Routing: CloudWatch's query protocol is also a form-encoded `POST /` with `Action=`; the two differ by
 * `Version` (SNS 2010-03-31, CloudWatch 2010-08-01). A request is SNS's only when its form parameters
 * say `Version=2010-03-31`, it names an Action, and it carries no `X-Amz-Target` (the JSON protocols'
 * operation header).
 */
import { queryProtocol } from '../core/query.js';
import { serveService } from '../core/service.js';
import type { EmulatorRuntime, ServiceHandler, TaggableResource, TopicPublisher } from '../types.js';
import { SNS_ERRORS, THROTTLED } from './errors.js';
import { publishedMessages, topicPublisher } from './messages.js';
import { SnsState, type PublishedMessage } from './state.js';
import { confirmPending, pendingConfirmations, subscriptionOperations, type PendingConfirmation } from './subscriptions.js';
import { tagOperations } from './tags.js';
import { topicOperations } from './topics.js';

export const SNS_VERSION = '2010-03-31';

export const SNS_OPERATIONS = [...topicOperations, ...subscriptionOperations, ...tagOperations];

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
  /** How other services publish to topics (SES event destinations, alarm actions). */
  readonly publisher: TopicPublisher;
  /** What was published to `topicArn` (or to any topic), oldest first. */
  published(topicArn?: string): PublishedMessage[];
}

export interface SnsHandlerOptions {
  /** The clock and log it shares with the other services. @default the real clock, no log */
  readonly runtime?: EmulatorRuntime;
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

const NO_LOG = { write: () => undefined };

export function createSnsHandler(options: SnsHandlerOptions = {}): SnsHandler {
  const state = new SnsState();
  const runtime: EmulatorRuntime = options.runtime ?? { clock: { now: () => new Date() }, log: NO_LOG };
  const publisher = topicPublisher(state, runtime.clock, runtime.log);

  return {
    ...serveService({
      service: 'sns',
      protocols: [queryProtocol({ version: SNS_VERSION, xmlns: 'http://sns.amazonaws.com/doc/2010-03-31/' })],
      operations: SNS_OPERATIONS,
      errors: SNS_ERRORS,
      throttlingError: THROTTLED,
      context: (req) => ({ region: req.region, accountId: req.accountId, state, store: state.region(req.region) }),
    }),

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

    publisher,

    published(topicArn) {
      return publishedMessages(state, topicArn);
    },
  };
}

/** Confirm pending subscriptions by ARN or endpoint (the admin hook, for code holding the handler). */
export function confirmSubscription(handler: SnsHandler, arnOrEndpoint: string): string[] {
  return handler.confirmSubscription(arnOrEndpoint);
}
