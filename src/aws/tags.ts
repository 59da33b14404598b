/**
 * Tags between the model's record and AWS's `[{Key, Value}]` list, one shape in SESv2, CloudWatch and SNS.
 * A missing value reads as `""`: "If you don't specify a value, Amazon SES sets the value to an empty
 * string" (docs/aws-behaviour.md, "Tagging").
 */
import type { Tags } from '../model/resources.js';

interface AwsTag {
  readonly Key?: string | undefined;
  readonly Value?: string | undefined;
}

export function tagsFromAws(tags: readonly AwsTag[] | undefined): Tags {
  return Object.fromEntries((tags ?? []).filter((t) => t.Key !== undefined).map((t) => [t.Key as string, t.Value ?? '']));
}

/** Tags in key order (the model's record is already sorted by canonicalize). */
export function tagsToAws(tags: Tags): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
