/** The semantic rules (docs/architecture.md, "Validation"), in the order they report. One rule per file, each citing its source. */
import type { Rule } from './rule.js';
import { alarmDimensions } from './alarm-dimensions.js';
import { alarmNames } from './alarm-names.js';
import { alarmPeriods } from './alarm-periods.js';
import { alarmShape } from './alarm-shape.js';
import { bounceVisibility } from './bounce-visibility.js';
import { dashboardSources } from './dashboard-sources.js';
import { dimensionCost } from './dimension-cost.js';
import { dimensionNames } from './dimension-names.js';
import { emailHeaderNames } from './email-header-names.js';
import { endpointCredentials } from './endpoint-credentials.js';
import { eventBusScope } from './event-bus-scope.js';
import { publishedMetrics } from './published-metrics.js';
import { rateThresholds } from './rate-thresholds.js';
import { references } from './references.js';
import { reviewThresholds } from './review-thresholds.js';
import { tagLimit } from './tag-limit.js';

export const rules: readonly Rule[] = [
  dimensionNames,
  emailHeaderNames,
  eventBusScope,
  references,
  publishedMetrics,
  dashboardSources,
  rateThresholds,
  alarmPeriods,
  alarmShape,
  alarmDimensions,
  alarmNames,
  tagLimit,
  dimensionCost,
  reviewThresholds,
  bounceVisibility,
  endpointCredentials,
];
