/**
 * SIGINT and SIGTERM during apply, on the built CLI against the emulator, with SESv2 at AWS's 1 call/s (so
 * most of the run is calls waiting for their slot): the first signal lets the calls in flight finish and
 * starts no other, the report says what was done, cut short and not attempted, the exit code is the
 * signal's (130 / 143), and apply again converges. A second signal exits at once. Every wait is on an
 * event (a line printed, a request arriving), never a fixed sleep.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Gate } from '../helpers/gate.js';
import { FAST_RATES, sandboxPerFile, type Running, type Sandbox } from '../helpers/reconcile.js';

let sb: Sandbox;
sandboxPerFile((s) => (sb = s));

const NAMES = ['s1', 's2', 's3', 's4', 's5', 's6'];
const HEAD = 'stack: stop\nregion: us-east-1\nconfigurationSets:\n';
const created = HEAD + NAMES.map((n) => `  ${n}: {}\n`).join('');
/** Three option groups on every set (and so its digest tag): an update of four calls each. */
const updated = HEAD + NAMES.map((n) => `  ${n}:\n    sendingEnabled: false\n    reputationMetricsEnabled: true\n    delivery: { tlsPolicy: REQUIRE }\n`).join('');

/** The rows of one section of the report (`Done (2):` and the lines under it). */
function section(stdout: string, title: string): string[] {
  const m = new RegExp(`^${title} \\((\\d+)\\):\\n((?: {2,}.*\\n)*)`, 'm').exec(stdout);
  if (!m) return [];
  const rows = (m[2] ?? '').split('\n').filter((l) => /^ {2}\S/.test(l));
  expect(rows.length, `${title} count`).toBe(Number(m[1]));
  return rows;
}

const writes = () => sb.emulator.calls().calls.filter((c) => c.service === 'sesv2' && !/^(Get|List)/.test(c.operation));

/**
 * Sends `signal` once the first change is applied; returns the run's result, how many calls the CLI said
 * were in flight, and how many calls the emulator answered after the signal.
 */
async function interruptAfterFirstChange(run: Running, signal: 'SIGINT' | 'SIGTERM') {
  await run.waitFor('stderr', /"msg":"applied"/);
  // The emulator logs a call when it answers it; nothing of the emulator runs between these two lines.
  const before = sb.emulator.calls().total;
  run.child.kill(signal);
  const notice = await run.waitFor('stderr', /interrupt received: finishing (\d+) calls? in flight, starting no new ones; press Ctrl-C again to exit at once/);
  const r = await run.done;
  return { r, inFlight: Number(notice[1]), answeredAfter: sb.emulator.calls().total - before };
}

/**
 * Calls the emulator answered after the kill are those the CLI said were in flight, plus at most one that
 * left its queue in the moment between the kill and the CLI's handler (SESv2 calls leave a second apart).
 * Without the stop, every remaining call would have been made.
 */
function expectNoCallStartedAfter(answeredAfter: number, inFlight: number): void {
  expect(answeredAfter).toBeLessThanOrEqual(inFlight + 1);
}

async function convergesAfterwards(file: string, ...expected: string[]): Promise<void> {
  sb.rates = FAST_RATES;
  const again = await sb.apply(file);
  expect(again.status, again.stdout + again.stderr).toBe(0);
  for (const e of expected) expect(again.stdout).toContain(e);
  const plan = await sb.plan(file, '--detailed-exitcode');
  expect(plan.status, plan.stdout + plan.stderr).toBe(0);
  expect(plan.stdout).toContain('No changes.');
}

describe('apply interrupted by a signal', () => {
  it('SIGINT: finishes the calls in flight, starts no other, reports, exits 130, and apply again converges', { timeout: 240_000 }, async () => {
    const file = sb.write(created);
    sb.rates = [];
    const { r, inFlight, answeredAfter } = await interruptAfterFirstChange(sb.start(['apply', '-c', file, '--auto-approve', '--log-level', 'info']), 'SIGINT');
    expect(r.status, r.stdout + r.stderr).toBe(130);
    expect(r.stdout).toContain('Apply interrupted by SIGINT: the calls in flight finished, no new one was started.');
    const done = section(r.stdout, 'Done');
    const notAttempted = section(r.stdout, 'Not attempted');
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(notAttempted.length).toBeGreaterThanOrEqual(1);
    expect(done.length + notAttempted.length).toBe(NAMES.length);
    expect(r.stdout).toContain('Run apply again: it plans from the live state and converges.');
    expectNoCallStartedAfter(answeredAfter, inFlight);
    // Every call made is a change reported done: none was made for one reported not attempted.
    expect(writes().map((c) => c.operation)).toEqual(done.map(() => 'CreateConfigurationSet'));
    await convergesAfterwards(file, `Apply complete! ${notAttempted.length} created`);
  });

  it('SIGTERM: reports changes cut between their calls as interrupted, exits 143, and apply again converges', { timeout: 240_000 }, async () => {
    const file = sb.write(created);
    expect((await sb.apply(file)).status).toBe(0);
    sb.write(updated);
    sb.emulator.clearCalls();
    // SESv2 at 4/s (the SIGINT test runs at AWS's 1/s): calls still queue for their slot, in a quarter of the time.
    sb.rates = ['--max-rate', 'sesv2=4', ...FAST_RATES.slice(2)];
    // Four changes at once, their calls in turn: when the first is done, three are part-way.
    const { r, inFlight, answeredAfter } = await interruptAfterFirstChange(sb.start(['apply', '-c', file, '--auto-approve', '--log-level', 'info', '--concurrency', '4']), 'SIGTERM');
    expect(r.status, r.stdout + r.stderr).toBe(143);
    expect(r.stdout).toContain('Apply interrupted by SIGTERM');
    const done = section(r.stdout, 'Done');
    const interrupted = section(r.stdout, 'Interrupted');
    const notAttempted = section(r.stdout, 'Not attempted');
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(interrupted.length).toBeGreaterThanOrEqual(1);
    expect(done.length + interrupted.length + notAttempted.length).toBe(NAMES.length);
    expect(r.stdout).toMatch(/ {2}! update configurationSet s\d: \S+(?: configuration set)? s\d was not made\n {4}\([123] of 4 calls of this change were made\)/);
    expectNoCallStartedAfter(answeredAfter, inFlight);
    // The calls made are the done changes' four each plus the interrupted ones' first calls, nothing more.
    const made = [...r.stdout.matchAll(/\((\d) of 4 calls of this change were made\)/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(writes()).toHaveLength(done.length * 4 + made);
    const ids = interrupted.map((row) => /configurationSet (s\d)/.exec(row)?.[1]);
    expect(ids).toEqual([...ids].sort());
    // A change cut after its option calls but before its digest tag plans as no change: AWS holds what the
    // file says. So the count of updates now is not asserted, only that apply completes and converges.
    await convergesAfterwards(file, 'Apply complete!');
  });
});

describe('a signal before execution', () => {
  it('Ctrl-C at the approval prompt cancels cleanly: exit 130, nothing changed, no internal error', { timeout: 120_000 }, async () => {
    const run = sb.start(['apply', '-c', sb.write(created)], null, true);
    await run.waitFor('stdout', /Only 'yes' will be accepted: /);
    // On a terminal readline reads Ctrl-C as a key (raw mode): this is what pressing it sends.
    run.child.stdin.write('\x03');
    const r = await run.done;
    run.child.stdin.end();
    expect(r.status, r.stdout).toBe(130);
    expect(r.stdout).toContain('ses-reconcile: apply cancelled at the approval prompt (Ctrl-C); nothing was changed');
    expect(r.stdout).not.toMatch(/internal error/);
    expect(writes()).toEqual([]);
  });
});

describe('a second signal', () => {
  let gate: Gate | undefined;
  afterEach(async () => {
    await gate?.close();
    gate = undefined;
  });

  it('exits at once (130) while a call is still in flight, without waiting for it', { timeout: 240_000 }, async () => {
    const CREATE = 'POST /v2/email/configuration-sets';
    // The gate holds every CreateConfigurationSet: the first one sent never gets an answer.
    gate = await Gate.start(sb.emulator.url, (route) => route === CREATE);
    sb.endpoint = gate.url;
    // The gate, not the pacer, keeps the calls in flight: the reads need not wait for SESv2's 1/s.
    const run = sb.start(['apply', '-c', sb.write(created), '--auto-approve']);
    await gate.arrival(CREATE);
    run.child.kill('SIGINT');
    const notice = await run.waitFor('stderr', /interrupt received: finishing (\d+) calls? in flight/);
    expect(Number(notice[1])).toBeGreaterThanOrEqual(1);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.status, r.stdout + r.stderr).toBe(130);
    expect(r.stderr).toMatch(/SIGINT again: exiting now; \d+ calls? in flight may or may not have been made; run apply again to converge/);
    // It did not wait: the call it had sent was never answered, and no report was printed.
    expect(gate.holding).toBeGreaterThanOrEqual(1);
    expect(r.stdout).not.toMatch(/Apply (complete|interrupted|failed)/);
    // The calls that were waiting for their slot when the first signal came never left.
    expect(gate.count(CREATE)).toBeLessThanOrEqual(Number(notice[1]));
  });
});
