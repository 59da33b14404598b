/**
 * The run's stop in the pacer and the pacing middleware: a call still waiting for its slot (behind others,
 * or sleeping until its slot) is never sent, a call already sent finishes, a retry is not sent after the
 * stop, and the queue keeps its spacing for callers without that stop. Then the same through a real SDK
 * client and step runner against the emulator: the refusal reaches the executor as Interrupted.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attachPacing, PacingStats, type MiddlewareClient, type PacingContext } from '../../../../src/aws/pacing/middleware.js';
import { MARGIN, Pacer, realClock, type Clock } from '../../../../src/aws/pacing/pacer.js';
import { DOCUMENTED_RATES } from '../../../../src/aws/pacing/rates.js';
import { DEFAULT_RETRY_POLICY } from '../../../../src/aws/pacing/retry.js';
import { createClients } from '../../../../src/aws/clients.js';
import { SesV2StepRunner } from '../../../../src/aws/sesv2/applier.js';
import { Interrupted } from '../../../../src/errors.js';
import type { ConfigurationSet } from '../../../../src/model/resources.js';
import { startFullEmulator, type Emulator } from '../../../../src/emulator/index.js';

/** Time moves only when the test advances it; a sleep ends then, or when its stop is aborted. */
function manualClock(): Clock & { advance(ms: number): Promise<void>; sleepers(): number } {
  let t = 0;
  let timers: { at: number; wake: () => void }[] = [];
  return {
    now: () => t,
    sleep: (ms, stop) =>
      new Promise<void>((resolve) => {
        if (stop?.aborted) return resolve();
        const timer = { at: t + ms, wake: resolve };
        timers.push(timer);
        stop?.addEventListener('abort', () => {
          timers = timers.filter((x) => x !== timer);
          resolve();
        });
      }),
    advance: async (ms) => {
      t += ms;
      for (const x of timers.filter((x) => x.at <= t)) x.wake();
      timers = timers.filter((x) => x.at > t);
      await new Promise((r) => setImmediate(r));
    },
    sleepers: () => timers.length,
  };
}

const tick = () => new Promise((r) => setImmediate(r));
const INTERVAL = 1000 * MARGIN;

describe('Pacer with a stop', () => {
  it('gives no slot to callers still waiting when the stop comes, behind others or sleeping for theirs', async () => {
    const clock = manualClock();
    const p = new Pacer(DOCUMENTED_RATES, clock);
    const stop = new AbortController();
    expect(await p.acquire('sesv2', 'A', stop.signal)).toBe(0);
    const sleeping = p.acquire('sesv2', 'B', stop.signal);
    const behind = p.acquire('sesv2', 'C', stop.signal);
    await tick();
    expect(clock.sleepers()).toBe(1);
    stop.abort();
    expect(await sleeping).toBeUndefined();
    expect(await behind).toBeUndefined();
    // Nothing is left sleeping: an interrupted process is not kept alive by the pacer's timers.
    expect(clock.sleepers()).toBe(0);
  });

  it('refuses at once a caller that asks after the stop', async () => {
    const p = new Pacer(DOCUMENTED_RATES, manualClock());
    const stop = new AbortController();
    stop.abort();
    expect(await p.acquire('sesv2', 'A', stop.signal)).toBeUndefined();
    expect(await p.acquire('sesv2', 'A')).toBe(0);
  });

  it('keeps the spacing for a caller without the stop that queued behind stopped ones', async () => {
    const clock = manualClock();
    const p = new Pacer(DOCUMENTED_RATES, clock);
    const stop = new AbortController();
    await p.acquire('sesv2', 'A', stop.signal);
    const stopped = p.acquire('sesv2', 'B', stop.signal);
    let went: number | undefined;
    const other = p.acquire('sesv2', 'C').then((w) => (went = w));
    await tick();
    stop.abort();
    expect(await stopped).toBeUndefined();
    await tick();
    // The refused caller took no slot, and the next one still waits a full interval after A.
    expect(went).toBeUndefined();
    await clock.advance(INTERVAL);
    await other;
    expect(went).toBeCloseTo(INTERVAL);
  });

  it('wakes a real-clock sleep on the stop and clears its timer', async () => {
    const stop = new AbortController();
    const t0 = performance.now();
    const sleeping = realClock.sleep(600_000, stop.signal);
    stop.abort();
    await sleeping;
    expect(performance.now() - t0).toBeLessThan(60_000);
  });
});

type Handler = (args: unknown) => Promise<unknown>;

/** A client of one command type whose middleware the test calls directly, with its own `next`. */
function pacedClient(ctx: PacingContext): (next: Handler) => Promise<unknown> {
  let mw: ((next: Handler, context: { commandName: string }) => Handler) | undefined;
  const client: MiddlewareClient = { middlewareStack: { add: (m) => void (mw = m as unknown as typeof mw) } };
  attachPacing(client, 'sesv2', ctx);
  return (next) => mw!(next, { commandName: 'CreateConfigurationSetCommand' })({});
}

function context(clock: Clock, stop: AbortSignal): PacingContext {
  return { pacer: new Pacer(DOCUMENTED_RATES, clock), policy: DEFAULT_RETRY_POLICY, stats: new PacingStats(), clock, random: () => 0.5, stop };
}

/** A `next` that answers when the test says. */
function answerable(): { next: Handler; calls: number; answer(value: unknown): void; fail(err: unknown): void } {
  const pending: { resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  const h = {
    calls: 0,
    next: () => {
      h.calls += 1;
      return new Promise((resolve, reject) => pending.push({ resolve, reject }));
    },
    answer: (v: unknown) => pending.shift()!.resolve(v),
    fail: (e: unknown) => pending.shift()!.reject(e),
  };
  return h;
}

/** A first call through the middleware, sent and waiting for the test to answer it. */
async function firstCallSent() {
  const clock = manualClock();
  const stop = new AbortController();
  const ctx = context(clock, stop.signal);
  const send = pacedClient(ctx);
  const wire = answerable();
  const call = send(wire.next).catch((e: unknown) => e);
  await tick();
  return { clock, stop, ctx, send, wire, call };
}

describe('pacing middleware with a stop', () => {
  it('lets the call on the wire finish and refuses the one waiting for its slot with Interrupted', async () => {
    const { stop, ctx, send, wire, call: first } = await firstCallSent();
    const second = send(wire.next);
    await tick();
    expect(wire.calls).toBe(1);
    expect(ctx.stats.inFlight).toBe(1);
    stop.abort();
    const refused = await second.catch((e: unknown) => e);
    expect(Interrupted.is(refused)).toBe(true);
    expect(refused).toMatchObject({ service: 'sesv2', operation: 'CreateConfigurationSet', attempts: 0 });
    wire.answer('ok');
    expect(await first).toBe('ok');
    expect(wire.calls).toBe(1);
    expect(ctx.stats.inFlight).toBe(0);
    expect(ctx.stats.snapshot()['sesv2:CreateConfigurationSet']?.sent).toBe(1);
  });

  it('does not retry after the stop: a throttled answer then fails as Interrupted, with that attempt counted', async () => {
    const { stop, wire, call } = await firstCallSent();
    stop.abort();
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
    wire.fail(throttled);
    const err = await call;
    expect(Interrupted.is(err)).toBe(true);
    expect(err).toMatchObject({ attempts: 1, cause: throttled });
    expect(wire.calls).toBe(1);
  });

  it('cuts a retry backoff short at the stop instead of sending the retry', async () => {
    const { clock, stop, wire, call } = await firstCallSent();
    wire.fail(Object.assign(new Error('busy'), { name: 'InternalFailure', $metadata: { httpStatusCode: 500 } }));
    await tick();
    expect(clock.sleepers()).toBe(1); // the backoff before the retry
    stop.abort();
    expect(await call).toMatchObject({ attempts: 1 });
    expect(wire.calls).toBe(1);
  });

  it('passes a final AWS error through unchanged, stop or not', async () => {
    const { stop, wire, call } = await firstCallSent();
    stop.abort();
    const bad = Object.assign(new Error('no'), { name: 'BadRequestException', $metadata: { httpStatusCode: 400 } });
    wire.fail(bad);
    expect(await call).toBe(bad);
  });
});

describe('a real SDK client with a stop', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startFullEmulator();
  });
  beforeEach(() => emulator.reset());
  afterAll(() => emulator.close());

  it('refuses the queued call before it reaches AWS, and the step runner rejects with Interrupted', async () => {
    const stop = new AbortController();
    const c = createClients({ region: 'us-east-1', endpointUrl: emulator.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, stop: stop.signal });
    try {
      const runner = new SesV2StepRunner(c.sesv2, 'us-east-1', '123456789012');
      const set = (name: string): ConfigurationSet => ({ kind: 'configurationSet', name, reputationMetricsEnabled: false, delivery: { tlsPolicy: 'OPTIONAL' }, tags: {} });
      await runner.run({ op: 'CreateConfigurationSet', set: set('a') });
      // SESv2 at its documented 1 call/s: the second call waits about a second for its slot.
      const queued = runner.run({ op: 'CreateConfigurationSet', set: set('b') }).catch((e: unknown) => e);
      stop.abort();
      const err = await queued;
      expect(Interrupted.is(err), String(err)).toBe(true);
      expect(emulator.calls().byOperation).toEqual({ 'sesv2:CreateConfigurationSet': 1 });
    } finally {
      c.destroy();
    }
  });
});
