/**
 * The tagging service's index and handler without HTTP: a fake source service whose resources the test
 * edits by hand, and an injected clock, so the index's lag, deleted-resource retention and the
 * 15-minute token lifetime are tested without waiting.
 */
import { describe, expect, it } from 'vitest';
import { createTaggingHandler } from '../../../src/emulator/tagging/service.js';
import { TagIndex } from '../../../src/emulator/tagging/tag-index.js';
import { resourceTypeOf } from '../../../src/emulator/tagging/resource-types.js';
import type { EmulatorRequest, ServiceHandler, TaggableResource } from '../../../src/emulator/types.js';

/** A source service: ARN -> tags, in one Region unless the ARN says otherwise. */
function source() {
  const resources = new Map<string, Map<string, string>>();
  const handler: ServiceHandler = {
    service: 'sns',
    operationOf: () => undefined,
    handle: () => ({ status: 500, headers: {}, body: '' }),
    errorResponse: () => ({ status: 500, headers: {}, body: '' }),
    throttlingError: { code: 'Throttled', message: '', status: 429 },
    reset: () => resources.clear(),
    *taggableResources(): Iterable<TaggableResource> {
      for (const [arn, tags] of resources) yield { region: arn.split(':')[3] as string, arn, tags };
    },
  };
  return { handler, resources, put: (arn: string, tags: Record<string, string> = {}) => resources.set(arn, new Map(Object.entries(tags))) };
}

const A = 'arn:aws:sns:us-east-1:123456789012:a';
const B = 'arn:aws:sns:us-east-1:123456789012:b';
const WEST = 'arn:aws:sns:eu-west-1:123456789012:w';

describe('tag index', () => {
  function setup(timing = { lagMs: 0, deletedRetentionMs: 0 }) {
    const clock = { now: 1_000_000 };
    const src = source();
    const index = new TagIndex(() => clock.now, () => timing);
    const record = () => index.record(src.handler.taggableResources?.() ?? []);
    const listed = (region = 'us-east-1') => Object.fromEntries(index.listed(region).map((r) => [r.arn, Object.fromEntries(r.tags)]));
    return { clock, src, index, record, listed, timing };
  }

  it('lists tagged resources per Region; never-tagged ones not at all', () => {
    const s = setup();
    s.src.put(A, { stack: 'blue' });
    s.src.put(B);
    s.src.put(WEST, { stack: 'west' });
    s.record();
    expect(s.listed()).toEqual({ [A]: { stack: 'blue' } });
    expect(s.listed('eu-west-1')).toEqual({ [WEST]: { stack: 'west' } });
  });

  it('keeps listing a resource whose tags were all removed, with no tags, until it is deleted', () => {
    const s = setup();
    s.src.put(A, { stack: 'blue' });
    s.record();
    s.src.put(A);
    s.record();
    expect(s.listed()).toEqual({ [A]: {} });
    s.src.resources.delete(A);
    s.record();
    expect(s.listed()).toEqual({});
    // Created again under the same ARN: a new resource, untagged, so not listed.
    s.src.put(A);
    s.record();
    expect(s.listed()).toEqual({});
  });

  it('with lagMs, shows each change lagMs after it happened, and the previous view until then', () => {
    const s = setup({ lagMs: 1000, deletedRetentionMs: 0 });
    s.src.put(A, { v: '1' });
    s.record();
    expect(s.listed()).toEqual({});
    s.clock.now += 999;
    expect(s.listed()).toEqual({});
    s.clock.now += 1;
    expect(s.listed()).toEqual({ [A]: { v: '1' } });
    s.src.put(A, { v: '2' });
    s.record();
    s.clock.now += 500;
    s.src.put(A, { v: '3' });
    s.record();
    expect(s.listed()).toEqual({ [A]: { v: '1' } });
    s.clock.now += 500;
    expect(s.listed()).toEqual({ [A]: { v: '2' } });
    s.clock.now += 500;
    expect(s.listed()).toEqual({ [A]: { v: '3' } });
    s.src.resources.delete(A);
    s.record();
    expect(s.listed()).toEqual({ [A]: { v: '3' } }); // deletions lag too
    s.clock.now += 1000;
    expect(s.listed()).toEqual({});
  });

  it('with deletedRetentionMs, lists a deleted resource with its last tags for that long', () => {
    const s = setup({ lagMs: 0, deletedRetentionMs: 60_000 });
    s.src.put(A, { stack: 'blue' });
    s.src.put(B, { stack: 'blue' });
    s.record();
    s.src.resources.delete(A);
    s.record();
    s.clock.now += 59_999;
    expect(s.listed()).toEqual({ [A]: { stack: 'blue' }, [B]: { stack: 'blue' } });
    s.clock.now += 1;
    s.record();
    expect(s.listed()).toEqual({ [B]: { stack: 'blue' } });
  });

  it('a resource created again while its deletion is retained shows as the new one once visible', () => {
    const s = setup({ lagMs: 0, deletedRetentionMs: 60_000 });
    s.src.put(A, { stack: 'old' });
    s.record();
    s.src.resources.delete(A);
    s.record();
    s.clock.now += 10;
    s.src.put(A, { stack: 'new' });
    s.record();
    expect(s.listed()).toEqual({ [A]: { stack: 'new' } });
  });

  it('a change of the delays applies to what the index holds at once', () => {
    const s = setup();
    s.src.put(A, { stack: 'blue' });
    s.record();
    s.timing.lagMs = 5000;
    expect(s.listed()).toEqual({});
    s.clock.now += 5000;
    expect(s.listed()).toEqual({ [A]: { stack: 'blue' } });
  });

  it('reset forgets everything, retained deletions included', () => {
    const s = setup({ lagMs: 0, deletedRetentionMs: 60_000 });
    s.src.put(A, { stack: 'blue' });
    s.record();
    s.src.resources.delete(A);
    s.record();
    s.index.reset();
    expect(s.listed()).toEqual({});
  });
});

describe('resource types from ARNs', () => {
  it('reads service and type, and no type for a topic', () => {
    expect(resourceTypeOf('arn:aws:ses:us-east-1:123456789012:configuration-set/a')).toEqual({ service: 'ses', resourceType: 'configuration-set' });
    expect(resourceTypeOf('arn:aws:cloudwatch:us-east-1:123456789012:alarm:a/b:c')).toEqual({ service: 'cloudwatch', resourceType: 'alarm' });
    expect(resourceTypeOf('arn:aws:sns:us-east-1:123456789012:topic')).toEqual({ service: 'sns', resourceType: undefined });
  });
});

describe('tagging handler', () => {
  function setup() {
    const clock = { now: Date.UTC(2026, 0, 1) };
    const src = source();
    const handler = createTaggingHandler({ sources: [src.handler], now: () => clock.now });
    const call = (body: unknown, region = 'us-east-1', target = 'ResourceGroupsTaggingAPI_20170126.GetResources') => {
      const req: EmulatorRequest = {
        method: 'POST',
        path: '/',
        query: new URLSearchParams(),
        headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.1' },
        body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
        region,
        accountId: '123456789012',
      };
      const op = handler.operationOf(req);
      if (op === undefined) throw new Error('not claimed');
      const r = handler.handle(req, op);
      return { status: r.status, body: JSON.parse(r.body) as Record<string, unknown> };
    };
    return { clock, src, handler, call };
  }

  it('claims only POSTs with its own X-Amz-Target', () => {
    const { handler } = setup();
    const req = (headers: Record<string, string>, method = 'POST'): EmulatorRequest => ({
      method,
      path: '/',
      query: new URLSearchParams(),
      headers,
      body: Buffer.from('{}'),
      region: 'us-east-1',
      accountId: '123456789012',
    });
    expect(handler.operationOf(req({ 'x-amz-target': 'ResourceGroupsTaggingAPI_20170126.GetResources' }))).toBe('GetResources');
    expect(handler.operationOf(req({ 'x-amz-target': 'GraniteServiceVersion20100801.DescribeAlarms' }))).toBeUndefined();
    expect(handler.operationOf(req({}))).toBeUndefined();
  });

  it('expires a PaginationToken after 15 minutes with PaginationTokenExpiredException', () => {
    const s = setup();
    s.src.put(A, { stack: 'blue' });
    s.src.put(B, { stack: 'blue' });
    const first = s.call({ ResourcesPerPage: 1 });
    const token = first.body.PaginationToken as string;
    expect(token).not.toBe('');
    s.clock.now += 15 * 60 * 1000;
    expect(s.call({ ResourcesPerPage: 1, PaginationToken: token }).status).toBe(200);
    s.clock.now += 1;
    const expired = s.call({ ResourcesPerPage: 1, PaginationToken: token });
    expect(expired).toEqual({ status: 400, body: { __type: 'com.amazonaws.resourcegroupstaggingapi#PaginationTokenExpiredException', Message: expect.stringMatching(/15 minutes/) } });
  });

  it('binds a token to its Region and filters', () => {
    const s = setup();
    s.src.put(A, { stack: 'blue' });
    s.src.put(B, { stack: 'blue' });
    const token = s.call({ ResourcesPerPage: 1 }).body.PaginationToken as string;
    expect(s.call({ ResourcesPerPage: 1, PaginationToken: token }, 'eu-west-1').body.__type).toMatch(/#InvalidParameterException$/);
    expect(s.call({ ResourcesPerPage: 1, PaginationToken: token, ResourceTypeFilters: ['sns'] }).body.__type).toMatch(/#InvalidParameterException$/);
    const second = s.call({ ResourcesPerPage: 5, PaginationToken: token }); // the page size may change
    expect(second.status).toBe(200);
    expect(second.body.PaginationToken).toBe('');
  });

  it('resumes after the last resource served even when resources come and go between pages', () => {
    const s = setup();
    const arns = Array.from({ length: 6 }, (_, i) => `arn:aws:sns:us-east-1:123456789012:t${i}`);
    for (const a of arns) s.src.put(a, { stack: 'blue' });
    const page1 = s.call({ ResourcesPerPage: 3 });
    const served = (page1.body.ResourceTagMappingList as { ResourceARN: string }[]).map((m) => m.ResourceARN);
    s.src.resources.delete(served[0] as string);
    const page2 = s.call({ ResourcesPerPage: 3, PaginationToken: page1.body.PaginationToken });
    const rest = (page2.body.ResourceTagMappingList as { ResourceARN: string }[]).map((m) => m.ResourceARN);
    expect([...served, ...rest].sort()).toEqual([...arns].sort());
  });

  it('checks the input: ranges, counts, types', () => {
    const s = setup();
    const type = (body: unknown) => s.call(body).body.__type;
    expect(type({ ResourcesPerPage: 0 })).toMatch(/#InvalidParameterException$/);
    expect(type({ ResourcesPerPage: 101 })).toMatch(/#InvalidParameterException$/);
    expect(type({ TagsPerPage: 501 })).toMatch(/#InvalidParameterException$/);
    expect(type({ TagFilters: [{ Values: ['x'] }] })).toMatch(/#InvalidParameterException$/);
    expect(type({ TagFilters: [{ Key: 'k', Values: Array(21).fill('v') }] })).toMatch(/#InvalidParameterException$/);
    expect(type({ ResourceTypeFilters: Array(101).fill('sns') })).toMatch(/#InvalidParameterException$/);
    expect(type({ ExcludeCompliantResources: true })).toMatch(/#InvalidParameterException$/);
    expect(type({ TagFilters: { Key: 'k' } })).toBe('com.amazon.coral.service#SerializationException');
    expect(type('[]')).toBe('com.amazon.coral.service#SerializationException');
    expect(s.call({ ResourcesPerPage: null, TagFilters: [{ Key: 'k', Values: null }] }).status).toBe(200);
  });

  it('answers the model\'s other operations as not served', () => {
    const s = setup();
    const r = s.call({}, 'us-east-1', 'ResourceGroupsTaggingAPI_20170126.TagResources');
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ __type: 'com.amazon.coral.service#UnknownOperationException', Message: expect.stringMatching(/does not implement TagResources/) });
  });

  it('encodes injected errors and its throttling error in AWS JSON 1.1', () => {
    const s = setup();
    const req = { method: 'POST', path: '/', query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0), region: 'us-east-1', accountId: '123456789012' };
    const throttled = s.handler.errorResponse(req, 'GetResources', s.handler.throttlingError);
    expect(throttled.status).toBe(400);
    expect(throttled.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(JSON.parse(throttled.body)).toEqual({ __type: 'com.amazonaws.resourcegroupstaggingapi#ThrottledException', Message: 'Rate exceeded' });
    const failed = s.handler.errorResponse(req, 'GetResources', { code: 'InternalServiceException', message: 'boom', status: 500 });
    expect(JSON.parse(failed.body).__type).toBe('com.amazonaws.resourcegroupstaggingapi#InternalServiceException');
  });

  it('takes lagMs and deletedRetentionMs, merges them, refuses others, and keeps them on reset', () => {
    const { handler } = setup();
    handler.configure({ lagMs: 100 });
    handler.configure({ deletedRetentionMs: 200 });
    expect(handler.settings()).toEqual({ lagMs: 100, deletedRetentionMs: 200 });
    expect(() => handler.configure({ lagMs: 1.5 })).toThrow(/whole number/);
    expect(() => handler.configure({ retention: 1 })).toThrow(/unknown tagging setting "retention"/);
    expect(() => handler.configure([])).toThrow(/must be an object/);
    handler.reset();
    expect(handler.settings()).toEqual({ lagMs: 100, deletedRetentionMs: 200 });
  });

  it('records the sources after every request (afterRequest), so a deletion between two listings is retained', () => {
    const s = setup();
    s.handler.configure({ deletedRetentionMs: 1000 });
    s.src.put(A, { stack: 'blue' });
    s.handler.afterRequest?.();
    s.src.resources.delete(A);
    s.handler.afterRequest?.();
    s.clock.now += 999;
    expect((s.call({}).body.ResourceTagMappingList as unknown[]).length).toBe(1);
    s.clock.now += 1;
    expect(s.call({}).body.ResourceTagMappingList).toEqual([]);
  });
});
