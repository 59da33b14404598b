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
  it('says when the covering identity exists but is not verified yet', () => {
    const [d] = preflightDiagnostics({ ...values, sendingPools: [], topicArns: [], regionalArns: [] }, { region: 'us-east-1', identities: ['other.com'], unverified: ['example.com'], missingTopics: new Set() });
    expect(d?.hint).toBe('the identity example.com exists but is not verified yet: finish its verification (its DKIM records) and plan again');
  });
  it('an email-address identity covers no domain, even its own', () => {
    const d = preflightDiagnostics({ ...values, sendingPools: [], topicArns: [], regionalArns: [] }, { region: 'us-east-1', identities: ['ops@click.example.com'], missingTopics: new Set() });
    expect(d.map((x) => [x.code, x.hint])).toEqual([['tracking-domain', 'verify click.example.com (or its parent domain) in SES first; the account has no domain identity in this Region']]);
  });
  it('a topic that cannot be read is a warning, not a refusal', () => {
    const d = preflightDiagnostics({ ...values, regionalArns: [] }, { region: 'us-east-1', identities: ['example.com'], pools: ['shared'], missingTopics: new Set(), unreadableTopics: new Map([['arn:aws:sns:us-east-1:1:t', 'AuthorizationError']]) });
    expect(d.map((x) => [x.severity, x.code])).toEqual([['warning', 'topic-exists']]);
    expect(d[0]?.message).toContain('could not be checked (GetTopicAttributes: AuthorizationError)');
  });
});

describe('plan-time checks: tenant identities', () => {
  const at = { file: 'f.yaml', line: 9, col: 20 };
  const values = {
    redirectDomains: [],
    sendingPools: [],
    topicArns: [],
    regionalArns: [],
    tenantIdentities: [
      { value: 'acme.example.com', path: 'tenants.acme.identities.0', pos: at },
      { value: 'Team@Example.com', path: 'tenants.acme.identities.1', pos: at },
      { value: 'sub.example.com', path: 'tenants.acme.identities.2', pos: at },
    ],
  };

  it('reads the identities when only a tenant names one', () => {
    expect(preflightNeeds(values, new Set()).identities).toBe(true);
  });

  it('needs each identity by its exact name: a parent domain does not make a subdomain an identity', () => {
    const d = preflightDiagnostics(values, { region: 'us-east-1', identities: ['acme.example.com', 'example.com'], unverified: ['team@example.com'], missingTopics: new Set() });
    expect(d.map((x) => `${x.code} ${x.path}`)).toEqual(['tenant-identity tenants.acme.identities.2']);
    expect(d[0]?.pos).toEqual(at);
    expect(d[0]?.message).toMatch(/sub\.example\.com does not exist/);
  });
});
