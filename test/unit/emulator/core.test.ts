/**
 * The emulator's shared core on its own, with a made-up service: one shape system decoding every
 * protocol's input (JSON bodies, REST path labels and query strings, query-protocol form parameters) and
 * encoding output (JSON, query-protocol XML), the one error type as each protocol encodes it, the one
 * pager and the one list order.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../../src/emulator/core/decode.js';
import { errorTable, ServiceError, type ServiceErrors } from '../../../src/emulator/core/errors.js';
import { jsonRpcProtocol } from '../../../src/emulator/core/json-rpc.js';
import { inListOrder, listPosition } from '../../../src/emulator/core/list-order.js';
import type { Operation } from '../../../src/emulator/core/operation.js';
import { issueToken, pageOf, readToken, type TokenRules } from '../../../src/emulator/core/paging.js';
import { formParams, queryProtocol, readQueryInput } from '../../../src/emulator/core/query.js';
import { restJsonProtocol, UNKNOWN_OPERATION } from '../../../src/emulator/core/rest-json.js';
import { boolean, double, enumOf, integer, list, map, NO_INPUT, string, structure, timestamp, type StructureShape } from '../../../src/emulator/core/shapes.js';
import { xmlOf } from '../../../src/emulator/core/xml.js';
import type { EmulatorRequest } from '../../../src/emulator/types.js';

const table = errorTable({
  BadRequest: { status: 400 },
  Gone: { code: 'NotHere', status: 404, messageKey: 'Message' },
  SerializationException: { status: 400, framework: true },
});
const errors: ServiceErrors = {
  serialization: (m) => table.make('SerializationException', m),
  validation: (m) => table.make('BadRequest', m),
  unknownOperation: (op) => table.make('BadRequest', `no ${op}`),
  internal: (m) => new ServiceError('InternalFailure', 500, m),
  fromInjected: table.fromInjected,
};

const INPUT = structure(
  {
    Name: string({ min: 3, max: 5 }),
    Mode: enumOf('ON', 'OFF'),
    Count: integer({ min: 1 }),
    Ratio: double,
    Enabled: boolean,
    Items: list(structure({ Key: string(), Value: string() }, ['Key'])),
    Labels: map(enumOf('a', 'b'), string()),
    At: timestamp,
  },
  ['Name'],
);

function caught(f: () => unknown): ServiceError {
  try {
    f();
  } catch (err) {
    if (err instanceof ServiceError) return err;
    throw err;
  }
  throw new Error('expected a ServiceError');
}

const request = (over: Partial<EmulatorRequest>): EmulatorRequest => ({
  method: 'POST',
  path: '/',
  query: new URLSearchParams(),
  headers: {},
  body: Buffer.from(''),
  region: 'us-east-1',
  accountId: '123456789012',
  ...over,
});

const op = (over: Partial<Operation<never>> = {}): Operation<never> => ({ name: 'DoIt', input: INPUT, run: () => undefined, ...over });

describe('decoding against shapes', () => {
  it('types JSON values, drops unknown members and nulls, and copies', () => {
    const items = [{ Key: 'k', Value: 'v', Extra: 1 }];
    const out = decodeInput(INPUT, { Name: 'abc', Count: 2, Ratio: 0.5, Enabled: false, Items: items, Labels: { a: 'x' }, At: 1.5, Unknown: true, Mode: null }, errors);
    expect(out).toEqual({ Name: 'abc', Count: 2, Ratio: 0.5, Enabled: false, Items: [{ Key: 'k', Value: 'v' }], Labels: { a: 'x' }, At: new Date(1500) });
    expect(out.Items).not.toBe(items);
    expect(Object.getPrototypeOf(out.Labels)).toBeNull();
  });

  it('answers a wrong type at once with the serialization error, naming the member path', () => {
    const err = caught(() => decodeInput(INPUT, { Name: 'abc', Items: [{ Key: 1 }] }, errors));
    expect([err.code, err.message]).toEqual(['SerializationException', "Expected a string at 'items.1.member.key', got 1"]);
    expect(caught(() => decodeInput(INPUT, { Name: 'abc', Count: 1.5 }, errors)).code).toBe('SerializationException');
    expect(caught(() => decodeInput(INPUT, { Name: 'abc', Items: [null] }, errors)).code).toBe('SerializationException');
  });

  it('collects every constraint violation into one validation error, in AWS wording, lengths in code points', () => {
    const err = caught(() => decodeInput(INPUT, { Name: '😀😀', Mode: 'MAYBE', Count: 0, Items: [{}], Labels: { c: 'x' } }, errors));
    expect(err.code).toBe('BadRequest');
    expect(err.message).toBe(
      '5 validation errors detected: ' +
        "Value '😀😀' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 3; " +
        "Value 'MAYBE' at 'mode' failed to satisfy constraint: Member must satisfy enum value set: [ON, OFF]; " +
        "Value '0' at 'count' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
        "Value null at 'items.1.member.key' failed to satisfy constraint: Member must not be null; " +
        "Value 'c' at 'labels.key' failed to satisfy constraint: Member must satisfy enum value set: [a, b]",
    );
    expect(caught(() => decodeInput(INPUT, {}, errors)).message).toBe("1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
  });

  it('lets a service word a missing member on its own', () => {
    const err = caught(() => decodeInput(INPUT, {}, { ...errors, missing: (m) => table.make('BadRequest', `no value for ${m}`) }));
    expect(err.message).toBe('no value for Name');
  });
});

describe('the query protocol', () => {
  const form = (body: string) => formParams({ query: new URLSearchParams(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from(body) });
  const read = (body: string, shape: StructureShape = INPUT) => readQueryInput(form(body), shape, errors);
  const protocol = queryProtocol({ version: '2020-01-01', xmlns: 'urn:x' });

  it('reads members, lists, maps and nested structures from form parameters, typed by the shape', () => {
    expect(read('Name=abc&Count=7&Ratio=0.25&Enabled=true&Items.member.2.Key=b&Items.member.1.Key=a&Items.member.1.Value=&Labels.entry.1.key=a&Labels.entry.1.value=x&At=1970-01-01T00:00:01Z')).toEqual({
      Name: 'abc',
      Count: 7,
      Ratio: 0.25,
      Enabled: true,
      Items: [{ Key: 'a', Value: '' }, { Key: 'b' }],
      Labels: { a: 'x' },
      At: new Date(1000),
    });
    expect(read('Items=')).toEqual({ Items: [] });
  });

  it('refuses a value that does not parse as its type with the validation error', () => {
    expect(caught(() => read('Count=seven')).message).toBe("1 validation error detected: Value 'seven' at 'count' failed to satisfy constraint: Member must be an integer");
    expect(caught(() => read('Enabled=yes')).code).toBe('BadRequest');
  });

  it('claims only its own Version, without an X-Amz-Target, and with an Action unless told otherwise', () => {
    const req = (body: string, headers: Record<string, string> = {}) => request({ headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: Buffer.from(body) });
    const ops = new Map<string, Operation<never>>();
    expect(protocol.operationOf(req('Action=DoIt&Version=2020-01-01'), ops)).toBe('DoIt');
    expect(protocol.operationOf(req('Action=DoIt&Version=2010-03-31'), ops)).toBeUndefined();
    expect(protocol.operationOf(req('Action=DoIt&Version=2020-01-01', { 'x-amz-target': 'X.DoIt' }), ops)).toBeUndefined();
    expect(protocol.operationOf(req('Version=2020-01-01'), ops)).toBeUndefined();
    expect(queryProtocol({ version: '2020-01-01', xmlns: 'urn:x', claimWithoutAction: true }).operationOf(req('Version=2020-01-01'), ops)).toBe('');
  });

  it('writes XML from the output and its shape: members, entries, ISO timestamps, escaped text', () => {
    const output = { Labels: { k: '<v>' }, Items: [{ Key: 'a' }], At: new Date(0), Plain: { k: 'v' }, Skipped: undefined };
    const shape = structure({ Labels: map(string(), string()) });
    expect(xmlOf(output, shape)).toBe(
      '<Labels><entry><key>k</key><value>&lt;v&gt;</value></entry></Labels><Items><member><Key>a</Key></member></Items><At>1970-01-01T00:00:00.000Z</At><Plain><k>v</k></Plain>',
    );
    const ok = protocol.encodeOutput(op({ name: 'Get', output: shape }), { Labels: { a: 'b' } }, 'rid');
    expect(ok.body).toBe('<GetResponse xmlns="urn:x"><GetResult><Labels><entry><key>a</key><value>b</value></entry></Labels></GetResult><ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></GetResponse>');
    expect(protocol.encodeOutput(op({ name: 'Put' }), undefined, 'rid').body).not.toContain('PutResult');
  });

  it('encodes an error with its type, code, message and further members', () => {
    const r = protocol.encodeError(table.make('Gone', 'gone', { Where: ['a'] }), 'rid');
    expect(r.status).toBe(404);
    expect(r.body).toBe('<ErrorResponse xmlns="urn:x"><Error><Type>Sender</Type><Code>NotHere</Code><Message>gone</Message><Where><member>a</member></Where></Error><RequestId>rid</RequestId></ErrorResponse>');
    expect(protocol.encodeError(errors.internal('x'), 'rid').body).toContain('<Type>Receiver</Type>');
  });
});

describe('AWS JSON', () => {
  const json = jsonRpcProtocol({ targetPrefix: 'Svc_2020.', version: '1.0', namespace: 'com.example', messageKey: 'message', queryCompatible: true });

  it('claims its X-Amz-Target prefix on POST and reads the body as one object', () => {
    const ops = new Map<string, Operation<never>>();
    expect(json.operationOf(request({ headers: { 'x-amz-target': 'Svc_2020.DoIt' } }), ops)).toBe('DoIt');
    expect(json.operationOf(request({ headers: { 'x-amz-target': 'Other.DoIt' } }), ops)).toBeUndefined();
    expect(json.readInput(request({ body: Buffer.from(' ') }), op(), errors)).toEqual({});
    expect(caught(() => json.readInput(request({ body: Buffer.from('[1]') }), op(), errors)).code).toBe('SerializationException');
    expect(caught(() => json.readInput(request({ body: Buffer.from('{') }), op(), errors)).code).toBe('SerializationException');
  });

  it('answers timestamps as epoch seconds', () => {
    expect(JSON.parse(json.encodeOutput(op(), { At: new Date(1500), N: [new Date(0)] }, 'rid').body)).toEqual({ At: 1.5, N: [0] });
    expect(json.encodeOutput(op(), undefined, 'rid').body).toBe('{}');
  });

  it('names the shape in __type, in the service or the framework namespace, with the query code in a header', () => {
    const gone = json.encodeError(table.make('Gone', 'gone', { Id: 'x' }), 'rid');
    expect(gone.status).toBe(404);
    expect(JSON.parse(gone.body)).toEqual({ __type: 'com.example#Gone', Message: 'gone', Id: 'x' });
    expect(gone.headers['x-amzn-query-error']).toBe('NotHere;Sender');
    expect(JSON.parse(json.encodeError(errors.serialization('bad'), 'rid').body)).toEqual({ __type: 'com.amazon.coral.service#SerializationException', message: 'bad' });
    expect(jsonRpcProtocol({ targetPrefix: 'T.', version: '1.1', namespace: 'n', messageKey: 'Message' }).encodeError(errors.serialization('bad'), 'rid').headers).not.toHaveProperty('x-amzn-query-error');
  });
});

describe('REST-JSON', () => {
  const rest = restJsonProtocol({ pathPrefix: '/v1/' });
  const ops = new Map<string, Operation<never>>([
    ['GetThing', op({ name: 'GetThing', http: [{ method: 'GET', path: '/v1/things/{Name}', query: { Count: 'count', Items: 'item' } }], input: structure({ Name: string(), Count: integer(), Items: list(string()) }) })],
  ]);
  const getThing = ops.get('GetThing') as Operation<never>;

  it('routes by method and path template; anything else under the prefix is the unknown operation', () => {
    expect(rest.operationOf(request({ method: 'GET', path: '/v1/things/a' }), ops)).toBe('GetThing');
    expect(rest.operationOf(request({ method: 'PUT', path: '/v1/things/a' }), ops)).toBe(UNKNOWN_OPERATION);
    expect(rest.operationOf(request({ method: 'GET', path: '/v2/things/a' }), ops)).toBeUndefined();
  });

  it('reads path labels percent-decoded and query parameters typed', () => {
    const req = request({ method: 'GET', path: '/v1/things/a%2Fb', query: new URLSearchParams('count=3&item=x&item=y') });
    expect(rest.readInput(req, getThing, errors)).toEqual({ Name: 'a/b', Count: 3, Items: ['x', 'y'] });
    expect(caught(() => rest.readInput({ ...req, query: new URLSearchParams('count=three') }, getThing, errors)).code).toBe('SerializationException');
    expect(caught(() => rest.readInput({ ...req, path: '/v1/things/%E0%A4%A' }, getThing, errors)).code).toBe('BadRequest');
  });

  it('sends the error code in x-amzn-errortype and the message in the body', () => {
    const r = rest.encodeError(table.make('Gone', 'gone'), 'rid');
    expect([r.status, r.headers['x-amzn-errortype'], r.body]).toEqual([404, 'NotHere', '{"message":"gone"}']);
  });
});

describe('errors', () => {
  it('maps an injected code to its modeled shape by shape name or by code; others pass as they are', () => {
    const byShape = table.fromInjected({ code: 'Gone', message: 'm', status: 410 });
    expect([byShape.code, byShape.shape, byShape.status, byShape.options.messageKey]).toEqual(['NotHere', 'Gone', 410, 'Message']);
    expect(table.fromInjected({ code: 'NotHere', message: 'm', status: 404 }).shape).toBe('Gone');
    const odd = table.fromInjected({ code: 'Odd', message: 'm', status: 503 });
    expect([odd.code, odd.options.framework, odd.fault]).toEqual(['Odd', true, 'Receiver']);
  });
});

describe('the pager', () => {
  const rules: TokenRules = {
    list: 'test:List',
    malformed: (t) => new Error(`malformed ${t}`),
    otherScope: () => new Error('other scope'),
    lifetimeMs: 1000,
    expired: () => new Error('expired'),
  };
  const keys = Array.from({ length: 25 }, (_, i) => `k${i}`);
  const all = (items: readonly string[], scope: unknown = 'r', size = 10, now = 0) => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const p = pageOf(rules, items, { positionOf: listPosition, size, token, scope, now });
      seen.push(...p.items);
      token = p.nextToken;
    } while (token);
    return seen;
  };

  it('serves every item once, in list order, a page at a time', () => {
    expect(all(keys)).toEqual(inListOrder(keys, (k) => k));
  });

  it('resumes after the last item served: deleting it or adding items in between skips and repeats nothing', () => {
    const first = pageOf(rules, keys, { positionOf: listPosition, size: 10, token: undefined, scope: 'r' });
    const last = first.items[9] as string;
    const changed = [...keys.filter((k) => k !== last), 'new-1', 'new-2'];
    const rest = pageOf(rules, changed, { positionOf: listPosition, size: 100, token: first.nextToken, scope: 'r' });
    const served = [...first.items, ...rest.items];
    expect(new Set(served).size).toBe(served.length);
    // Every item that existed for the whole listing is served; new ones only if they sort after the resume point.
    expect(keys.filter((k) => k !== last && !served.includes(k))).toEqual([]);
  });

  it('binds a token to its list and scope, refuses what it did not issue, and expires', () => {
    const token = issueToken(rules, { region: 'r' }, 'p', 0);
    expect(readToken(rules, token, { region: 'r' }, 500)).toBe('p');
    expect(readToken(rules, '', { region: 'r' })).toBeUndefined();
    expect(() => readToken(rules, token, { region: 'other' }, 0)).toThrow('other scope');
    expect(() => readToken({ ...rules, list: 'test:Other' }, token, { region: 'r' }, 0)).toThrow('other scope');
    expect(() => readToken(rules, 'garbage', { region: 'r' })).toThrow('malformed garbage');
    expect(() => readToken(rules, token, { region: 'r' }, 1001)).toThrow('expired');
  });

  it('fills a page up to a weight budget, never splitting an item and never serving none', () => {
    const weights: Record<string, number> = { a: 2, b: 2, c: 5 };
    const request = { positionOf: (k: string) => k, size: 10, weight: (k: string) => weights[k] as number, budget: 4, scope: 's' };
    const first = pageOf(rules, ['c', 'b', 'a'], { ...request, token: undefined });
    expect(first.items).toEqual(['a', 'b']);
    expect(pageOf(rules, ['c', 'b', 'a'], { ...request, token: first.nextToken })).toEqual({ items: ['c'] });
  });
});

describe('the list order', () => {
  it('sorts by a SHA-256 of the key, ties by the key: stable and unrelated to insertion or the alphabet', () => {
    const sha = (k: string) => createHash('sha256').update(k).digest('hex');
    const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
    expect(inListOrder(keys, (k) => k)).toEqual([...keys].sort((x, y) => (sha(x) < sha(y) ? -1 : 1)));
    expect(inListOrder([...keys].reverse(), (k) => k)).toEqual(inListOrder(keys, (k) => k));
    expect(listPosition('a').endsWith('\u0000a')).toBe(true);
  });
});

describe('NO_INPUT', () => {
  it('decodes any object to no members', () => {
    expect(decodeInput(NO_INPUT, { Anything: 1 }, errors)).toEqual({});
  });
});
