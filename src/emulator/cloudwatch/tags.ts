/**
 * Tags of alarms and dashboards: TagResource, UntagResource, ListTagsForResource (docs/aws-behaviour.md,
 * "Tagging"), and the Tags members of PutMetricAlarm and PutDashboard, which apply only when they create the
 * resource.
 *
 * A resource is named by its ARN (arn.ts). A well-formed CloudWatch ARN whose resource does not exist
 * answers ResourceNotFoundException (404, the tagging operations' modeled error); a string that is not
 * a CloudWatch ARN answers InvalidParameterValue (INFERENCE: the only other modeled client error).
 * Alarms are regional: an alarm ARN of another region than the endpoint's is not found there.
 */
import type { Constraints } from '../core/constraints.js';
import { inListOrder } from '../core/list-order.js';
import { structure } from '../core/shapes.js';
import { parseCloudWatchArn } from './arn.js';
import { operation, type CloudWatchContext, type Input } from './context.js';
import { constraints, invalidParameterValue, resourceNotFoundException } from './errors.js';
import { Names, TagList, Text } from './shapes.js';

type RequestContext = Pick<CloudWatchContext, 'region' | 'accountId'>;

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** "You can associate as many as 50 tags with a CloudWatch resource." (model, TagResource) */
const MAX_TAGS = 50;

export function checkTags(c: Constraints, path: string, tags: readonly Partial<Tag>[] | undefined): void {
  tags?.forEach((t, i) => {
    c.required(`${path}.${i + 1}.member.key`, t.Key).length(`${path}.${i + 1}.member.key`, t.Key, 1, 128);
    c.required(`${path}.${i + 1}.member.value`, t.Value).length(`${path}.${i + 1}.member.value`, t.Value, 0, 256);
  });
}

/** INFERENCE: the error for more than 50 tags (documented limit, undocumented error). */
export function tooManyTags(count: number): Error {
  return invalidParameterValue(`A resource can have at most ${MAX_TAGS} tags; this request would give it ${count}.`);
}

const NO_TAGS: ReadonlyMap<string, string> = new Map();

export class TagStore {
  private readonly byArn = new Map<string, Map<string, string>>();

  reset(): void {
    this.byArn.clear();
  }

  /** Upsert: "If you specify a tag key that is already associated with the alarm, the new tag value … replaces the previous value" (model). */
  tag(arn: string, tags: readonly Tag[]): void {
    const current = new Map(this.byArn.get(arn));
    for (const t of tags) current.set(t.Key, t.Value);
    if (current.size > MAX_TAGS) throw tooManyTags(current.size);
    this.byArn.set(arn, current);
  }

  untag(arn: string, keys: readonly string[]): void {
    const current = this.byArn.get(arn);
    for (const k of keys) current?.delete(k);
  }

  /** In the emulator's list order (core/list-order.ts), so the answer never depends on the order tags were added. */
  list(arn: string): Tag[] {
    return inListOrder(this.byArn.get(arn) ?? NO_TAGS, ([key]) => key).map(([Key, Value]) => ({ Key, Value }));
  }

  /** The tags of one resource, unordered (none when it has none). */
  get(arn: string): ReadonlyMap<string, string> {
    return this.byArn.get(arn) ?? NO_TAGS;
  }

  /** A deleted resource's tags go with it, so a resource created again under its name starts untagged. */
  forget(arn: string): void {
    this.byArn.delete(arn);
  }
}

export interface TaggableResources {
  alarmExists(region: string, name: string): boolean;
  dashboardExists(name: string): boolean;
}

export class TagOperations {
  constructor(
    private readonly store: TagStore,
    private readonly resources: TaggableResources,
  ) {}

  /** The ARN as the tag store keys it, once the resource is known to exist. */
  private resolve(arn: string, ctx: RequestContext): string {
    const parsed = parseCloudWatchArn(arn);
    if (!parsed) throw invalidParameterValue(`Invalid value for parameter ResourceARN: ${arn} is not a CloudWatch resource ARN.`);
    const exists =
      parsed.accountId === ctx.accountId &&
      (parsed.kind === 'alarm'
        ? parsed.region === ctx.region && this.resources.alarmExists(parsed.region, parsed.name)
        : parsed.kind === 'dashboard' && this.resources.dashboardExists(parsed.name));
    if (!exists) {
      const type = parsed.kind === 'other' ? (parsed.resource.split(/[/:]/)[0] ?? 'resource') : parsed.kind;
      throw resourceNotFoundException(type, arn, `The ${type} ${arn} does not exist.`);
    }
    return arn;
  }

  tagResource(input: Input, ctx: RequestContext): Record<string, unknown> {
    const arn = input.ResourceARN as string | undefined;
    const tags = input.Tags as Partial<Tag>[] | undefined;
    const c = constraints();
    c.required('resourceARN', arn).length('resourceARN', arn, 1, 1024).required('tags', tags);
    checkTags(c, 'tags', tags);
    c.check();
    this.store.tag(this.resolve(arn as string, ctx), tags as Tag[]);
    return {};
  }

  untagResource(input: Input, ctx: RequestContext): Record<string, unknown> {
    const arn = input.ResourceARN as string | undefined;
    const keys = input.TagKeys as string[] | undefined;
    const c = constraints();
    c.required('resourceARN', arn).length('resourceARN', arn, 1, 1024).required('tagKeys', keys);
    keys?.forEach((k, i) => c.length(`tagKeys.${i + 1}.member`, k, 1, 128));
    c.check();
    this.store.untag(this.resolve(arn as string, ctx), keys as string[]);
    return {};
  }

  listTagsForResource(input: Input, ctx: RequestContext): Record<string, unknown> {
    const arn = input.ResourceARN as string | undefined;
    constraints().required('resourceARN', arn).length('resourceARN', arn, 1, 1024).check();
    return { Tags: this.store.list(this.resolve(arn as string, ctx)) };
  }
}

export const tagOperations = [
  operation<Input>({
    name: 'TagResource',
    input: structure({ ResourceARN: Text, Tags: TagList }),
    run: (input, ctx) => ctx.tagging.tagResource(input, ctx),
  }),
  operation<Input>({
    name: 'UntagResource',
    input: structure({ ResourceARN: Text, TagKeys: Names }),
    run: (input, ctx) => ctx.tagging.untagResource(input, ctx),
  }),
  operation<Input>({
    name: 'ListTagsForResource',
    input: structure({ ResourceARN: Text }),
    run: (input, ctx) => ctx.tagging.listTagsForResource(input, ctx),
  }),
];
