import { describe, expect, it } from 'vitest';
import { coveredBy, preflightDiagnostics, preflightNeeds } from '../../../src/plan/preflight.js';
import type { PlanTimeValues } from '../../../src/model/preflight.js';

const pos = { file: 'f.yaml', line: 3, col: 9 };
const values: PlanTimeValues = {
  redirectDomains: [{ value: 'click.example.com', path: 'configurationSets.a.tracking.customRedirectDomain', pos }],
  sendingPools: [{ value: 'shared', path: 'configurationSets.a.delivery.sendingPoolName', pos }],
  topicArns: [{ value: 'arn:aws:sns:us-east-1:1:t', path: 'x', pos }],
  regionalArns: [{ value: 'arn:aws:firehose:eu-west-1:1:deliverystream/s', path: 'y', pos, target: 'kinesisFirehose' }],
};

describe('preflight', () => {
  it('a tracking domain is an identity or a subdomain of one', () => {
    expect(coveredBy('click.example.com', 'example.com')).toBe(true);
    expect(coveredBy('Click.Example.com.', 'click.example.com')).toBe(true);
    expect(coveredBy('badexample.com', 'example.com')).toBe(false);
    expect(coveredBy('example.com', 'me@example.com')).toBe(false);
  });
  it('reads nothing for a file without the features, and not the file own topics', () => {
    expect(preflightNeeds({ redirectDomains: [], sendingPools: [], topicArns: [], regionalArns: [] }, new Set())).toEqual({ identities: false, pools: false, topicArns: [] });
    expect(preflightNeeds(values, new Set(['arn:aws:sns:us-east-1:1:t'])).topicArns).toEqual([]);
  });
  it('reports each failure at the value', () => {
    const d = preflightDiagnostics(values, { region: 'us-east-1', identities: ['other.com'], pools: [], missingTopics: new Set(['arn:aws:sns:us-east-1:1:t']) });
    expect(d.map((x) => x.code)).toEqual(['tracking-domain', 'sending-pool', 'topic-exists', 'target-region']);
    expect(d.every((x) => x.pos === pos)).toBe(true);
    expect(preflightDiagnostics(values, { region: 'eu-west-1', identities: ['example.com'], pools: ['shared'], missingTopics: new Set() })).toEqual([]);
  });
});
