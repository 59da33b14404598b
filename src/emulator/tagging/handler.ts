/**
 * The Resource Groups Tagging API of the emulator: GetResources over the SESv2 configuration sets,
 * CloudWatch alarms and SNS topics the other services hold, so a client can find a stack's resources by
 * tag in one paged listing, as on AWS (docs/aws-behaviour.md, "The tag index").
 *
 * A request flows: X-Amz-Target -> operation (protocol.ts) -> body decoded and typed (input.ts) -> the
 * index brought up to date with the sources (tag-index.ts) -> GetResources (get-resources.ts) -> JSON,
 * or the error in AWS JSON 1.1 form (errors.ts). The index also takes note of the sources after every
 * request the server serves (`afterRequest`), which is how it knows when each tag change happened.
 */
import { requestId, type EmulatorResponse, type InjectedError, type ServiceHandler, type TaggableResource } from '../types.js';
import { fromInjected, internalService, TaggingError, THROTTLED, unknownOperation } from './errors.js';
import { getResources } from './get-resources.js';
import { readGetResourcesInput } from './input.js';
import { decodeBody, encodeError, encodeOutput, taggingOperation } from './protocol.js';
import { DEFAULT_TAGGING_SETTINGS, parseTaggingSettings, type TaggingSettings } from './settings.js';
import { TagIndex } from './tag-index.js';

/** The model's other operations: not emulated, answered as unknown with a message that says so. */
const UNEMULATED = new Set([
  'DescribeReportCreation',
  'GetComplianceSummary',
  'GetTagKeys',
  'GetTagValues',
  'ListRequiredTags',
  'StartReportCreation',
  'TagResources',
  'UntagResources',
]);

export interface TaggingHandlerOptions {
  /** The handlers whose resources the index covers (those with taggableResources). */
  readonly sources: readonly ServiceHandler[];
  /** The index's clock, in milliseconds. @default () => Date.now() */
  readonly now?: () => number;
}

export interface TaggingHandler extends ServiceHandler {
  configure(settings: unknown): void;
  settings(): TaggingSettings;
}

export function createTaggingHandler(options: TaggingHandlerOptions): TaggingHandler {
  const now = options.now ?? (() => Date.now());
  let settings = DEFAULT_TAGGING_SETTINGS;
  const index = new TagIndex(now, () => settings);

  function* sourceResources(): Iterable<TaggableResource> {
    for (const source of options.sources) if (source.taggableResources) yield* source.taggableResources();
  }

  const serve = (operation: string, body: Readonly<Record<string, unknown>>, region: string): object => {
    if (operation !== 'GetResources') {
      const why = UNEMULATED.has(operation) ? 'The ses-reconcile emulator does not implement' : 'The Resource Groups Tagging API has no operation';
      throw unknownOperation(`${why} ${operation}; it serves GetResources.`);
    }
    const input = readGetResourcesInput(body);
    index.record(sourceResources());
    return getResources(input, { region, now: now(), resources: index.listed(region) });
  };

  return {
    service: 'tagging',
    operationOf: taggingOperation,
    handle(req, operation): EmulatorResponse {
      const id = requestId();
      try {
        return encodeOutput(serve(operation, decodeBody(req), req.region), id);
      } catch (err) {
        if (err instanceof TaggingError) return encodeError(err, id);
        // A bug of ours: the service's own 500, so SDKs report it sanely.
        return encodeError(internalService(`ses-reconcile emulator bug in ${operation}: ${(err as Error).message}`), id);
      }
    },
    errorResponse: (_req, _operation, error: InjectedError) => encodeError(fromInjected(error), requestId()),
    throttlingError: THROTTLED,
    reset: () => index.reset(),
    afterRequest: () => index.record(sourceResources()),
    configure(s: unknown) {
      settings = parseTaggingSettings(s, settings);
    },
    settings: () => settings,
  };
}
