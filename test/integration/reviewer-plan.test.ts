/**
 * The reviewer's plan (issue 12), from real pipelines: a file applied to the emulator with the real CLI
 * and SDK, a pull request's edit of it (and an edit made by hand in AWS meanwhile), then the plan a
 * reviewer reads, in text, markdown and JSON. The golden files under __golden__/ pin the text and the
 * markdown whole (`npx vitest run -u` rewrites them; read the diff before committing it); each test
 * below checks one promise of the issue on the same plans, so it fails on its own when that promise breaks.
 */
import { PutConfigurationSetDeliveryOptionsCommand } from '@aws-sdk/client-sesv2';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PlanJson } from '../../src/render/json.js';
import { sandboxPerFile, type Sandbox } from '../helpers/reconcile.js';

let sb: Sandbox;
sandboxPerFile((s) => (sb = s));

/** What is merged: a topic, two sets with CloudWatch and SNS destinations, presets, an alarm in full, a dashboard. */
const MAIN = `stack: shop
region: us-east-1
topics:
  alerts:
    displayName: Alerts
    tags: { owner: mail }
configurationSets:
  orders:
    delivery: { tlsPolicy: REQUIRE }
    eventDestinations:
      metrics:
        events: [SEND, DELIVERY, BOUNCE, COMPLAINT]
        cloudWatch:
          dimensions:
            ses:configuration-set: { source: MESSAGE_TAG, default: orders }
      bounces:
        events: [BOUNCE, COMPLAINT]
        sns: { topic: alerts }
    alarms:
      bounceRate: { threshold: 0.05%, period: 1h, notify: [alerts] }
  legacy:
    eventDestinations:
      a: { events: [SEND], cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: legacy } } } }
      b: { events: [BOUNCE], cloudWatch: { dimensions: { ses:configuration-set: { source: MESSAGE_TAG, default: legacy } } } }
alarms:
  shop-rejects:
    metric: Reject
    statistic: Sum
    period: 5m
    threshold: 10
    comparison: GreaterThanThreshold
    notify: [alerts]
dashboards:
  shop-overview:
    configurationSets: [orders]
`;

/**
 * The pull request: a threshold and a period, a destination renamed, more events, the legacy set removed,
 * a tag-only change on the topic, reputation metrics turned on, and a delivery option beside the TLS
 * policy someone downgrades by hand.
 */
const PR = MAIN.replace('threshold: 0.05%, period: 1h', 'threshold: 0.04%, period: 1h')
  .replace('    delivery: { tlsPolicy: REQUIRE }\n', '    delivery: { tlsPolicy: REQUIRE, maxDeliverySeconds: 600 }\n    reputationMetricsEnabled: true\n')
  .replace('      bounces:\n', '      bounce-notices:\n')
  .replace('events: [SEND, DELIVERY, BOUNCE, COMPLAINT]', 'events: [SEND, DELIVERY, BOUNCE, COMPLAINT, REJECT, RENDERING_FAILURE, DELIVERY_DELAY, OPEN, CLICK]')
  .replace(/ {2}legacy:\n(?: {4}.*\n)+/, '')
  .replace('    tags: { owner: mail }', '    tags: { owner: mail, team: email }')
  .replace('period: 5m', 'period: 10m');

interface Plans {
  readonly text: string;
  readonly markdown: string;
  readonly json: PlanJson;
  readonly status: number | null;
}

let plans: Plans;

beforeEach(async () => {
  const applied = await sb.apply(sb.write(MAIN));
  expect(applied.status, applied.stdout + applied.stderr).toBe(0);
  // Meanwhile, by hand in the console: TLS downgraded on the set the pull request also edits.
  await sb.ses.send(new PutConfigurationSetDeliveryOptionsCommand({ ConfigurationSetName: 'orders', TlsPolicy: 'OPTIONAL' }));
  const file = sb.write(PR);
  const [text, markdown, json] = [await sb.plan(file), await sb.plan(file, '--format', 'markdown'), await sb.plan(file, '--format', 'json')];
  plans = { text: text.stdout, markdown: markdown.stdout, json: JSON.parse(json.stdout) as PlanJson, status: text.status };
  expect([text.status, markdown.status, json.status]).toEqual([4, 4, 4]);
});

const change = (id: string) => {
  const c = plans.json.changes.find((x) => x.id === id);
  if (!c) throw new Error(`no change ${id} in ${plans.json.changes.map((x) => x.id).join(', ')}`);
  return c;
};

/** The text block of one change: its header line to the blank line after it. */
function block(id: string): string {
  const lines = plans.text.split('\n');
  const at = lines.findIndex((l) => new RegExp(`^ *(\\+|~|-|-/\\+) \\w+ ${id.replace(/[/.]/g, '\\$&')} `).test(l));
  expect(at, `${id} in\n${plans.text}`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > at && l === '');
  return lines.slice(at, end).join('\n');
}

describe('the reviewer\'s plan, from a real pipeline (issue 12)', () => {
  it('pins the text and the markdown a reviewer reads, whole', async () => {
    await expect(plans.text).toMatchFileSnapshot('__golden__/pull-request.txt');
    await expect(plans.markdown).toMatchFileSnapshot('__golden__/pull-request.md');
  });

  it('1. never cuts a value, and writes values as the file does', () => {
    for (const out of [plans.text, plans.markdown]) {
      expect(out).not.toContain('…');
      expect(out).not.toMatch(/query\.type|source\.type|"literal"|"type":/);
    }
    expect(block('shop/orders/bounce-rate')).toContain('~ threshold: 0.05% -> 0.04%');
    expect(block('shop-rejects')).toContain('~ period: 5m -> 10m');
    // Topics of the file by name, as the file writes them, not by ARN.
    expect(block('shop/orders/bounce-rate')).not.toContain('arn:aws:sns');
    // A long list is an indented block with the added entries marked.
    expect(block('orders/metrics')).toMatch(/~ events:\n(?: {10}[ +] - \w+\n?)+/);
    expect(block('orders/metrics')).toContain('          + - RENDERING_FAILURE');
  });

  it('1. a delete shows what goes; a rename says old → new; generated fields are marked', () => {
    expect(block('legacy')).toMatch(/- ownerTags: \{ses-reconcile:stack: shop\} {2}# generated by ses-reconcile/);
    expect(block('legacy')).toContain('- reputationMetricsEnabled: false');
    expect(block('orders/bounces')).toContain('(rename: orders/bounces → orders/bounce-notices)');
    expect(block('orders/bounces')).toContain('- sns: {topic: alerts}');
    expect(block('orders/bounce-notices')).toContain('(rename: orders/bounces → orders/bounce-notices)');
    expect(change('orders/bounce-notices').renamed).toEqual({ from: 'orders/bounces', to: 'orders/bounce-notices' });
    expect(block('shop/orders/bounce-rate')).toMatch(/~ description: {2}# generated by ses-reconcile/);
  });

  it('2. every diff path addresses before and after, both in the file\'s shape', () => {
    const follow = (v: unknown, path: string) =>
      [...path.matchAll(/([A-Za-z_$][\w$]*)|\["((?:[^"\\]|\\.)*)"\]/g)].reduce<unknown>((o, m) => (o as Record<string, unknown> | null)?.[m[1] ?? (JSON.parse(`"${m[2]}"`) as string)] ?? null, v);
    let checked = 0;
    for (const c of plans.json.changes)
      for (const d of c.diff) {
        expect([follow(c.before, d.path), follow(c.after, d.path)], `${c.id} ${d.path}`).toEqual([d.before, d.after]);
        expect(plans.text, `${c.id} ${d.path} spelled the same in the text`).toContain(` ${d.path}:`);
        checked++;
      }
    expect(checked).toBeGreaterThan(5);
    expect(change('shop/orders/bounce-rate').after).toMatchObject({ threshold: '0.04%', notify: ['alerts'] });
  });

  it('3. blocked rows, cascaded deletes, counts and the refusal agree, from typed facts', () => {
    const legacy = change('legacy');
    expect(legacy.blocked).toEqual({ kind: 'delete-refused', message: 'deletes need --allow-deletes' });
    expect(legacy.cascade).toEqual([
      { type: 'eventDestination', id: 'legacy/a' },
      { type: 'eventDestination', id: 'legacy/b' },
    ]);
    // The set, its two destinations, and the renamed destination's old name.
    const deletes = plans.json.summary.delete;
    expect(deletes).toBe(4);
    expect(plans.json.refused).toBe(`the plan deletes ${deletes} resources; deletes need --allow-deletes`);
    expect(plans.text).toContain(`Plan: ${plans.json.summary.create} to create, ${plans.json.summary.update} to update, 0 to replace, ${deletes} to delete.`);
    expect(plans.text.split('\n').filter((l) => /^ {2}- \w+ /.test(l))).toHaveLength(deletes);
    expect(plans.markdown).toContain(`| ${plans.json.summary.create} | ${plans.json.summary.update} | 0 | ${deletes} |`);
    expect(plans.text.match(/the plan deletes/g)).toHaveLength(1);
  });

  it('4. each change lists exactly the calls apply makes, by their AWS names: a tag-only change is a tag call', () => {
    expect(change('alerts').steps).toEqual(['TagResource topic alerts']);
    expect(change('orders/bounce-notices').steps).toEqual(['CreateConfigurationSetEventDestination orders/bounce-notices']);
    expect(change('shop/orders/bounce-rate').steps).toEqual(['PutMetricAlarm shop/orders/bounce-rate', 'TagResource alarm shop/orders/bounce-rate']);
  });

  it('4. apply makes exactly the calls the plan listed', async () => {
    const listed = plans.json.changes.flatMap((c) => c.steps.map((s) => s.split(' ')[0] as string)).sort();
    sb.emulator.clearCalls();
    const applied = await sb.apply(sb.write(PR), '--allow-deletes');
    expect(applied.status, applied.stdout + applied.stderr).toBe(0);
    const writes = Object.entries(sb.emulator.calls().byOperation)
      .map(([k, n]) => [k.split(':')[1] as string, n] as const)
      .filter(([op]) => !/^(Get|List|Describe)/.test(op))
      .flatMap(([op, n]) => Array.from({ length: n }, () => op));
    expect(writes.sort()).toEqual(listed.map((op) => (op === 'DeleteAlarm' ? 'DeleteAlarms' : op)).sort());
    expect((await sb.plan(sb.write(PR))).stdout).toContain('No changes.');
  });

  it('5. says why, field by field: the file\'s edit and the edit made by hand on the same set', () => {
    const orders = change('orders');
    expect(orders.reason).toBe('changed in file');
    // Field by field, even inside one option group: the file added maxDeliverySeconds, a person downgraded TLS.
    expect(orders.diff).toEqual([
      { path: 'delivery.maxDeliverySeconds', before: null, after: 600 },
      { path: 'delivery.tlsPolicy', before: 'OPTIONAL', after: 'REQUIRE', reason: 'changed outside ses-reconcile' },
      { path: 'reputationMetricsEnabled', before: false, after: true },
    ]);
    expect(block('orders')).toContain('(changed in file; changed outside ses-reconcile)');
    expect(block('orders')).toContain('~ delivery.tlsPolicy: OPTIONAL -> REQUIRE  (changed outside ses-reconcile)');
    expect(plans.markdown).toContain('- delivery.tlsPolicy: OPTIONAL  # changed outside ses-reconcile');
  });

  it('11. shows each change\'s share of the monthly cost, and the total\'s breakdown in markdown', () => {
    // legacy's two destinations publish one metric each: removing the set saves them.
    expect(change('legacy').monthly).toBeCloseTo(-0.6);
    expect(block('legacy')).toContain('-$0.60/month');
    expect(change('orders/metrics').monthly).toBeCloseTo(5 * 0.3);
    const cost = plans.json.cost;
    // The total counts what the summary counts: the refused delete of legacy is still the plan's.
    expect(cost?.breakdown.find((l) => l.item === 'custom metrics')).toEqual({ item: 'custom metrics', added: 1.5, removed: 0.6 });
    expect(cost).toMatchObject({ added: 1.5, removed: 0.6 });
    expect(plans.markdown).toMatch(/\| Monthly cost \| Added \| Removed \|\n\| :--- \| ---: \| ---: \|\n\| custom metrics \| \+\$1\.50 \| -\$0\.60 \|/);
  });
});
