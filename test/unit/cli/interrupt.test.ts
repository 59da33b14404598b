/**
 * Interrupt with a fake process: what the first and the second signal do while armed, and that nothing
 * is handled once disarmed (the default, ending the process, applies again).
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { Interrupt } from '../../../src/cli/interrupt.js';
import type { ExitCode } from '../../../src/errors.js';

function harness() {
  const signals = new EventEmitter();
  const err: string[] = [];
  const exits: ExitCode[] = [];
  const interrupt = new Interrupt({ signals: signals as unknown as NodeJS.Process, err: (s) => err.push(s), exitNow: (c) => exits.push(c) });
  return { signals, err, exits, interrupt };
}

describe('Interrupt', () => {
  it('stops on the first signal, saying how many calls it waits for, and exits at once on the second', () => {
    const { signals, err, exits, interrupt } = harness();
    let inFlight = 2;
    interrupt.arm(() => inFlight);
    signals.emit('SIGINT');
    expect(interrupt.stop.aborted).toBe(true);
    expect(interrupt.signal).toBe('SIGINT');
    expect(err).toEqual(['ses-reconcile: interrupt received: finishing 2 calls in flight, starting no new ones; press Ctrl-C again to exit at once\n']);
    expect(exits).toEqual([]);
    inFlight = 1;
    signals.emit('SIGTERM');
    expect(exits).toEqual([143]);
    expect(err[1]).toBe('ses-reconcile: SIGTERM again: exiting now; 1 call in flight may or may not have been made; run apply again to converge\n');
    // The run stays stopped by the first signal: its code is the one the report exits with.
    expect(interrupt.signal).toBe('SIGINT');
  });

  it('exits 130 on a second SIGINT', () => {
    const { signals, exits, interrupt } = harness();
    interrupt.arm(() => 0);
    signals.emit('SIGTERM');
    signals.emit('SIGINT');
    expect(exits).toEqual([130]);
  });

  it('handles nothing before it is armed or after it is disarmed', () => {
    const { signals, interrupt } = harness();
    expect(signals.listenerCount('SIGINT')).toBe(0);
    const disarm = interrupt.arm(() => 0);
    expect([signals.listenerCount('SIGINT'), signals.listenerCount('SIGTERM')]).toEqual([1, 1]);
    disarm();
    expect([signals.listenerCount('SIGINT'), signals.listenerCount('SIGTERM')]).toEqual([0, 0]);
    expect(interrupt.stop.aborted).toBe(false);
  });
});
