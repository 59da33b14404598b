/**
 * The dashboard adapter end to end: real SDK clients over HTTP against the emulator. A body generated
 * from examples/full.yaml (plan/dashboard-body.ts) is put by CloudWatchDashboardRunner, read back by
 * CloudWatchDashboardReader and must deep-equal what was put (parsed JSON). The emulator's call log is
 * the witness of the calls made.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lookupAccount } from '../../src/aws/account.js';
import { FAST_RATES_TABLE } from '../helpers/rates.js';
import { createClients, type AwsClients } from '../../src/aws/clients.js';
import { CloudWatchDashboardReader, CloudWatchDashboardRunner } from '../../src/aws/index.js';
import type { DashboardStep } from '../../src/model/step.js';
import { startFullEmulator, type Emulator } from '../../src/emulator/index.js';
import { desiredFromSources } from '../../src/config/index.js';
import { REGION_TAG, STACK_TAG, type Dashboard } from '../../src/model/resources.js';
import { dashboardBody, resolveDashboards } from '../../src/plan/dashboard-body.js';
import { ROOT } from '../helpers/cli.js';
import { ACCOUNT, REGION } from '../conformance/harness.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const STACK = 'email-platform';
const NAME = 'SES-Email-Monitoring';

function fullState() {
  const r = desiredFromSources([{ file: 'full.yaml', text: readFileSync(join(ROOT, 'examples', 'full.yaml'), 'utf8') }]);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.desired?.resources ?? new Map();
}

describe('CloudWatch dashboards against the emulator', () => {
  let emulator: Emulator;
  let clients: AwsClients;
  let runner: CloudWatchDashboardRunner;
  let reader: CloudWatchDashboardReader;

  beforeAll(async () => {
    emulator = await startFullEmulator();
    clients = createClients({ region: REGION, endpointUrl: emulator.url, credentials, rates: FAST_RATES_TABLE });
    expect(await lookupAccount(clients.sts)).toBe(ACCOUNT);
    runner = new CloudWatchDashboardRunner(clients.cloudwatch, { region: REGION, accountId: ACCOUNT });
    reader = new CloudWatchDashboardReader(clients.cloudwatch);
  });

  beforeEach(() => {
    emulator.reset();
    emulator.clearCalls();
  });

  afterAll(async () => {
    clients.cloudwatch.destroy();
    clients.sts.destroy();
    await emulator.close();
  });

  it('puts a generated body, reads it back deep-equal with its owner, and deletes it', async () => {
    const state = fullState();
    const body = dashboardBody(state.get(`dashboard:${NAME}`) as Dashboard, state, STACK, REGION, ACCOUNT);
    await runner.run({ op: 'PutDashboard', name: NAME, body, tags: { [REGION_TAG]: REGION, [STACK_TAG]: STACK, team: 'email' } });
    // An unrelated dashboard, not named: listed, never read.
    await runner.run({ op: 'PutDashboard', name: 'someone-else', body: { widgets: [] }, tags: {} });
    expect(emulator.calls().byOperation).toEqual({ 'cloudwatch:PutDashboard': 2 });

    emulator.clearCalls();
    const live = await reader.read({ names: new Set([NAME, 'not-there']) });
    const budget = { 'cloudwatch:GetDashboard': 1, 'cloudwatch:ListDashboards': 1, 'cloudwatch:ListTagsForResource': 1 };
    expect(live.calls).toEqual(budget);
    expect(emulator.calls().byOperation).toEqual(budget);
    expect([...live.state.keys()]).toEqual([`dashboard:${NAME}`]);
    // Desired (resolved to literal) and live compare as JSON, with no difference.
    expect(live.state.get(`dashboard:${NAME}`)).toEqual(resolveDashboards(state, STACK, REGION, ACCOUNT).get(`dashboard:${NAME}`));
    expect((live.state.get(`dashboard:${NAME}`) as Dashboard).tags).toEqual({ [REGION_TAG]: REGION, [STACK_TAG]: STACK });

    emulator.clearCalls();
    await runner.run({ op: 'DeleteDashboard', name: NAME });
    expect(emulator.calls().byOperation).toEqual({ 'cloudwatch:DeleteDashboards': 1 });
    const after = await reader.read({ names: new Set([NAME]) });
    expect(after.state.size).toBe(0);
    expect(after.calls).toEqual({ 'cloudwatch:ListDashboards': 1 });
  });

  it('replaces the body on put; tags apply only on create, and later with TagResource', async () => {
    await runner.run({ op: 'PutDashboard', name: 'd', body: { widgets: [{ type: 'text', x: 0, y: 0, width: 6, height: 2, properties: { markdown: 'one' } }] }, tags: {} });
    const second = { widgets: [{ type: 'text', x: 0, y: 0, width: 6, height: 2, properties: { markdown: 'two' } }] };
    await runner.run({ op: 'PutDashboard', name: 'd', body: second, tags: { [STACK_TAG]: 'late' } });
    const live = await reader.read({ names: new Set(['d']) });
    expect(live.state.get('dashboard:d')).toEqual({ kind: 'dashboard', name: 'd', source: { type: 'literal', body: second }, tags: {} });
    emulator.clearCalls();
    await runner.run({ op: 'TagDashboard', name: 'd', tags: { [REGION_TAG]: 'eu-west-1', [STACK_TAG]: 's' } });
    expect(emulator.calls().byOperation).toEqual({ 'cloudwatch:TagResource': 1 });
    expect(((await reader.read({ names: new Set(['d']) })).state.get('dashboard:d') as Dashboard).tags).toEqual({ [REGION_TAG]: 'eu-west-1', [STACK_TAG]: 's' });
  });

  it('reads every ListDashboards page', async () => {
    emulator.configure('cloudwatch', { listDashboardsPageSize: 2 });
    const names = ['a1', 'a2', 'a3', 'a4', 'a5'];
    for (const name of names) await runner.run({ op: 'PutDashboard', name, body: { widgets: [] }, tags: { [STACK_TAG]: 's' } });
    emulator.clearCalls();
    const live = await reader.read({ names: new Set(names) });
    expect([...live.state.keys()]).toEqual(names.map((n) => `dashboard:${n}`));
    expect(live.calls).toEqual({ 'cloudwatch:GetDashboard': 5, 'cloudwatch:ListDashboards': 3, 'cloudwatch:ListTagsForResource': 5 });
    expect(emulator.calls().byOperation).toEqual(live.calls);
  });

  it('deleting a dashboard already gone succeeds; other errors are AwsCallError named by the operation', async () => {
    await runner.run({ op: 'DeleteDashboard', name: 'gone' });
    const bad: DashboardStep = { op: 'PutDashboard', name: 'bad name!', body: { widgets: [] }, tags: {} };
    await expect(runner.run(bad)).rejects.toMatchObject({ service: 'cloudwatch', operation: 'PutDashboard' });
    await expect(runner.run({ op: 'PutDashboard', name: 'no-widgets', body: {}, tags: {} })).rejects.toMatchObject({ operation: 'PutDashboard' });
  });
});
