/**
 * The SESv2 service of the emulator: configuration sets, their option groups, event destinations and
 * tags over AWS's REST-JSON protocol, so the unmodified `@aws-sdk/client-sesv2` works against it with
 * only `endpoint` set.
 *
 * A request flows: route (routes.ts: method + path -> operation) -> input from path, query and body ->
 * decode against the model shape (decode.ts: SerializationException / BadRequestException) -> the
 * operation (configuration-sets.ts, event-destinations.ts, tags.ts) on the Region's sets (store.ts) ->
 * JSON output, or the operation's error in REST-JSON form (errors.ts).
 */
import { EMULATOR_ACCOUNT_ID, type EmulatorRequest, type EmulatorResponse, type InjectedError, type ServiceHandler, type TaggableResource } from '../types.js';
import { configurationSetOperations } from './configuration-sets.js';
import { decodeInput } from './decode.js';
import { errorResponse, okResponse, SesError, unknownOperation } from './errors.js';
import { eventDestinationOperations } from './event-destinations.js';
import type { Operation } from './operation.js';
import { matchRoute, readInput, SESV2_PATH_PREFIX } from './routes.js';
import { DEFAULT_SESV2_SETTINGS, parseSesv2Settings, type Sesv2Settings } from './settings.js';
import { Sesv2Store } from './store.js';
import { configurationSetArn, tagOperations } from './tags.js';

export { configureSesv2, parseSesv2Settings, type Sesv2Settings } from './settings.js';

export const SESV2_OPERATIONS: readonly Operation[] = [...configurationSetOperations, ...eventDestinationOperations, ...tagOperations];

/** What the call log and fault injection name a request under /v2/email/ that no emulated operation serves. */
export const UNKNOWN_OPERATION = 'UnknownOperation';

export interface Sesv2Handler extends ServiceHandler {
  /** Settings from the admin API or CLI; throws a readable Error for bad ones. Replaces all settings. */
  configure(settings: unknown): void;
  settings(): Sesv2Settings;
}

/**
 * SESv2's "too many requests" error: 429 TooManyRequestsException (botocore sesv2 model;
 * docs/aws-behaviour.md, "Errors and retries"). The SDK classifies it as throttling and retries it unless
 * maxAttempts is 1.
 */
const THROTTLING: InjectedError = { code: 'TooManyRequestsException', message: 'Too many requests have been made to the operation.', status: 429 };

export function createSesv2Handler(): Sesv2Handler {
  const store = new Sesv2Store();
  let settings: Sesv2Settings = DEFAULT_SESV2_SETTINGS;

  const isOurs = (req: EmulatorRequest): boolean => req.path.startsWith(SESV2_PATH_PREFIX);

  const handle = (req: EmulatorRequest, operationName: string): EmulatorResponse => {
    const match = matchRoute(SESV2_OPERATIONS, req.method, req.path);
    if (!match || match.operation.name !== operationName) {
      return errorResponse(unknownOperation(`The ses-reconcile emulator serves no SESv2 operation at ${req.method} ${req.path}.`));
    }
    try {
      const input = decodeInput(match.operation.input, readInput(match, req));
      return okResponse(match.operation.run(input, { region: req.region, accountId: req.accountId, sets: store.region(req.region), settings }));
    } catch (err) {
      if (err instanceof SesError) return errorResponse(err);
      // A bug in the emulator, not an AWS behaviour: say so rather than crash the server.
      return errorResponse({ code: 'InternalFailure', status: 500, message: `ses-reconcile emulator bug in ${operationName}: ${(err as Error).stack ?? String(err)}` });
    }
  };

  return {
    service: 'sesv2',
    operationOf: (req) => (isOurs(req) ? (matchRoute(SESV2_OPERATIONS, req.method, req.path)?.operation.name ?? UNKNOWN_OPERATION) : undefined),
    handle,
    errorResponse: (_req, _operation, error) => errorResponse(error),
    throttlingError: THROTTLING,
    reset: () => {
      store.clear();
      settings = DEFAULT_SESV2_SETTINGS;
    },
    configure: (raw) => {
      settings = parseSesv2Settings(raw);
    },
    settings: () => settings,
    // Configuration sets are in the tag index as `ses:configuration-set` (docs/aws-behaviour.md,
    // "The tag index").
    *taggableResources(): Iterable<TaggableResource> {
      for (const [region, sets] of store.allRegions()) {
        for (const set of sets.all()) yield { region, arn: configurationSetArn(region, EMULATOR_ACCOUNT_ID, set.name), tags: set.tags };
      }
    },
  };
}
