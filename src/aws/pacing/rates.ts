/**
 * The request rates AWS documents for the calls ses-reconcile makes, and `--max-rate` on top of them.
 *
 * A call is paced by its service's bucket when the service has one, and by its operation's bucket when
 * the operation has one; it waits for both (pacer.ts). What AWS publishes decides which:
 *   - SESv2: "All actions … are throttled at one request per second", per Region, not adjustable
 *     (docs/aws-behaviour.md, "Rate limits"; SES Developer Guide, quotas). One bucket for the service.
 *   - CloudWatch: per operation, per Region (CloudWatch User Guide, "CloudWatch service quotas"):
 *     PutMetricAlarm 3, DescribeAlarms 9, DeleteAlarms 3, the dashboard calls 10 each. The tag calls
 *     have no published rate; INFERENCE: paced like DeleteAlarms (3/s), the most cautious of the alarm calls.
 *   - SNS: per operation, as the SNS API Reference states on each: ListTopics and
 *     ListSubscriptionsByTopic 30/s, Subscribe and Unsubscribe 100/s, "tagging actions are limited to
 *     10 TPS" (TagResource, UntagResource, ListTagsForResource; possibly one shared budget, which the
 *     pacer's slow-down absorbs). Not stated for the others: INFERENCE, attribute reads 100/s like
 *     Subscribe, topic create/delete/set-attributes 10/s like the tag calls.
 *   - Resource Groups Tagging API: no published rate (docs/aws-behaviour.md, "Rate limits"). INFERENCE: 5/s,
 *     far above what a plan needs (one page of 100 resources per call).
 * `--max-rate SERVICE=N` gives every operation of SERVICE one shared bucket of N per second instead of
 * the per-operation defaults (raised quotas, an emulator that limits per service, tests);
 * `--max-rate SERVICE:Operation=N` changes one operation's bucket.
 */

export const PACED_SERVICES = ['sesv2', 'cloudwatch', 'sns', 'tagging'] as const;
export type PacedService = (typeof PACED_SERVICES)[number];

export interface RateTable {
  /** Requests per second shared by every operation of the service. */
  readonly service: Readonly<Partial<Record<PacedService, number>>>;
  /** Requests per second of one operation, keyed `service:Operation`. */
  readonly operation: Readonly<Record<string, number>>;
}

export const DOCUMENTED_RATES: RateTable = {
  service: { sesv2: 1, tagging: 5 },
  operation: {
    'cloudwatch:PutMetricAlarm': 3,
    'cloudwatch:DescribeAlarms': 9,
    'cloudwatch:DeleteAlarms': 3,
    'cloudwatch:TagResource': 3,
    'cloudwatch:UntagResource': 3,
    'cloudwatch:ListTagsForResource': 3,
    'cloudwatch:PutDashboard': 10,
    'cloudwatch:GetDashboard': 10,
    'cloudwatch:ListDashboards': 10,
    'cloudwatch:DeleteDashboards': 10,
    // status: "GetMetricData: 50 transactions per second" (CloudWatch User Guide, service quotas).
    'cloudwatch:GetMetricData': 50,
    'sns:ListTopics': 30,
    'sns:ListSubscriptionsByTopic': 30,
    'sns:GetTopicAttributes': 100,
    'sns:GetSubscriptionAttributes': 100,
    'sns:Subscribe': 100,
    'sns:Unsubscribe': 100,
    'sns:SetSubscriptionAttributes': 100,
    'sns:CreateTopic': 10,
    'sns:DeleteTopic': 10,
    'sns:SetTopicAttributes': 10,
    'sns:TagResource': 10,
    'sns:UntagResource': 10,
    'sns:ListTagsForResource': 10,
  },
};

/** One `--max-rate` value: `sesv2=2` or `cloudwatch:PutMetricAlarm=10`. */
export interface RateOverride {
  readonly service: PacedService;
  readonly operation?: string;
  readonly perSecond: number;
}

/** The table with the overrides applied, in order (a later one wins). */
export function withOverrides(table: RateTable, overrides: readonly RateOverride[]): RateTable {
  const service: Partial<Record<PacedService, number>> = { ...table.service };
  const operation: Record<string, number> = { ...table.operation };
  for (const o of overrides) {
    if (o.operation !== undefined) {
      operation[`${o.service}:${o.operation}`] = o.perSecond;
      continue;
    }
    service[o.service] = o.perSecond;
    for (const key of Object.keys(operation)) if (key.startsWith(`${o.service}:`)) delete operation[key];
  }
  return { service, operation };
}
