/**
 * The alarm presets: which metric each one watches, which SES event must be published for that metric
 * to exist, and its defaults. Defaults follow the SES guidance (docs/aws-behaviour.md,
 * "Metrics SES publishes"; reference how-to 001): bounce rate 3% and complaint rate 0.08% over an hour, below
 * SES's review rates of 5% and 0.1%.
 */
import type { ComparisonOperator, EventType, SetAlarmPreset, AccountAlarmPreset, TreatMissingData } from '../model/resources.js';

interface PresetDefaults {
  readonly threshold: number;
  readonly period: number;
  readonly evaluationPeriods: number;
  readonly comparison: ComparisonOperator;
  readonly treatMissingData: TreatMissingData;
}

export interface RatePresetSpec {
  readonly kind: 'rate';
  readonly slug: string;
  readonly event: EventType;
  readonly metricName: string;
  readonly defaults: PresetDefaults & { readonly minSends: number };
  readonly describe: string;
}

export interface CountPresetSpec {
  readonly kind: 'count';
  readonly slug: string;
  readonly event: EventType;
  readonly metricName: string;
  readonly defaults: PresetDefaults;
  readonly describe: string;
}

export type SetPresetSpec = RatePresetSpec | CountPresetSpec;

export const SET_PRESETS: Readonly<Record<SetAlarmPreset, SetPresetSpec>> = {
  bounceRate: {
    kind: 'rate',
    slug: 'bounce-rate',
    event: 'BOUNCE',
    metricName: 'Bounce',
    defaults: { threshold: 0.03, period: 3600, evaluationPeriods: 1, comparison: 'GreaterThanOrEqualToThreshold', treatMissingData: 'notBreaching', minSends: 100 },
    describe: 'Bounce rate (Bounce / Send)',
  },
  complaintRate: {
    kind: 'rate',
    slug: 'complaint-rate',
    event: 'COMPLAINT',
    metricName: 'Complaint',
    defaults: { threshold: 0.0008, period: 3600, evaluationPeriods: 1, comparison: 'GreaterThanOrEqualToThreshold', treatMissingData: 'notBreaching', minSends: 100 },
    describe: 'Complaint rate (Complaint / Send)',
  },
  rejects: {
    kind: 'count',
    slug: 'rejects',
    event: 'REJECT',
    metricName: 'Reject',
    defaults: { threshold: 10, period: 300, evaluationPeriods: 1, comparison: 'GreaterThanThreshold', treatMissingData: 'notBreaching' },
    describe: 'Rejected messages',
  },
  deliveryDrop: {
    kind: 'count',
    slug: 'delivery-drop',
    event: 'DELIVERY',
    metricName: 'Delivery',
    // No data at all is exactly the drop this alarm exists for.
    defaults: { threshold: 1, period: 3600, evaluationPeriods: 2, comparison: 'LessThanThreshold', treatMissingData: 'breaching' },
    describe: 'Deliveries below a floor',
  },
  renderingFailures: {
    kind: 'count',
    slug: 'rendering-failures',
    event: 'RENDERING_FAILURE',
    metricName: 'RenderingFailure',
    defaults: { threshold: 0, period: 300, evaluationPeriods: 1, comparison: 'GreaterThanThreshold', treatMissingData: 'notBreaching' },
    describe: 'Template rendering failures',
  },
  deliveryDelays: {
    kind: 'count',
    slug: 'delivery-delays',
    event: 'DELIVERY_DELAY',
    // INFERENCE (docs/aws-behaviour.md, "Metrics SES publishes"): the CloudWatch metric name for
    // DELIVERY_DELAY is not confirmed by AWS docs.
    metricName: 'DeliveryDelay',
    defaults: { threshold: 100, period: 3600, evaluationPeriods: 1, comparison: 'GreaterThanThreshold', treatMissingData: 'notBreaching' },
    describe: 'Delivery delays',
  },
};

export interface AccountPresetSpec {
  readonly slug: string;
  readonly metricName: string;
  readonly defaults: PresetDefaults;
  readonly describe: string;
}

export const ACCOUNT_PRESETS: Readonly<Record<AccountAlarmPreset, AccountPresetSpec>> = {
  // treatMissingData ignore: reputation metrics appear only after the first bounce or complaint, and AWS
  // recommends ignore for these alarms (DG reputationdashboard-cloudwatch-alarm; docs/aws-behaviour.md,
  // "Metrics SES publishes").
  bounceRate: {
    slug: 'bounce-rate',
    metricName: 'Reputation.BounceRate',
    defaults: { threshold: 0.03, period: 3600, evaluationPeriods: 1, comparison: 'GreaterThanOrEqualToThreshold', treatMissingData: 'ignore' },
    describe: 'Account bounce rate (AWS/SES Reputation.BounceRate)',
  },
  complaintRate: {
    slug: 'complaint-rate',
    metricName: 'Reputation.ComplaintRate',
    defaults: { threshold: 0.0008, period: 3600, evaluationPeriods: 1, comparison: 'GreaterThanOrEqualToThreshold', treatMissingData: 'ignore' },
    describe: 'Account complaint rate (AWS/SES Reputation.ComplaintRate)',
  },
};

/**
 * A free-form alarm that omits them: one evaluation period of 5 minutes (the CloudWatch console's
 * default period for a new alarm).
 */
export const FREE_FORM_DEFAULTS = { period: 300, evaluationPeriods: 1 } as const;

/**
 * SES puts an account under review at these rates (DG faqs-enforcement; docs/aws-behaviour.md,
 * "Metrics SES publishes").
 */
export { REVIEW_RATES } from '../model/ses.js';

// ACCOUNT_SEGMENT and presetAlarmName (README: "Alarm names") live in model/ses.ts: the planner names alarms too.
export { ACCOUNT_SEGMENT, presetAlarmName } from '../model/ses.js';
