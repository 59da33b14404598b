/**
 * CloudWatch ARNs (docs/aws-behaviour.md, "Tagging"; TagResource doc in the model): an alarm is regional,
 * `arn:aws:cloudwatch:{region}:{account}:alarm:{name}` (a `:` before the name); a dashboard is global,
 * `arn:aws:cloudwatch::{account}:dashboard/{name}` (no region: "All dashboards in your account are
 * global", PutDashboard doc).
 */

import { partitionOf } from '../core/arn.js';

export function alarmArn(region: string, accountId: string, name: string): string {
  return `arn:${partitionOf(region)}:cloudwatch:${region}:${accountId}:alarm:${name}`;
}

export function dashboardArn(region: string, accountId: string, name: string): string {
  return `arn:${partitionOf(region)}:cloudwatch::${accountId}:dashboard/${name}`;
}

export type CloudWatchArn =
  | { readonly kind: 'alarm'; readonly partition: string; readonly region: string; readonly accountId: string; readonly name: string }
  | { readonly kind: 'dashboard'; readonly partition: string; readonly accountId: string; readonly name: string }
  /** A CloudWatch resource we do not emulate (insight-rule/…, metric-stream/…). */
  | { readonly kind: 'other'; readonly accountId: string; readonly resource: string };

/** Parse a CloudWatch ARN; undefined when it is not one. */
export function parseCloudWatchArn(arn: string): CloudWatchArn | undefined {
  const m = /^arn:(aws|aws-cn|aws-us-gov):cloudwatch:([a-z0-9-]*):(\d{12}):(.+)$/.exec(arn);
  if (!m) return undefined;
  const [, partition, region, accountId, resource] = m as unknown as [string, string, string, string, string];
  if (resource.startsWith('alarm:') && region !== '') return { kind: 'alarm', partition, region, accountId, name: resource.slice(6) };
  if (resource.startsWith('dashboard/') && region === '') return { kind: 'dashboard', partition, accountId, name: resource.slice(10) };
  return { kind: 'other', accountId, resource };
}
