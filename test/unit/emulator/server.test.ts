/**
 * The emulator's server, independent of any AWS service: routing, admin API, call log and fault
 * injection, over real HTTP with a tiny service of the test's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Faults } from '../../../src/emulator/faults.js';
import { regionOf, startEmulator, type Emulator } from '../../../src/emulator/server.js';
import type { EmulatorRequest, ServiceHandler } from '../../../src/emulator/types.js';

/** "echo" service: POST /echo/<Op> answers the op and the region. */
function echoService(): ServiceHandler & { settings: unknown[] } {
  const settings: unknown[] = [];
  return {
    service: 'sns',
    settings,
    operationOf: (req: EmulatorRequest) => (req.path.startsWith('/echo/') ? req.path.slice(6) : undefined),
    handle: (req, op) => ({ status: 200, headers: {}, body: JSON.stringify({ op, region: req.region, body: req.body.toString() }) }),
    errorResponse: (_req, op, e) => ({ status: e.status, headers: { 'x-code': e.code }, body: `${op}:${e.code}:${e.message}` }),
    throttlingError: { code: 'Throttled', message: 'Rate exceeded', status: 429 },
    reset: () => undefined,
    configure: (s: unknown) => {
      if ((s as { bad?: boolean }).bad) throw new Error('bad settings');
      settings.push(s);
    },
  };
}

describe('emulator server', () => {
  let emu: Emulator;
  const svc = echoService();
  beforeAll(async () => {
    emu = await startEmulator({ handlers: [svc] });
  });
  afterAll(() => emu.close());
  const post = (path: string, init: RequestInit = {}) => fetch(`${emu.url}${path}`, { method: 'POST', ...init });

  it('routes to the service that claims the request and passes the SigV4 region', async () => {
    const r = await post('/echo/CreateTopic', {
      body: 'x=1',
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-2/sns/aws4_request, SignedHeaders=host' },
    });
    expect(await r.json()).toEqual({ op: 'CreateTopic', region: 'eu-west-2', body: 'x=1' });
  });

  it('answers 404 for what no service claims, and logs only AWS calls', async () => {
    emu.reset();
    expect((await post('/nothing')).status).toBe(404);
    await post('/echo/A');
    await post('/echo/A');
    await post('/echo/B');
    const calls = (await (await fetch(`${emu.url}/_emulator/calls`)).json()) as { total: number; byOperation: Record<string, number> };
    expect(calls.total).toBe(3);
    expect(calls.byOperation).toEqual({ 'sns:A': 2, 'sns:B': 1 });
    await fetch(`${emu.url}/_emulator/calls`, { method: 'DELETE' });
    expect(emu.calls().total).toBe(0);
  });

  it('fails a named operation with the service encoding, a limited number of times', async () => {
    emu.reset();
    const put = await fetch(`${emu.url}/_emulator/faults`, {
      method: 'PUT',
      body: JSON.stringify({ failOperations: { 'sns:Boom': { code: 'InternalError', status: 503, times: 1 } } }),
    });
    expect(put.status).toBe(200);
    const first = await post('/echo/Boom');
    expect(first.status).toBe(503);
    expect(await first.text()).toMatch(/^Boom:InternalError:injected failure of Boom/);
    expect((await post('/echo/Boom')).status).toBe(200);
    expect(emu.calls().calls.map((c) => c.fault ?? 'ok')).toEqual(['failed', 'ok']);
  });

  it('fails the Nth call once', async () => {
    emu.reset();
    emu.setFaults({ failNthCall: { n: 2 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post('/echo/X')).status);
    expect(statuses).toEqual([200, 500, 200, 200]);
  });

  it('throttles beyond the per-service rate with the service throttling error', async () => {
    emu.reset();
    emu.setFaults({ rateLimit: { sns: 2 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post('/echo/X')).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    expect(emu.calls().calls.filter((c) => c.fault === 'throttled')).toHaveLength(2);
  });

  it('adds latency per call', async () => {
    emu.reset();
    emu.setFaults({ latencyByOperation: { Slow: 150 } });
    const t0 = performance.now();
    await post('/echo/Slow');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('passes settings to a service and reports bad ones', async () => {
    const ok = await fetch(`${emu.url}/_emulator/config/sns`, { method: 'PUT', body: JSON.stringify({ autoConfirm: true }) });
    expect(ok.status).toBe(200);
    expect(svc.settings).toContainEqual({ autoConfirm: true });
    const bad = await fetch(`${emu.url}/_emulator/config/sns`, { method: 'PUT', body: JSON.stringify({ bad: true }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'bad settings' });
    expect((await fetch(`${emu.url}/_emulator/config/nope`, { method: 'PUT', body: '{}' })).status).toBe(404);
  });
});

describe('fault injection clock', () => {
  it('refills the token bucket at the configured rate', () => {
    let now = 0;
    const f = new Faults(() => now);
    f.set({ rateLimit: { sesv2: 1 } });
    expect(f.decide('sesv2', 'A').kind).toBe('pass');
    expect(f.decide('sesv2', 'A').kind).toBe('throttle');
    now = 500;
    expect(f.decide('sesv2', 'A').kind).toBe('throttle');
    now = 1600;
    expect(f.decide('sesv2', 'A').kind).toBe('pass');
    expect(f.decide('cloudwatch', 'B').kind).toBe('pass'); // other services are not limited
  });

  it('reads the region from the SigV4 credential scope', () => {
    expect(regionOf('AWS4-HMAC-SHA256 Credential=AKID/20260101/ap-south-1/ses/aws4_request')).toBe('ap-south-1');
    expect(regionOf(undefined)).toBe('us-east-1');
  });
});
