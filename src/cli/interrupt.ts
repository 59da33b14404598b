/**
 * SIGINT and SIGTERM while apply executes (docs/architecture.md, "Apply": as for a failure): the first signal aborts the run's
 * stop, so no new call starts and the calls already sent finish; apply then prints its report and exits
 * with the signal's code (130 / 143). A second signal exits at once, for a user who will not wait for a slow
 * call. Only while armed: before execution nothing has been changed, and the default (the process ends at
 * once) is the right answer.
 */
import { setMaxListeners } from 'node:events';
import { STOP_SIGNALS, type ExitCode, type StopSignal } from '../errors.js';

export interface InterruptIo {
  readonly signals: Pick<NodeJS.Process, 'on' | 'off'>;
  readonly err: (s: string) => void;
  /** Ends the process now (the second signal). */
  readonly exitNow: (code: ExitCode) => void;
}

const calls = (n: number) => `${n} ${n === 1 ? 'call' : 'calls'}`;

export class Interrupt {
  private readonly controller = new AbortController();
  private received: StopSignal | undefined;

  constructor(private readonly io: InterruptIo) {
    // Every call waiting for its slot, and every backoff, listens for the stop: often more than the ten
    // listeners after which Node prints a leak warning to stderr, which carries JSON logs only.
    setMaxListeners(0, this.controller.signal);
  }

  /** Aborted at the first signal while armed. */
  get stop(): AbortSignal {
    return this.controller.signal;
  }

  /** The first signal received while armed, if any. */
  get signal(): StopSignal | undefined {
    return this.received;
  }

  /** Handles the signals until the returned function is called. `inFlight`: calls sent and not answered. */
  arm(inFlight: () => number): () => void {
    const on = (signal: StopSignal) => () => {
      if (this.received === undefined) {
        this.received = signal;
        this.io.err(`ses-reconcile: interrupt received: finishing ${calls(inFlight())} in flight, starting no new ones; press Ctrl-C again to exit at once\n`);
        this.controller.abort(signal);
        return;
      }
      this.io.err(`ses-reconcile: ${signal} again: exiting now; ${calls(inFlight())} in flight may or may not have been made; run apply again to converge\n`);
      this.io.exitNow(STOP_SIGNALS[signal]);
    };
    const handlers = (Object.keys(STOP_SIGNALS) as StopSignal[]).map((s) => [s, on(s)] as const);
    for (const [s, h] of handlers) this.io.signals.on(s, h);
    return () => {
      for (const [s, h] of handlers) this.io.signals.off(s, h);
    };
  }
}
