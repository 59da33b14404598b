/**
 * TagResource, UntagResource, ListTagsForResource on configuration-set ARNs
 * `arn:aws:ses:{region}:{account}:configuration-set/{name}` and tenant ARNs
 * `arn:aws:ses:{region}:{account}:tenant/{name}/{id}` (docs/aws-behaviour.md, "Tagging", "Tenants"). They
 * share one tag store with the Create call's Tags and the Get call's Tags: tagging a set or a tenant shows
 * in its Get.
 */
import { partitionOf } from '../core/arn.js';
import { badRequest, notFound } from './errors.js';
import type { Tag } from './model.js';
import { operation, type Sesv2Context } from './context.js';
import { tagsOf } from './configuration-sets.js';
import * as shape from './shapes.js';
import { checkTagCount, checkTags } from './validation.js';

const TAGS = '/v2/email/tags';


/**
 * The ARN TagResource takes and the Resource Groups Tagging API lists for a set (docs/aws-behaviour.md,
 * "Tagging", "The tag index").
 */
export function configurationSetArn(region: string, accountId: string, name: string): string {
  return `arn:${partitionOf(region)}:ses:${region}:${accountId}:configuration-set/${name}`;
}
const ARN = /^arn:(aws|aws-[a-z-]+):ses:([a-z0-9-]+):(\d{12}):([a-z-]+)\/(.+)$/;

/**
 * The tags of the set or tenant an ARN names (a tenant by its id, tenant-store.ts). Other SES resource
 * types (identities, pools, ...) are not emulated, so not found.
 */
function setOf(arn: string, ctx: Sesv2Context): { readonly tags: Map<string, string> } {
  const m = ARN.exec(arn);
  if (!m) throw badRequest(`Invalid ResourceArn <${arn}>: expected arn:aws:ses:<region>:<account>:configuration-set/<name>.`);
  const [, , region, account, type, name] = m as unknown as [string, string, string, string, string, string];
  // A resource lives in one Region and account: an ARN naming another is not found here.
  const here = region === ctx.region && account === ctx.accountId;
  const resource = !here ? undefined : type === 'configuration-set' ? ctx.sets.get(name) : type === 'tenant' ? ctx.tenants.byArn(arn, region, account) : undefined;
  if (!resource) throw notFound(`Resource <${arn}> does not exist.`);
  return resource;
}

const tagResource = operation<{ readonly ResourceArn: string; readonly Tags: readonly Tag[] }>({
  name: 'TagResource',
  http: [{ method: 'POST', path: TAGS }],
  input: shape.structure({ ResourceArn: shape.ResourceArn, Tags: shape.TagList }, ['ResourceArn', 'Tags']),
  run: (input, ctx) => {
    checkTags(input.Tags);
    const set = setOf(input.ResourceArn, ctx);
    // A key already on the resource takes the new value; the 50-tag limit applies to the result.
    checkTagCount(set.tags.size + input.Tags.filter((t) => !set.tags.has(t.Key)).length);
    for (const t of input.Tags) set.tags.set(t.Key, t.Value);
    return {};
  },
});

const untagResource = operation<{ readonly ResourceArn: string; readonly TagKeys: readonly string[] }>({
  name: 'UntagResource',
  // Both members are query parameters; TagKeys repeats: ?ResourceArn=..&TagKeys=a&TagKeys=b.
  http: [{ method: 'DELETE', path: TAGS, query: { ResourceArn: 'ResourceArn', TagKeys: 'TagKeys' } }],
  input: shape.structure({ ResourceArn: shape.ResourceArn, TagKeys: shape.TagKeyList }, ['ResourceArn', 'TagKeys']),
  run: (input, ctx) => {
    const set = setOf(input.ResourceArn, ctx);
    // Keys the resource does not have are ignored, as the Tagging APIs of AWS services do.
    for (const key of input.TagKeys) set.tags.delete(key);
    return {};
  },
});

const listTagsForResource = operation<{ readonly ResourceArn: string }>({
  name: 'ListTagsForResource',
  http: [{ method: 'GET', path: TAGS, query: { ResourceArn: 'ResourceArn' } }],
  input: shape.structure({ ResourceArn: shape.ResourceArn }, ['ResourceArn']),
  run: (input, ctx) => ({ Tags: tagsOf(setOf(input.ResourceArn, ctx)) }),
});

export const tagOperations = [tagResource, untagResource, listTagsForResource];
