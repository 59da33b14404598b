/**
 * Resource Groups Tagging API conformance: GetResources, with the real
 * @aws-sdk/client-resource-groups-tagging-api (AWS JSON 1.1), over configuration sets, alarms and topics
 * made and tagged through the SESv2, CloudWatch and SNS clients, against our emulator and moto's server.
 * Where the two disagree, `difference()` records which side follows AWS's documentation. The real
 * index's delays (lagMs, deletedRetentionMs), fault injection and the call log are emulator-only, in the
 * last block.
 */
import { afterEach, expect, it } from 'vitest';
import {
  GetResourcesCommand,
  GetTagKeysCommand,
  InvalidParameterException,
  PaginationTokenExpiredException,
  ThrottledException,
  type GetResourcesCommandInput,
  type ResourceTagMapping,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { CreateConfigurationSetCommand, DeleteConfigurationSetCommand, TagResourceCommand as SesTag, UntagResourceCommand as SesUntag } from '@aws-sdk/client-sesv2';
import {
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  PutDashboardCommand,
  PutMetricAlarmCommand,
  TagResourceCommand as CwTag,
  UntagResourceCommand as CwUntag,
} from '@aws-sdk/client-cloudwatch';
import { CreateTopicCommand, DeleteTopicCommand, TagResourceCommand as SnsTag, UntagResourceCommand as SnsUntag } from '@aws-sdk/client-sns';
import { isThrottlingError } from '@smithy/core/retry';
import { ACCOUNT, REGION, clientsFor, conformance, difference, failure, type Target } from './harness.js';

type Tags = Record<string, string>;

const setArn = (name: string, region = REGION) => `arn:aws:ses:${region}:${ACCOUNT}:configuration-set/${name}`;
const alarmArn = (name: string, region = REGION) => `arn:aws:cloudwatch:${region}:${ACCOUNT}:alarm:${name}`;
const topicArn = (name: string, region = REGION) => `arn:aws:sns:${region}:${ACCOUNT}:${name}`;

const tagList = (tags: Tags) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

type Clients = Pick<Target, 'ses' | 'cw' | 'sns'>;

async function createSet(c: Clients, name: string, tags: Tags = {}): Promise<string> {
  await c.ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: name, ...(Object.keys(tags).length > 0 ? { Tags: tagList(tags) } : {}) }));
  return name;
}

async function createAlarm(c: Clients, name: string, tags: Tags = {}): Promise<string> {
  await c.cw.send(
    new PutMetricAlarmCommand({
      AlarmName: name,
      MetricName: 'Reputation.BounceRate',
      Namespace: 'AWS/SES',
      Statistic: 'Average',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 0.05,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      ...(Object.keys(tags).length > 0 ? { Tags: tagList(tags) } : {}),
    }),
  );
  return name;
}

async function createTopic(c: Clients, name: string, tags: Tags = {}): Promise<string> {
  const r = await c.sns.send(new CreateTopicCommand({ Name: name, ...(Object.keys(tags).length > 0 ? { Tags: tagList(tags) } : {}) }));
  return r.TopicArn as string;
}

/**
 * A small stack: two sets, two alarms and a topic tagged `stack` (blue or green), two of them also
 * `team`, and one untagged resource of each kind.
 */
async function stack(c: Clients): Promise<void> {
  await createSet(c, 'marketing', { stack: 'blue', team: 'mail' });
  await createSet(c, 'transactional', { stack: 'green' });
  await createSet(c, 'untagged-set');
  await createAlarm(c, 'bounce-rate', { stack: 'blue', team: 'ops' });
  await createAlarm(c, 'complaint-rate', { stack: 'green' });
  await createAlarm(c, 'untagged-alarm');
  await createTopic(c, 'alerts', { stack: 'blue' });
  await createTopic(c, 'untagged-topic');
}

/** The expected mapping of the stack's tagged resources, by ARN. */
const STACK: Readonly<Record<string, Tags>> = {
  [setArn('marketing')]: { stack: 'blue', team: 'mail' },
  [setArn('transactional')]: { stack: 'green' },
  [alarmArn('bounce-rate')]: { stack: 'blue', team: 'ops' },
  [alarmArn('complaint-rate')]: { stack: 'green' },
  [topicArn('alerts')]: { stack: 'blue' },
};

interface Listing {
  /** ARN -> tags, ARNs sorted, so a comparison never depends on list order. */
  readonly byArn: Record<string, Tags>;
  /** ARNs in the order served. */
  readonly order: string[];
  readonly pages: number[];
  /** The PaginationToken of the last page, as the SDK hands it over. */
  readonly lastToken: string | undefined;
}

function tagsOf(m: ResourceTagMapping): Tags {
  return Object.fromEntries((m.Tags ?? []).map((t) => [t.Key as string, t.Value as string]).sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)));
}

/**
 * Every page of a GetResources listing: loop until the token is empty or absent (docs/aws-behaviour.md,
 * "The tag index").
 */
async function listAll(t: Pick<Target, 'tagging'>, input: GetResourcesCommandInput = {}): Promise<Listing> {
  const order: string[] = [];
  const found: [string, Tags][] = [];
  const pages: number[] = [];
  let token: string | undefined;
  let lastToken: string | undefined;
  do {
    const r = await t.tagging.send(new GetResourcesCommand({ ...input, ...(token ? { PaginationToken: token } : {}) }));
    const page = r.ResourceTagMappingList ?? [];
    pages.push(page.length);
    for (const m of page) {
      order.push(m.ResourceARN as string);
      found.push([m.ResourceARN as string, tagsOf(m)]);
    }
    token = r.PaginationToken;
    lastToken = r.PaginationToken;
    if (pages.length > 1000) throw new Error('GetResources never ended');
  } while (token);
  return { byArn: Object.fromEntries(found.sort(([a], [b]) => (a < b ? -1 : 1))), order, pages, lastToken };
}

const pick = (...arns: string[]): Record<string, Tags> => Object.fromEntries(arns.sort().map((a) => [a, STACK[a] as Tags]));

conformance('tagging GetResources', (t) => {
  it('lists the tagged sets, alarms and topics of the Region with their tags; untagged ones are not listed', async () => {
    await stack(t());
    const all = await listAll(t());
    expect(all.byArn).toEqual(pick(...Object.keys(STACK)));
    expect(all.order).toHaveLength(5); // each once
  });

  it('ends with an empty PaginationToken', async () => {
    await stack(t());
    const r = await t().tagging.send(new GetResourcesCommand({}));
    if (difference(t(), { moto: 'moto ends a listing with "PaginationToken": null; AWS sends "" (callers loop until empty or absent, docs/aws-behaviour.md, "The tag index")' })) {
      expect(r.PaginationToken ?? null).toBeNull();
    } else {
      expect(r.PaginationToken).toBe('');
    }
  });

  it('filters by key and value', async () => {
    await stack(t());
    const blue = await listAll(t(), { TagFilters: [{ Key: 'stack', Values: ['blue'] }] });
    expect(blue.byArn).toEqual(pick(setArn('marketing'), alarmArn('bounce-rate'), topicArn('alerts')));
    expect((await listAll(t(), { TagFilters: [{ Key: 'stack', Values: ['red'] }] })).order).toEqual([]);
  });

  it('filters by key alone, with no Values or empty Values: the key with any value', async () => {
    await stack(t());
    const expected = pick(setArn('marketing'), alarmArn('bounce-rate'));
    expect((await listAll(t(), { TagFilters: [{ Key: 'team' }] })).byArn).toEqual(expected);
    expect((await listAll(t(), { TagFilters: [{ Key: 'team', Values: [] }] })).byArn).toEqual(expected);
    expect((await listAll(t(), { TagFilters: [{ Key: 'Team' }] })).order).toEqual([]); // keys are case-sensitive
  });

  it('ANDs filters', async () => {
    await stack(t());
    const both = await listAll(t(), { TagFilters: [{ Key: 'stack', Values: ['blue'] }, { Key: 'team', Values: ['mail'] }] });
    expect(both.byArn).toEqual(pick(setArn('marketing')));
    expect((await listAll(t(), { TagFilters: [{ Key: 'stack', Values: ['green'] }, { Key: 'team' }] })).order).toEqual([]);
  });

  it('ORs the values of one filter', async () => {
    await stack(t());
    const either = await listAll(t(), { TagFilters: [{ Key: 'stack', Values: ['blue', 'green'] }] });
    expect(either.byArn).toEqual(pick(...Object.keys(STACK)));
    const teams = await listAll(t(), { TagFilters: [{ Key: 'team', Values: ['ops', 'nobody'] }] });
    expect(teams.byArn).toEqual(pick(alarmArn('bounce-rate')));
  });

  it('filters by resource type: service:type, a service alone, several, and with tag filters', async () => {
    await stack(t());
    const sets = pick(setArn('marketing'), setArn('transactional'));
    const alarms = pick(alarmArn('bounce-rate'), alarmArn('complaint-rate'));
    const topics = pick(topicArn('alerts'));
    expect((await listAll(t(), { ResourceTypeFilters: ['ses:configuration-set'] })).byArn).toEqual(sets);
    expect((await listAll(t(), { ResourceTypeFilters: ['ses'] })).byArn).toEqual(sets);
    expect((await listAll(t(), { ResourceTypeFilters: ['cloudwatch:alarm'] })).byArn).toEqual(alarms);
    expect((await listAll(t(), { ResourceTypeFilters: ['cloudwatch'] })).byArn).toEqual(alarms);
    // A topic ARN has no type segment: its type is `sns`, and `sns:topic` matches nothing
    // (docs/aws-behaviour.md, "The tag index").
    expect((await listAll(t(), { ResourceTypeFilters: ['sns'] })).byArn).toEqual(topics);
    expect((await listAll(t(), { ResourceTypeFilters: ['sns:topic'] })).order).toEqual([]);
    expect((await listAll(t(), { ResourceTypeFilters: ['ses:configuration-set', 'sns'] })).byArn).toEqual({ ...sets, ...topics });
    const blueAlarms = await listAll(t(), { ResourceTypeFilters: ['cloudwatch:alarm'], TagFilters: [{ Key: 'stack', Values: ['blue'] }] });
    expect(blueAlarms.byArn).toEqual(pick(alarmArn('bounce-rate')));
    expect((await listAll(t(), { ResourceTypeFilters: ['ec2:instance'] })).order).toEqual([]);
  });

  it('pages with ResourcesPerPage from 1 to 100, each resource exactly once', async () => {
    const names = Array.from({ length: 7 }, (_, i) => `set-${i}`);
    for (const n of names) await createSet(t(), n, { stack: 'paged' });
    const want = names.map((n) => setArn(n)).sort();
    for (const size of [1, 3, 7, 100]) {
      const all = await listAll(t(), { ResourcesPerPage: size, TagFilters: [{ Key: 'stack', Values: ['paged'] }] });
      expect([...all.order].sort(), `ResourcesPerPage ${size}`).toEqual(want);
      expect(Math.max(...all.pages), `ResourcesPerPage ${size}`).toBeLessThanOrEqual(size);
    }
    expect((await listAll(t(), { ResourcesPerPage: 3 })).pages.slice(0, 2)).toEqual([3, 3]);
  });

  it('refuses ResourcesPerPage outside 1..100', async () => {
    await stack(t());
    for (const size of [0, 101]) {
      const call = t().tagging.send(new GetResourcesCommand({ ResourcesPerPage: size }));
      if (difference(t(), { moto: 'moto accepts any ResourcesPerPage (0 answers an empty page and a token, 101 everything); AWS documents 1 to 100 (model), InvalidParameterException' })) {
        await call;
      } else {
        const err = await failure(call);
        expect(err).toBeInstanceOf(InvalidParameterException);
        expect(err.$metadata.httpStatusCode).toBe(400);
        expect(err.message).toMatch(/ResourcesPerPage/);
      }
    }
  });

  it('refuses a PaginationToken it did not issue', async () => {
    await stack(t());
    const err = await failure(t().tagging.send(new GetResourcesCommand({ PaginationToken: 'not-a-token' })));
    if (difference(t(), { moto: 'moto answers PaginationTokenExpiredException "Token does not exist" for any unknown token; the emulator answers InvalidParameterException for a malformed one (model: "A provided string parameter is malformed"; an INFERENCE) and keeps PaginationTokenExpiredException for tokens older than 15 minutes' })) {
      expect(err).toBeInstanceOf(PaginationTokenExpiredException);
    } else {
      expect(err).toBeInstanceOf(InvalidParameterException);
    }
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it('refuses a PaginationToken issued for other filters', async () => {
    for (let i = 0; i < 4; i++) await createSet(t(), `s${i}`, { stack: 'blue' });
    const first = await t().tagging.send(new GetResourcesCommand({ ResourcesPerPage: 1, TagFilters: [{ Key: 'stack', Values: ['blue'] }] }));
    expect(first.PaginationToken).toBeTruthy();
    const other = t().tagging.send(new GetResourcesCommand({ ResourcesPerPage: 1, TagFilters: [{ Key: 'stack', Values: ['green'] }], PaginationToken: first.PaginationToken }));
    if (difference(t(), { moto: "moto resumes the token's own listing whatever the filters of the request; AWS binds a token to its request (the emulator answers InvalidParameterException, an INFERENCE)" })) {
      expect((await other).ResourceTagMappingList).toHaveLength(1);
    } else {
      expect(await failure(other)).toBeInstanceOf(InvalidParameterException);
    }
  });

  it('refuses more than 50 tag filters', async () => {
    await stack(t());
    const call = t().tagging.send(new GetResourcesCommand({ TagFilters: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}` })) }));
    if (difference(t(), { moto: 'moto accepts any number of TagFilters; the model allows at most 50 (InvalidParameterException)' })) {
      expect((await call).ResourceTagMappingList).toEqual([]);
    } else {
      expect(await failure(call)).toBeInstanceOf(InvalidParameterException);
    }
  });

  it("shows tags added, changed and removed by each service's TagResource and UntagResource", async () => {
    const c = t();
    await createSet(c, 'set');
    await createAlarm(c, 'alarm');
    const topic = await createTopic(c, 'topic');
    expect((await listAll(c)).order).toEqual([]);

    await c.ses.send(new SesTag({ ResourceArn: setArn('set'), Tags: tagList({ stack: 'blue', owner: 'a' }) }));
    await c.cw.send(new CwTag({ ResourceARN: alarmArn('alarm'), Tags: tagList({ stack: 'blue', owner: 'a' }) }));
    await c.sns.send(new SnsTag({ ResourceArn: topic, Tags: tagList({ stack: 'blue', owner: 'a' }) }));
    const tagged = { stack: 'blue', owner: 'a' };
    expect((await listAll(c)).byArn).toEqual({ [alarmArn('alarm')]: tagged, [setArn('set')]: tagged, [topicArn('topic')]: tagged });

    await c.ses.send(new SesTag({ ResourceArn: setArn('set'), Tags: tagList({ stack: 'green' }) }));
    await c.cw.send(new CwTag({ ResourceARN: alarmArn('alarm'), Tags: tagList({ stack: 'green' }) }));
    await c.sns.send(new SnsTag({ ResourceArn: topic, Tags: tagList({ stack: 'green' }) }));
    await c.ses.send(new SesUntag({ ResourceArn: setArn('set'), TagKeys: ['owner'] }));
    await c.cw.send(new CwUntag({ ResourceARN: alarmArn('alarm'), TagKeys: ['owner'] }));
    await c.sns.send(new SnsUntag({ ResourceArn: topic, TagKeys: ['owner'] }));
    const green = { stack: 'green' };
    expect((await listAll(c)).byArn).toEqual({ [alarmArn('alarm')]: green, [setArn('set')]: green, [topicArn('topic')]: green });
    expect((await listAll(c, { TagFilters: [{ Key: 'stack', Values: ['blue'] }] })).order).toEqual([]);
    expect((await listAll(c, { TagFilters: [{ Key: 'owner' }] })).order).toEqual([]);
  });

  it('a resource whose tags were all removed is "previously tagged"', async () => {
    const c = t();
    await createSet(c, 'set', { stack: 'blue' });
    await createAlarm(c, 'alarm', { stack: 'blue' });
    const topic = await createTopic(c, 'topic', { stack: 'blue' });
    await c.ses.send(new SesUntag({ ResourceArn: setArn('set'), TagKeys: ['stack'] }));
    await c.cw.send(new CwUntag({ ResourceARN: alarmArn('alarm'), TagKeys: ['stack'] }));
    await c.sns.send(new SnsUntag({ ResourceArn: topic, TagKeys: ['stack'] }));
    const all = await listAll(c);
    if (difference(t(), { moto: 'moto drops a resource once its last tag is removed; AWS lists "tagged or previously tagged" resources, the latter "with an empty tag set" when no TagFilter is given (model, GetResources)' })) {
      expect(all.order).toEqual([]);
    } else {
      expect(all.byArn).toEqual({ [alarmArn('alarm')]: {}, [setArn('set')]: {}, [topicArn('topic')]: {} });
    }
    expect((await listAll(c, { TagFilters: [{ Key: 'stack' }] })).order).toEqual([]);
  });

  it('a deleted set, alarm or topic drops out of the listing at once (the default)', async () => {
    const c = t();
    await stack(c);
    await c.ses.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: 'marketing' }));
    await c.cw.send(new DeleteAlarmsCommand({ AlarmNames: ['bounce-rate'] }));
    await c.sns.send(new DeleteTopicCommand({ TopicArn: topicArn('alerts') }));
    expect((await listAll(c)).byArn).toEqual(pick(setArn('transactional'), alarmArn('complaint-rate')));
  });

  it('keeps Regions apart', async () => {
    const west = clientsFor(t().endpoint, t().name, 'eu-west-1');
    await createSet(t(), 'here', { stack: 'blue' });
    await createSet(west, 'there', { stack: 'blue' });
    await createTopic(west, 'there-topic', { stack: 'blue' });
    expect(Object.keys((await listAll(t())).byArn)).toEqual([setArn('here')]);
    expect(Object.keys((await listAll(west)).byArn)).toEqual([setArn('there', 'eu-west-1'), topicArn('there-topic', 'eu-west-1')]);
  });

  it('does not list dashboards: they are not in the tag index', async () => {
    const c = t();
    await c.cw.send(new PutDashboardCommand({ DashboardName: 'ses', DashboardBody: JSON.stringify({ widgets: [] }), Tags: tagList({ stack: 'blue' }) }));
    await createAlarm(c, 'alarm', { stack: 'blue' });
    expect(Object.keys((await listAll(c)).byArn)).toEqual([alarmArn('alarm')]);
  });
});

conformance(
  'tagging emulator-only',
  (t) => {
    const emulator = (target: Target) => {
      if (!target.emulator) throw new Error('emulator only');
      return target.emulator;
    };
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const admin = (path: string, method: string, body: unknown) => fetch(`${t().endpoint}${path}`, { method, body: JSON.stringify(body) });

    // The index's settings survive reset (they configure the emulator); put the defaults back.
    afterEach(() => emulator(t()).configure('tagging', { lagMs: 0, deletedRetentionMs: 0 }));

    it('with lagMs, a tag change shows only after the lag; until then the previous view', async () => {
      const c = t();
      expect((await admin('/_emulator/config/tagging', 'PUT', { lagMs: 300 })).status).toBe(200);
      await createSet(c, 'late', { stack: 'blue' });
      expect((await listAll(c)).order).toEqual([]);
      await sleep(350);
      expect((await listAll(c)).byArn).toEqual({ [setArn('late')]: { stack: 'blue' } });

      await c.ses.send(new SesTag({ ResourceArn: setArn('late'), Tags: tagList({ stack: 'green' }) }));
      expect((await listAll(c)).byArn).toEqual({ [setArn('late')]: { stack: 'blue' } });
      expect((await listAll(c, { TagFilters: [{ Key: 'stack', Values: ['green'] }] })).order).toEqual([]);
      await sleep(350);
      expect((await listAll(c, { TagFilters: [{ Key: 'stack', Values: ['green'] }] })).byArn).toEqual({ [setArn('late')]: { stack: 'green' } });
    });

    it('with deletedRetentionMs, a deleted resource is still listed with its last tags for that long', async () => {
      const c = t();
      emulator(c).configure('tagging', { deletedRetentionMs: 300 });
      await createAlarm(c, 'gone', { stack: 'blue' });
      await createTopic(c, 'gone-topic', { stack: 'blue' });
      await c.cw.send(new DeleteAlarmsCommand({ AlarmNames: ['gone'] }));
      await c.sns.send(new DeleteTopicCommand({ TopicArn: topicArn('gone-topic') }));
      // The service itself no longer has it; the index still does.
      expect((await c.cw.send(new DescribeAlarmsCommand({ AlarmNames: ['gone'] }))).MetricAlarms).toEqual([]);
      expect((await listAll(c, { TagFilters: [{ Key: 'stack', Values: ['blue'] }] })).byArn).toEqual({
        [alarmArn('gone')]: { stack: 'blue' },
        [topicArn('gone-topic')]: { stack: 'blue' },
      });
      await sleep(350);
      expect((await listAll(c)).order).toEqual([]);
    });

    it('settings are checked, kept by reset, and forgotten history is not', async () => {
      const c = t();
      const bad = await admin('/_emulator/config/tagging', 'PUT', { lagMs: -1 });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toMatch(/lagMs/);
      expect((await admin('/_emulator/config/tagging', 'PUT', { lag: 5 })).status).toBe(400);
      emulator(c).configure('tagging', { deletedRetentionMs: 60_000 });
      await createSet(c, 'before-reset', { stack: 'blue' });
      await c.ses.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: 'before-reset' }));
      expect((await listAll(c)).order).toEqual([setArn('before-reset')]);
      emulator(c).reset();
      expect((await listAll(c)).order).toEqual([]);
      // Still configured: a deletion after the reset is retained.
      await createSet(c, 'after-reset', { stack: 'blue' });
      await c.ses.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: 'after-reset' }));
      expect((await listAll(c)).order).toEqual([setArn('after-reset')]);
    });

    it('lists in a stable order that is not creation order', async () => {
      const names = Array.from({ length: 20 }, (_, i) => `t-${String(i).padStart(2, '0')}`);
      for (const n of names) await createTopic(t(), n, { stack: 'blue' });
      const first = (await listAll(t(), { ResourcesPerPage: 7 })).order;
      expect((await listAll(t())).order).toEqual(first);
      expect(first).not.toEqual(names.map((n) => topicArn(n)));
      expect([...first].sort()).toEqual(names.map((n) => topicArn(n)));
    });

    it('TagsPerPage counts tags (a resource without tags as one) and never splits a resource', async () => {
      const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'v']));
      for (const n of ['a', 'b', 'c', 'd']) await createSet(t(), n, many);
      const all = await listAll(t(), { TagsPerPage: 100 });
      expect(all.pages).toEqual([2, 2]);
      expect(await failure(t().tagging.send(new GetResourcesCommand({ TagsPerPage: 99 })))).toBeInstanceOf(InvalidParameterException);
    });

    it('ResourceARNList answers the listed ones among those ARNs, and excludes filters and paging', async () => {
      await stack(t());
      const r = await t().tagging.send(new GetResourcesCommand({ ResourceARNList: [setArn('marketing'), setArn('untagged-set'), setArn('nope')] }));
      expect((r.ResourceTagMappingList ?? []).map((m) => m.ResourceARN)).toEqual([setArn('marketing')]);
      const both = t().tagging.send(new GetResourcesCommand({ ResourceARNList: [setArn('marketing')], TagFilters: [{ Key: 'stack' }] }));
      expect(await failure(both)).toBeInstanceOf(InvalidParameterException);
    });

    it('a throttled GetResources is ThrottledException (400), which the SDK classifies as throttling, and is logged', async () => {
      const c = t();
      emulator(c).setFaults({ rateLimit: { tagging: 1 } });
      await c.tagging.send(new GetResourcesCommand({}));
      const err = await failure(c.tagging.send(new GetResourcesCommand({})));
      expect(err).toBeInstanceOf(ThrottledException);
      expect(err.name).toBe('ThrottledException');
      expect(err.$metadata.httpStatusCode).toBe(400);
      // The shape has no `retryable` trait, so the SDK sets no $retryable; its retry strategy knows the
      // error by name (@smithy/core retry THROTTLING_ERROR_CODES).
      expect((err as { $retryable?: { throttling?: boolean } }).$retryable?.throttling).toBeUndefined();
      expect(isThrottlingError(err as Parameters<typeof isThrottlingError>[0])).toBe(true);
      const calls = emulator(c).calls().calls;
      expect(calls.map((x) => `${x.service}:${x.operation}:${x.status}:${x.fault ?? 'ok'}`)).toEqual(['tagging:GetResources:200:ok', 'tagging:GetResources:400:throttled']);
    });

    it('a per-operation rate limit throttles that operation only', async () => {
      const c = t();
      emulator(c).setFaults({ rateLimit: { 'tagging:GetResources': 1 } });
      await c.tagging.send(new GetResourcesCommand({}));
      expect(await failure(c.tagging.send(new GetResourcesCommand({})))).toBeInstanceOf(ThrottledException);
      await createSet(c, 'free');
      await createSet(c, 'still-free');
    });

    it('the "aws" preset limits SESv2 to 1 request/s and PutMetricAlarm to 3/s, from the admin API', async () => {
      const c = t();
      const put = await admin('/_emulator/faults', 'PUT', { rateLimit: 'aws' });
      expect(put.status).toBe(200);
      expect(await put.json()).toEqual({ rateLimit: 'aws' });
      await createSet(c, 'one');
      expect((await failure(createSet(c, 'two'))).name).toBe('TooManyRequestsException');
      for (const n of ['a1', 'a2', 'a3']) await createAlarm(c, n);
      expect((await failure(createAlarm(c, 'a4'))).Code).toBe('Throttling');
      const wrong = await admin('/_emulator/faults', 'PUT', { rateLimit: { nosuch: 1 } });
      expect(wrong.status).toBe(400);
    });

    it('answers UnknownOperationException for the operations it does not serve, and SerializationException for a bad body', async () => {
      const c = t();
      const err = await failure(c.tagging.send(new GetTagKeysCommand({})));
      expect(err.name).toBe('UnknownOperationException');
      expect(err.$metadata.httpStatusCode).toBe(400);
      const raw = (target: string, body: string) =>
        fetch(c.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target }, body });
      const bogus = await raw('ResourceGroupsTaggingAPI_20170126.NoSuchThing', '{}');
      expect(bogus.status).toBe(400);
      expect(((await bogus.json()) as { __type: string }).__type).toMatch(/#UnknownOperationException$/);
      const notJson = await raw('ResourceGroupsTaggingAPI_20170126.GetResources', '{not json');
      expect(((await notJson.json()) as { __type: string }).__type).toMatch(/#SerializationException$/);
      const wrongType = await raw('ResourceGroupsTaggingAPI_20170126.GetResources', '{"ResourcesPerPage": "ten"}');
      expect(wrongType.status).toBe(400);
      expect(((await wrongType.json()) as { __type: string }).__type).toMatch(/#SerializationException$/);
    });

    it('claims only its own X-Amz-Target: CloudWatch JSON still reaches CloudWatch', async () => {
      const c = t();
      await createAlarm(c, 'mine', { stack: 'blue' });
      const r = await fetch(c.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'GraniteServiceVersion20100801.DescribeAlarms', 'x-amzn-query-mode': 'true' },
        body: '{}',
      });
      expect(r.status).toBe(200);
      expect(emulator(c).calls().calls.map((x) => `${x.service}:${x.operation}`)).toEqual(['cloudwatch:PutMetricAlarm', 'cloudwatch:DescribeAlarms']);
    });
  },
  { moto: false },
);
