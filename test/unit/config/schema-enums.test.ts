/**
 * The JSON Schema's enumerations are the model's (src/model/resources.ts): one definition of each, and this
 * test ties the hand-written schema to it, so a value added to one and not the other fails here rather than
 * as a file the schema accepts and the planner cannot map (or the reverse).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  COMPARISON_OPERATORS,
  CONFIDENCE_VERDICT_THRESHOLDS,
  DIMENSION_SOURCES,
  ENABLED_FLAGS,
  EVENT_TYPES,
  HTTPS_POLICIES,
  LOW_SAMPLE_COUNT_PERCENTILE,
  REPUTATION_POLICIES,
  STATISTICS,
  SIGNING_SCHEMES,
  SUPPRESSION_REASONS,
  SUPPRESSION_SCOPES,
  TLS_POLICIES,
  TREAT_MISSING_DATA,
} from '../../../src/model/resources.js';
import { ROOT } from '../../helpers/cli.js';

type Node = Record<string, unknown>;
const schema = JSON.parse(readFileSync(join(ROOT, 'schema/ses-reconcile.schema.json'), 'utf8')) as Node;

/** Every `enum` of the schema, by its path. */
function enums(node: unknown, path: string, out: Map<string, unknown[]>): Map<string, unknown[]> {
  if (Array.isArray(node)) node.forEach((v, i) => enums(v, `${path}/${i}`, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'enum' && Array.isArray(v)) out.set(path, v);
      else enums(v, `${path}/${k}`, out);
    }
  }
  return out;
}

const MODEL: Readonly<Record<string, readonly string[]>> = {
  'definitions/eventType': EVENT_TYPES,
  'definitions/dimension/properties/source': DIMENSION_SOURCES,
  'definitions/configurationSet/properties/delivery/properties/tlsPolicy': TLS_POLICIES,
  'definitions/configurationSet/properties/tracking/properties/httpsPolicy': HTTPS_POLICIES,
  'definitions/configurationSet/properties/suppression/properties/reasons/items': SUPPRESSION_REASONS,
  'definitions/configurationSet/properties/suppression/properties/validation/properties/conditionThreshold': ENABLED_FLAGS,
  'definitions/configurationSet/properties/suppression/properties/validation/properties/confidenceVerdictThreshold': CONFIDENCE_VERDICT_THRESHOLDS,
  'definitions/configurationSet/properties/suppression/properties/scope': SUPPRESSION_SCOPES,
  'definitions/configurationSet/properties/messageSecurity/properties/signing': SIGNING_SCHEMES,
  'definitions/configurationSet/properties/vdm/properties/engagementMetrics': ENABLED_FLAGS,
  'definitions/configurationSet/properties/vdm/properties/optimizedSharedDelivery': ENABLED_FLAGS,
  'definitions/treatMissingData': TREAT_MISSING_DATA,
  'definitions/comparison': COMPARISON_OPERATORS,
  'definitions/statistic': STATISTICS,
  'definitions/alarm/properties/evaluateLowSampleCountPercentile': LOW_SAMPLE_COUNT_PERCENTILE,
  'definitions/tenant/properties/reputationPolicy': REPUTATION_POLICIES,
  'definitions/tenant/properties/suppression/properties/reasons/items': SUPPRESSION_REASONS,
  'definitions/tenant/properties/suppression/properties/scope': SUPPRESSION_SCOPES,
};

/** Enums the model keeps as plain strings on purpose: AWS's own lists, passed through unmapped. */
const PASSED_THROUGH = ['definitions/subscription/properties/protocol', 'definitions/alarm/properties/unit'];

describe('schema enums', () => {
  const found = enums(schema, '', new Map());
  const paths = [...found.keys()].map((p) => p.slice(1));

  it('every enum of the schema is the model\'s, or one the model passes through as a string', () => {
    expect(paths.filter((p) => !(p in MODEL) && !PASSED_THROUGH.includes(p))).toEqual([]);
    expect(Object.keys(MODEL).filter((p) => !paths.includes(p))).toEqual([]);
  });

  for (const [path, values] of Object.entries(MODEL)) {
    it(`${path.split('/').slice(-1)[0]} (${path}) lists exactly the model's values, in its order`, () => {
      expect(found.get(`/${path}`)).toEqual([...values]);
    });
  }
});
