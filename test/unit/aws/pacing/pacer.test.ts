/**
 * The pacer with a hand-driven clock: slots are spaced at the documented rate (plus the margin), per
 * service and per operation, concurrent callers never share a slot, throttling slows the service down
 * and answers bring it back.
 */
import { describe, expect, it } from 'vitest';
import { MARGIN, MAX_SLOWDOWN, Pacer, type Clock } from '../../../../src/aws/pacing/pacer.js';
import { DOCUMENTED_RATES, withOverrides } from '../../../../src/aws/pacing/rates.js';
import { rateOverride as parseRateOverride } from '../../../../src/cli/args.js';

/** Time moves only when someone sleeps; `sent` records when each call was let through. */
function fakeClock(): Clock & { t: number } {
  const c = {
    t: 0,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t = Math.max(c.t, ms + c.t);
    },
  };
  return c;
}

/** Slots of `n` calls made at once, each awaiting its own reservation. */
async function slots(p: Pacer, clock: Clock & { t: number }, service: 'sesv2' | 'cloudwatch' | 'sns' | 'tagging', op: string, n: number): Promise<number[]> {
  // Each call's slot is the time it asked plus its wait (the fake sleep moves the clock at once).
  return Promise.all(
    Array.from({ length: n }, () => {
      const asked = clock.t;
      return p.acquire(service, op).then((w) => Math.round(asked + w));
    }),
  );
}

describe('Pacer', () => {
  it('spaces SESv2 calls one second (plus the margin) apart, whatever the operation', async () => {
    const clock = fakeClock();
    const p = new Pacer(DOCUMENTED_RATES, clock);
    const a = await p.acquire('sesv2', 'GetConfigurationSet');
    const b = await p.acquire('sesv2', 'GetConfigurationSetEventDestinations');
    const c = await p.acquire('sesv2', 'ListConfigurationSets');
    expect([a, b, c].map(Math.round)).toEqual([0, Math.round(1000 * MARGIN), Math.round(1000 * MARGIN)]);
    expect(clock.t).toBeCloseTo(2000 * MARGIN);
  });

  it('gives concurrent callers distinct slots', async () => {
    const clock = fakeClock();
    const p = new Pacer(DOCUMENTED_RATES, clock);
    const got = await slots(p, clock, 'sesv2', 'GetConfigurationSet', 4);
    expect(got).toEqual([0, 1, 2, 3].map((i) => Math.round(i * 1000 * MARGIN)));
  });

  it('paces CloudWatch per operation: PutMetricAlarm at 3/s does not hold back DescribeAlarms at 9/s', async () => {
    const clock = fakeClock();
    const p = new Pacer(DOCUMENTED_RATES, clock);
    const put = await Promise.all([p.acquire('cloudwatch', 'PutMetricAlarm'), p.acquire('cloudwatch', 'PutMetricAlarm')]);
    const describe = await Promise.all([p.acquire('cloudwatch', 'DescribeAlarms'), p.acquire('cloudwatch', 'DescribeAlarms')]);
    expect(put[1]).toBeCloseTo((1000 / 3) * MARGIN);
    // The DescribeAlarms calls were asked for after the clock had moved; only their own spacing applies.
    expect(describe[1]! - describe[0]!).toBeCloseTo((1000 / 9) * MARGIN);
  });

  it('does not pace what has no documented rate (the cost of a call with no limit is nothing)', async () => {
    const clock = fakeClock();
    const p = new Pacer({ service: {}, operation: {} }, clock);
    expect(await slots(p, clock, 'sns', 'Publish', 5)).toEqual([0, 0, 0, 0, 0]);
  });

  it('keeps calls a full interval apart when a timer fires late (a busy machine)', async () => {
    const clock = fakeClock();
    const late = { ...clock, sleep: async (ms: number) => clock.sleep(ms + 200) };
    Object.defineProperty(late, 'now', { value: () => clock.t });
    const p = new Pacer(DOCUMENTED_RATES, late);
    // All three ask at 0; each wait is how long after that it went.
    const went = await Promise.all([0, 1, 2].map(() => p.acquire('sesv2', 'GetConfigurationSet')));
    // The second call went 200 ms late; the third still waits a whole interval after it, not after its plan.
    expect(went.map(Math.round)).toEqual([0, Math.round(1050 + 200), Math.round(2 * (1050 + 200))]);
  });

  it('does not let a late caller burst: the next slot counts from the slot granted', async () => {
    const clock = fakeClock();
    const p = new Pacer(DOCUMENTED_RATES, clock);
    await p.acquire('sesv2', 'A');
    clock.t = 10_000; // a long pause: no credit is banked for the idle time beyond one slot
    expect(await p.acquire('sesv2', 'A')).toBe(0);
    expect(Math.round(await p.acquire('sesv2', 'A'))).toBe(Math.round(1000 * MARGIN));
  });

  it('halves the rate on each throttle, up to a limit, and recovers on answers', async () => {
    const clock = fakeClock();
    const p = new Pacer(DOCUMENTED_RATES, clock);
    p.throttled('sesv2');
    p.throttled('sesv2');
    expect(p.slowdownOf('sesv2')).toBe(4);
    await p.acquire('sesv2', 'A');
    expect(Math.round(await p.acquire('sesv2', 'A'))).toBe(Math.round(4000 * MARGIN));
    for (let i = 0; i < 20; i++) p.throttled('sesv2');
    expect(p.slowdownOf('sesv2')).toBe(MAX_SLOWDOWN);
    for (let i = 0; i < 100; i++) p.answered('sesv2');
    expect(p.slowdownOf('sesv2')).toBe(1);
    expect(p.slowdownOf('cloudwatch')).toBe(1);
  });
});

describe('--max-rate', () => {
  it('SERVICE=N replaces the per-operation defaults with one bucket', async () => {
    const table = withOverrides(DOCUMENTED_RATES, [parseRateOverride('cloudwatch=2')!]);
    expect(table.service.cloudwatch).toBe(2);
    expect(Object.keys(table.operation).some((k) => k.startsWith('cloudwatch:'))).toBe(false);
    const clock = fakeClock();
    const p = new Pacer(table, clock);
    const got = await Promise.all([p.acquire('cloudwatch', 'PutMetricAlarm'), p.acquire('cloudwatch', 'DescribeAlarms')]);
    expect(got[1]).toBeCloseTo(500 * MARGIN);
  });

  it('SERVICE:Operation=N changes one operation; a fraction is a call every few seconds', () => {
    const table = withOverrides(DOCUMENTED_RATES, [parseRateOverride('cloudwatch:PutMetricAlarm=10')!, parseRateOverride('sesv2=0.5')!]);
    expect(table.operation['cloudwatch:PutMetricAlarm']).toBe(10);
    expect(table.operation['cloudwatch:DescribeAlarms']).toBe(9);
    expect(table.service.sesv2).toBe(0.5);
  });

  it('rejects what is not SERVICE=N', () => {
    for (const bad of ['ses=1', 'sesv2=0', 'sesv2=-1', 'sesv2', 'sesv2=fast', 'cloudwatch:putMetricAlarm=3', 'sts=5']) expect(parseRateOverride(bad), bad).toBeUndefined();
  });
});
