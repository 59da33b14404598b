/**
 * The SESv2 handler at the wire level, without HTTP or the SDK: what the SDK never sends (malformed
 * bodies, wrong JSON types, odd paths) and exactly how answers are encoded.
 */
import { describe, expect, it } from 'vitest';
import { createSesv2Handler, type Sesv2Handler } from '../../../src/emulator/sesv2/service.js';
import { parseSesv2Settings } from '../../../src/emulator/sesv2/settings.js';
import { EMULATOR_ACCOUNT_ID, type EmulatorRequest, type EmulatorResponse } from '../../../src/emulator/types.js';

function request(method: string, target: string, body?: unknown, region = 'us-east-1'): EmulatorRequest {
  const url = new URL(target, 'http://emulator');
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return { method, path: url.pathname, query: url.searchParams, headers: {}, body: Buffer.from(text), region, accountId: EMULATOR_ACCOUNT_ID };
}

/** Route and serve one request as the server does; the answer with its body parsed. */
function send(h: Sesv2Handler, method: string, target: string, body?: unknown): EmulatorResponse & { json: Record<string, unknown>; operation: string | undefined } {
  const req = request(method, target, body);
  const operation = h.operationOf(req);
  if (operation === undefined) throw new Error(`not routed to sesv2: ${method} ${target}`);
  const res = h.handle(req, operation);
  return { ...res, json: JSON.parse(res.body) as Record<string, unknown>, operation };
}

const SETS = '/v2/email/configuration-sets';

describe('sesv2 handler routing', () => {
  it('claims only /v2/email/ paths and names the operation of each route', () => {
    const h = createSesv2Handler();
    const op = (method: string, target: string) => h.operationOf(request(method, target));
    expect(op('POST', '/')).toBeUndefined();
    expect(op('POST', '/v2/emailx')).toBeUndefined();
    expect(op('POST', SETS)).toBe('CreateConfigurationSet');
    expect(op('GET', SETS)).toBe('ListConfigurationSets');
    expect(op('POST', '/v2/email/list-configuration-sets')).toBe('ListConfigurationSets');
    expect(op('PUT', `${SETS}/a/sending`)).toBe('PutConfigurationSetSendingOptions');
    expect(op('PUT', `${SETS}/a/sending-options`)).toBe('UnknownOperation');
    expect(op('PUT', `${SETS}/a/event-destinations/b`)).toBe('UpdateConfigurationSetEventDestination');
    expect(op('DELETE', '/v2/email/tags?ResourceArn=x&TagKeys=a')).toBe('UntagResource');
    expect(op('PATCH', SETS)).toBe('UnknownOperation');
    expect(op('POST', '/v2/email/list-identities')).toBe('ListEmailIdentities');
    expect(op('GET', '/v2/email/identities?PageSize=5')).toBe('ListEmailIdentities');
    expect(op('GET', '/v2/email/identities/ops%40example.com')).toBe('GetEmailIdentity');
    expect(op('POST', '/v2/email/identities')).toBe('CreateEmailIdentity');
    expect(op('GET', '/v2/email/dedicated-ip-pools')).toBe('ListDedicatedIpPools');
    expect(op('POST', '/v2/email/dedicated-ip-pools')).toBe('CreateDedicatedIpPool');
  });

  it('answers an unknown route with 404 UnknownOperationException in REST-JSON form', () => {
    const res = send(createSesv2Handler(), 'POST', '/v2/email/templates', {});
    expect(res.status).toBe(404);
    expect(res.headers['x-amzn-errortype']).toBe('UnknownOperationException');
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.json.message).toContain('POST /v2/email/templates');
  });

  it('encodes an injected error and its throttling error as the SDK reads them', () => {
    const h = createSesv2Handler();
    expect(h.throttlingError).toEqual({ code: 'TooManyRequestsException', message: expect.any(String), status: 429 });
    const res = h.errorResponse(request('GET', `${SETS}/a`), 'GetConfigurationSet', { code: 'InternalFailure', message: 'boom', status: 500 });
    expect([res.status, res.headers['x-amzn-errortype'], JSON.parse(res.body)]).toEqual([500, 'InternalFailure', { message: 'boom' }]);
  });
});

describe('sesv2 request decoding', () => {
  it('answers SerializationException for a body that is not a JSON object or has wrong JSON types', () => {
    const h = createSesv2Handler();
    send(h, 'POST', SETS, { ConfigurationSetName: 'a' });
    for (const [method, target, body] of [
      ['POST', SETS, '{"ConfigurationSetName": '],
      ['POST', SETS, '["a"]'],
      ['POST', SETS, { ConfigurationSetName: 7 }],
      ['PUT', `${SETS}/a/sending`, { SendingEnabled: 'yes' }],
      ['PUT', `${SETS}/a/delivery-options`, { MaxDeliverySeconds: 300.5 }],
      ['GET', `${SETS}?PageSize=ten`, undefined],
    ] as const) {
      const res = send(h, method, target, body);
      expect([res.status, res.headers['x-amzn-errortype']], `${method} ${target} ${JSON.stringify(body)}`).toEqual([400, 'SerializationException']);
    }
  });

  it('reports every constraint violation of a request in one BadRequestException, in AWS wording', () => {
    const res = send(createSesv2Handler(), 'POST', SETS, {
      ConfigurationSetName: 'a',
      DeliveryOptions: { TlsPolicy: 'NEVER', MaxDeliverySeconds: 1 },
      TrackingOptions: {},
      Tags: [{ Key: 'k' }],
    });
    expect([res.status, res.headers['x-amzn-errortype']]).toEqual([400, 'BadRequestException']);
    expect(res.json.message).toBe(
      '4 validation errors detected: ' +
        "Value null at 'trackingOptions.customRedirectDomain' failed to satisfy constraint: Member must not be null; " +
        "Value 'NEVER' at 'deliveryOptions.tlsPolicy' failed to satisfy constraint: Member must satisfy enum value set: [REQUIRE, OPTIONAL]; " +
        "Value '1' at 'deliveryOptions.maxDeliverySeconds' failed to satisfy constraint: Member must have value greater than or equal to 300; " +
        "Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null",
    );
  });

  it('ignores members the model does not have and treats JSON null as absent', () => {
    const h = createSesv2Handler();
    expect(send(h, 'POST', SETS, { ConfigurationSetName: 'a', Surprise: true, TrackingOptions: null, SendingOptions: { SendingEnabled: null } }).status).toBe(200);
    expect(send(h, 'GET', `${SETS}/a`).json).toEqual({ ConfigurationSetName: 'a', ReputationOptions: { ReputationMetricsEnabled: false }, SendingOptions: { SendingEnabled: true }, Tags: [] });
  });

  it('decodes percent-encoded path labels and refuses broken percent-encoding', () => {
    const h = createSesv2Handler();
    const missing = send(h, 'GET', `${SETS}/a%2Fb`);
    expect([missing.status, missing.json.message]).toEqual([404, expect.stringContaining('<a/b>')]);
    expect(send(h, 'GET', `${SETS}/%E0%A4%A`).headers['x-amzn-errortype']).toBe('BadRequestException');
  });

  it('keeps MessageSecurityOptions from Create, updates it with the partial UpdateConfigurationSet, and refuses a scheme that is not one member', () => {
    const h = createSesv2Handler();
    const smime = { SigningScheme: { SmimeScheme: { SignatureFormat: 'DETACHED' } } };
    expect(send(h, 'POST', SETS, { ConfigurationSetName: 'a', MessageSecurityOptions: smime }).status).toBe(200);
    expect(send(h, 'GET', `${SETS}/a`).json.MessageSecurityOptions).toEqual(smime);
    expect(h.operationOf(request('POST', '/v2/email/update-configuration-sets'))).toBe('UpdateConfigurationSet');
    // An omitted attribute is left unchanged.
    expect(send(h, 'POST', '/v2/email/update-configuration-sets', { ConfigurationSetName: 'a' }).status).toBe(200);
    expect(send(h, 'GET', `${SETS}/a`).json.MessageSecurityOptions).toEqual(smime);
    const byDefault = { SigningScheme: { DefaultScheme: {} } };
    expect(send(h, 'POST', '/v2/email/update-configuration-sets', { ConfigurationSetName: 'a', MessageSecurityOptions: byDefault }).status).toBe(200);
    expect(send(h, 'GET', `${SETS}/a`).json.MessageSecurityOptions).toEqual(byDefault);
    for (const bad of [{ SigningScheme: {} }, { SigningScheme: { DefaultScheme: {}, SmimeScheme: {} } }, { SigningScheme: { SmimeScheme: { SignatureFormat: 'ATTACHED' } } }]) {
      const res = send(h, 'POST', '/v2/email/update-configuration-sets', { ConfigurationSetName: 'a', MessageSecurityOptions: bad });
      expect([res.status, res.headers['x-amzn-errortype']]).toEqual([400, 'BadRequestException']);
    }
    expect(send(h, 'POST', SETS, { ConfigurationSetName: 'b', MessageSecurityOptions: { SigningScheme: {} } }).status).toBe(400);
    expect(send(h, 'POST', '/v2/email/update-configuration-sets', { ConfigurationSetName: 'missing', MessageSecurityOptions: byDefault }).status).toBe(404);
  });

  it('keeps SuppressionScope and refuses a scope AWS does not have', () => {
    const h = createSesv2Handler();
    send(h, 'POST', SETS, { ConfigurationSetName: 'a' });
    expect(send(h, 'PUT', `${SETS}/a/suppression-options`, { SuppressedReasons: ['BOUNCE'], SuppressionScope: 'TENANT' }).status).toBe(200);
    expect(send(h, 'GET', `${SETS}/a`).json.SuppressionOptions).toEqual({ SuppressedReasons: ['BOUNCE'], SuppressionScope: 'TENANT' });
    const res = send(h, 'PUT', `${SETS}/a/suppression-options`, { SuppressedReasons: ['BOUNCE'], SuppressionScope: 'GLOBAL' });
    expect([res.status, res.headers['x-amzn-errortype']]).toEqual([400, 'BadRequestException']);
    // A Put replaces the group: without SuppressionScope, the set has none.
    send(h, 'PUT', `${SETS}/a/suppression-options`, { SuppressedReasons: ['BOUNCE'] });
    expect(send(h, 'GET', `${SETS}/a`).json.SuppressionOptions).toEqual({ SuppressedReasons: ['BOUNCE'] });
  });
});

describe('sesv2 settings', () => {
  it('parses lists, defaults what is left out to the default account, and refuses anything else with a readable message', () => {
    expect(parseSesv2Settings({})).toEqual({ verifiedDomains: ['example.com'], sendingPools: ['shared'] });
    expect(parseSesv2Settings({ verifiedDomains: ['example.org'], sendingPools: [] })).toEqual({ verifiedDomains: ['example.org'], sendingPools: [] });
    expect(() => parseSesv2Settings(null)).toThrow(/must be an object/);
    expect(() => parseSesv2Settings({ verifiedDomain: [] })).toThrow(/unknown sesv2 setting verifiedDomain/);
    expect(() => parseSesv2Settings({ sendingPools: 'pool-a' })).toThrow(/sendingPools must be a list/);
    // '*' cannot be listed by ListEmailIdentities: the names must be given.
    expect(() => parseSesv2Settings({ verifiedDomains: '*' })).toThrow(/verifiedDomains must be a list/);
  });

  it('forgets configured lists and created identities and pools on reset, with the rest of its state', () => {
    const h = createSesv2Handler();
    h.configure({ sendingPools: ['pool-a'] });
    expect(h.settings().sendingPools).toEqual(['pool-a']);
    send(h, 'POST', SETS, { ConfigurationSetName: 'a' });
    send(h, 'POST', '/v2/email/identities', { EmailIdentity: 'example.org' });
    send(h, 'POST', '/v2/email/dedicated-ip-pools', { PoolName: 'made' });
    expect(send(h, 'GET', '/v2/email/dedicated-ip-pools').json.DedicatedIpPools).toEqual(expect.arrayContaining(['pool-a', 'made']));
    h.reset();
    expect(h.settings()).toEqual({ verifiedDomains: ['example.com'], sendingPools: ['shared'] });
    expect(send(h, 'GET', `${SETS}/a`).status).toBe(404);
    expect(send(h, 'POST', '/v2/email/list-identities', {}).json.EmailIdentities).toEqual([{ IdentityType: 'DOMAIN', IdentityName: 'example.com', SendingEnabled: true, VerificationStatus: 'SUCCESS' }]);
    expect(send(h, 'GET', '/v2/email/dedicated-ip-pools').json.DedicatedIpPools).toEqual(['shared']);
  });

  it('takes a subdomain of a verified domain as a tracking domain, never a domain an address identity names', () => {
    const h = createSesv2Handler();
    const create = (name: string, domain: string) => send(h, 'POST', SETS, { ConfigurationSetName: name, TrackingOptions: { CustomRedirectDomain: domain } }).status;
    expect(create('a', 'click.example.com')).toBe(200);
    expect(create('b', 'Click.Example.COM')).toBe(200);
    expect(create('c', 'badexample.com')).toBe(400);
    send(h, 'POST', '/v2/email/identities', { EmailIdentity: 'ops@example.org' });
    expect(create('d', 'example.org')).toBe(400);
    expect(send(h, 'POST', '/v2/email/identities', { EmailIdentity: 'example.org' }).status).toBe(200);
    expect(send(h, 'POST', '/v2/email/identities', { EmailIdentity: 'Example.org' }).json).toMatchObject({ message: expect.stringMatching(/already exists/) });
    expect(create('d', 'a.b.example.org')).toBe(200);
  });
});

