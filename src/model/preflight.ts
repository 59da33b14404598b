/**
 * The values of the file that only the account can judge (docs/architecture.md, "Plans"; issue 15,
 * "apply-time failures caught at plan time"), each with where the file writes it, so a check that fails
 * at plan time points at the file's line as validation does. config/plan-time.ts collects them,
 * plan/preflight.ts decides, cli/reconcile.ts reads what the decision needs.
 */
import type { SourcePosition } from './diagnostic.js';

export interface PlacedValue {
  readonly value: string;
  /** Dotted path in the merged document. */
  readonly path: string;
  readonly pos: SourcePosition;
}

export type RegionalTarget = 'kinesisFirehose' | 'eventBridge' | 'pinpoint';

export interface PlanTimeValues {
  /** `configurationSets.*.tracking.customRedirectDomain`. */
  readonly redirectDomains: readonly PlacedValue[];
  /** `tenants.*.identities[*]`: each must be an identity of the account (an association needs it to exist). @default none */
  readonly tenantIdentities?: readonly PlacedValue[];
  /** `configurationSets.*.delivery.sendingPoolName`. */
  readonly sendingPools: readonly PlacedValue[];
  /** SNS topics by ARN: an event destination's `sns.topicArn`, an alarm's `notify*` entries written as ARNs. */
  readonly topicArns: readonly PlacedValue[];
  /** Firehose stream, event bus and Pinpoint application ARNs of event destinations. */
  readonly regionalArns: readonly (PlacedValue & { readonly target: RegionalTarget })[];
}

export const NO_PLAN_TIME_VALUES: PlanTimeValues = { redirectDomains: [], sendingPools: [], topicArns: [], regionalArns: [] };

/** The Region field of an ARN (`arn:partition:service:region:account:resource`), or undefined. */
export function regionOfArn(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 && parts[0] === 'arn' ? parts[3] : undefined;
}
