/**
 * SES tenants (docs/aws-behaviour.md, "Tenants"): the reader of the live tenants, and the runner of the
 * tenant steps. A tenant is read in three calls, each the only one that answers its part:
 *   1. GetTenant: its ARN, tags and suppression attributes;
 *   2. GetReputationEntity (the tenant's ARN, type RESOURCE): its policy, and who paused it;
 *   3. ListTenantResources: its associations, page by page.
 * Which tenants: the file's names and the tag index's hits for the stack (`scope.discovered`); with
 * `--discovery scan`, ListTenants and every listed tenant (as sets: only Get shows the tags that say who
 * owns one). A tenant deleted meanwhile reads NotFound and is left out.
 */
import {
  CreateTenantCommand,
  CreateTenantResourceAssociationCommand,
  DeleteTenantCommand,
  DeleteTenantResourceAssociationCommand,
  GetReputationEntityCommand,
  GetTenantCommand,
  ListResourceTenantsCommand,
  ListTenantResourcesCommand,
  ListTenantsCommand,
  PutTenantSuppressionAttributesCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateReputationEntityCustomerManagedStatusCommand,
  UpdateReputationEntityPolicyCommand,
  type GetReputationEntityCommandOutput,
  type GetTenantCommandOutput,
  type SESv2Client,
  type TenantResource as AwsTenantResource,
} from '@aws-sdk/client-sesv2';
import { isNotFound } from './reader.js';
import type { LiveRead, LiveReader, NamedScope } from '../../live/port.js';
import { configurationSetArn, identityArn, partitionOf, sesResourceName } from '../../model/arn.js';
import { assertNever, canonicalize } from '../../model/canonical.js';
import { SUPPRESSION_REASONS, SUPPRESSION_SCOPES, type ReputationPolicy, type Tenant, type TenantSuppression } from '../../model/resources.js';
import { stateOf } from '../../model/state.js';
import { AWS_OPERATION, type TenantResource, type TenantStep } from '../../model/step.js';
import { CallCount } from '../call-count.js';
import { callFailure } from '../errors.js';
import { mapPool } from '../pool.js';
import { tagsFromAws, tagsToAws } from '../tags.js';

/** `arn:aws:ses:{region}:aws:reputation-policy/{name}`: AWS's managed policies (docs/aws-behaviour.md, "Tenants"). */
export function reputationPolicyArn(region: string, policy: ReputationPolicy): string {
  return `arn:${partitionOf(region)}:ses:${region}:aws:reputation-policy/${policy}`;
}

/** The managed policy an ARN names; an unknown one (a policy AWS adds later) reads as itself, so it differs. */
function policyOf(arn: string | undefined): ReputationPolicy {
  const name = arn?.split('/').pop();
  // A tenant whose entity reports no policy has AWS's default (docs/aws-behaviour.md, "Tenants").
  if (name === undefined) return 'standard';
  // Typed as a policy, but kept as AWS spells it: an unknown one differs from every policy the file can write.
  return name as ReputationPolicy;
}

function suppressionOf(out: GetTenantCommandOutput['Tenant']): TenantSuppression | undefined {
  const s = out?.SuppressionAttributes;
  if (s === undefined) return undefined;
  const reasons = (s.SuppressedReasons ?? []).filter((r): r is TenantSuppression['reasons'][number] => (SUPPRESSION_REASONS as readonly string[]).includes(r));
  const scope = (SUPPRESSION_SCOPES as readonly string[]).includes(s.SuppressionScope ?? '') ? (s.SuppressionScope as TenantSuppression['scope']) : 'ACCOUNT';
  return { reasons, scope };
}

/** The live tenant, from its three reads. */
export function tenantFromAws(name: string, got: GetTenantCommandOutput, entity: GetReputationEntityCommandOutput | undefined, resources: readonly AwsTenantResource[]): Tenant {
  const t = got.Tenant;
  const e = entity?.ReputationEntity;
  const names = (type: 'configuration-set' | 'identity') => resources.flatMap((r) => {
    const n = r.ResourceArn === undefined ? undefined : sesResourceName(r.ResourceArn, type);
    return n === undefined ? [] : [n];
  });
  const paused = e?.AwsSesManagedStatus?.Status === 'DISABLED';
  const sending = (e?.SendingStatusAggregate ?? t?.SendingStatus) !== 'DISABLED';
  const suppression = suppressionOf(t);
  return canonicalize({
    kind: 'tenant',
    name,
    reputationPolicy: policyOf(e?.ReputationManagementPolicy),
    configurationSets: names('configuration-set'),
    identities: names('identity'),
    ...(suppression ? { suppression } : {}),
    sendingEnabled: sending,
    tags: tagsFromAws(t?.Tags),
    ...(paused ? { pausedBySes: e?.AwsSesManagedStatus?.Cause ? { cause: e.AwsSesManagedStatus.Cause } : {} } : {}),
  });
}

export interface TenantReaderOptions {
  /** Tenants read at once. @default 4 */
  readonly concurrency?: number;
}

export class SesV2TenantReader implements LiveReader<NamedScope> {
  private readonly concurrency: number;

  constructor(
    private readonly ses: SESv2Client,
    options: TenantReaderOptions = {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
  }

  async read(scope: NamedScope): Promise<LiveRead> {
    const calls = new CallCount('sesv2');
    const names =
      scope.discovered !== undefined ? [...new Set([...scope.names, ...scope.discovered.keys()])].filter((n) => !scope.unchanged?.has(n)).sort() : await listTenantNames(this.ses, calls);
    const arns = new Map<string, string>();
    const read = await mapPool(names, this.concurrency, async (name) => {
      const t = await this.readTenant(name, calls);
      if (t) arns.set(name, t.arn);
      return t ? [t.tenant] : [];
    });
    return { state: stateOf(read.flat()), calls: calls.snapshot(), arns };
  }

  private async readTenant(name: string, calls: CallCount): Promise<{ tenant: Tenant; arn: string } | undefined> {
    try {
      const found = await getTenantWithEntity(this.ses, name, calls);
      if (found === undefined) return undefined;
      const { got, entity, arn } = found;
      const resources: AwsTenantResource[] = [];
      let token: string | undefined;
      do {
        const page = await calls.call('ListTenantResources', () => this.ses.send(new ListTenantResourcesCommand({ TenantName: name, PageSize: 100, ...(token ? { NextToken: token } : {}) })));
        resources.push(...(page.TenantResources ?? []));
        token = page.NextToken || undefined;
      } while (token !== undefined);
      return { tenant: tenantFromAws(name, got, entity, resources), arn };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }
}

/**
 * A tenant and its reputation entity (GetTenant for the ARN, then GetReputationEntity by it): what plan's
 * reader and `status` both start from. undefined when the tenant does not exist; NotFound is the caller's.
 */
export async function getTenantWithEntity(ses: SESv2Client, name: string, calls: CallCount): Promise<{ got: GetTenantCommandOutput; entity: GetReputationEntityCommandOutput; arn: string } | undefined> {
  const got = await calls.call('GetTenant', () => ses.send(new GetTenantCommand({ TenantName: name })));
  const arn = got.Tenant?.TenantArn;
  if (arn === undefined) return undefined;
  const entity = await calls.call('GetReputationEntity', () => ses.send(new GetReputationEntityCommand({ ReputationEntityType: 'RESOURCE', ReputationEntityReference: arn })));
  return { got, entity, arn };
}

/** Every tenant's name in the Region: ListTenants, 100 a page (INFERENCE: the documented PageSize limit is not stated; 100 as its siblings). */
export async function listTenantNames(ses: SESv2Client, calls: CallCount): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await calls.call('ListTenants', () => ses.send(new ListTenantsCommand({ PageSize: 100, ...(token ? { NextToken: token } : {}) })));
    names.push(...(page.Tenants ?? []).flatMap((t) => (t.TenantName ? [t.TenantName] : [])));
    token = page.NextToken || undefined;
  } while (token !== undefined);
  return [...new Set(names)].sort();
}

/**
 * The tenants each of `sets` is associated with (ListResourceTenants, one walk per set): asked only for the
 * sets a plan deletes, since AWS refuses to delete an associated set (docs/aws-behaviour.md, "Tenants").
 */
export async function readSetTenants(ses: SESv2Client, at: { region: string; accountId: string }, sets: readonly string[], calls: CallCount): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const set of sets) {
    const names: string[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await calls.call('ListResourceTenants', () =>
          ses.send(new ListResourceTenantsCommand({ ResourceArn: configurationSetArn(at.region, at.accountId, set), PageSize: 100, ...(token ? { NextToken: token } : {}) })),
        );
        names.push(...(page.ResourceTenants ?? []).flatMap((t) => (t.TenantName ? [t.TenantName] : [])));
        token = page.NextToken || undefined;
      } while (token !== undefined);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    out.set(set, [...new Set(names)].sort());
  }
  return out;
}

/**
 * Runs the tenant steps. The reputation and association calls take the tenant's ARN, which AWS makes at
 * CreateTenant: it comes from the live read, from CreateTenant's answer, or, failing both (a re-run after a
 * failure), from GetTenant.
 */
export class SesV2TenantRunner {
  private readonly arns: Map<string, string>;

  constructor(
    private readonly ses: SESv2Client,
    private readonly region: string,
    private readonly account: string,
    arns: ReadonlyMap<string, string> = new Map(),
  ) {
    this.arns = new Map(arns);
  }

  async run(step: TenantStep): Promise<void> {
    const operation = AWS_OPERATION[step.op];
    try {
      await this.send(step);
    } catch (err) {
      throw callFailure(err, 'sesv2', operation);
    }
  }

  private async arnOf(name: string): Promise<string> {
    const known = this.arns.get(name);
    if (known !== undefined) return known;
    const got = await this.ses.send(new GetTenantCommand({ TenantName: name }));
    const arn = got.Tenant?.TenantArn;
    if (arn === undefined) throw new Error(`GetTenant ${name} returned no TenantArn`);
    this.arns.set(name, arn);
    return arn;
  }

  private resourceArn(r: TenantResource): string {
    return r.type === 'configurationSet' ? configurationSetArn(this.region, this.account, r.name) : identityArn(this.region, this.account, r.name);
  }

  private async send(step: TenantStep): Promise<void> {
    const ses = this.ses;
    switch (step.op) {
      case 'CreateTenant': {
        const t = step.tenant;
        const out = await ses.send(
          new CreateTenantCommand({
            TenantName: t.name,
            Tags: tagsToAws(t.tags),
            ...(t.suppression ? { SuppressionAttributes: { SuppressedReasons: [...t.suppression.reasons], SuppressionScope: t.suppression.scope } } : {}),
          }),
        );
        if (out.TenantArn !== undefined) this.arns.set(t.name, out.TenantArn);
        return;
      }
      case 'DeleteTenant':
        await ses.send(new DeleteTenantCommand({ TenantName: step.name }));
        this.arns.delete(step.name);
        return;
      case 'PutTenantSuppressionAttributes':
        await ses.send(new PutTenantSuppressionAttributesCommand({ TenantName: step.name, SuppressedReasons: [...step.suppression.reasons], SuppressionScope: step.suppression.scope }));
        return;
      case 'UpdateTenantReputationPolicy': {
        const arn = await this.arnOf(step.name);
        await ses.send(new UpdateReputationEntityPolicyCommand({ ReputationEntityType: 'RESOURCE', ReputationEntityReference: arn, ReputationEntityPolicy: reputationPolicyArn(this.region, step.policy) }));
        return;
      }
      case 'UpdateTenantSendingStatus': {
        const arn = await this.arnOf(step.name);
        await ses.send(new UpdateReputationEntityCustomerManagedStatusCommand({ ReputationEntityType: 'RESOURCE', ReputationEntityReference: arn, SendingStatus: step.status }));
        return;
      }
      case 'AssociateTenantResource':
        await ses.send(new CreateTenantResourceAssociationCommand({ TenantName: step.name, ResourceArn: this.resourceArn(step.resource) }));
        return;
      case 'DisassociateTenantResource':
        await ses.send(new DeleteTenantResourceAssociationCommand({ TenantName: step.name, ResourceArn: this.resourceArn(step.resource) }));
        return;
      case 'TagTenant':
        await ses.send(new TagResourceCommand({ ResourceArn: await this.arnOf(step.name), Tags: tagsToAws(step.tags) }));
        return;
      case 'UntagTenant':
        await ses.send(new UntagResourceCommand({ ResourceArn: await this.arnOf(step.name), TagKeys: [...step.keys] }));
        return;
      default:
        return assertNever(step);
    }
  }
}
