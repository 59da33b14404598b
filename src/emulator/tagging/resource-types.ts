/**
 * ResourceTypeFilters: "The format of each resource type is service[:resourceType]. … specifying a
 * service of ec2 returns all Amazon EC2 resources … The string for each service name and resource type
 * is the same as that embedded in a resource's Amazon Resource Name (ARN)." (model, GetResourcesInput)
 *
 * So a resource's type is read from its ARN, `arn:partition:service:region:account:resource`: the
 * service, plus the resource part up to its first `/` or `:` when it has one. A configuration set
 * (`configuration-set/NAME`) is `ses:configuration-set`, an SES tenant (`tenant/NAME/ID`) `ses:tenant`
 * (docs/aws-behaviour.md, "Tenants"), an alarm (`alarm:NAME`) `cloudwatch:alarm`,
 * and a topic, whose ARN ends in the bare name, is just `sns`: `sns:topic` matches nothing, as in
 * moto 5.2.1 (docs/aws-behaviour.md, "The tag index"). INFERENCE: a filter naming a type nothing has
 * (`foo:bar`) matches nothing rather than failing; moto does the same.
 */

export interface ResourceType {
  readonly service: string;
  /** undefined when the ARN's resource part has no type segment (SNS topics). */
  readonly resourceType: string | undefined;
}

export function resourceTypeOf(arn: string): ResourceType {
  const parts = arn.split(':');
  const service = parts[2] ?? '';
  const resource = parts.slice(5).join(':');
  const cut = [resource.indexOf('/'), resource.indexOf(':')].filter((i) => i >= 0);
  return { service, resourceType: cut.length > 0 ? resource.slice(0, Math.min(...cut)) : undefined };
}

/** Whether a resource passes the filters: no filters pass everything; otherwise any one filter. */
export function matchesTypeFilters(arn: string, filters: readonly string[]): boolean {
  if (filters.length === 0) return true;
  const { service, resourceType } = resourceTypeOf(arn);
  return filters.some((f) => {
    const colon = f.indexOf(':');
    if (colon < 0) return f === service;
    return resourceType !== undefined && f.slice(0, colon) === service && f.slice(colon + 1) === resourceType;
  });
}
