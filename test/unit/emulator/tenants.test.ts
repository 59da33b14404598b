/**
 * SES tenants in the emulator, driven by the real SESv2 (and tagging) SDK clients over HTTP: tenants,
 * their resource associations, reputation entities and policies, the findings hook that stands in for
 * SES's reputation monitoring, recommendations, tags and sends naming a tenant.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import {
  CreateEmailIdentityCommand,
  CreateConfigurationSetCommand,
  CreateTenantCommand,
  CreateTenantResourceAssociationCommand,
  DeleteConfigurationSetCommand,
  DeleteTenantCommand,
  DeleteTenantResourceAssociationCommand,
  GetReputationEntityCommand,
  GetTenantCommand,
  ListRecommendationsCommand,
  ListReputationEntitiesCommand,
  ListResourceTenantsCommand,
  ListTagsForResourceCommand,
  ListTenantResourcesCommand,
  ListTenantsCommand,
  PutTenantSuppressionAttributesCommand,
  SendEmailCommand,
  SESv2Client,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateReputationEntityCustomerManagedStatusCommand,
  UpdateReputationEntityPolicyCommand,
  type ListRecommendationsRequest,
  type SendEmailRequest,
} from '@aws-sdk/client-sesv2';
import { startFullEmulator, type Emulator } from '../../../src/emulator/index.js';
import { configureSesv2 } from '../../../src/emulator/sesv2/service.js';
import type { ReputationFinding } from '../../../src/emulator/types.js';

const ACCOUNT = '123456789012';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const setArn = (name: string, region = 'us-east-1') => `arn:aws:ses:${region}:${ACCOUNT}:configuration-set/${name}`;
const identityArn = (name: string) => `arn:aws:ses:us-east-1:${ACCOUNT}:identity/${name}`;
const policy = (name: string, region = 'us-east-1') => `arn:aws:ses:${region}:aws:reputation-policy/${name}`;

let emulator: Emulator;
let ses: SESv2Client;
let west: SESv2Client;
let tagging: ResourceGroupsTaggingAPIClient;

beforeAll(async () => {
  emulator = await startFullEmulator();
  const common = { endpoint: emulator.url, credentials, maxAttempts: 1 };
  ses = new SESv2Client({ ...common, region: 'us-east-1' });
  west = new SESv2Client({ ...common, region: 'eu-west-1' });
  tagging = new ResourceGroupsTaggingAPIClient({ ...common, region: 'us-east-1' });
});
beforeEach(() => emulator.reset());
afterAll(async () => {
  ses.destroy();
  west.destroy();
  tagging.destroy();
  await emulator.close();
});

/** The error a call fails with: its name, HTTP status and message. */
async function failure(p: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error('the call succeeded');
}

async function tenant(name: string) {
  const created = await ses.send(new CreateTenantCommand({ TenantName: name }));
  return created.TenantArn as string;
}

const entity = async (arn: string) => (await ses.send(new GetReputationEntityCommand({ ReputationEntityType: 'RESOURCE', ReputationEntityReference: arn }))).ReputationEntity;
const customerStatus = (arn: string, SendingStatus: 'ENABLED' | 'DISABLED' | 'REINSTATED') =>
  ses.send(new UpdateReputationEntityCustomerManagedStatusCommand({ ReputationEntityType: 'RESOURCE', ReputationEntityReference: arn, SendingStatus }));
const setPolicy = (arn: string, name: string) => ses.send(new UpdateReputationEntityPolicyCommand({ ReputationEntityType: 'RESOURCE', ReputationEntityReference: arn, ReputationEntityPolicy: policy(name) }));
const finding = (f: Partial<ReputationFinding> & Pick<ReputationFinding, 'tenant'>) => emulator.recordFinding({ region: 'us-east-1', type: 'BOUNCE', impact: 'HIGH', ...f });
const associate = (TenantName: string, ResourceArn: string) => ses.send(new CreateTenantResourceAssociationCommand({ TenantName, ResourceArn }));

describe('tenants', () => {
  it('creates a tenant with AWS id and ARN formats, and gets it back', async () => {
    const created = await ses.send(new CreateTenantCommand({ TenantName: 'acme', Tags: [{ Key: 'stack', Value: 'blue' }] }));
    expect(created.TenantId).toMatch(/^tn-[0-9a-f]{30}$/);
    expect(created.TenantArn).toBe(`arn:aws:ses:us-east-1:${ACCOUNT}:tenant/acme/${created.TenantId}`);
    const { Tenant } = await ses.send(new GetTenantCommand({ TenantName: 'acme' }));
    expect(Tenant).toEqual({
      TenantName: 'acme',
      TenantId: created.TenantId,
      TenantArn: created.TenantArn,
      CreatedTimestamp: expect.any(Date),
      Tags: [{ Key: 'stack', Value: 'blue' }],
      SendingStatus: 'ENABLED',
    });
  });

  it('refuses bad names, duplicates and unknown tenants with AWS error codes', async () => {
    for (const bad of ['has space', 'x'.repeat(65), 'dot.name', '']) {
      expect((await failure(ses.send(new CreateTenantCommand({ TenantName: bad })))).name, bad).toBe('BadRequestException');
    }
    await tenant('acme');
    expect(await failure(ses.send(new CreateTenantCommand({ TenantName: 'acme' })))).toMatchObject({ name: 'AlreadyExistsException', status: 400 });
    expect(await failure(ses.send(new GetTenantCommand({ TenantName: 'nobody' })))).toMatchObject({ name: 'NotFoundException', status: 404 });
    expect((await failure(ses.send(new DeleteTenantCommand({ TenantName: 'nobody' })))).name).toBe('NotFoundException');
  });

  it('keeps tenants per Region', async () => {
    await tenant('acme');
    expect((await failure(west.send(new GetTenantCommand({ TenantName: 'acme' })))).name).toBe('NotFoundException');
    const westArn = (await west.send(new CreateTenantCommand({ TenantName: 'acme' }))).TenantArn;
    expect(westArn).toMatch(/^arn:aws:ses:eu-west-1:/);
  });

  it('sets, replaces and clears tenant suppression attributes as a pair', async () => {
    await ses.send(new CreateTenantCommand({ TenantName: 'acme', SuppressionAttributes: { SuppressionScope: 'TENANT', SuppressedReasons: ['BOUNCE'] } }));
    const get = async () => (await ses.send(new GetTenantCommand({ TenantName: 'acme' }))).Tenant?.SuppressionAttributes;
    expect(await get()).toEqual({ SuppressionScope: 'TENANT', SuppressedReasons: ['BOUNCE'] });
    await ses.send(new PutTenantSuppressionAttributesCommand({ TenantName: 'acme', SuppressionScope: 'ACCOUNT', SuppressedReasons: [] }));
    expect(await get()).toEqual({ SuppressionScope: 'ACCOUNT', SuppressedReasons: [] });
    for (const half of [{ SuppressionScope: 'TENANT' as const }, { SuppressedReasons: ['COMPLAINT' as const] }, { SuppressionScope: 'TENANT' as const, SuppressedReasons: ['BOUNCE' as const, 'BOUNCE' as const] }]) {
      expect((await failure(ses.send(new PutTenantSuppressionAttributesCommand({ TenantName: 'acme', ...half })))).name).toBe('BadRequestException');
    }
    expect((await failure(ses.send(new CreateTenantCommand({ TenantName: 'b', SuppressionAttributes: { SuppressedReasons: ['BOUNCE'] } })))).name).toBe('BadRequestException');
    await ses.send(new PutTenantSuppressionAttributesCommand({ TenantName: 'acme' }));
    expect(await get()).toBeUndefined();
    expect((await failure(ses.send(new PutTenantSuppressionAttributesCommand({ TenantName: 'nobody' })))).name).toBe('NotFoundException');
  });

  it('lists tenants in pages, each once, and filters by name and sending status', async () => {
    const names = ['alpha', 'beta', 'gamma', 'delta', 'Alphonse'];
    const arns = new Map<string, string>();
    for (const n of names) arns.set(n, await tenant(n));
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await ses.send(new ListTenantsCommand({ PageSize: 2, NextToken: token }));
      expect(page.Tenants?.length).toBeLessThanOrEqual(2);
      seen.push(...(page.Tenants ?? []).map((t) => t.TenantName as string));
      token = page.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual([...names].sort());

    const contains = await ses.send(new ListTenantsCommand({ Filter: { TENANT_NAME_CONTAINS: 'alph' } }));
    expect(contains.Tenants?.map((t) => t.TenantName).sort()).toEqual(['Alphonse', 'alpha']);
    await customerStatus(arns.get('beta') as string, 'DISABLED');
    const disabled = await ses.send(new ListTenantsCommand({ Filter: { SENDING_STATUS: 'DISABLED' } }));
    expect(disabled.Tenants?.map((t) => [t.TenantName, t.SendingStatus])).toEqual([['beta', 'DISABLED']]);
    expect((await failure(ses.send(new ListTenantsCommand({ Filter: { SENDING_STATUS: 'PAUSED' } })))).name).toBe('BadRequestException');
    expect((await failure(ses.send(new ListTenantsCommand({ NextToken: 'garbage' })))).name).toBe('BadRequestException');
  });

  it('forgets tenants on reset', async () => {
    await tenant('acme');
    emulator.reset();
    expect((await ses.send(new ListTenantsCommand({}))).Tenants).toEqual([]);
  });
});

describe('tenant resource associations', () => {
  beforeEach(async () => {
    await tenant('acme');
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'mail' }));
  });

  it('lists an association both ways, with the ARN segment as ResourceType', async () => {
    await associate('acme', setArn('mail'));
    await associate('acme', identityArn('example.com'));
    const all = await ses.send(new ListTenantResourcesCommand({ TenantName: 'acme' }));
    expect(all.TenantResources?.map((r) => [r.ResourceType, r.ResourceArn]).sort()).toEqual([
      ['configuration-set', setArn('mail')],
      ['identity', identityArn('example.com')],
    ]);
    const sets = await ses.send(new ListTenantResourcesCommand({ TenantName: 'acme', Filter: { RESOURCE_TYPE: 'configuration-set' } }));
    expect(sets.TenantResources?.map((r) => r.ResourceArn)).toEqual([setArn('mail')]);
    // AWS refuses the SDK enum's spelling as a filter value (floci's record).
    expect((await failure(ses.send(new ListTenantResourcesCommand({ TenantName: 'acme', Filter: { RESOURCE_TYPE: 'CONFIGURATION_SET' } })))).name).toBe('BadRequestException');

    const { ResourceTenants } = await ses.send(new ListResourceTenantsCommand({ ResourceArn: setArn('mail') }));
    expect(ResourceTenants).toEqual([{ TenantName: 'acme', TenantId: expect.stringMatching(/^tn-/), ResourceArn: setArn('mail'), AssociatedTimestamp: expect.any(Date) }]);
  });

  it('refuses duplicates, missing resources and ARNs that are not this account and Region', async () => {
    await associate('acme', setArn('mail'));
    expect((await failure(associate('acme', setArn('mail')))).name).toBe('AlreadyExistsException');
    expect(await failure(associate('acme', setArn('nope')))).toMatchObject({ name: 'NotFoundException', status: 404 });
    expect((await failure(associate('nobody', setArn('mail')))).name).toBe('NotFoundException');
    for (const arn of ['not-an-arn', 'arn:aws:sns:us-east-1:123456789012:t', `arn:aws:ses:us-east-1:${ACCOUNT}:dedicated-ip-pool/p`, setArn('mail', 'eu-west-1'), 'arn:aws:ses:us-east-1:999999999999:configuration-set/mail']) {
      expect((await failure(associate('acme', arn))).name, arn).toBe('BadRequestException');
    }
  });

  it('accepts an identity only when the account has that identity, by its own name', async () => {
    configureSesv2(emulator, { verifiedDomains: ['example.com'] });
    await associate('acme', identityArn('example.com'));
    // An address under a verified domain may send, but is not an identity of its own until it is created.
    expect((await failure(associate('acme', identityArn('sender@example.com')))).name).toBe('NotFoundException');
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'sender@example.com' }));
    await associate('acme', identityArn('sender@example.com'));
    expect((await failure(associate('acme', identityArn('other.org')))).name).toBe('NotFoundException');
    expect((await failure(associate('acme', identityArn('a@other.org')))).name).toBe('NotFoundException');
  });

  it('refuses to delete a configuration set while it is associated, and deletes it once the association is gone', async () => {
    await associate('acme', setArn('mail'));
    const refused = await failure(ses.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: 'mail' })));
    expect(refused).toMatchObject({ name: 'BadRequestException', status: 400 });
    expect(refused.message).toContain(setArn('mail'));
    await ses.send(new DeleteTenantResourceAssociationCommand({ TenantName: 'acme', ResourceArn: setArn('mail') }));
    // Removing it again is not an error.
    await ses.send(new DeleteTenantResourceAssociationCommand({ TenantName: 'acme', ResourceArn: setArn('mail') }));
    await ses.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: 'mail' }));
  });

  it('DeleteTenant removes the tenant and its associations, not the resources', async () => {
    await associate('acme', setArn('mail'));
    await ses.send(new DeleteTenantCommand({ TenantName: 'acme' }));
    expect((await ses.send(new ListResourceTenantsCommand({ ResourceArn: setArn('mail') }))).ResourceTenants).toEqual([]);
    expect((await failure(ses.send(new GetTenantCommand({ TenantName: 'acme' })))).name).toBe('NotFoundException');
    await ses.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: 'mail' }));
  });
});

describe('reputation entities', () => {
  it('gives a new tenant the standard policy, both statuses ENABLED and no impact', async () => {
    const arn = await tenant('acme');
    expect(await entity(arn)).toEqual({
      ReputationEntityReference: arn,
      ReputationEntityType: 'RESOURCE',
      ReputationManagementPolicy: policy('standard'),
      CustomerManagedStatus: { Status: 'ENABLED', LastUpdatedTimestamp: expect.any(Date) },
      AwsSesManagedStatus: { Status: 'ENABLED', LastUpdatedTimestamp: expect.any(Date) },
      SendingStatusAggregate: 'ENABLED',
    });
    expect((await failure(entity(arn.replace(/tn-[0-9a-f]+$/, 'tn-0')))).name).toBe('NotFoundException');
  });

  it('updates the policy to an AWS-owned one of the Region only', async () => {
    const arn = await tenant('acme');
    await setPolicy(arn, 'strict');
    expect((await entity(arn))?.ReputationManagementPolicy).toBe(policy('strict'));
    for (const bad of [policy('lenient'), policy('strict', 'eu-west-1'), `arn:aws:ses:us-east-1:${ACCOUNT}:reputation-policy/strict`]) {
      const f = await failure(ses.send(new UpdateReputationEntityPolicyCommand({ ReputationEntityType: 'RESOURCE', ReputationEntityReference: arn, ReputationEntityPolicy: bad })));
      expect(f.name, bad).toBe('BadRequestException');
    }
    expect((await failure(setPolicy(`arn:aws:ses:us-east-1:${ACCOUNT}:tenant/x/tn-0`, 'none'))).name).toBe('BadRequestException');
  });

  it('a customer DISABLED status disables sending; ENABLED restores it', async () => {
    const arn = await tenant('acme');
    await customerStatus(arn, 'DISABLED');
    expect(await entity(arn)).toMatchObject({ CustomerManagedStatus: { Status: 'DISABLED' }, AwsSesManagedStatus: { Status: 'ENABLED' }, SendingStatusAggregate: 'DISABLED' });
    expect((await ses.send(new GetTenantCommand({ TenantName: 'acme' }))).Tenant?.SendingStatus).toBe('DISABLED');
    await customerStatus(arn, 'ENABLED');
    expect((await entity(arn))?.SendingStatusAggregate).toBe('ENABLED');
  });

  it('pauses on findings as the policy says: standard on HIGH, strict on any, none never', async () => {
    const std = await tenant('std');
    const strict = await tenant('strict');
    const none = await tenant('none');
    await setPolicy(strict, 'strict');
    await setPolicy(none, 'none');

    finding({ tenant: 'std', impact: 'LOW' });
    expect(await entity(std)).toMatchObject({ SendingStatusAggregate: 'ENABLED', ReputationImpact: 'LOW' });
    finding({ tenant: 'std', type: 'COMPLAINT', impact: 'HIGH', description: 'complaints over 0.5%' });
    expect(await entity(std)).toMatchObject({ AwsSesManagedStatus: { Status: 'DISABLED', Cause: 'complaints over 0.5%' }, SendingStatusAggregate: 'DISABLED', ReputationImpact: 'HIGH' });

    finding({ tenant: 'strict', impact: 'LOW' });
    expect((await entity(strict))?.SendingStatusAggregate).toBe('DISABLED');
    finding({ tenant: 'none', impact: 'HIGH' });
    expect(await entity(none)).toMatchObject({ SendingStatusAggregate: 'ENABLED', ReputationImpact: 'HIGH' });
    expect(emulator.log({ event: 'ses:TenantPaused' }).map((e) => e.details?.tenant).sort()).toEqual(['std', 'strict']);
  });

  it('a reinstated tenant sends despite the pause until a new finding pauses it again', async () => {
    const arn = await tenant('acme');
    emulator.setClock({ at: '2026-03-01T10:00:00Z' });
    finding({ tenant: 'acme' });
    expect((await entity(arn))?.SendingStatusAggregate).toBe('DISABLED');
    emulator.setClock({ at: '2026-03-01T11:00:00Z' });
    await customerStatus(arn, 'REINSTATED');
    expect(await entity(arn)).toMatchObject({ AwsSesManagedStatus: { Status: 'DISABLED' }, CustomerManagedStatus: { Status: 'REINSTATED' }, SendingStatusAggregate: 'REINSTATED' });
    expect((await ses.send(new GetTenantCommand({ TenantName: 'acme' }))).Tenant?.SendingStatus).toBe('REINSTATED');
    emulator.setClock({ at: '2026-03-01T12:00:00Z' });
    finding({ tenant: 'acme', type: 'COMPLAINT' });
    expect((await entity(arn))?.SendingStatusAggregate).toBe('DISABLED');
  });

  it('serves the findings hook over HTTP and refuses a bad finding readably', async () => {
    await tenant('acme');
    const post = (body: unknown) => fetch(`${emulator.url}/_emulator/sesv2/findings`, { method: 'POST', body: JSON.stringify(body) });
    const ok = await post({ region: 'us-east-1', tenant: 'acme', type: 'BOUNCE', impact: 'HIGH' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ Type: 'BOUNCE', Impact: 'HIGH', Status: 'OPEN' });
    for (const bad of [{ region: 'us-east-1', tenant: 'nobody', type: 'BOUNCE', impact: 'HIGH' }, { region: 'us-east-1', tenant: 'acme', type: 'DKIM', impact: 'HIGH' }]) {
      const res = await post(bad);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/tenant nobody|type must be one of/);
    }
  });

  it('lists reputation entities by sending status, impact and reference prefix', async () => {
    const a = await tenant('a');
    const b = await tenant('b');
    finding({ tenant: 'a' });
    const list = async (Filter: Record<string, string>) => (await ses.send(new ListReputationEntitiesCommand({ Filter }))).ReputationEntities?.map((e) => e.ReputationEntityReference).sort();
    expect(await list({})).toEqual([a, b].sort());
    expect(await list({ SENDING_STATUS: 'DISABLED' })).toEqual([a]);
    expect(await list({ REPUTATION_IMPACT: 'HIGH' })).toEqual([a]);
    expect(await list({ ENTITY_REFERENCE_PREFIX: b.slice(0, b.lastIndexOf('/')) })).toEqual([b]);
    expect(await list({ SENDING_STATUS: 'ENABLED', ENTITY_TYPE: 'RESOURCE' })).toEqual([b]);
    expect((await failure(list({ REPUTATION_IMPACT: 'MEDIUM' }))).name).toBe('BadRequestException');
  });
});

describe('recommendations', () => {
  it('lists findings with the filter combinations the API allows, in pages of at most 100', async () => {
    const a = await tenant('a');
    const b = await tenant('b');
    finding({ tenant: 'a', type: 'BOUNCE', impact: 'HIGH' });
    finding({ tenant: 'a', type: 'COMPLAINT', impact: 'LOW', status: 'FIXED' });
    finding({ tenant: 'b', type: 'BOUNCE', impact: 'LOW' });
    const list = async (req: ListRecommendationsRequest) => (await ses.send(new ListRecommendationsCommand(req))).Recommendations?.map((r) => `${r.ResourceArn === a ? 'a' : 'b'}:${r.Type}`).sort();
    expect(await list({})).toEqual(['a:BOUNCE', 'a:COMPLAINT', 'b:BOUNCE']);
    expect(await list({ Filter: { RESOURCE_ARN: b } })).toEqual(['b:BOUNCE']);
    expect(await list({ Filter: { STATUS: 'OPEN', IMPACT: 'LOW' } })).toEqual(['b:BOUNCE']);
    expect(await list({ Filter: { STATUS: 'FIXED', TYPE: 'COMPLAINT' } })).toEqual(['a:COMPLAINT']);
    expect((await failure(list({ Filter: { IMPACT: 'LOW', TYPE: 'BOUNCE' } }))).name).toBe('BadRequestException');
    expect((await failure(list({ Filter: { STATUS: 'CLOSED' } }))).name).toBe('BadRequestException');
    expect((await failure(list({ PageSize: 101 }))).name).toBe('BadRequestException');

    const first = await ses.send(new ListRecommendationsCommand({ PageSize: 2 }));
    const second = await ses.send(new ListRecommendationsCommand({ PageSize: 2, NextToken: first.NextToken }));
    expect([first.Recommendations?.length, second.Recommendations?.length, second.NextToken]).toEqual([2, 1, undefined]);
  });

  it('updates a finding of the same type in place and drops findings with their tenant', async () => {
    const a = await tenant('a');
    emulator.setClock({ at: '2026-03-01T10:00:00Z' });
    finding({ tenant: 'a', impact: 'LOW' });
    emulator.setClock({ at: '2026-03-01T11:00:00Z' });
    finding({ tenant: 'a', impact: 'HIGH', status: 'FIXED' });
    const [r] = (await ses.send(new ListRecommendationsCommand({ Filter: { RESOURCE_ARN: a } }))).Recommendations ?? [];
    expect(r).toMatchObject({ Impact: 'HIGH', Status: 'FIXED', CreatedTimestamp: new Date('2026-03-01T10:00:00Z'), LastUpdatedTimestamp: new Date('2026-03-01T11:00:00Z') });
    // A FIXED finding pauses nothing, and has no impact on the entity.
    expect(await entity(a)).not.toHaveProperty('ReputationImpact');
    expect((await entity(a))?.SendingStatusAggregate).toBe('ENABLED');
    await ses.send(new DeleteTenantCommand({ TenantName: 'a' }));
    expect((await ses.send(new ListRecommendationsCommand({}))).Recommendations).toEqual([]);
  });
});

describe('tenant tags', () => {
  it('tags a tenant by its ARN, shows the tags in GetTenant and lists the tenant in the tag index as ses:tenant', async () => {
    const arn = await tenant('acme');
    await ses.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'stack', Value: 'blue' }, { Key: 'team', Value: 'mail' }] }));
    await ses.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['team'] }));
    expect((await ses.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toEqual([{ Key: 'stack', Value: 'blue' }]);
    expect((await ses.send(new GetTenantCommand({ TenantName: 'acme' }))).Tenant?.Tags).toEqual([{ Key: 'stack', Value: 'blue' }]);

    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'mail', Tags: [{ Key: 'stack', Value: 'blue' }] }));
    const indexed = await tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['ses:tenant'] }));
    expect(indexed.ResourceTagMappingList).toEqual([{ ResourceARN: arn, Tags: [{ Key: 'stack', Value: 'blue' }] }]);
    const gone = arn.replace(/tn-[0-9a-f]+$/, 'tn-0');
    expect((await failure(ses.send(new ListTagsForResourceCommand({ ResourceArn: gone })))).name).toBe('NotFoundException');
  });
});

describe('SendEmail with TenantName', () => {
  const send = (over: Partial<SendEmailRequest> = {}) =>
    ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'sender@example.com',
        Destination: { ToAddresses: ['success@simulator.amazonses.com'] },
        Content: { Simple: { Subject: { Data: 'hi' }, Body: { Text: { Data: 'hello' } } } },
        ConfigurationSetName: 'Mail',
        TenantName: 'acme',
        ...over,
      }),
    );

  beforeEach(async () => {
    await tenant('acme');
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'Mail' }));
  });

  it('refuses an unknown tenant, a send without a set, and resources not associated with the tenant', async () => {
    expect((await failure(send({ TenantName: 'nobody' }))).name).toBe('NotFoundException');
    expect((await failure(send({ ConfigurationSetName: undefined }))).name).toBe('BadRequestException');
    const denied = await failure(send());
    expect(denied).toMatchObject({ name: 'AccessDeniedException', status: 403 });
    expect(denied.message).toContain(identityArn('example.com'));
    expect(denied.message).toContain(setArn('Mail'));
    await associate('acme', identityArn('example.com'));
    const setOnly = await failure(send());
    expect(setOnly.message).not.toContain('identity/');
    expect(setOnly.message).toContain(setArn('Mail'));
  });

  it('sends once the identity and set are associated, and not while the tenant is paused', async () => {
    // The From address's domain is the identity (identities compare without regard to case).
    await associate('acme', identityArn('Example.com'));
    await associate('acme', setArn('Mail'));
    expect((await send()).MessageId).toBeTruthy();
    finding({ tenant: 'acme' });
    expect((await failure(send())).name).toBe('SendingPausedException');
    const arn = (await ses.send(new GetTenantCommand({ TenantName: 'acme' }))).Tenant?.TenantArn as string;
    await customerStatus(arn, 'REINSTATED');
    expect((await send()).MessageId).toBeTruthy();
    // Without TenantName the same send is not a tenant's, so the tenant's pause does not apply.
    await customerStatus(arn, 'DISABLED');
    expect((await send({ TenantName: undefined })).MessageId).toBeTruthy();
  });
});
