/**
 * Topic tags: TagResource, UntagResource, ListTagsForResource, and the checks CreateTopic's `Tags` share.
 *
 * Rules (SNS model unless noted): key 1–128 characters, value 0–256; at most 50 tags per topic
 * (TagLimitExceededException: "Can't add more than 50 tags to a topic."); a new value for an existing
 * key overwrites it (TagResource doc); a missing topic is ResourceNotFound (404), not NotFound.
 */
import { inListOrder } from '../core/list-order.js';
import { structure } from '../core/shapes.js';
import { operation, type SnsContext } from './context.js';
import { invalidParameter, resourceNotFound, tagLimitExceeded } from './errors.js';
import { TagKeys, Tags, Text } from './shapes.js';
import { findTopic, type Topic } from './state.js';

export const MAX_TAGS = 50;

export interface TagInput {
  readonly Key?: string;
  readonly Value?: string;
}

/** Tags as sent (`Tags.member.N.Key` / `.Value`), checked; InvalidParameter for a bad one. */
export function readTags(sent: readonly TagInput[] | undefined): Map<string, string> {
  const tags = new Map<string, string>();
  for (const t of sent ?? []) {
    const key = t.Key;
    const value = t.Value;
    if (key === undefined || key.length < 1 || key.length > 128) throw invalidParameter('Invalid parameter: Tags Reason: a tag key must be 1 to 128 characters');
    if (value === undefined) throw invalidParameter(`Invalid parameter: Tags Reason: tag "${key}" has no Value`);
    if (value.length > 256) throw invalidParameter(`Invalid parameter: Tags Reason: the value of tag "${key}" is longer than 256 characters`);
    // The aws: prefix is reserved for AWS's own tags (AWS General Reference, "Tagging best practices").
    if (key.toLowerCase().startsWith('aws:')) throw invalidParameter(`Invalid parameter: Tags Reason: tag key "${key}" uses the reserved prefix aws:`);
    // AWS's wording, recorded by localstack's AWS-validated SNS tests (provider.py tag_resource).
    if (tags.has(key)) throw invalidParameter('Invalid parameter: Duplicated keys are not allowed.');
    tags.set(key, value);
  }
  return tags;
}

/** Merge `tags` into the topic's, refusing to pass the 50-tag limit. */
export function applyTags(topic: Pick<Topic, 'tags'>, tags: ReadonlyMap<string, string>): void {
  const merged = new Map([...topic.tags, ...tags]);
  if (merged.size > MAX_TAGS) throw tagLimitExceeded();
  for (const [k, v] of tags) topic.tags.set(k, v);
}

function taggedTopic(ctx: SnsContext, arn: string): Topic {
  const topic = findTopic(ctx, arn, 'ResourceArn');
  if (!topic) throw resourceNotFound();
  return topic;
}

interface ResourceInput {
  readonly ResourceArn: string;
}

export const tagOperations = [
  operation<ResourceInput & { readonly Tags?: readonly TagInput[] }>({
    name: 'TagResource',
    input: structure({ ResourceArn: Text, Tags }, ['ResourceArn']),
    run: (input, ctx) => {
      applyTags(taggedTopic(ctx, input.ResourceArn), readTags(input.Tags));
      return {};
    },
  }),
  operation<ResourceInput & { readonly TagKeys?: readonly string[] }>({
    name: 'UntagResource',
    input: structure({ ResourceArn: Text, TagKeys }, ['ResourceArn']),
    run: (input, ctx) => {
      const topic = taggedTopic(ctx, input.ResourceArn);
      for (const key of input.TagKeys ?? []) topic.tags.delete(key);
      return {};
    },
  }),
  operation<ResourceInput>({
    name: 'ListTagsForResource',
    input: structure({ ResourceArn: Text }, ['ResourceArn']),
    // No order is promised; list in the emulator's stable non-insertion order (core/list-order.ts).
    run: (input, ctx) => ({ Tags: inListOrder(taggedTopic(ctx, input.ResourceArn).tags, ([k]) => k).map(([Key, Value]) => ({ Key, Value })) }),
  }),
];
