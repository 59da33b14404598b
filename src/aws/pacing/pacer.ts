/**
 * Pacer: spaces one run's AWS calls at the rates AWS documents, so calls wait their turn on our side
 * instead of being fired, throttled and retried (issue 8 measured 50% of SESv2 calls throttled without it).
 *
 * Terms: a *bucket* is one documented rate (a service's, or one operation's; rates.ts). A call takes a
 * slot in every bucket that applies to it. Slots of one bucket are at least `interval` apart, where
 * interval = 1 s / rate × MARGIN × the service's slow-down factor.
 *
 * Algorithm: callers of one bucket queue in arrival order (FIFO); the caller at the head waits until every
 * bucket of its call is free (`next`), goes, and sets each bucket's `next` to the time it actually went plus
 * that bucket's interval. Measuring from the actual departure, not from a schedule made in advance, is
 * what keeps two calls at least `interval` apart even when a timer fires late on a busy machine: a late
 * call delays the ones behind it instead of arriving on their heels. The queue is per service when the
 * service has one bucket for every operation (SESv2), else per operation, so a CloudWatch DescribeAlarms
 * never waits behind a PutMetricAlarm's slot.
 *
 * Throttling that still happens (other tools share the account's quota, or a quota is lower than
 * documented) doubles the service's slow-down factor, up to MAX_SLOWDOWN; each answered call shrinks it
 * by RECOVERY until it is back to 1. That is the additive-increase/multiplicative-decrease idea of the
 * SDK's adaptive retry mode, per service, shared by every reader and the executor of the run.
 *
 * Stopping (an interrupted apply): a caller may pass an AbortSignal. Once it is aborted, a caller still
 * waiting (for the callers ahead of it, or for its slot) gets no slot: acquire resolves `undefined` at
 * once, and the call is not sent. The pacer wait is where an apply at SES's 1 call/s spends its time, so
 * this is what makes an interrupt take effect within one call's latency. A stopped caller still hands the
 * queue on only when the one ahead of it has gone, so callers without that stop keep their spacing.
 *
 * Clock and sleep are injected: the unit tests drive time by hand.
 */
import type { PacedService, RateTable } from './rates.js';

/**
 * Spacing is 5% wider than the rate: AWS (and the emulator) count arrivals, we count departures, and two
 * requests' latencies differ by a few milliseconds; at exactly 1/s the later of two calls would now and
 * then arrive 999 ms after the earlier and be throttled.
 */
export const MARGIN = 1.05;
export const MAX_SLOWDOWN = 32;
export const RECOVERY = 0.9;

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or as soon as `stop` is aborted. */
  sleep(ms: number, stop?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  // The timer is cleared on stop, not left to fire: a pending timer (up to MAX_SLOWDOWN intervals) would
  // keep an interrupted process alive after its report.
  sleep: (ms, stop) =>
    new Promise((resolve) => {
      if (stop?.aborted) return resolve();
      const wake = () => {
        clearTimeout(timer);
        stop?.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      stop?.addEventListener('abort', wake);
    }),
};

/** Resolves with `p`, or with `undefined` as soon as `stop` is aborted, whichever comes first. */
function unlessStopped(p: Promise<void>, stop: AbortSignal | undefined): Promise<'went' | undefined> {
  if (!stop) return p.then(() => 'went');
  if (stop.aborted) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const wake = () => resolve(undefined);
    stop.addEventListener('abort', wake);
    void p.then(() => {
      stop.removeEventListener('abort', wake);
      resolve('went');
    });
  });
}

interface Bucket {
  readonly baseMs: number;
  next: number;
}

export class Pacer {
  private readonly buckets = new Map<string, Bucket>();
  private readonly slowdown = new Map<PacedService, number>();
  /** The tail of each queue: resolves when the last caller in it has gone. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly rates: RateTable,
    private readonly clock: Clock = realClock,
  ) {}

  /**
   * Resolves when the call may be sent, with how long it waited in ms; or with `undefined`, taking no slot,
   * when `stop` is aborted first (then the call must not be sent).
   */
  acquire(service: PacedService, operation: string): Promise<number>;
  acquire(service: PacedService, operation: string, stop: AbortSignal | undefined): Promise<number | undefined>;
  async acquire(service: PacedService, operation: string, stop?: AbortSignal): Promise<number | undefined> {
    if (stop?.aborted) return undefined;
    const buckets = this.bucketsOf(service, operation);
    if (buckets.length === 0) return 0;
    const asked = this.clock.now();
    const queue = this.rates.service[service] !== undefined ? service : `${service}:${operation}`;
    const ahead = this.queues.get(queue) ?? Promise.resolve();
    let gone!: () => void;
    const mine = new Promise<void>((resolve) => (gone = resolve));
    this.queues.set(queue, mine);
    const handOn = () => {
      if (this.queues.get(queue) === mine) this.queues.delete(queue);
      gone();
    };
    if ((await unlessStopped(ahead, stop)) === undefined) {
      void ahead.then(handOn);
      return undefined;
    }
    try {
      const now = this.clock.now();
      const free = Math.max(now, ...buckets.map((b) => b.next));
      if (free > now) await this.clock.sleep(free - now, stop);
      if (stop?.aborted) return undefined;
      const at = this.clock.now();
      const factor = this.slowdown.get(service) ?? 1;
      for (const b of buckets) b.next = at + b.baseMs * factor;
      return at - asked;
    } finally {
      handOn();
    }
  }

  /** The service answered a throttling error: slow every bucket of it down. */
  throttled(service: PacedService): void {
    this.slowdown.set(service, Math.min(MAX_SLOWDOWN, (this.slowdown.get(service) ?? 1) * 2));
  }

  /** The service answered: recover towards the documented rate. */
  answered(service: PacedService): void {
    const f = this.slowdown.get(service);
    if (f !== undefined) this.slowdown.set(service, Math.max(1, f * RECOVERY));
  }

  /** The current slow-down factor of a service (1 = the documented rate). */
  slowdownOf(service: PacedService): number {
    return this.slowdown.get(service) ?? 1;
  }

  private bucketsOf(service: PacedService, operation: string): Bucket[] {
    const out: Bucket[] = [];
    const add = (key: string, perSecond: number | undefined) => {
      if (perSecond === undefined || !(perSecond > 0) || !Number.isFinite(perSecond)) return;
      let b = this.buckets.get(key);
      if (!b) {
        b = { baseMs: (1000 / perSecond) * MARGIN, next: -Infinity };
        this.buckets.set(key, b);
      }
      out.push(b);
    };
    add(service, this.rates.service[service]);
    add(`${service}:${operation}`, this.rates.operation[`${service}:${operation}`]);
    return out;
  }
}
