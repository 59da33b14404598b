/**
 * ARNs built from names. The partition comes from the Region name, so a China or GovCloud account gets
 * `arn:aws-cn:` / `arn:aws-us-gov:` ARNs. Shared by the planner (comparing topic references with what
 * AWS reports) and the adapter (building request ARNs).
 */

/** aws, aws-cn or aws-us-gov, from the Region name. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * `arn:aws:ses:{region}:{account}:configuration-set/{name}`: the ResourceArn of SESv2's tag calls
 * (docs/aws-behaviour.md, "Tagging"; Terraform's acceptance tests match `configuration-set/.+`).
 */
export function configurationSetArn(region: string, account: string, name: string): string {
  return `arn:${partitionOf(region)}:ses:${region}:${account}:configuration-set/${name}`;
}

/** `arn:aws:sns:{region}:{account}:{name}`: a topic of the file, by name, in the account being reconciled. */
export function topicArn(region: string, account: string, name: string): string {
  return `arn:${partitionOf(region)}:sns:${region}:${account}:${name}`;
}

/** `arn:aws:cloudwatch::{account}:dashboard/{name}`: no Region, dashboards are global (docs/aws-behaviour.md). */
export function dashboardArn(region: string, account: string, name: string): string {
  return `arn:${partitionOf(region)}:cloudwatch::${account}:dashboard/${name}`;
}

/**
 * `arn:aws:cloudwatch:{region}:{account}:alarm:{name}`: a `:` before the name, not a `/`
 * (docs/aws-behaviour.md, "Tagging").
 */
export function alarmArn(region: string, account: string, name: string): string {
  return `arn:${partitionOf(region)}:cloudwatch:${region}:${account}:alarm:${name}`;
}

/** `arn:aws:ses:{region}:{account}:identity/{name}`: an email identity (domain or address), as tenant associations name it. */
export function identityArn(region: string, account: string, name: string): string {
  return `arn:${partitionOf(region)}:ses:${region}:${account}:identity/${name}`;
}

/**
 * The name in an SES resource ARN of `type` (`configuration-set`, `identity`), or undefined for another
 * type: what a tenant's association list (ARNs) is read back as.
 */
export function sesResourceName(arn: string, type: 'configuration-set' | 'identity'): string | undefined {
  const resource = arn.split(':').slice(5).join(':');
  return resource.startsWith(`${type}/`) ? resource.slice(type.length + 1) : undefined;
}
