/**
 * Topic tags: TagResource, UntagResource, ListTagsForResource, and the checks CreateTopic's `Tags` share.
 *
 * Rules (SNS model unless noted): key 1–128 characters, value 0–256; at most 50 tags per topic
 * (TagLimitExceededException: "Can't add more than 50 tags to a topic."); a new value for an existing
 * key overwrites it (TagResource doc); a missing topic is ResourceNotFound (404), not NotFound.
 */
import { invalidParameter, resourceNotFound, tagLimitExceeded } from './errors.js';
import { inListOrder } from './paging.js';
import { memberList, textElement, type FormParams } from './protocol.js';
import { findTopic, type SnsContext, type Topic } from './state.js';

export const MAX_TAGS = 50;

/** Tags as sent (`Tags.member.N.Key` / `.Value`), checked; InvalidParameter for a bad one. */
export function readTags(p: FormParams): Map<string, string> {
  const tags = new Map<string, string>();
  for (const t of p.structList('Tags')) {
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

function taggedTopic(ctx: SnsContext, p: FormParams): Topic {
  const topic = findTopic(ctx, p.required('ResourceArn'), 'ResourceArn');
  if (!topic) throw resourceNotFound();
  return topic;
}

export function tagResource(ctx: SnsContext, p: FormParams): string {
  const topic = taggedTopic(ctx, p);
  applyTags(topic, readTags(p));
  return '';
}

export function untagResource(ctx: SnsContext, p: FormParams): string {
  const topic = taggedTopic(ctx, p);
  for (const key of p.list('TagKeys')) topic.tags.delete(key);
  return '';
}

export function listTagsForResource(ctx: SnsContext, p: FormParams): string {
  const topic = taggedTopic(ctx, p);
  // No order is promised; list in the emulator's stable non-insertion order (see paging.ts).
  const tags = inListOrder(topic.tags, ([k]) => k);
  return memberList(
    'Tags',
    tags.map(([k, v]) => `${textElement('Key', k)}${textElement('Value', v)}`),
  );
}
