/**
 * The SESv2 adapter end to end: real SDK clients (aws/clients.ts) over HTTP against the emulator.
 *
 * The round trip is the guarantee against perpetual diffs: for desired states made by the REAL config
 * pipeline from YAML, the create steps run through SesV2StepRunner, SesV2Reader reads the account back,
 * and what it reads must deep-equal what the file asked for. Then each option group is changed with its
 * Put call and put back to the default, read back each time. The emulator's call log is the witness of
 * the API-call budget: the exact number of calls per operation.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeleteConfigurationSetCommand, GetConfigurationSetCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { lookupAccount } from '../../src/aws/account.js';
import { FAST_RATES_TABLE } from '../helpers/rates.js';
import { createClients, type AwsClients } from '../../src/aws/clients.js';
import { SesV2StepRunner } from '../../src/aws/sesv2/applier.js';
import { SesV2Reader, topicArn } from '../../src/aws/sesv2/reader.js';
import { AwsCallError } from '../../src/errors.js';
import { startFullEmulator, type Emulator } from '../../src/emulator/index.js';
import { canonicalize } from '../../src/model/canonical.js';
import type { SetScope } from '../../src/live/port.js';
import { STACK_TAG, type ConfigurationSet, type EventDestination, type Resource } from '../../src/model/resources.js';
import type { State } from '../../src/model/state.js';
import type { SesV2Step as Step } from '../../src/model/step.js';
import { lines, load } from '../helpers/config.js';

const REGION = 'us-east-1';
const STACK = 'rt';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const ARCHIVE = 'arn:aws:ses:us-east-1:123456789012:mailmanager-archive/a-abcdefghijklmnopqrstuvwx';
const BUS = 'arn:aws:events:us-east-1:123456789012:event-bus/default';

let emulator: Emulator;
let clients: AwsClients;
let account: string;
let runner: SesV2StepRunner;
let reader: SesV2Reader;

beforeAll(async () => {
  emulator = await startFullEmulator();
  clients = createClients({ region: REGION, endpointUrl: emulator.url, credentials, rates: FAST_RATES_TABLE });
  account = await lookupAccount(clients.sts);
  runner = new SesV2StepRunner(clients.sesv2, REGION, account);
  reader = new SesV2Reader(clients.sesv2);
});
beforeEach(() => emulator.reset());
afterAll(async () => {
  clients.destroy();
  await emulator.close();
});

/** The SES resources the real config pipeline makes of a file (stack `rt`). */
function desiredOf(yaml: string, stack = STACK): (ConfigurationSet | EventDestination)[] {
  const r = load(`version: 1\nstack: ${stack}\n${yaml}`);
  expect(lines(r).filter((l) => l.includes(' error '))).toEqual([]);
  return [...(r.desired?.resources.values() ?? [])].filter(
    (x): x is ConfigurationSet | EventDestination => x.kind === 'configurationSet' || x.kind === 'eventDestination',
  );
}

function createSteps(resources: readonly (ConfigurationSet | EventDestination)[]): Step[] {
  return [
    ...resources.filter((r): r is ConfigurationSet => r.kind === 'configurationSet').map((set): Step => ({ op: 'CreateConfigurationSet', set })),
    ...resources.filter((r): r is EventDestination => r.kind === 'eventDestination').map((destination): Step => ({ op: 'CreateConfigurationSetEventDestination', destination })),
  ];
}

async function runAll(steps: readonly Step[]): Promise<void> {
  for (const s of steps) await runner.run(s);
}

/**
 * What the live read should equal: topics of the file resolved to ARNs (the planner's job), and a set
 * whose file omits sendingEnabled compared without it (unmanaged; docs/architecture.md, "The file format").
 */
function comparable(desired: Resource, live: Resource | undefined): [Resource | undefined, Resource] {
  if (desired.kind === 'eventDestination' && desired.target.type === 'sns' && 'topic' in desired.target.topic) {
    const arn = topicArn(REGION, account, desired.target.topic.topic);
    return [live, canonicalize({ ...desired, target: { type: 'sns', topic: { arn } } })];
  }
  if (desired.kind === 'configurationSet' && desired.sendingEnabled === undefined && live?.kind === 'configurationSet') {
    const { sendingEnabled: _live, ...rest } = live;
    return [rest, desired];
  }
  return [live, desired];
}

function expectLiveToMatch(state: State, desired: readonly Resource[]): void {
  const keys = desired.map((d) => `${d.kind}:${d.kind === 'eventDestination' ? `${d.configurationSet}/${d.name}` : d.name}`).sort();
  expect([...state.keys()].sort()).toEqual(keys);
  for (const d of desired) {
    const key = `${d.kind}:${d.kind === 'eventDestination' ? `${d.configurationSet}/${d.name}` : d.name}` as const;
    const [live, want] = comparable(d, state.get(key));
    expect(live, key).toEqual(want);
  }
}

const scopeOf = (resources: readonly Resource[], stack = STACK): SetScope => ({
  stack,
  configurationSets: new Set(resources.filter((r) => r.kind === 'configurationSet').map((r) => r.name)),
});

/** Desired states from YAML: every option group at non-defaults and at written-out defaults, every destination type. */
const ROUND_TRIPS: Record<string, string> = {
  'a set with nothing set': `configurationSets:\n  plain: {}\n`,
  'every option group at non-default values': `tags: { team: email }
configurationSets:
  full:
    sendingEnabled: false
    reputationMetricsEnabled: true
    delivery: { tlsPolicy: REQUIRE, sendingPoolName: shared, maxDeliverySeconds: 600 }
    tracking: { customRedirectDomain: click.example.com, httpsPolicy: REQUIRE_OPEN_ONLY }
    suppression: { reasons: [COMPLAINT, BOUNCE], validation: { conditionThreshold: ENABLED, confidenceVerdictThreshold: HIGH } }
    vdm: { engagementMetrics: ENABLED, optimizedSharedDelivery: DISABLED }
    archiveArn: ${ARCHIVE}
    tags: { env: prod, empty: "" }
`,
  'every option group written out at its default': `configurationSets:
  defaults:
    sendingEnabled: true
    reputationMetricsEnabled: false
    delivery: { tlsPolicy: OPTIONAL }
    tracking: { customRedirectDomain: click.example.com, httpsPolicy: OPTIONAL }
    suppression: { reasons: [] }
`,
  'partial groups: a pool without TLS policy, a window alone, tracking without a policy, one VDM member': `configurationSets:
  pool:
    delivery: { sendingPoolName: shared }
    tracking: { customRedirectDomain: t.example.com }
    vdm: { optimizedSharedDelivery: ENABLED }
  window:
    delivery: { maxDeliverySeconds: 50400 }
    suppression: { reasons: [BOUNCE] }
    vdm: { engagementMetrics: DISABLED }
`,
  'every destination type, events and dimensions in any order, enabled false': `topics: { alerts: {} }
configurationSets:
  dests:
    eventDestinations:
      cw:
        events: [DELIVERY_DELAY, SEND, RENDERING_FAILURE, BOUNCE, COMPLAINT, REJECT, OPEN, CLICK, DELIVERY, SUBSCRIPTION]
        cloudWatch:
          dimensions:
            zeta: { source: LINK_TAG, default: z-value }
            ses:configuration-set: { source: MESSAGE_TAG, default: dests }
            Campaign: { source: MESSAGE_TAG, default: none }
            X-Mailer: { source: EMAIL_HEADER, default: a.b@c }
      off:
        enabled: false
        events: [COMPLAINT, BOUNCE]
        sns: { topic: alerts }
      by-arn:
        events: [BOUNCE]
        sns: { topicArn: "arn:aws:sns:us-east-1:123456789012:elsewhere" }
      firehose:
        events: [SEND, DELIVERY]
        kinesisFirehose: { deliveryStreamArn: "arn:aws:firehose:us-east-1:123456789012:deliverystream/s", iamRoleArn: "arn:aws:iam::123456789012:role/r" }
      bus:
        events: [BOUNCE, SEND]
        eventBridge: { eventBusArn: "${BUS}" }
      pinpoint:
        events: [OPEN, CLICK]
        pinpoint: { applicationArn: "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc" }
`,
};

describe('round trip: what the file asks for is what the reader reads back (no perpetual diffs)', () => {
  for (const [title, yaml] of Object.entries(ROUND_TRIPS)) {
    it(title, async () => {
      const desired = desiredOf(yaml);
      await runAll(createSteps(desired));
      emulator.clearCalls();
      const live = await reader.read(scopeOf(desired));
      expectLiveToMatch(live.state, desired);
      const sets = desired.filter((r) => r.kind === 'configurationSet').length;
      const budget = { 'sesv2:GetConfigurationSet': sets, 'sesv2:GetConfigurationSetEventDestinations': sets, 'sesv2:ListConfigurationSets': 1 };
      expect(live.calls).toEqual(budget);
      expect(emulator.calls().byOperation).toEqual(budget);
    });
  }

  it('reads a paused set as paused and a default one as sending (live always says; the file may not manage it)', async () => {
    const desired = desiredOf(`configurationSets:\n  paused: { sendingEnabled: false }\n  unmanaged: {}\n`);
    await runAll(createSteps(desired));
    const live = await reader.read(scopeOf(desired));
    expect((live.state.get('configurationSet:paused') as ConfigurationSet).sendingEnabled).toBe(false);
    expect((live.state.get('configurationSet:unmanaged') as ConfigurationSet).sendingEnabled).toBe(true);
  });
});

/** One option group changed through its Put call, read back, then put back to the default. */
const PUTS: { readonly title: string; readonly yaml: string; readonly step: (s: ConfigurationSet) => Step }[] = [
  { title: 'delivery', yaml: 'delivery: { tlsPolicy: REQUIRE, sendingPoolName: shared, maxDeliverySeconds: 900 }', step: (s) => ({ op: 'PutConfigurationSetDeliveryOptions', name: s.name, delivery: s.delivery }) },
  { title: 'delivery window alone', yaml: 'delivery: { maxDeliverySeconds: 300 }', step: (s) => ({ op: 'PutConfigurationSetDeliveryOptions', name: s.name, delivery: s.delivery }) },
  { title: 'reputation', yaml: 'reputationMetricsEnabled: true', step: (s) => ({ op: 'PutConfigurationSetReputationOptions', name: s.name, reputationMetricsEnabled: s.reputationMetricsEnabled }) },
  { title: 'tracking', yaml: 'tracking: { customRedirectDomain: click.example.com, httpsPolicy: REQUIRE }', step: (s) => ({ op: 'PutConfigurationSetTrackingOptions', name: s.name, tracking: s.tracking }) },
  { title: 'VDM', yaml: 'vdm: { engagementMetrics: ENABLED, optimizedSharedDelivery: ENABLED }', step: (s) => ({ op: 'PutConfigurationSetVdmOptions', name: s.name, vdm: s.vdm }) },
  { title: 'archive', yaml: `archiveArn: ${ARCHIVE}`, step: (s) => ({ op: 'PutConfigurationSetArchivingOptions', name: s.name, archiveArn: s.archiveArn }) },
  { title: 'suppression', yaml: 'suppression: { reasons: [BOUNCE, COMPLAINT] }', step: (s) => ({ op: 'PutConfigurationSetSuppressionOptions', name: s.name, suppression: s.suppression }) },
];

describe('Put...Options: each group changed, read back, and put back to its default', () => {
  const setOf = (body: string): ConfigurationSet => desiredOf(`configurationSets:\n  s: ${body}\n`)[0] as ConfigurationSet;
  const readSet = async (): Promise<ConfigurationSet> => {
    const live = await reader.read({ stack: STACK, configurationSets: new Set(['s']) });
    const { sendingEnabled: _s, ...rest } = live.state.get('configurationSet:s') as ConfigurationSet;
    return rest;
  };

  for (const p of PUTS) {
    it(p.title, async () => {
      const base = setOf('{}');
      await runner.run({ op: 'CreateConfigurationSet', set: base });
      const changed = setOf(`{ ${p.yaml} }`);
      emulator.clearCalls();
      await runner.run(p.step(changed));
      expect(emulator.calls().byOperation).toEqual({ [`sesv2:${p.step(changed).op}`]: 1 });
      expect(await readSet()).toEqual(changed);
      await runner.run(p.step(base));
      // Back to the default: for suppression that is the account-level settings, which a Put with no
      // member restores (the emulator's record of terraform-provider-aws#45756; docs/aws-behaviour.md,
      // "SESv2 configuration sets", INFERENCE).
      expect(await readSet()).toEqual(base);
    });
  }

  it('empties suppression reasons to [] on an existing set, and SuppressedReasons: [] is on the wire', async () => {
    const bodies: string[] = [];
    const capture = 'capture-request-bodies';
    clients.sesv2.middlewareStack.add(
      (next) => async (args) => {
        const body = (args.request as { body?: unknown }).body;
        bodies.push(typeof body === 'string' ? body : new TextDecoder().decode(body as Uint8Array));
        return next(args);
      },
      { step: 'finalizeRequest', name: capture },
    );
    try {
      await runner.run({ op: 'CreateConfigurationSet', set: setOf('{ suppression: { reasons: [BOUNCE] } }') });
      await runner.run({ op: 'PutConfigurationSetSuppressionOptions', name: 's', suppression: { reasons: [] } });
    } finally {
      clients.sesv2.middlewareStack.remove(capture);
    }
    expect(JSON.parse(bodies[1] as string)).toEqual({ SuppressedReasons: [] });
    expect(await readSet()).toEqual(setOf('{ suppression: { reasons: [] } }'));
    // Creation sent only what the model defines: no MaxDeliverySeconds, no SendingOptions.
    expect(JSON.parse(bodies[0] as string)).toEqual({
      ConfigurationSetName: 's',
      DeliveryOptions: { TlsPolicy: 'OPTIONAL' },
      ReputationOptions: { ReputationMetricsEnabled: false },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE'] },
      Tags: [{ Key: STACK_TAG, Value: STACK }],
    });
  });

  it('resumes and pauses sending', async () => {
    await runner.run({ op: 'CreateConfigurationSet', set: setOf('{}') });
    for (const sendingEnabled of [false, true]) {
      await runner.run({ op: 'PutConfigurationSetSendingOptions', name: 's', sendingEnabled });
      const live = await reader.read({ stack: STACK, configurationSets: new Set(['s']) });
      expect((live.state.get('configurationSet:s') as ConfigurationSet).sendingEnabled).toBe(sendingEnabled);
    }
  });

  it('tags and untags through the configuration-set ARN', async () => {
    await runner.run({ op: 'CreateConfigurationSet', set: setOf('{ tags: { a: "1", b: "2" } }') });
    await runner.run({ op: 'TagConfigurationSet', name: 's', tags: { a: 'one', c: '' } });
    await runner.run({ op: 'UntagConfigurationSet', name: 's', keys: ['b'] });
    expect((await readSet()).tags).toEqual({ a: 'one', c: '', [STACK_TAG]: STACK });
  });

  it('updates an event destination in full and deletes it, then deletes the set', async () => {
    const [set, dest] = desiredOf(`configurationSets:\n  s:\n    eventDestinations:\n      d: { events: [SEND], eventBridge: { eventBusArn: "${BUS}" } }\n`) as [ConfigurationSet, EventDestination];
    await runAll(createSteps([set, dest]));
    const updated = desiredOf(`configurationSets:\n  s:\n    eventDestinations:\n      d: { enabled: false, events: [REJECT, BOUNCE], eventBridge: { eventBusArn: "${BUS}" } }\n`)[1] as EventDestination;
    await runner.run({ op: 'UpdateConfigurationSetEventDestination', destination: updated });
    let live = await reader.read({ stack: STACK, configurationSets: new Set(['s']) });
    expect(live.state.get('eventDestination:s/d')).toEqual(updated);
    await runner.run({ op: 'DeleteConfigurationSetEventDestination', configurationSet: 's', name: 'd' });
    live = await reader.read({ stack: STACK, configurationSets: new Set(['s']) });
    expect([...live.state.keys()]).toEqual(['configurationSet:s']);
    await runner.run({ op: 'DeleteConfigurationSet', name: 's' });
    expect((await reader.read({ stack: STACK, configurationSets: new Set(['s']) })).state.size).toBe(0);
  });
});

describe('ownership: every set is listed with its tags; destinations are read only for managed sets', () => {
  async function seed(): Promise<void> {
    const dest = (set: string) => `    eventDestinations:\n      d: { events: [BOUNCE], eventBridge: { eventBusArn: "${BUS}" } }\n`.replace('SET', set);
    const mine = desiredOf(`configurationSets:\n  named:\n${dest('named')}  tagged:\n${dest('tagged')}`);
    const other = desiredOf(`configurationSets:\n  foreign:\n${dest('foreign')}`, 'other-stack');
    const bare = desiredOf(`configurationSets:\n  untagged:\n${dest('untagged')}`).map((r) => (r.kind === 'configurationSet' ? { ...r, tags: {} } : r));
    // `named` has lost its tag (adopted by name); `tagged` is ours by tag only (removed from the file).
    const named = mine.map((r) => (r.kind === 'configurationSet' && r.name === 'named' ? { ...r, tags: {} } : r));
    await runAll(createSteps([...named, ...other, ...bare]));
  }

  it('reads 4 sets with 1 List, 4 Gets and 2 GetEventDestinations', async () => {
    await seed();
    emulator.clearCalls();
    const live = await reader.read({ stack: STACK, configurationSets: new Set(['named']) });
    expect([...live.state.keys()]).toEqual([
      'configurationSet:foreign',
      'configurationSet:named',
      'configurationSet:tagged',
      'configurationSet:untagged',
      'eventDestination:named/d',
      'eventDestination:tagged/d',
    ]);
    const tags = (name: string) => (live.state.get(`configurationSet:${name}`) as ConfigurationSet).tags;
    expect(tags('foreign')).toEqual({ [STACK_TAG]: 'other-stack' });
    expect(tags('untagged')).toEqual({});
    expect(tags('tagged')).toEqual({ [STACK_TAG]: STACK });
    const budget = { 'sesv2:GetConfigurationSet': 4, 'sesv2:GetConfigurationSetEventDestinations': 2, 'sesv2:ListConfigurationSets': 1 };
    expect(live.calls).toEqual(budget);
    expect(emulator.calls().byOperation).toEqual(budget);
  });

  it('pages through the listing: N sets with M managed cost ceil(N / page) + N + M calls', async () => {
    const n = 25;
    const yaml = `configurationSets:\n${Array.from({ length: n }, (_, i) => `  s${String(i).padStart(2, '0')}: {}\n`).join('')}`;
    await runAll(createSteps(desiredOf(yaml)));
    const managed = new Set(['s00', 's01', 's02', 's03', 's04', 's05', 's06', 's07', 's08', 's09']);
    for (const [pageSize, lists] of [[1000, 1], [10, 3], [5, 5]] as const) {
      emulator.clearCalls();
      const live = await new SesV2Reader(clients.sesv2, { pageSize, concurrency: 3 }).read({ stack: 'someone-else', configurationSets: managed });
      expect(live.state.size).toBe(n);
      const budget = { 'sesv2:GetConfigurationSet': n, 'sesv2:GetConfigurationSetEventDestinations': managed.size, 'sesv2:ListConfigurationSets': lists };
      expect(live.calls).toEqual(budget);
      expect(emulator.calls().byOperation).toEqual(budget);
    }
  });

  it('skips a set deleted between the listing and its Get', async () => {
    await runAll(createSteps(desiredOf(`configurationSets:\n  a: {}\n  b: {}\n  c: {}\n`)));
    const racing = new SESv2Client({ region: REGION, endpoint: emulator.url, credentials, maxAttempts: 1 });
    const other = new SESv2Client({ region: REGION, endpoint: emulator.url, credentials, maxAttempts: 1 });
    racing.middlewareStack.add(
      (next, context) => async (args) => {
        const out = await next(args);
        if (context.commandName === 'ListConfigurationSetsCommand') await other.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: 'b' }));
        return out;
      },
      { step: 'initialize', name: 'delete-b-after-list' },
    );
    emulator.clearCalls();
    const live = await new SesV2Reader(racing).read({ stack: STACK, configurationSets: new Set(['a', 'b', 'c']) });
    expect([...live.state.keys()]).toEqual(['configurationSet:a', 'configurationSet:c']);
    expect(live.calls).toEqual({ 'sesv2:GetConfigurationSet': 3, 'sesv2:GetConfigurationSetEventDestinations': 2, 'sesv2:ListConfigurationSets': 1 });
    racing.destroy();
    other.destroy();
  });
});

describe('errors', () => {
  it('a step on a missing set fails with AwsCallError NotFoundException, 404, not retryable', async () => {
    const err = await runner.run({ op: 'PutConfigurationSetReputationOptions', name: 'missing', reputationMetricsEnabled: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AwsCallError);
    const e = err as AwsCallError;
    expect({ service: e.service, operation: e.operation, code: e.code, status: e.status, retryable: e.retryable }).toEqual({
      service: 'sesv2',
      operation: 'PutConfigurationSetReputationOptions',
      code: 'NotFoundException',
      status: 404,
      retryable: false,
    });
    expect(e.awsMessage).toContain('missing');
  });

  it('a tag call on a missing set names the API operation (TagResource)', async () => {
    const err = (await runner.run({ op: 'TagConfigurationSet', name: 'missing', tags: { a: 'b' } }).catch((e: unknown) => e)) as AwsCallError;
    expect([err.operation, err.code]).toEqual(['TagResource', 'NotFoundException']);
  });

  it('a throttled Get is retried by the SDK and the read succeeds', async () => {
    await runAll(createSteps(desiredOf(`configurationSets:\n  a: {}\n`)));
    emulator.clearCalls();
    emulator.setFaults({ failOperations: { GetConfigurationSet: { code: 'TooManyRequestsException', status: 429, times: 2 } } });
    const live = await reader.read({ stack: STACK, configurationSets: new Set(['a']) });
    expect([...live.state.keys()]).toEqual(['configurationSet:a']);
    // One command from the reader's point of view; three requests on the wire.
    expect(live.calls['sesv2:GetConfigurationSet']).toBe(1);
    expect(emulator.calls().byOperation['sesv2:GetConfigurationSet']).toBe(3);
    expect(emulator.calls().calls.filter((c) => c.fault === 'failed').map((c) => c.status)).toEqual([429, 429]);
  });

  it('a read that fails for good fails with AwsCallError', async () => {
    await runAll(createSteps(desiredOf(`configurationSets:\n  a: {}\n`)));
    emulator.setFaults({ failOperations: { GetConfigurationSet: { code: 'BadRequestException', status: 400, message: 'nope' } } });
    const err = (await reader.read({ stack: STACK, configurationSets: new Set(['a']) }).catch((e: unknown) => e)) as AwsCallError;
    expect(err).toBeInstanceOf(AwsCallError);
    expect([err.operation, err.code, err.status, err.retryable, err.awsMessage]).toEqual(['GetConfigurationSet', 'BadRequestException', 400, false, 'nope']);
  });

  it('GetConfigurationSet answers the emulator account', async () => {
    expect(account).toBe('123456789012');
    await runAll(createSteps(desiredOf(`configurationSets:\n  a: {}\n`)));
    expect((await clients.sesv2.send(new GetConfigurationSetCommand({ ConfigurationSetName: 'a' }))).ConfigurationSetName).toBe('a');
  });
});
