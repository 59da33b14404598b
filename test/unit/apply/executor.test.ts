/**
 * executePlan with a stop (an interrupted apply), against the InMemoryAws fake behind a runner whose calls
 * move only when the test says: a call first waits for its slot (as in the pacer), then is sent (in
 * flight), then is answered. The stop refuses the calls still waiting for a slot, as the pacing middleware
 * does, and leaves those sent to finish.
 */
import { describe, expect, it } from 'vitest';
import { executePlan } from '../../../src/apply/executor.js';
import type { ApplyReport } from '../../../src/apply/report.js';
import type { StepRunner } from '../../../src/apply/port.js';
import { computePlan, type PipelineOptions } from '../../../src/plan/compute.js';
import { AwsCallError, Interrupted } from '../../../src/errors.js';
import type { Plan } from '../../../src/model/plan.js';
import { describeStep, type Step } from '../../../src/model/step.js';
import { InMemoryAws } from '../../fakes/memory-aws.js';
import { load } from '../../helpers/config.js';

const OPTS: PipelineOptions = { stack: 's', region: 'us-east-1', accountId: '123456789012', adopt: false, allowDeletes: true };

async function plan(aws: InMemoryAws, body: string): Promise<Plan> {
  const r = load(`version: 1\nstack: s\n${body}`);
  if (!r.desired) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return computePlan(r.desired.resources, (await aws.read({ stack: 's', configurationSets: new Set() })).state, OPTS);
}

const sets = (...names: string[]) => `configurationSets:\n${names.map((n) => `  ${n}: {}\n`).join('')}`;
/** Three option groups changed, and with them the definition's digest tag: an update of four calls. */
const changed = (...names: string[]) =>
  `configurationSets:\n${names.map((n) => `  ${n}:\n    sendingEnabled: false\n    reputationMetricsEnabled: true\n    delivery: { tlsPolicy: REQUIRE }\n`).join('')}`;

interface Call {
  readonly step: Step;
  state: 'waiting' | 'sent';
  send(): void;
  answer(): void;
}

/** A runner whose calls wait for the test: `sendNext` lets the oldest waiting call out, `answerNext` answers the oldest sent one. */
class SlotRunner implements StepRunner {
  readonly calls: Call[] = [];
  private readonly arrivals: (() => void)[] = [];

  constructor(
    private readonly aws: InMemoryAws,
    private readonly stop: AbortSignal,
    /** The first attempt of this op was sent and throttled; the stop comes before its retry. */
    private readonly throttledOnce?: Step['op'],
  ) {}

  run(step: Step): Promise<void> {
    return new Promise((resolve, reject) => {
      const refuse = () => {
        if (call.state !== 'waiting') return;
        this.calls.splice(this.calls.indexOf(call), 1);
        reject(new Interrupted('sesv2', step.op, step.op === this.throttledOnce ? 1 : 0));
      };
      const call: Call = {
        step,
        state: 'waiting',
        send: () => {
          call.state = 'sent';
          this.stop.removeEventListener('abort', refuse);
        },
        answer: () => {
          this.calls.splice(this.calls.indexOf(call), 1);
          this.aws.run(step).then(resolve, reject);
        },
      };
      if (this.stop.aborted) return reject(new Interrupted('sesv2', step.op, 0));
      this.calls.push(call);
      this.stop.addEventListener('abort', refuse);
      this.arrivals.shift()?.();
    });
  }

  /** Resolves once `n` calls are waiting or sent. */
  async arrived(n: number): Promise<void> {
    while (this.calls.length < n) await new Promise<void>((r) => this.arrivals.push(r));
  }

  sendNext(): Step {
    const c = this.calls.find((x) => x.state === 'waiting');
    if (!c) throw new Error('no call is waiting');
    c.send();
    return c.step;
  }

  answerNext(): void {
    const c = this.calls.find((x) => x.state === 'sent');
    if (!c) throw new Error('no call is in flight');
    c.answer();
  }

  /** The stop comes while the oldest waiting call is on the wire; then that call is answered. */
  async stopWhileSending(stop: AbortController): Promise<void> {
    await this.arrived(1);
    this.sendNext();
    stop.abort();
    this.answerNext();
  }

  /** Sends and answers calls until `n` have been made. */
  async make(n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      await this.arrived(1);
      this.sendNext();
      this.answerNext();
      await settle();
    }
  }
}

/** executePlan with the stop coming while its first call is on the wire. */
async function stoppedDuringFirstCall(aws: InMemoryAws, p: Plan, concurrency = 1): Promise<ApplyReport> {
  const stop = new AbortController();
  const runner = new SlotRunner(aws, stop.signal);
  const running = executePlan(p, runner, { concurrency, stop: stop.signal });
  await runner.stopWhileSending(stop);
  return running;
}

/** Lets the executor react to answers (promise callbacks only; no time passes). */
const settle = () => new Promise<void>((r) => setImmediate(r));

const ids = (cs: readonly { id: string }[]) => cs.map((c) => c.id);

describe('executePlan with a stop', () => {
  it('lets the call in flight finish, refuses the one waiting for its slot, and starts no new change', async () => {
    const aws = new InMemoryAws();
    const p = await plan(aws, sets('a', 'b', 'c', 'd'));
    const stop = new AbortController();
    const runner = new SlotRunner(aws, stop.signal);
    const running = executePlan(p, runner, { concurrency: 2, stop: stop.signal });
    await runner.arrived(2);
    expect(describeStep(runner.sendNext())).toBe('CreateConfigurationSet a');
    stop.abort();
    runner.answerNext();
    const report = await running;
    expect(ids(report.done)).toEqual(['a']);
    expect(report.failed).toEqual([]);
    expect(report.interrupted).toEqual([]);
    // b asked for its slot and was refused: AWS never saw it, so it was not attempted, like c and d.
    expect(ids(report.notAttempted)).toEqual(['b', 'c', 'd']);
    expect(report.stopped).toBe(true);
    expect(aws.log).toEqual(['CreateConfigurationSet']);
    expect(runner.calls).toEqual([]);
  });

  it('reports a change stopped between its steps as interrupted, with the calls it made', async () => {
    const aws = new InMemoryAws();
    await executePlan(await plan(aws, sets('a', 'b')), aws);
    const p = await plan(aws, changed('a', 'b'));
    expect(p.changes.map((c) => c.steps.length)).toEqual([4, 4]);
    const stop = new AbortController();
    const runner = new SlotRunner(aws, stop.signal);
    const running = executePlan(p, runner, { concurrency: 1, stop: stop.signal });
    await runner.make(1);
    // a's second call is in flight when the stop comes: it finishes, and the rest are never asked for.
    await runner.stopWhileSending(stop);
    const report = await running;
    expect(report.done).toEqual([]);
    expect(report.interrupted.map((i) => [i.change.id, i.stepsDone, describeStep(i.step), i.attempted])).toEqual([['a', 2, describeStep(p.changes[0]!.steps[2]!), false]]);
    expect(ids(report.notAttempted)).toEqual(['b']);
    expect(report.stopped).toBe(true);
    expect(aws.log.slice(-2)).toEqual(p.changes[0]!.steps.slice(0, 2).map((s) => s.op));
  });

  it('reports a change whose next call was still waiting for its slot as interrupted too', async () => {
    const aws = new InMemoryAws();
    await executePlan(await plan(aws, sets('a')), aws);
    const p = await plan(aws, changed('a'));
    const stop = new AbortController();
    const runner = new SlotRunner(aws, stop.signal);
    const running = executePlan(p, runner, { stop: stop.signal });
    await runner.make(1);
    await runner.arrived(1);
    stop.abort();
    const report = await running;
    expect(report.interrupted.map((i) => [i.change.id, i.stepsDone])).toEqual([['a', 1]]);
    expect(report.notAttempted).toEqual([]);
  });

  it('reports a call sent once and not retried after the stop as interrupted, not as never attempted', async () => {
    const aws = new InMemoryAws();
    const p = await plan(aws, sets('a'));
    const stop = new AbortController();
    const runner = new SlotRunner(aws, stop.signal, 'CreateConfigurationSet');
    const running = executePlan(p, runner, { stop: stop.signal });
    await runner.arrived(1);
    stop.abort();
    const report = await running;
    expect(report.interrupted.map((i) => [i.change.id, i.stepsDone, i.attempted])).toEqual([['a', 0, true]]);
    expect(report.notAttempted).toEqual([]);
  });

  it('still reports AWS failures of calls in flight when the stop came', async () => {
    const aws = new InMemoryAws();
    aws.failOn = { op: 'CreateConfigurationSet', target: 'a' };
    const p = await plan(aws, sets('a', 'b'));
    const report = await stoppedDuringFirstCall(aws, p);
    expect(report.failed.map((f) => [f.change.id, f.code])).toEqual([['a', 'InternalFailure']]);
    expect(ids(report.notAttempted)).toEqual(['b']);
    expect(report.stopped).toBe(true);
  });

  it('starts nothing when stopped before it begins', async () => {
    const aws = new InMemoryAws();
    const p = await plan(aws, sets('a', 'b'));
    const stop = new AbortController();
    stop.abort();
    const report = await executePlan(p, new SlotRunner(aws, stop.signal), { stop: stop.signal });
    expect({ done: report.done, interrupted: report.interrupted, stopped: report.stopped }).toEqual({ done: [], interrupted: [], stopped: true });
    expect(ids(report.notAttempted)).toEqual(['a', 'b']);
    expect(aws.log).toEqual([]);
  });

  it('is a complete apply when the stop comes after the last call was sent', async () => {
    const aws = new InMemoryAws();
    const p = await plan(aws, sets('a'));
    const report = await stoppedDuringFirstCall(aws, p);
    expect(ids(report.done)).toEqual(['a']);
    expect(report.stopped).toBe(false);
  });

  it('does not start the next wave after the stop, and a re-run converges', async () => {
    const aws = new InMemoryAws();
    const body = `configurationSets:\n  a:\n    eventDestinations:\n      cw:\n        events: [SEND]\n        cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: a } } }\n`;
    const p = await plan(aws, body);
    expect(p.waves.length).toBe(2);
    const report = await stoppedDuringFirstCall(aws, p);
    expect(ids(report.done)).toEqual(['a']);
    expect(ids(report.notAttempted)).toEqual(['a/cw']);
    const again = await plan(aws, body);
    expect(ids(again.changes)).toEqual(['a/cw']);
    expect((await executePlan(again, aws)).failed).toEqual([]);
    expect((await plan(aws, body)).changes).toEqual([]);
  });

  it('keeps an AWS error a failure without a stop (the runner may reject with AwsCallError)', async () => {
    const aws = new InMemoryAws();
    const p = await plan(aws, sets('a'));
    const report = await executePlan(p, { run: () => Promise.reject(new AwsCallError('sesv2', 'CreateConfigurationSet', 'BadRequestException', 'no', false, 400)) });
    expect(report.failed.map((f) => f.code)).toEqual(['BadRequestException']);
    expect(report.stopped).toBe(false);
  });
});
