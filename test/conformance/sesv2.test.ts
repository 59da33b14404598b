/**
 * SESv2 conformance: the real `@aws-sdk/client-sesv2` against our emulator and, for the operations moto
 * 5.2.1 implements (Create/Get/Delete configuration set, tags, the GET list route without paging),
 * against moto's server too. Where the two disagree, `difference()` branches the assertion and records
 * which side follows AWS's documentation. Scenarios assert the state read back, not just "no error".
 */
import { expect, it } from 'vitest';
import {
  AlreadyExistsException,
  BadRequestException,
  ConcurrentModificationException,
  CreateConfigurationSetCommand,
  CreateDedicatedIpPoolCommand,
  CreateEmailIdentityCommand,
  CreateConfigurationSetEventDestinationCommand,
  DeleteConfigurationSetCommand,
  DeleteConfigurationSetEventDestinationCommand,
  GetAccountCommand,
  GetConfigurationSetCommand,
  GetConfigurationSetEventDestinationsCommand,
  GetEmailIdentityCommand,
  ListDedicatedIpPoolsCommand,
  type ListDedicatedIpPoolsCommandOutput,
  ListEmailIdentitiesCommand,
  type ListEmailIdentitiesCommandOutput,
  LimitExceededException,
  ListConfigurationSetsCommand,
  ListTagsForResourceCommand,
  NotFoundException,
  PutConfigurationSetArchivingOptionsCommand,
  PutConfigurationSetDeliveryOptionsCommand,
  PutConfigurationSetReputationOptionsCommand,
  PutConfigurationSetSendingOptionsCommand,
  PutConfigurationSetSuppressionOptionsCommand,
  PutConfigurationSetTrackingOptionsCommand,
  PutConfigurationSetVdmOptionsCommand,
  SESv2Client,
  SESv2ServiceException,
  TagResourceCommand,
  TooManyRequestsException,
  UntagResourceCommand,
  UpdateConfigurationSetEventDestinationCommand,
  type CreateConfigurationSetCommandInput,
  type EventDestinationDefinition,
  type ListConfigurationSetsCommandInput,
} from '@aws-sdk/client-sesv2';
import { configureSesv2 } from '../../src/emulator/sesv2/service.js';
import { ACCOUNT, clientsFor, conformance, difference, REGION, type Target, failure } from './harness.js';



function emulatorOf(t: Target) {
  if (!t.emulator) throw new Error('this scenario runs against the emulator only');
  return t.emulator;
}

const arnOf = (name: string, region = REGION) => `arn:aws:ses:${region}:${ACCOUNT}:configuration-set/${name}`;

const get = (t: Target, name: string) => t.ses.send(new GetConfigurationSetCommand({ ConfigurationSetName: name }));
const create = (t: Target, input: CreateConfigurationSetCommandInput) => t.ses.send(new CreateConfigurationSetCommand(input));
const createNamed = async (t: Target, names: readonly string[]) => {
  for (const name of names) await create(t, { ConfigurationSetName: name });
};

/** Output without the SDK's $metadata, for whole-object comparisons. */
function data<T extends { $metadata?: unknown }>(output: T): Omit<T, '$metadata'> {
  const { $metadata: _, ...rest } = output;
  return rest;
}

/**
 * A client whose listings go to the older routes of botocore's model, `GET <get>?PageSize=&NextToken=`,
 * instead of the current SDK's `POST <post>` with a JSON body: ListConfigurationSets
 * (`/v2/email/list-configuration-sets` -> `/v2/email/configuration-sets`) and ListEmailIdentities
 * (`/v2/email/list-identities` -> `/v2/email/identities`, the only one moto serves; the CLI's own calls
 * exercise the emulator's POST route). The rewrite happens before signing, so the server sees a genuine
 * signed GET.
 */
const GET_ROUTES: Readonly<Record<string, string>> = { '/v2/email/list-configuration-sets': '/v2/email/configuration-sets', '/v2/email/list-identities': '/v2/email/identities' };

function viaGetRoute(t: Target, region = REGION): SESv2Client {
  const client = clientsFor(t.endpoint, t.name, region).ses;
  client.middlewareStack.add(
    (next) => async (args) => {
      const req = args.request as { method: string; path: string; query: Record<string, string>; body?: unknown; headers: Record<string, string> };
      const get = GET_ROUTES[req.path];
      if (req.method === 'POST' && get !== undefined) {
        const raw = req.body instanceof Uint8Array ? new TextDecoder().decode(req.body) : String(req.body ?? '{}');
        const body = JSON.parse(raw) as { PageSize?: number; NextToken?: string; Filter?: unknown };
        if (body.Filter) throw new Error('the GET route has no Filter');
        req.method = 'GET';
        req.path = get;
        req.query = {
          ...(body.PageSize !== undefined ? { PageSize: String(body.PageSize) } : {}),
          ...(body.NextToken !== undefined ? { NextToken: body.NextToken } : {}),
        };
        req.body = undefined;
        delete req.headers['content-type'];
        delete req.headers['content-length'];
      }
      return next(args);
    },
    { step: 'build', name: 'listingsViaGetRoute' },
  );
  return client;
}

/** Every page of ListConfigurationSets, following NextToken. */
async function listAll(client: SESv2Client, input: ListConfigurationSetsCommandInput = {}): Promise<{ names: string[]; pageSizes: number[] }> {
  const names: string[] = [];
  const pageSizes: number[] = [];
  let NextToken = input.NextToken;
  do {
    const page = await client.send(new ListConfigurationSetsCommand({ ...input, NextToken }));
    names.push(...(page.ConfigurationSets ?? []));
    pageSizes.push(page.ConfigurationSets?.length ?? 0);
    NextToken = page.NextToken ?? undefined;
  } while (NextToken);
  return { names, pageSizes };
}

/** FULL's pool, made as a user makes one (the emulator's default account has only `shared`; moto none). */
const createPoolA = (t: Target) => t.ses.send(new CreateDedicatedIpPoolCommand({ PoolName: 'pool-a' }));

const ARCHIVE_ARN = `arn:aws:ses:${REGION}:${ACCOUNT}:mailmanager-archive/a-abcdefghijklmnopqrstuvwxyz`;

const FULL: CreateConfigurationSetCommandInput = {
  ConfigurationSetName: 'full',
  TrackingOptions: { CustomRedirectDomain: 'track.example.com', HttpsPolicy: 'REQUIRE' },
  DeliveryOptions: { TlsPolicy: 'REQUIRE', SendingPoolName: 'pool-a', MaxDeliverySeconds: 600 },
  ReputationOptions: { ReputationMetricsEnabled: true },
  SendingOptions: { SendingEnabled: false },
  Tags: [
    { Key: 'team', Value: 'mail' },
    { Key: 'stack', Value: 'prod' },
  ],
  SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
  VdmOptions: { DashboardOptions: { EngagementMetrics: 'ENABLED' }, GuardianOptions: { OptimizedSharedDelivery: 'DISABLED' } },
  ArchivingOptions: { ArchiveArn: ARCHIVE_ARN },
};

conformance('sesv2 configuration sets', (t) => {
  it('creates a set with every option group and tags, and Get reads each back', async () => {
    await createPoolA(t());
    await create(t(), FULL);
    const got = await get(t(), 'full');
    const { ConfigurationSetName: _, Tags, ...groups } = FULL;
    if (
      difference(t(), {
        moto: 'moto nests SendingOptions as {SendingEnabled: {SendingEnabled: false}} and drops ArchivingOptions; AWS returns SendingOptions {SendingEnabled: boolean} and ArchivingOptions as set (sesv2 model GetConfigurationSetResponse)',
      })
    ) {
      expect(got.SendingOptions).toEqual({ SendingEnabled: { SendingEnabled: false } });
      expect(got.ArchivingOptions).toBeUndefined();
      expect(got.TrackingOptions).toEqual(groups.TrackingOptions);
      expect(got.DeliveryOptions).toEqual(groups.DeliveryOptions);
    } else {
      expect(data(got)).toEqual({ ConfigurationSetName: 'full', ...groups, Tags: expect.any(Array) });
    }
    expect(new Set(got.Tags?.map((tag) => `${tag.Key}=${tag.Value}`))).toEqual(new Set(['team=mail', 'stack=prod']));
  });

  it('reports the defaults for a set created with only a name', async () => {
    await create(t(), { ConfigurationSetName: 'bare' });
    const got = data(await get(t(), 'bare'));
    if (
      difference(t(), {
        moto: 'moto returns every group as {} (SendingOptions {SendingEnabled: {}}); AWS returns ReputationOptions {ReputationMetricsEnabled: false}, SendingOptions {SendingEnabled: true}, Tags [] and omits unset groups (docs/aws-behaviour.md, "SESv2 configuration sets": Terraform marks only reputation and sending options Computed)',
      })
    ) {
      expect(got).toEqual({
        ConfigurationSetName: 'bare',
        TrackingOptions: {},
        DeliveryOptions: {},
        ReputationOptions: {},
        SendingOptions: { SendingEnabled: {} },
        Tags: [],
        SuppressionOptions: {},
        VdmOptions: {},
      });
    } else {
      expect(got).toEqual({ ConfigurationSetName: 'bare', ReputationOptions: { ReputationMetricsEnabled: false }, SendingOptions: { SendingEnabled: true }, Tags: [] });
    }
  });

  it('round-trips SuppressedReasons [] as its own state, distinct from no SuppressionOptions', async () => {
    await create(t(), { ConfigurationSetName: 'no-suppression', SuppressionOptions: { SuppressedReasons: [] } });
    expect((await get(t(), 'no-suppression')).SuppressionOptions).toEqual({ SuppressedReasons: [] });
  });

  it('refuses a second set with the same name with AlreadyExistsException', async () => {
    await create(t(), { ConfigurationSetName: 'twice' });
    const err = await failure(create(t(), { ConfigurationSetName: 'twice' }));
    expect(err.$metadata.httpStatusCode).toBe(400);
    if (difference(t(), { moto: 'moto answers ConfigurationSetAlreadyExistsException (an SES v1 code, so the SDK gives no typed class); AWS answers AlreadyExistsException (sesv2 model CreateConfigurationSet errors)' })) {
      expect(err.name).toBe('ConfigurationSetAlreadyExistsException');
    } else {
      expect(err).toBeInstanceOf(AlreadyExistsException);
    }
  });

  it('answers NotFoundException (404) for a set that does not exist', async () => {
    const err = await failure(get(t(), 'missing'));
    expect(err).toBeInstanceOf(NotFoundException);
    expect(err.$metadata.httpStatusCode).toBe(404);
  });

  it('deletes a set: Get then answers NotFoundException', async () => {
    await create(t(), { ConfigurationSetName: 'doomed' });
    await t().ses.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: 'doomed' }));
    expect(await failure(get(t(), 'doomed'))).toBeInstanceOf(NotFoundException);
  });

  it('answers NotFoundException when deleting a set that does not exist', async () => {
    const err = await failure(t().ses.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: 'missing' })));
    if (difference(t(), { moto: 'moto fails with an HTML 500 page; AWS answers NotFoundException 404 (sesv2 model DeleteConfigurationSet errors)' })) {
      expect(err.$metadata.httpStatusCode).toBe(500);
    } else {
      expect(err).toBeInstanceOf(NotFoundException);
      expect(err.$metadata.httpStatusCode).toBe(404);
    }
  });

  it('refuses names outside [A-Za-z0-9_-]{1,64} with BadRequestException', async () => {
    for (const name of ['has space', 'dot.ted', 'x'.repeat(65)]) {
      const call = create(t(), { ConfigurationSetName: name });
      if (difference(t(), { moto: 'moto accepts any configuration set name; AWS allows up to 64 letters, numbers, - and _ (sesv2 model CreateConfigurationSet doc, SES quotas page)' })) {
        await call;
      } else {
        const err = await failure(call);
        expect(err).toBeInstanceOf(BadRequestException);
        expect(err.$metadata.httpStatusCode).toBe(400);
      }
    }
    await create(t(), { ConfigurationSetName: `A-z_0${'9'.repeat(59)}` });
  });

  it('keeps Regions apart: a client in eu-west-1 sees nothing of us-east-1', async () => {
    await create(t(), { ConfigurationSetName: 'east' });
    const eu = clientsFor(t().endpoint, t().name, 'eu-west-1').ses;
    expect(await failure(eu.send(new GetConfigurationSetCommand({ ConfigurationSetName: 'east' })))).toBeInstanceOf(NotFoundException);
    await eu.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'east' }));
    await eu.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: 'east' }));
    expect((await get(t(), 'east')).ConfigurationSetName).toBe('east');
  });

  it('lists every set through the older GET /v2/email/configuration-sets route', async () => {
    await createNamed(t(), ['one', 'two', 'three']);
    const page = await viaGetRoute(t()).send(new ListConfigurationSetsCommand({}));
    expect(new Set(page.ConfigurationSets)).toEqual(new Set(['one', 'two', 'three']));
    expect(page.NextToken ?? undefined).toBeUndefined();
  });
});

conformance('sesv2 tags', (t) => {
  it('tags, lists and untags a configuration set, and Get reports the same tags', async () => {
    await create(t(), { ConfigurationSetName: 'tagged', Tags: [{ Key: 'team', Value: 'mail' }] });
    const ResourceArn = arnOf('tagged');
    await t().ses.send(new TagResourceCommand({ ResourceArn, Tags: [{ Key: 'cost-center', Value: '42' }, { Key: 'team', Value: 'growth' }] }));
    const listed = await t().ses.send(new ListTagsForResourceCommand({ ResourceArn }));
    const keyed = (tags: { Key?: string; Value?: string }[] | undefined) => Object.fromEntries((tags ?? []).map((x) => [x.Key, x.Value]));

    expect(keyed(listed.Tags)).toEqual({ team: 'growth', 'cost-center': '42' });
    const viaGet = keyed((await get(t(), 'tagged')).Tags);
    if (difference(t(), { moto: "moto's GetConfigurationSet keeps reporting the Tags given at create after TagResource/UntagResource; AWS has one tag set per resource, which GetConfigurationSet's Tags report (sesv2 model GetConfigurationSetResponse.Tags)" })) {
      expect(viaGet).toEqual({ team: 'mail' });
    } else {
      expect(viaGet).toEqual({ team: 'growth', 'cost-center': '42' });
    }

    await t().ses.send(new UntagResourceCommand({ ResourceArn, TagKeys: ['team', 'not-there'] }));
    const after = await t().ses.send(new ListTagsForResourceCommand({ ResourceArn }));
    expect(keyed(after.Tags)).toEqual({ 'cost-center': '42' });
  });

  it('answers NotFoundException for the tags of a set that does not exist', async () => {
    const call = t().ses.send(new ListTagsForResourceCommand({ ResourceArn: arnOf('missing') }));
    if (difference(t(), { moto: 'moto lists [] for any ARN; AWS answers NotFoundException (sesv2 model ListTagsForResource errors)' })) {
      expect((await call).Tags).toEqual([]);
    } else {
      const err = await failure(call);
      expect(err).toBeInstanceOf(NotFoundException);
      expect(err.$metadata.httpStatusCode).toBe(404);
    }
  });

  it('refuses a 51st tag, an aws: key and a malformed ARN with BadRequestException', async () => {
    const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }));
    const calls = [
      () => create(t(), { ConfigurationSetName: 'too-many', Tags: [...fifty, { Key: 'k50', Value: 'v' }] }),
      () => create(t(), { ConfigurationSetName: 'reserved', Tags: [{ Key: 'aws:owner', Value: 'x' }] }),
    ];
    if (difference(t(), { moto: 'moto accepts any number of tags and aws: keys; AWS allows 50 tags per resource and reserves the aws: prefix (sesv2 model Tag doc)' })) {
      for (const call of calls) await call();
      return;
    }
    for (const call of calls) expect(await failure(call())).toBeInstanceOf(BadRequestException);

    await create(t(), { ConfigurationSetName: 'full-house', Tags: fifty });
    expect((await get(t(), 'full-house')).Tags).toHaveLength(50);
    const ResourceArn = arnOf('full-house');
    // Overwriting a key keeps the count at 50; a new key would make 51.
    await t().ses.send(new TagResourceCommand({ ResourceArn, Tags: [{ Key: 'k0', Value: 'new' }] }));
    expect(await failure(t().ses.send(new TagResourceCommand({ ResourceArn, Tags: [{ Key: 'k50', Value: 'v' }] })))).toBeInstanceOf(BadRequestException);
    expect(await failure(t().ses.send(new ListTagsForResourceCommand({ ResourceArn: 'configuration-set/full-house' })))).toBeInstanceOf(BadRequestException);
    // A well-formed ARN of another Region names a set that does not exist here.
    expect(await failure(t().ses.send(new ListTagsForResourceCommand({ ResourceArn: arnOf('full-house', 'eu-west-1') })))).toBeInstanceOf(NotFoundException);
  });
});

conformance(
  'sesv2 ListConfigurationSets paging and filter',
  (t) => {
    const names = Array.from({ length: 25 }, (_, i) => `set-${String(i).padStart(2, '0')}`);

    it('pages 25 sets 10 at a time through the POST route, each name once, not in creation order', async () => {
      await createNamed(t(), names);
      const { names: listed, pageSizes } = await listAll(t().ses, { PageSize: 10 });
      expect(pageSizes).toEqual([10, 10, 5]);
      expect([...listed].sort()).toEqual(names);
      // AWS promises no order; the emulator's is deterministic but neither creation nor alphabetical.
      expect(listed).not.toEqual(names);
      expect((await listAll(t().ses, { PageSize: 10 })).names).toEqual(listed);
    });

    it('pages the same way through the GET route, and tokens work across the two routes', async () => {
      await createNamed(t(), names);
      const post = await listAll(t().ses, { PageSize: 10 });
      const viaGet = await listAll(viaGetRoute(t()), { PageSize: 10 });
      expect(viaGet).toEqual(post);
      const first = await t().ses.send(new ListConfigurationSetsCommand({ PageSize: 10 }));
      const second = await viaGetRoute(t()).send(new ListConfigurationSetsCommand({ PageSize: 10, NextToken: first.NextToken }));
      expect(second.ConfigurationSets).toEqual(post.names.slice(10, 20));
    });

    it('serves 50 names per page by default', async () => {
      await createNamed(t(), Array.from({ length: 51 }, (_, i) => `many-${i}`));
      expect((await listAll(t().ses)).pageSizes).toEqual([50, 1]);
    });

    it('filters by CONFIGURATION_SET_NAME_CONTAINS, case-insensitively, and pages within the filter', async () => {
      await createNamed(t(), [...names, 'Marketing-EU', 'marketing-us', 'transactional']);
      const { names: listed, pageSizes } = await listAll(t().ses, { Filter: { CONFIGURATION_SET_NAME_CONTAINS: 'MARKETING' }, PageSize: 1 });
      expect(pageSizes).toEqual([1, 1]);
      expect(new Set(listed)).toEqual(new Set(['Marketing-EU', 'marketing-us']));
      expect((await listAll(t().ses, { Filter: { CONFIGURATION_SET_NAME_CONTAINS: 'set-1' } })).names.sort()).toEqual(names.filter((n) => n.startsWith('set-1')));
    });

    it('keeps reading the pages left when sets are deleted between pages', async () => {
      await createNamed(t(), names);
      const first = await t().ses.send(new ListConfigurationSetsCommand({ PageSize: 10 }));
      const firstPage = first.ConfigurationSets ?? [];
      await t().ses.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: firstPage[0] }));
      const rest = await listAll(t().ses, { PageSize: 10, NextToken: first.NextToken });
      expect([...firstPage, ...rest.names].sort()).toEqual(names);
    });

    it('refuses a bad token, a token of another filter or Region, a bad page size and a short filter with BadRequestException', async () => {
      await createNamed(t(), names);
      const filtered = await t().ses.send(new ListConfigurationSetsCommand({ Filter: { CONFIGURATION_SET_NAME_CONTAINS: 'set' }, PageSize: 5 }));
      expect(filtered.NextToken).toBeDefined();
      const eu = clientsFor(t().endpoint, t().name, 'eu-west-1').ses;
      const bad: ListConfigurationSetsCommandInput[] = [{ NextToken: 'not-a-token' }, { NextToken: filtered.NextToken }, { PageSize: 0 }, { PageSize: 1001 }, { Filter: { CONFIGURATION_SET_NAME_CONTAINS: 'se' } }];
      for (const input of bad) {
        const err = await failure(t().ses.send(new ListConfigurationSetsCommand(input)));
        expect(err, JSON.stringify(input)).toBeInstanceOf(BadRequestException);
        expect(err.$metadata.httpStatusCode).toBe(400);
      }
      expect(await failure(eu.send(new ListConfigurationSetsCommand({ Filter: { CONFIGURATION_SET_NAME_CONTAINS: 'set' }, NextToken: filtered.NextToken })))).toBeInstanceOf(BadRequestException);
      expect(await failure(viaGetRoute(t()).send(new ListConfigurationSetsCommand({ NextToken: 'not-a-token' })))).toBeInstanceOf(BadRequestException);
      expect((await t().ses.send(new ListConfigurationSetsCommand({ PageSize: 1000 }))).ConfigurationSets).toHaveLength(25);
    });
  },
  { moto: false },
);

conformance(
  'sesv2 Put...Options replace their whole group',
  (t) => {
    const name = 'opts';
    const cs = { ConfigurationSetName: name };

    it('PutConfigurationSetTrackingOptions sets, replaces and clears the custom redirect domain', async () => {
      await create(t(), cs);
      await t().ses.send(new PutConfigurationSetTrackingOptionsCommand({ ...cs, CustomRedirectDomain: 'track.example.com', HttpsPolicy: 'REQUIRE' }));
      expect((await get(t(), name)).TrackingOptions).toEqual({ CustomRedirectDomain: 'track.example.com', HttpsPolicy: 'REQUIRE' });
      await t().ses.send(new PutConfigurationSetTrackingOptionsCommand({ ...cs, CustomRedirectDomain: 'links.example.com' }));
      expect((await get(t(), name)).TrackingOptions).toEqual({ CustomRedirectDomain: 'links.example.com' });
      await t().ses.send(new PutConfigurationSetTrackingOptionsCommand(cs));
      expect((await get(t(), name)).TrackingOptions).toBeUndefined();
    });

    it('refuses an HttpsPolicy without a domain, a blank domain and an unknown HttpsPolicy', async () => {
      await create(t(), cs);
      const bad = [
        () => t().ses.send(new PutConfigurationSetTrackingOptionsCommand({ ...cs, HttpsPolicy: 'REQUIRE' })),
        () => t().ses.send(new PutConfigurationSetTrackingOptionsCommand({ ...cs, CustomRedirectDomain: '  ' })),
        () => t().ses.send(new PutConfigurationSetTrackingOptionsCommand({ ...cs, CustomRedirectDomain: 'x.example.com', HttpsPolicy: 'ALWAYS' as 'REQUIRE' })),
        () => create(t(), { ConfigurationSetName: 'https-only', TrackingOptions: { HttpsPolicy: 'REQUIRE' } as unknown as { CustomRedirectDomain: string } }),
      ];
      for (const call of bad) expect(await failure(call())).toBeInstanceOf(BadRequestException);
      expect((await get(t(), name)).TrackingOptions).toBeUndefined();
    });

    it('PutConfigurationSetDeliveryOptions replaces the group: a member left out is cleared', async () => {
      await createPoolA(t());
      await create(t(), { ...cs, DeliveryOptions: { TlsPolicy: 'REQUIRE', SendingPoolName: 'pool-a', MaxDeliverySeconds: 600 } });
      await t().ses.send(new PutConfigurationSetDeliveryOptionsCommand({ ...cs, TlsPolicy: 'OPTIONAL', MaxDeliverySeconds: 50400 }));
      expect((await get(t(), name)).DeliveryOptions).toEqual({ TlsPolicy: 'OPTIONAL', MaxDeliverySeconds: 50400 });
      await t().ses.send(new PutConfigurationSetDeliveryOptionsCommand({ ...cs, MaxDeliverySeconds: 300 }));
      expect((await get(t(), name)).DeliveryOptions).toEqual({ MaxDeliverySeconds: 300 });
      await t().ses.send(new PutConfigurationSetDeliveryOptionsCommand(cs));
      expect((await get(t(), name)).DeliveryOptions).toBeUndefined();
    });

    it('refuses MaxDeliverySeconds outside 300..50400 and a blank pool name', async () => {
      await create(t(), cs);
      for (const MaxDeliverySeconds of [299, 50401]) {
        const err = await failure(t().ses.send(new PutConfigurationSetDeliveryOptionsCommand({ ...cs, MaxDeliverySeconds })));
        expect(err).toBeInstanceOf(BadRequestException);
        expect(err.message).toContain('maxDeliverySeconds');
      }
      expect(await failure(t().ses.send(new PutConfigurationSetDeliveryOptionsCommand({ ...cs, SendingPoolName: '' })))).toBeInstanceOf(BadRequestException);
      expect(await failure(create(t(), { ConfigurationSetName: 'slow', DeliveryOptions: { MaxDeliverySeconds: 60 } }))).toBeInstanceOf(BadRequestException);
    });

    it('PutConfigurationSetReputationOptions and PutConfigurationSetSendingOptions set their flag; left out, the default returns', async () => {
      await create(t(), cs);
      await t().ses.send(new PutConfigurationSetReputationOptionsCommand({ ...cs, ReputationMetricsEnabled: true }));
      await t().ses.send(new PutConfigurationSetSendingOptionsCommand({ ...cs, SendingEnabled: false }));
      let got = await get(t(), name);
      expect([got.ReputationOptions, got.SendingOptions]).toEqual([{ ReputationMetricsEnabled: true }, { SendingEnabled: false }]);
      await t().ses.send(new PutConfigurationSetReputationOptionsCommand(cs));
      await t().ses.send(new PutConfigurationSetSendingOptionsCommand(cs));
      got = await get(t(), name);
      expect([got.ReputationOptions, got.SendingOptions]).toEqual([{ ReputationMetricsEnabled: false }, { SendingEnabled: true }]);
    });

    it('PutConfigurationSetSuppressionOptions replaces reasons and validation options; emptying the reasons reads back []', async () => {
      await create(t(), cs);
      const ValidationOptions = { ConditionThreshold: { ConditionThresholdEnabled: 'ENABLED' as const, OverallConfidenceThreshold: { ConfidenceVerdictThreshold: 'HIGH' as const } } };
      await t().ses.send(new PutConfigurationSetSuppressionOptionsCommand({ ...cs, SuppressedReasons: ['BOUNCE'], ValidationOptions }));
      expect((await get(t(), name)).SuppressionOptions).toEqual({ SuppressedReasons: ['BOUNCE'], ValidationOptions });
      await t().ses.send(new PutConfigurationSetSuppressionOptionsCommand({ ...cs, SuppressedReasons: [] }));
      expect((await get(t(), name)).SuppressionOptions).toEqual({ SuppressedReasons: [] });
      const err = await failure(t().ses.send(new PutConfigurationSetSuppressionOptionsCommand({ ...cs, SuppressedReasons: ['SPAM' as 'BOUNCE'] })));
      expect(err).toBeInstanceOf(BadRequestException);
      expect(err.message).toContain('[BOUNCE, COMPLAINT]');
    });

    it('PutConfigurationSetVdmOptions and PutConfigurationSetArchivingOptions set and clear their group', async () => {
      await create(t(), cs);
      const VdmOptions = { GuardianOptions: { OptimizedSharedDelivery: 'ENABLED' as const } };
      await t().ses.send(new PutConfigurationSetVdmOptionsCommand({ ...cs, VdmOptions }));
      await t().ses.send(new PutConfigurationSetArchivingOptionsCommand({ ...cs, ArchiveArn: ARCHIVE_ARN }));
      let got = await get(t(), name);
      expect([got.VdmOptions, got.ArchivingOptions]).toEqual([VdmOptions, { ArchiveArn: ARCHIVE_ARN }]);
      await t().ses.send(new PutConfigurationSetVdmOptionsCommand(cs));
      await t().ses.send(new PutConfigurationSetArchivingOptionsCommand(cs));
      got = await get(t(), name);
      expect([got.VdmOptions, got.ArchivingOptions]).toEqual([undefined, undefined]);
      expect(await failure(t().ses.send(new PutConfigurationSetArchivingOptionsCommand({ ...cs, ArchiveArn: 'arn:aws:s3:::bucket/archive-xx' })))).toBeInstanceOf(BadRequestException);
    });

    it('answers NotFoundException (404) for every Put on a set that does not exist', async () => {
      const missing = { ConfigurationSetName: 'missing' };
      const calls = [
        new PutConfigurationSetDeliveryOptionsCommand(missing),
        new PutConfigurationSetReputationOptionsCommand(missing),
        new PutConfigurationSetSendingOptionsCommand(missing),
        new PutConfigurationSetSuppressionOptionsCommand(missing),
        new PutConfigurationSetTrackingOptionsCommand(missing),
        new PutConfigurationSetVdmOptionsCommand(missing),
        new PutConfigurationSetArchivingOptionsCommand(missing),
      ];
      for (const command of calls) {
        const err = await failure(t().ses.send(command as never));
        expect(err).toBeInstanceOf(NotFoundException);
        expect(err.$metadata.httpStatusCode).toBe(404);
      }
    });
  },
  { moto: false },
);

const DESTINATIONS: Record<string, EventDestinationDefinition> = {
  'to-sns': { Enabled: true, MatchingEventTypes: ['DELIVERY_DELAY', 'SUBSCRIPTION'], SnsDestination: { TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:ses-events` } },
  'to-cloudwatch': {
    Enabled: true,
    MatchingEventTypes: ['SEND', 'BOUNCE', 'COMPLAINT'],
    CloudWatchDestination: {
      DimensionConfigurations: [
        { DimensionName: 'ses:configuration-set', DimensionValueSource: 'MESSAGE_TAG', DefaultDimensionValue: 'none' },
        { DimensionName: 'campaign', DimensionValueSource: 'EMAIL_HEADER', DefaultDimensionValue: 'ops@example.com' },
      ],
    },
  },
  'to-firehose': {
    Enabled: false,
    MatchingEventTypes: ['OPEN', 'CLICK'],
    KinesisFirehoseDestination: { IamRoleArn: `arn:aws:iam::${ACCOUNT}:role/ses`, DeliveryStreamArn: `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/ses` },
  },
  'to-eventbridge': { Enabled: true, MatchingEventTypes: ['REJECT'], EventBridgeDestination: { EventBusArn: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default` } },
  // Enabled left out: stored and returned as false (SES v1 model EventDestination.Enabled: "The default value is false").
  'to-pinpoint': { MatchingEventTypes: ['RENDERING_FAILURE'], PinpointDestination: { ApplicationArn: `arn:aws:mobiletargeting:${REGION}:${ACCOUNT}:apps/abc` } },
};

conformance(
  'sesv2 event destinations',
  (t) => {
    const ConfigurationSetName = 'events';
    const createDestination = (EventDestinationName: string, EventDestination: EventDestinationDefinition, setName = ConfigurationSetName) =>
      t().ses.send(new CreateConfigurationSetEventDestinationCommand({ ConfigurationSetName: setName, EventDestinationName, EventDestination }));
    const destinations = async () => (await t().ses.send(new GetConfigurationSetEventDestinationsCommand({ ConfigurationSetName }))).EventDestinations ?? [];

    it('creates one destination of each of the five types and Get returns each as sent, not in creation order', async () => {
      await create(t(), { ConfigurationSetName });
      for (const [name, definition] of Object.entries(DESTINATIONS)) await createDestination(name, definition);
      const got = await destinations();
      expect(got.map((d) => d.Name)).not.toEqual(Object.keys(DESTINATIONS));
      expect(Object.fromEntries(got.map(({ Name, ...rest }) => [Name, rest]))).toEqual({
        ...DESTINATIONS,
        'to-pinpoint': { ...DESTINATIONS['to-pinpoint'], Enabled: false },
      });
    });

    it('updates a destination by replacing its whole definition, and deletes one', async () => {
      await create(t(), { ConfigurationSetName });
      await createDestination('to-sns', DESTINATIONS['to-sns'] as EventDestinationDefinition);
      await createDestination('to-cloudwatch', DESTINATIONS['to-cloudwatch'] as EventDestinationDefinition);
      const replacement: EventDestinationDefinition = {
        MatchingEventTypes: ['BOUNCE'],
        CloudWatchDestination: { DimensionConfigurations: [{ DimensionName: 'stream', DimensionValueSource: 'LINK_TAG', DefaultDimensionValue: 'x' }] },
      };
      await t().ses.send(new UpdateConfigurationSetEventDestinationCommand({ ConfigurationSetName, EventDestinationName: 'to-cloudwatch', EventDestination: replacement }));
      await t().ses.send(new DeleteConfigurationSetEventDestinationCommand({ ConfigurationSetName, EventDestinationName: 'to-sns' }));
      expect(await destinations()).toEqual([{ Name: 'to-cloudwatch', Enabled: false, ...replacement }]);
    });

    it('refuses an 11th destination with LimitExceededException, and a duplicate name with AlreadyExistsException', async () => {
      await create(t(), { ConfigurationSetName });
      const sns = DESTINATIONS['to-sns'] as EventDestinationDefinition;
      for (let i = 0; i < 10; i++) await createDestination(`d${i}`, sns);
      const duplicate = await failure(createDestination('d3', sns));
      expect(duplicate).toBeInstanceOf(AlreadyExistsException);
      // maxAttempts 1 in the harness: the SDK classifies LimitExceededException as throttling and would retry it.
      const eleventh = await failure(createDestination('d10', sns));
      expect(eleventh).toBeInstanceOf(LimitExceededException);
      expect(eleventh.$metadata.httpStatusCode).toBe(400);
      expect(await destinations()).toHaveLength(10);
    });

    it('answers NotFoundException (404) for a missing set or destination', async () => {
      const sns = DESTINATIONS['to-sns'] as EventDestinationDefinition;
      const onMissingSet = [
        () => createDestination('d', sns, 'missing'),
        () => t().ses.send(new GetConfigurationSetEventDestinationsCommand({ ConfigurationSetName: 'missing' })),
      ];
      const onMissingDestination = [
        () => t().ses.send(new UpdateConfigurationSetEventDestinationCommand({ ConfigurationSetName, EventDestinationName: 'nope', EventDestination: sns })),
        () => t().ses.send(new DeleteConfigurationSetEventDestinationCommand({ ConfigurationSetName, EventDestinationName: 'nope' })),
      ];
      for (const call of onMissingSet) expect(await failure(call())).toBeInstanceOf(NotFoundException);
      await create(t(), { ConfigurationSetName });
      for (const call of [...onMissingSet.slice(0, 1), ...onMissingDestination]) {
        const err = await failure(call());
        expect(err).toBeInstanceOf(NotFoundException);
        expect(err.$metadata.httpStatusCode).toBe(404);
      }
    });

    it('refuses definitions AWS refuses with BadRequestException, and stores nothing', async () => {
      await create(t(), { ConfigurationSetName });
      const sns = { SnsDestination: { TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:t` } };
      const dimension = (DimensionName: string, DefaultDimensionValue = 'v') => ({ DimensionName, DimensionValueSource: 'MESSAGE_TAG' as const, DefaultDimensionValue });
      const cloudWatch = (...dims: ReturnType<typeof dimension>[]) => ({ MatchingEventTypes: ['SEND' as const], CloudWatchDestination: { DimensionConfigurations: dims } });
      const bus = (arn: string) => ({ MatchingEventTypes: ['SEND' as const], EventBridgeDestination: { EventBusArn: arn } });
      const bad: Record<string, [string, EventDestinationDefinition]> = {
        'no destination': ['d', { MatchingEventTypes: ['SEND'] }],
        'two destinations': ['d', { MatchingEventTypes: ['SEND'], ...sns, EventBridgeDestination: { EventBusArn: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default` } }],
        'no event types': ['d', { MatchingEventTypes: [], ...sns }],
        'event types left out': ['d', { ...sns }],
        'unknown event type': ['d', { MatchingEventTypes: ['OPENED' as 'OPEN'], ...sns }],
        'destination name with a dot': ['d.1', { MatchingEventTypes: ['SEND'], ...sns }],
        'destination name of 65 characters': ['d'.repeat(65), { MatchingEventTypes: ['SEND'], ...sns }],
        '11 dimensions': ['d', cloudWatch(...Array.from({ length: 11 }, (_, i) => dimension(`dim${i}`)))],
        'no dimensions': ['d', cloudWatch()],
        'dimension name with a space': ['d', cloudWatch(dimension('Campaign ID'))],
        'default value with a space': ['d', cloudWatch(dimension('campaign', 'not set'))],
        'blank default value': ['d', cloudWatch(dimension('campaign', ''))],
        'a custom event bus': ['d', bus(`arn:aws:events:${REGION}:${ACCOUNT}:event-bus/custom`)],
        'the default bus of another Region': ['d', bus(`arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/default`)],
        'the default bus of another account': ['d', bus(`arn:aws:events:${REGION}:210987654321:event-bus/default`)],
        'a Pinpoint destination without an application': ['d', { MatchingEventTypes: ['SEND'], PinpointDestination: {} }],
      };
      for (const [why, [name, definition]] of Object.entries(bad)) {
        const err = await failure(createDestination(name, definition));
        expect(err, why).toBeInstanceOf(BadRequestException);
        expect(err.$metadata.httpStatusCode, why).toBe(400);
      }
      expect(await destinations()).toEqual([]);
      // The same rules hold on Update.
      await createDestination('ok', { MatchingEventTypes: ['SEND'], ...sns });
      const [, twoTypes] = bad['two destinations'] as [string, EventDestinationDefinition];
      expect(await failure(t().ses.send(new UpdateConfigurationSetEventDestinationCommand({ ConfigurationSetName, EventDestinationName: 'ok', EventDestination: twoTypes })))).toBeInstanceOf(
        BadRequestException,
      );
      // Ten dimensions, auto-tag names with ':' and values with '@' and '.' are allowed.
      await createDestination('ten', cloudWatch(...Array.from({ length: 9 }, (_, i) => dimension(`dim-${i}`, 'a.b@c')), dimension('ses:from-domain')));
      expect((await destinations()).map((d) => d.Name).sort()).toEqual(['ok', 'ten']);
    });
  },
  { moto: false },
);

conformance('sesv2 email identities and dedicated IP pools', (t) => {
  it('creates identities and pools, verified at once, and lists every page of each', async () => {
    const made = await t().ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'mail.example.org' }));
    expect(made.IdentityType).toBe('DOMAIN');
    await t().ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'ops@example.net' }));
    expect((await t().ses.send(new GetEmailIdentityCommand({ EmailIdentity: 'ops@example.net' }))).IdentityType).toBe('EMAIL_ADDRESS');
    for (const PoolName of ['pool-a', 'pool-b', 'pool-c']) await t().ses.send(new CreateDedicatedIpPoolCommand({ PoolName }));

    const viaGet = viaGetRoute(t());
    const pageSize = !difference(t(), { moto: 'ListEmailIdentities and ListDedicatedIpPools fail (500) when given a PageSize, which moto reads as a string (moto 5.2.1)' });
    const identities: { IdentityName?: string; IdentityType?: string; VerificationStatus?: string }[] = [];
    let NextToken: string | undefined;
    do {
      const page: ListEmailIdentitiesCommandOutput = await viaGet.send(new ListEmailIdentitiesCommand({ ...(pageSize ? { PageSize: 1 } : {}), NextToken }));
      identities.push(...(page.EmailIdentities ?? []));
      NextToken = page.NextToken ?? undefined;
    } while (NextToken);
    // The emulator's default account also has example.com (src/emulator/sesv2/settings.ts); moto starts empty.
    const made2 = identities.filter((i) => i.IdentityName !== 'example.com');
    expect(made2.map((i) => [i.IdentityName, i.IdentityType, i.VerificationStatus]).sort()).toEqual([
      ['mail.example.org', 'DOMAIN', 'SUCCESS'],
      ['ops@example.net', 'EMAIL_ADDRESS', 'SUCCESS'],
    ]);
    const pools: string[] = [];
    NextToken = undefined;
    do {
      const page: ListDedicatedIpPoolsCommandOutput = await t().ses.send(new ListDedicatedIpPoolsCommand({ ...(pageSize ? { PageSize: 2 } : {}), NextToken }));
      pools.push(...(page.DedicatedIpPools ?? []));
      NextToken = page.NextToken ?? undefined;
    } while (NextToken);
    expect(pools.filter((p) => p !== 'shared').sort()).toEqual(['pool-a', 'pool-b', 'pool-c']);
  });
});

conformance(
  'sesv2 configuration sets against the account: verified identities and dedicated IP pools',
  (t) => {
    it('by default has the domain example.com and the pool shared: a subdomain of example.com tracks, another domain and pool are refused', async () => {
      await create(t(), { ConfigurationSetName: 'ok', TrackingOptions: { CustomRedirectDomain: 'click.example.com' }, DeliveryOptions: { SendingPoolName: 'shared' } });
      expect((await get(t(), 'ok')).DeliveryOptions?.SendingPoolName).toBe('shared');
      for (const bad of [{ TrackingOptions: { CustomRedirectDomain: 'click.example.org' } }, { DeliveryOptions: { SendingPoolName: 'pool-a' } }, { TrackingOptions: { CustomRedirectDomain: 'badexample.com' } }]) {
        expect(await failure(create(t(), { ConfigurationSetName: 'bad', ...bad }))).toBeInstanceOf(BadRequestException);
      }
    });

    it('accepts what CreateEmailIdentity and CreateDedicatedIpPool made; an address identity covers no domain', async () => {
      await t().ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'ops@example.org' }));
      expect(await failure(create(t(), { ConfigurationSetName: 'a', TrackingOptions: { CustomRedirectDomain: 'example.org' } }))).toBeInstanceOf(BadRequestException);
      await t().ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'example.org' }));
      await createPoolA(t());
      await create(t(), { ConfigurationSetName: 'a', TrackingOptions: { CustomRedirectDomain: 'links.example.org' }, DeliveryOptions: { SendingPoolName: 'pool-a' } });
      expect((await get(t(), 'a')).TrackingOptions?.CustomRedirectDomain).toBe('links.example.org');
    });

    it('with lists configured, refuses an unverified redirect domain and an unknown pool with BadRequestException', async () => {
      configureSesv2(emulatorOf(t()), { verifiedDomains: ['Track.Example.com'], sendingPools: ['pool-a'] });
      await create(t(), FULL);
      const bad = [
        () => create(t(), { ConfigurationSetName: 'b1', TrackingOptions: { CustomRedirectDomain: 'other.example.com' } }),
        () => create(t(), { ConfigurationSetName: 'b2', DeliveryOptions: { SendingPoolName: 'pool-b' } }),
        () => t().ses.send(new PutConfigurationSetDeliveryOptionsCommand({ ConfigurationSetName: 'full', SendingPoolName: 'Pool-A' })),
      ];
      for (const call of bad) {
        const err = await failure(call());
        expect(err).toBeInstanceOf(BadRequestException);
        expect(err.$metadata.httpStatusCode).toBe(400);
      }
      expect(await failure(get(t(), 'b1'))).toBeInstanceOf(NotFoundException);
      // A subdomain of a verified domain is a valid tracking domain (src/emulator/sesv2/account.ts, "Covering").
      await t().ses.send(new PutConfigurationSetTrackingOptionsCommand({ ConfigurationSetName: 'full', CustomRedirectDomain: 'sub.track.example.com' }));
      const got = await get(t(), 'full');
      expect([got.TrackingOptions?.CustomRedirectDomain, got.DeliveryOptions?.SendingPoolName]).toEqual(['sub.track.example.com', 'pool-a']);
    });

    it('takes settings through the admin route and refuses malformed ones', async () => {
      const put = (body: unknown) => fetch(`${t().endpoint}/_emulator/config/sesv2`, { method: 'PUT', body: JSON.stringify(body) });
      expect((await put({ sendingPools: [] })).status).toBe(200);
      expect(await failure(create(t(), { ConfigurationSetName: 'p', DeliveryOptions: { SendingPoolName: 'shared' } }))).toBeInstanceOf(BadRequestException);
      expect((await t().ses.send(new ListDedicatedIpPoolsCommand({}))).DedicatedIpPools).toEqual([]);
      // Each call states the whole configuration: what it leaves out goes back to its default.
      expect((await put({ verifiedDomains: ['x.example.com'] })).status).toBe(200);
      await create(t(), { ConfigurationSetName: 'p', DeliveryOptions: { SendingPoolName: 'shared' } });
      expect((await t().ses.send(new ListEmailIdentitiesCommand({}))).EmailIdentities?.map((i) => i.IdentityName)).toEqual(['x.example.com']);
      for (const body of [{ verifiedDomains: 'example.com' }, { verifiedDomains: '*' }, { sendingPool: ['a'] }, [], { sendingPools: [''] }]) {
        const r = await put(body);
        expect(r.status, JSON.stringify(body)).toBe(400);
        expect(((await r.json()) as { error: string }).error).toMatch(/sesv2/);
      }
    });
  },
  { moto: false },
);

conformance(
  'sesv2 faults, call log and unknown operations',
  (t) => {
    it('surfaces an injected throttle as TooManyRequestsException (429)', async () => {
      emulatorOf(t()).setFaults({ rateLimit: { sesv2: 1 } });
      await create(t(), { ConfigurationSetName: 'first' });
      const err = await failure(get(t(), 'first'));
      expect(err).toBeInstanceOf(TooManyRequestsException);
      expect(err.$metadata.httpStatusCode).toBe(429);
      expect(emulatorOf(t()).calls().calls.map((c) => [c.operation, c.status, c.fault])).toEqual([
        ['CreateConfigurationSet', 200, undefined],
        ['GetConfigurationSet', 429, 'throttled'],
      ]);
    });

    it('fails a named operation as injected, in REST-JSON form the SDK decodes', async () => {
      emulatorOf(t()).setFaults({
        failOperations: { 'sesv2:GetConfigurationSet': { times: 1 }, DeleteConfigurationSet: { code: 'ConcurrentModificationException', message: 'busy', times: 1 } },
      });
      await create(t(), { ConfigurationSetName: 'flaky' });
      const internal = await failure(get(t(), 'flaky'));
      expect(internal).toBeInstanceOf(SESv2ServiceException);
      expect([internal.name, internal.$metadata.httpStatusCode]).toEqual(['InternalFailure', 500]);
      expect(internal.message).toContain('GetConfigurationSet');
      const busy = await failure(t().ses.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: 'flaky' })));
      expect(busy).toBeInstanceOf(ConcurrentModificationException);
      expect(busy.message).toBe('busy');
      // Spent after one failure each; the set was never deleted.
      expect((await get(t(), 'flaky')).ConfigurationSetName).toBe('flaky');
    });

    it('counts every call in the call log under sesv2:<Operation>', async () => {
      await create(t(), { ConfigurationSetName: 'logged' });
      await get(t(), 'logged');
      await get(t(), 'logged');
      await t().ses.send(new ListConfigurationSetsCommand({}));
      await viaGetRoute(t()).send(new ListConfigurationSetsCommand({}));
      await t().ses.send(new PutConfigurationSetSendingOptionsCommand({ ConfigurationSetName: 'logged', SendingEnabled: true }));
      await t().ses.send(new CreateConfigurationSetEventDestinationCommand({ ConfigurationSetName: 'logged', EventDestinationName: 'e', EventDestination: DESTINATIONS['to-sns'] }));
      await t().ses.send(new UntagResourceCommand({ ResourceArn: arnOf('logged'), TagKeys: ['a'] }));
      await failure(get(t(), 'missing'));
      expect(emulatorOf(t()).calls().byOperation).toEqual({
        'sesv2:CreateConfigurationSet': 1,
        'sesv2:CreateConfigurationSetEventDestination': 1,
        'sesv2:GetConfigurationSet': 3,
        'sesv2:ListConfigurationSets': 2,
        'sesv2:PutConfigurationSetSendingOptions': 1,
        'sesv2:UntagResource': 1,
      });
    });

    it('answers an operation it does not emulate with UnknownOperationException (404)', async () => {
      const err = await failure(t().ses.send(new GetAccountCommand({})));
      expect(err).toBeInstanceOf(SESv2ServiceException);
      expect([err.name, err.$metadata.httpStatusCode]).toEqual(['UnknownOperationException', 404]);
      expect(err.message).toContain('GET /v2/email/account');
      expect(emulatorOf(t()).calls().byOperation).toEqual({ 'sesv2:UnknownOperation': 1 });
    });
  },
  { moto: false },
);
