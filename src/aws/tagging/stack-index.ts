/**
 * The stack's resources as the Resource Groups Tagging API lists them: what `--discovery tags` (the
 * default) starts from, so a plan reads only what the stack owns or the file names (docs/architecture.md, "Ownership and deletes"), never the
 * account's other sets, alarms and topics.
 *
 * One listing: GetResources with the tag filter `ses-reconcile:stack=<stack>` and the type filters
 * `ses:configuration-set`, `ses:tenant`, `cloudwatch:alarm` and `sns` (topics have no type segment in their ARN), 100
 * resources a page (the most the API allows), until PaginationToken is empty or absent; pages can be
 * short (docs/aws-behaviour.md, "The tag index"). Each entry carries the resource's tags, so nothing
 * else is read to learn who owns it or what digest it was last applied with.
 * Cost: ceil(R / 100) calls (at least 1) for R resources of the stack.
 *
 * What the index says is a candidate, not a fact: it lags behind tag changes and lists deleted resources
 * for a while. The readers confirm every hit with the service's own read (NotFound = gone) and read by
 * name whatever the file names; the tags of a hit are trusted only where they match what the file wants
 * (live/scope.ts), because a stale tag must neither hide a change nor cause a delete.
 */
import { GetResourcesCommand, type ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { AwsCallError } from '../../errors.js';
import type { IndexedResource, StackIndex } from '../../live/port.js';
import { STACK_TAG } from '../../model/resources.js';
import type { CallCount } from '../call-count.js';

const RESOURCE_TYPE_FILTERS = ['ses:configuration-set', 'ses:tenant', 'cloudwatch:alarm', 'sns'] as const;
const PAGE_SIZE = 100;

type Kind = 'configurationSet' | 'alarm' | 'topic' | 'tenant';

/**
 * `arn:aws:ses:r:a:configuration-set/NAME`, `arn:aws:cloudwatch:r:a:alarm:NAME` (an alarm name may hold
 * `:` itself), `arn:aws:sns:r:a:NAME`; anything else (another type the filters let through) is undefined.
 */
export function resourceOfArn(arn: string): { kind: Kind; name: string } | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const service = parts[2];
  const resource = parts.slice(5).join(':');
  if (service === 'ses' && resource.startsWith('configuration-set/')) return { kind: 'configurationSet', name: resource.slice('configuration-set/'.length) };
  // A tenant's ARN ends in its id, `tenant/NAME/ID` (docs/aws-behaviour.md, "Tenants"); the name has no `/`.
  if (service === 'ses' && resource.startsWith('tenant/')) {
    const name = resource.slice('tenant/'.length).split('/')[0];
    return name ? { kind: 'tenant', name } : undefined;
  }
  if (service === 'cloudwatch' && resource.startsWith('alarm:')) return { kind: 'alarm', name: resource.slice('alarm:'.length) };
  if (service === 'sns' && parts.length === 6 && resource !== '') return { kind: 'topic', name: resource };
  return undefined;
}

/** The policy denies `tag:GetResources`: the caller falls back to `--discovery scan` (docs/architecture.md, "Commands and exit codes"). */
export function isAccessDenied(err: unknown): boolean {
  return err instanceof AwsCallError && ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedException'].includes(err.code);
}

export async function readStackIndex(tagging: ResourceGroupsTaggingAPIClient, stack: string, calls: CallCount): Promise<StackIndex> {
  const found: Record<Kind, Map<string, IndexedResource>> = { configurationSet: new Map(), alarm: new Map(), topic: new Map(), tenant: new Map() };
  let token: string | undefined;
  do {
    const page = await calls.call('GetResources', () =>
      tagging.send(
        new GetResourcesCommand({
          TagFilters: [{ Key: STACK_TAG, Values: [stack] }],
          ResourceTypeFilters: [...RESOURCE_TYPE_FILTERS],
          ResourcesPerPage: PAGE_SIZE,
          ...(token ? { PaginationToken: token } : {}),
        }),
      ),
    );
    for (const m of page.ResourceTagMappingList ?? []) {
      const of = m.ResourceARN ? resourceOfArn(m.ResourceARN) : undefined;
      if (!of || !m.ResourceARN) continue;
      const tags: Record<string, string> = {};
      for (const t of m.Tags ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? '';
      // The filter already asked for this stack; a mismatch would be an index bug, and is not ours then.
      if (tags[STACK_TAG] !== stack) continue;
      found[of.kind].set(of.name, { arn: m.ResourceARN, name: of.name, tags });
    }
    token = page.PaginationToken || undefined;
  } while (token !== undefined);
  return { configurationSets: found.configurationSet, alarms: found.alarm, topics: found.topic, tenants: found.tenant };
}
