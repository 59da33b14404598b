/**
 * Tenants end to end (issue 15 item 1): the file's `tenants:` applied over HTTP to the emulator with the
 * real SDK, converging; the associations made and removed; a tenant SES paused on a finding stays paused
 * unless the file says `sendingEnabled: true`; a set delete that a tenant association would make AWS
 * refuse, with the stack's tenant (association removed first) and another's (the plan refuses, no call);
 * export and status of tenants.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateConfigurationSetCommand,
  CreateTenantCommand,
  CreateTenantResourceAssociationCommand,
  DeleteTenantResourceAssociationCommand,
  GetReputationEntityCommand,
  GetTenantCommand,
  ListTenantResourcesCommand,
  SESv2Client,
} from '@aws-sdk/client-sesv2';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox } from '../helpers/reconcile.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await Sandbox.start();
});
afterAll(() => sb.close());
// The tenant's identity exists in the account, as a sender's would (ses-reconcile associates it, never creates it).
beforeEach(async () => {
  sb.emulator.reset();
  await sb.setUp({ identities: ['acme.example.com'] });
});

const ses = () => new SESv2Client({ endpoint: sb.emulator.url, region: 'us-east-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } });
const WRITES = /:(Create|Delete|Put|Update|Tag|Untag|Set|Subscribe|Unsubscribe)/;
const writeCalls = () => sb.emulator.calls().calls.map((c) => `${c.service}:${c.operation}`).filter((op) => WRITES.test(op));

const FILE = `stack: app
region: us-east-1
configurationSets:
  prod: {}
  bulk: {}
tenants:
  acme:
    reputationPolicy: strict
    configurationSets: [prod, bulk]
    identities: [acme.example.com]
    suppression: { reasons: [BOUNCE, COMPLAINT], scope: TENANT }
    tags: { customer: acme }
`;

async function resources(tenant: string): Promise<string[]> {
  const out = await ses().send(new ListTenantResourcesCommand({ TenantName: tenant }));
  return (out.TenantResources ?? []).map((r) => `${r.ResourceType} ${r.ResourceArn?.split(':').pop()}`).sort();
}

async function entity(tenant: string) {
  const arn = (await ses().send(new GetTenantCommand({ TenantName: tenant }))).Tenant?.TenantArn;
  return (await ses().send(new GetReputationEntityCommand({ ReputationEntityType: 'RESOURCE', ReputationEntityReference: arn }))).ReputationEntity;
}

async function failureOf(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail');
}

async function noChanges(cfg: string): Promise<void> {
  const again = await sb.plan(cfg, '--detailed-exitcode');
  expect(again.status, again.stdout + again.stderr).toBe(0);
  expect(again.stdout).toContain('No changes.');
}

describe('tenants', () => {
  it('creates a tenant with its policy, associations, suppression and tags, then converges', async () => {
    const cfg = sb.write(FILE);
    const p = await sb.plan(cfg);
    expect(p.status, p.stderr).toBe(0);
    expect(p.stdout).toContain('+ tenant acme');
    const a = await sb.apply(cfg);
    expect(a.status, a.stdout + a.stderr).toBe(0);
    expect(await resources('acme')).toEqual(['configuration-set configuration-set/bulk', 'configuration-set configuration-set/prod', 'identity identity/acme.example.com']);
    const t = (await ses().send(new GetTenantCommand({ TenantName: 'acme' }))).Tenant;
    expect(t?.Tags?.find((x) => x.Key === 'customer')?.Value).toBe('acme');
    expect(t?.Tags?.find((x) => x.Key === 'ses-reconcile:stack')?.Value).toBe('app');
    expect(t?.SuppressionAttributes).toMatchObject({ SuppressionScope: 'TENANT' });
    expect((await entity('acme'))?.ReputationManagementPolicy).toMatch(/reputation-policy\/strict$/);
    await noChanges(cfg);
  });

  it('changes the policy and the associations with the narrowest calls, then converges', async () => {
    const cfg = sb.write(FILE);
    expect((await sb.apply(cfg)).status).toBe(0);
    const changed = sb.write(FILE.replace('reputationPolicy: strict', 'reputationPolicy: none').replace('configurationSets: [prod, bulk]', 'configurationSets: [prod]'));
    sb.emulator.clearCalls();
    const a = await sb.apply(changed);
    expect(a.status, a.stdout + a.stderr).toBe(0);
    expect(writeCalls()).toEqual(['sesv2:UpdateReputationEntityPolicy', 'sesv2:DeleteTenantResourceAssociation', 'sesv2:TagResource']);
    expect(await resources('acme')).toEqual(['configuration-set configuration-set/prod', 'identity identity/acme.example.com']);
    expect((await entity('acme'))?.ReputationManagementPolicy).toMatch(/reputation-policy\/none$/);
    await noChanges(changed);
  });

  it('leaves a tenant SES paused paused, and resumes it (REINSTATED) only when the file says sendingEnabled: true', async () => {
    const cfg = sb.write(FILE);
    expect((await sb.apply(cfg)).status).toBe(0);
    sb.emulator.recordFinding({ region: 'us-east-1', tenant: 'acme', type: 'BOUNCE', impact: 'HIGH', description: 'bounce rate over 10%' });
    expect((await entity('acme'))?.SendingStatusAggregate).toBe('DISABLED');
    await noChanges(cfg); // omitted: not managed, the pause stands

    const status = await sb.run(['status', '-c', cfg]);
    expect(status.status, status.stderr).toBe(2);
    expect(status.stdout).toMatch(/tenant acme: SES paused its sending/);
    expect(status.stdout).toMatch(/tenant acme: open high-impact BOUNCE finding: bounce rate over 10%/);

    const resume = sb.write(FILE.replace('    tags: { customer: acme }', '    sendingEnabled: true\n    tags: { customer: acme }'));
    const p = await sb.plan(resume);
    expect(p.stdout).toContain('UpdateReputationEntityCustomerManagedStatus tenant acme REINSTATED');
    expect(p.stdout + p.stderr).toMatch(/resumes sending on a tenant SES paused/);
    expect((await sb.apply(resume)).status).toBe(0);
    expect((await entity('acme'))?.SendingStatusAggregate).not.toBe('DISABLED');
    await noChanges(resume);
  });

  it("deleting a set first removes the stack's tenant's association, then converges", async () => {
    expect((await sb.apply(sb.write(FILE))).status).toBe(0);
    const without = sb.write(FILE.replace('  bulk: {}\n', '').replace('configurationSets: [prod, bulk]', 'configurationSets: [prod]'));
    sb.emulator.clearCalls();
    const a = await sb.apply(without, '--allow-deletes');
    expect(a.status, a.stdout + a.stderr).toBe(0);
    const writes = writeCalls();
    expect(writes.indexOf('sesv2:DeleteTenantResourceAssociation')).toBeLessThan(writes.indexOf('sesv2:DeleteConfigurationSet'));
    expect(await resources('acme')).toEqual(['configuration-set configuration-set/prod', 'identity identity/acme.example.com']);
    await noChanges(without);
  });

  it("a saved plan that deletes a set a tenant of the stack holds applies as reviewed", async () => {
    expect((await sb.apply(sb.write(FILE))).status).toBe(0);
    const without = sb.write(FILE.replace('  bulk: {}\n', '').replace('configurationSets: [prod, bulk]', 'configurationSets: [prod]'));
    const saved = join(sb.dir, 'tenant.plan');
    const p = await sb.plan(without, '--allow-deletes', '--out', saved);
    expect(p.status, p.stdout + p.stderr).toBe(0);
    const a = await sb.run(['apply', saved, '--allow-deletes']);
    expect(a.status, a.stdout + a.stderr).toBe(0);
    expect(a.stdout).toMatch(/DeleteTenantResourceAssociation acme configuration set bulk[\s\S]*DeleteConfigurationSet bulk/);
    await noChanges(without);
  });

  it("refuses to delete a set another's tenant holds, with no write call, and deletes it once the association is gone", async () => {
    const two = sb.write('stack: app\nregion: us-east-1\nconfigurationSets:\n  prod: {}\n  bulk: {}\n');
    expect((await sb.apply(two)).status).toBe(0);
    await ses().send(new CreateTenantCommand({ TenantName: 'theirs' }));
    await ses().send(new CreateTenantResourceAssociationCommand({ TenantName: 'theirs', ResourceArn: 'arn:aws:ses:us-east-1:123456789012:configuration-set/bulk' }));
    const one = sb.write('stack: app\nregion: us-east-1\nconfigurationSets:\n  prod: {}\n');
    sb.emulator.clearCalls();
    const p = await sb.plan(one, '--allow-deletes');
    // A refused plan is exit 4 (unsafe), as a delete without --allow-deletes is.
    expect(p.status).toBe(4);
    expect(p.stdout + p.stderr).toMatch(/associated with tenant theirs, which this stack does not own/);
    const a = await sb.apply(one, '--allow-deletes');
    expect(a.status).not.toBe(0);
    expect(writeCalls()).toEqual([]);
    // The read it costs: one ListResourceTenants for the one set the plan deletes.
    expect(sb.emulator.calls().calls.filter((c) => c.operation === 'ListResourceTenants')).toHaveLength(2);
    // Once the association is gone (by its owner), the same delete goes through and converges.
    await ses().send(new DeleteTenantResourceAssociationCommand({ TenantName: 'theirs', ResourceArn: 'arn:aws:ses:us-east-1:123456789012:configuration-set/bulk' }));
    const again = await sb.apply(one, '--allow-deletes');
    expect(again.status, again.stdout + again.stderr).toBe(0);
    await noChanges(one);
  });

  it('deletes a tenant the file drops, with its associations and not the sets, and a tenant and its set together', async () => {
    expect((await sb.apply(sb.write(FILE))).status).toBe(0);
    const refused = await sb.plan(sb.write(FILE.replace(/tenants:[\s\S]*$/, '')));
    expect(refused.status).toBe(4);
    expect(refused.stdout + refused.stderr).toMatch(/deletes need --allow-deletes/);
    // The tenant and the set `bulk` it holds, both dropped: DeleteTenant (its wave) runs before the set's delete.
    const dropped = sb.write(FILE.replace(/tenants:[\s\S]*$/, '').replace('  bulk: {}\n', ''));
    sb.emulator.clearCalls();
    const a = await sb.apply(dropped, '--allow-deletes');
    expect(a.status, a.stdout + a.stderr).toBe(0);
    expect(writeCalls()).toEqual(['sesv2:DeleteTenant', 'sesv2:DeleteConfigurationSet']);
    expect((await failureOf(ses().send(new GetTenantCommand({ TenantName: 'acme' })))).name).toBe('NotFoundException');
    await noChanges(dropped);
  });

  it('--refresh changed reads only a tenant the file changed, by its digest in the tag index', async () => {
    const cfg = sb.write(FILE);
    expect((await sb.apply(cfg)).status).toBe(0);
    const tenantReads = () => sb.emulator.calls().calls.filter((c) => ['GetTenant', 'GetReputationEntity', 'ListTenantResources'].includes(c.operation)).length;
    sb.emulator.clearCalls();
    const same = await sb.plan(cfg, '--refresh', 'changed');
    expect(same.stdout).toContain('No changes.');
    expect(tenantReads()).toBe(0);
    const changed = sb.write(FILE.replace('reputationPolicy: strict', 'reputationPolicy: standard'));
    sb.emulator.clearCalls();
    const p = await sb.plan(changed, '--refresh', 'changed');
    expect(p.stdout).toContain('UpdateReputationEntityPolicy tenant acme standard');
    expect(tenantReads()).toBe(3);
  });

  it('refuses a tenant identity the account does not have at its line, with no write, and converges once it exists', async () => {
    const cfg = sb.write(FILE.replace('identities: [acme.example.com]', 'identities: [acme.example.com, news.acme.example.com]'));
    sb.emulator.clearCalls();
    const p = await sb.plan(cfg);
    expect(p.status, p.stdout + p.stderr).toBe(3);
    expect(p.stderr).toMatch(/ses-reconcile\.yaml:11:36 error tenant-identity: the email identity news\.acme\.example\.com does not exist/);
    const a = await sb.apply(cfg);
    expect(a.status).toBe(3);
    expect(writeCalls()).toEqual([]);
    // One ListEmailIdentities walk each, whatever the number of identities named.
    expect(sb.emulator.calls().calls.filter((c) => c.operation === 'ListEmailIdentities')).toHaveLength(2);
    await sb.setUp({ identities: ['news.acme.example.com'] });
    expect((await sb.apply(cfg)).status).toBe(0);
    await noChanges(cfg);
  });

  it('exports the tenants that hold the exported sets, and the export plans No changes once adopted', async () => {
    await ses().send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'console-set' }));
    await ses().send(new CreateTenantCommand({ TenantName: 'console-tenant', Tags: [{ Key: 'team', Value: 'mail' }] }));
    await ses().send(new CreateTenantResourceAssociationCommand({ TenantName: 'console-tenant', ResourceArn: 'arn:aws:ses:us-east-1:123456789012:configuration-set/console-set' }));
    const e = await sb.run(['export', '--stack', 'adopted']);
    expect(e.status, e.stderr).toBe(0);
    expect(e.stdout).toMatch(/tenants:\n  console-tenant:\n    configurationSets: \[ console-set \]\n/);
    const cfg = join(sb.dir, 'exported.yaml');
    writeFileSync(cfg, e.stdout);
    const a = await sb.apply(cfg, '--adopt');
    expect(a.status, a.stdout + a.stderr).toBe(0);
    await noChanges(cfg);
  });
});
