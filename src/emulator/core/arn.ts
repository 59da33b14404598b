/** ARN pieces every service spells the same way (AWS General Reference, "ARN format"). */

/** The partition of a Region: China and GovCloud have their own. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
