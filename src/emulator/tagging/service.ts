/**
 * The Resource Groups Tagging API of the emulator: GetResources over the SESv2 configuration sets,
 * CloudWatch alarms and SNS topics the other services hold, so a client can find a stack's resources by
 * tag in one paged listing, as on AWS (docs/aws-behaviour.md, "The tag index").
 *
 * The operation is declared in get-resources.ts and spoken over AWS JSON 1.1 (core/json-rpc.ts). Before
 * it runs, the index is brought up to date with the sources (tag-index.ts); the index also takes note of
 * the sources after every request the server serves (`afterRequest`), which is how it knows when each
 * tag change happened.
 */
import { jsonRpcProtocol } from '../core/json-rpc.js';
import { serveService } from '../core/service.js';
import type { ServiceHandler, TaggableResource } from '../types.js';
import { TAGGING_ERRORS, THROTTLED } from './errors.js';
import { getResourcesOperations } from './get-resources.js';
import { DEFAULT_TAGGING_SETTINGS, parseTaggingSettings, type TaggingSettings } from './settings.js';
import { TagIndex } from './tag-index.js';

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

  return {
    ...serveService({
      service: 'tagging',
      protocols: [
        // botocore metadata `jsonVersion 1.1`, `targetPrefix ResourceGroupsTaggingAPI_20170126`.
        jsonRpcProtocol({ targetPrefix: 'ResourceGroupsTaggingAPI_20170126.', version: '1.1', namespace: 'com.amazonaws.resourcegroupstaggingapi', messageKey: 'Message' }),
      ],
      operations: getResourcesOperations,
      errors: TAGGING_ERRORS,
      throttlingError: THROTTLED,
      context: (req) => {
        index.record(sourceResources());
        return { region: req.region, now: now(), resources: index.listed(req.region) };
      },
    }),
    reset: () => index.reset(),
    afterRequest: () => index.record(sourceResources()),
    configure(s: unknown) {
      settings = parseTaggingSettings(s, settings);
    },
    settings: () => settings,
  };
}
