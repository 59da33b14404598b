/**
 * canonicalize() is the one place AWS's defaults are filled in: a resource that omits them and one that
 * spells them out become the same value, whichever side (the file or AWS's answer) built it.
 */
import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../../src/model/canonical.js';
import { AWS_DEFAULTS } from '../../../src/model/ses.js';
import { configurationSetFromAws } from '../../../src/aws/sesv2/mapping.js';
import { alarmFromAws } from '../../../src/aws/cloudwatch/mapping.js';
import { load } from '../../helpers/config.js';

const query = { type: 'metric', metric: { namespace: 'AWS/SES', metricName: 'Bounce', dimensions: [] }, statistic: 'Sum', period: 3600 } as const;

describe('canonicalize fills in AWS defaults', () => {
  it('a set without TLS policy, HTTPS policy or reputation metrics equals one that spells the defaults', () => {
    const bare = canonicalize({ kind: 'configurationSet', name: 's', tracking: { customRedirectDomain: 'c.example.com' }, tags: {} });
    const spelled = canonicalize({
      kind: 'configurationSet',
      name: 's',
      reputationMetricsEnabled: AWS_DEFAULTS.reputationMetricsEnabled,
      delivery: { tlsPolicy: 'OPTIONAL' },
      tracking: { customRedirectDomain: 'c.example.com', httpsPolicy: 'OPTIONAL' },
      tags: {},
    });
    expect(bare).toEqual(spelled);
    expect(bare.delivery.tlsPolicy).toBe('OPTIONAL');
  });

  it('keeps what a side did say', () => {
    const s = canonicalize({ kind: 'configurationSet', name: 's', delivery: { tlsPolicy: 'REQUIRE' }, reputationMetricsEnabled: true, tags: {} });
    expect([s.delivery.tlsPolicy, s.reputationMetricsEnabled]).toEqual(['REQUIRE', true]);
  });

  it('an alarm without ActionsEnabled, DatapointsToAlarm or TreatMissingData means true, N of N and missing', () => {
    const a = canonicalize({
      kind: 'alarm',
      name: 'a',
      alarmActions: [],
      okActions: [],
      insufficientDataActions: [],
      query,
      evaluationPeriods: 3,
      threshold: 1,
      comparison: 'GreaterThanThreshold',
      tags: {},
    });
    expect([a.actionsEnabled, a.datapointsToAlarm, a.treatMissingData]).toEqual([true, 3, 'missing']);
  });

  it('the file and AWS answer compare equal when both leave the defaults out', () => {
    const file = load('version: 1\nstack: st\nconfigurationSets:\n  s: {}\nalarms:\n  free: { metric: Bounce, statistic: Sum, period: 1h, threshold: 1, comparison: GreaterThanThreshold }\n');
    const fromFile = file.desired?.resources;
    const set = configurationSetFromAws({ ConfigurationSetName: 's' });
    const wantSet = fromFile?.get('configurationSet:s');
    expect(wantSet?.kind).toBe('configurationSet');
    if (wantSet?.kind !== 'configurationSet') return;
    expect([set.delivery, set.reputationMetricsEnabled]).toEqual([wantSet.delivery, wantSet.reputationMetricsEnabled]);
    const alarm = alarmFromAws(
      { AlarmName: 'free', AlarmArn: 'arn:aws:cloudwatch:us-east-1:1:alarm:free', Namespace: 'AWS/SES', MetricName: 'Bounce', Statistic: 'Sum', Period: 3600, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' },
      [],
    );
    const want = fromFile?.get('alarm:free');
    expect(want?.kind).toBe('alarm');
    if (want?.kind !== 'alarm') return;
    expect([alarm.actionsEnabled, alarm.datapointsToAlarm, alarm.treatMissingData]).toEqual([want.actionsEnabled, want.datapointsToAlarm, want.treatMissingData]);
  });
});
