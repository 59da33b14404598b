/**
 * The SDK side of pacing: one middleware on each client, at the `initialize` step (before the request is
 * serialised and signed, so every attempt is signed afresh however long it waited). It makes every
 * command of that client — a reader's or the executor's — take its slot from the run's Pacer, retries
 * throttling and transient failures by retry.ts, and counts what happened in PacingStats.
 *
 * The run's `stop` (an interrupted apply): an attempt not yet sent when it comes is never sent — neither a
 * call still waiting for its slot nor a retry waiting out its backoff — and fails with Interrupted, which
 * the executor reports as not made. An attempt already sent is left to finish: AWS may be applying it.
 */
import { Interrupted } from '../../errors.js';
import { failureKindOf } from '../errors.js';
import { type Clock, type Pacer } from './pacer.js';
import type { PacedService } from './rates.js';
import { retryDelay, type RetryPolicy } from './retry.js';

/** One retry, for the log: which call, why, after how many attempts, and how long it waits now. */
export interface RetryEvent {
  readonly service: PacedService;
  readonly operation: string;
  readonly kind: 'throttling' | 'transient';
  readonly attempt: number;
  readonly delayMs: number;
}

export interface OperationStats {
  /** Requests sent, every attempt counted. */
  sent: number;
  /** Of those, answered with a throttling error. */
  throttled: number;
  /** Of those, failed transiently (5xx, network) and retried. */
  transient: number;
  /** Time spent waiting for a slot of the pacer, in ms. */
  pacedMs: number;
}

/** Counts per `service:Operation` for one run: what the log and the benchmarks report. */
export class PacingStats {
  private readonly ops = new Map<string, OperationStats>();
  private sending = 0;

  /** Requests sent and not answered yet: what an interrupt waits for. */
  get inFlight(): number {
    return this.sending;
  }

  /** Around one request on the wire. */
  async onWire<T>(request: () => Promise<T>): Promise<T> {
    this.sending += 1;
    try {
      return await request();
    } finally {
      this.sending -= 1;
    }
  }

  of(service: PacedService, operation: string): OperationStats {
    const key = `${service}:${operation}`;
    let s = this.ops.get(key);
    if (!s) {
      s = { sent: 0, throttled: 0, transient: 0, pacedMs: 0 };
      this.ops.set(key, s);
    }
    return s;
  }

  snapshot(): Record<string, OperationStats> {
    return Object.fromEntries([...this.ops.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, v]) => [k, { ...v }]));
  }

  totals(): OperationStats {
    const t = { sent: 0, throttled: 0, transient: 0, pacedMs: 0 };
    for (const s of this.ops.values()) {
      t.sent += s.sent;
      t.throttled += s.throttled;
      t.transient += s.transient;
      t.pacedMs += s.pacedMs;
    }
    return t;
  }
}

export interface PacingContext {
  readonly pacer: Pacer;
  readonly policy: RetryPolicy;
  readonly stats: PacingStats;
  readonly clock: Clock;
  readonly random: () => number;
  readonly onRetry?: (event: RetryEvent) => void;
  /** Aborted when the run must stop: attempts not yet sent are refused with Interrupted. */
  readonly stop?: AbortSignal;
}

type Handler = (args: unknown) => Promise<unknown>;

/**
 * The part of an SDK client this needs (every v3 client has it). The middleware is passed as `never`: it
 * is generic over the client's input and output types, which this file neither knows nor touches.
 */
export interface MiddlewareClient {
  readonly middlewareStack: {
    add(middleware: never, options: { readonly step: 'initialize'; readonly name: string; readonly priority: 'high' }): void;
  };
}

export function attachPacing(client: MiddlewareClient, service: PacedService, ctx: PacingContext): void {
  const middleware =
    (next: Handler, context: { readonly commandName?: string }): Handler =>
    async (args) => {
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const stats = ctx.stats.of(service, operation);
      let attempts = 0;
      let throttleWaitMs = 0;
      let lastError: unknown;
      for (;;) {
        const waited = await ctx.pacer.acquire(service, operation, ctx.stop);
        if (waited === undefined) throw new Interrupted(service, operation, attempts, attempts > 0 ? { cause: lastError } : undefined);
        stats.pacedMs += waited;
        attempts += 1;
        stats.sent += 1;
        try {
          const out = await ctx.stats.onWire(() => next(args));
          ctx.pacer.answered(service);
          return out;
        } catch (err) {
          lastError = err;
          const kind = failureKindOf(err);
          if (kind === 'throttling') {
            stats.throttled += 1;
            ctx.pacer.throttled(service);
          } else if (kind === 'transient') stats.transient += 1;
          const delay = retryDelay(kind, operation, { attempts, throttleWaitMs }, ctx.policy, ctx.random);
          if (kind === 'final' || delay === undefined) throw err;
          if (ctx.stop?.aborted) throw new Interrupted(service, operation, attempts, { cause: err });
          if (kind === 'throttling') throttleWaitMs += delay;
          ctx.onRetry?.({ service, operation, kind, attempt: attempts, delayMs: delay });
          // Woken early by the stop, the next acquire refuses the retry.
          if (delay > 0) await ctx.clock.sleep(delay, ctx.stop);
        }
      }
    };
  client.middlewareStack.add(middleware as never, { step: 'initialize', name: 'sesReconcilePacing', priority: 'high' });
}
