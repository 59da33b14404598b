/**
 * Apply-time failures caught at plan time (issue 15): the pure decision, given the file's values with
 * their positions (config/plan-time.ts) and what was read from the account. cli/reconcile.ts reads only
 * what `preflightNeeds` asks for, so a file that uses none of these features costs no call.
 *
 * - A tracking domain (`customRedirectDomain`) must be a verified identity of the account, or a
 *   subdomain of one: SES rejects the set otherwise (BadRequest, recorded against real AWS;
 *   docs/aws-behaviour.md, "Plan-time checks").
 * - A sending pool (`delivery.sendingPoolName`) must exist (same source).
 * - A tenant's identity must be an identity of the account, by its exact name: an association names an
 *   existing resource (the same ListEmailIdentities walk as the tracking domains).
 * - An SNS topic written by ARN that the file does not declare must exist: SES and CloudWatch accept a
 *   missing topic's ARN or publish nowhere; GetTopicAttributes answers NotFound for it. A topic that
 *   cannot be read (another account's, AuthorizationError) is a warning: SES may still publish to it.
 * - A Firehose stream, event bus or Pinpoint application must be in the stack's Region (event buses:
 *   recorded against real AWS; Firehose and Pinpoint: SES publishes within its Region, docs/aws-behaviour.md).
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { regionOfArn, type PlacedValue, type PlanTimeValues } from '../model/preflight.js';

export interface PreflightNeeds {
  /** ListEmailIdentities, every page. */
  readonly identities: boolean;
  /** ListDedicatedIpPools, every page. */
  readonly pools: boolean;
  /** GetTopicAttributes for each, sorted, once each. */
  readonly topicArns: readonly string[];
}

/** What must be read; `fileTopicArns` are the ARNs of the file's own topics (plan creates them). */
export function preflightNeeds(values: PlanTimeValues, fileTopicArns: ReadonlySet<string>): PreflightNeeds {
  return {
    identities: values.redirectDomains.length > 0 || (values.tenantIdentities ?? []).length > 0,
    pools: values.sendingPools.length > 0,
    topicArns: [...new Set(values.topicArns.map((t) => t.value).filter((arn) => !fileTopicArns.has(arn)))].sort(),
  };
}

export interface PreflightFacts {
  readonly region: string;
  /** The account's identities (domains and addresses), as ListEmailIdentities names them; undefined when not read. */
  readonly identities?: readonly string[];
  /** The Region's dedicated IP pools; undefined when not read. */
  readonly pools?: readonly string[];
  /** Identities of the account that exist but are not verified (yet): named in the hint. */
  readonly unverified?: readonly string[];
  /** The topic ARNs that GetTopicAttributes answered NotFound for. */
  readonly missingTopics: ReadonlySet<string>;
  /** The topic ARNs that could not be read, with the error code (AuthorizationError …): warnings. */
  readonly unreadableTopics?: ReadonlyMap<string, string>;
}

const normalDomain = (d: string): string => d.trim().toLowerCase().replace(/\.$/, '');

/** `domain` is `identity` or a subdomain of it (case-insensitive; an email-address identity never matches). */
export function coveredBy(domain: string, identity: string): boolean {
  if (identity.includes('@')) return false;
  const d = normalDomain(domain);
  const id = normalDomain(identity);
  return id !== '' && (d === id || d.endsWith(`.${id}`));
}

const TARGET_NAMES = { kinesisFirehose: 'Kinesis Firehose delivery stream', eventBridge: 'event bus', pinpoint: 'Pinpoint application' } as const;

export function preflightDiagnostics(values: PlanTimeValues, facts: PreflightFacts): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (severity: Diagnostic['severity'], code: string, v: PlacedValue, message: string, hint?: string): void => {
    out.push({ severity, code, message, path: v.path, pos: v.pos, ...(hint ? { hint } : {}) });
  };
  const error = (code: string, v: PlacedValue, message: string, hint?: string): void => report('error', code, v, message, hint);
  if (facts.identities !== undefined) {
    const domains = facts.identities.filter((i) => !i.includes('@'));
    for (const v of values.redirectDomains) {
      if (domains.some((id) => coveredBy(v.value, id))) continue;
      const pending = (facts.unverified ?? []).find((id) => coveredBy(v.value, id));
      error(
        'tracking-domain',
        v,
        `the tracking domain ${v.value} is not a verified identity of this account, nor a subdomain of one; SES would refuse the configuration set`,
        pending !== undefined
          ? `the identity ${pending} exists but is not verified yet: finish its verification (its DKIM records) and plan again`
          : domains.length > 0
            ? `verify ${v.value} (or its parent domain) in SES first; the account's domain identities: ${domains.slice(0, 10).join(', ')}${domains.length > 10 ? ', …' : ''}`
            : `verify ${v.value} (or its parent domain) in SES first; the account has no domain identity in this Region`,
      );
    }
  }
  if (facts.identities !== undefined) {
    // A tenant is associated with an identity itself, not one that covers it: the exact name, pending or not
    // (CreateTenantResourceAssociation needs the resource to exist; docs/aws-behaviour.md, "Tenants").
    const known = new Set([...facts.identities, ...(facts.unverified ?? [])].map(normalDomain));
    for (const v of values.tenantIdentities ?? [])
      if (!known.has(normalDomain(v.value)))
        error(
          'tenant-identity',
          v,
          `the email identity ${v.value} does not exist in this account and Region; SES would refuse the tenant's association with it`,
          `create and verify it in SES first (CreateEmailIdentity), or remove it from the tenant's identities`,
        );
  }
  if (facts.pools !== undefined) {
    for (const v of values.sendingPools)
      if (!facts.pools.includes(v.value))
        error(
          'sending-pool',
          v,
          `the dedicated IP pool ${v.value} does not exist in this account and Region; SES would refuse the configuration set`,
          facts.pools.length > 0 ? `create it first, or write one of: ${facts.pools.slice(0, 10).join(', ')}${facts.pools.length > 10 ? ', …' : ''}` : 'create it first (CreateDedicatedIpPool); the Region has no dedicated IP pool',
        );
  }
  for (const v of values.topicArns)
    if (facts.missingTopics.has(v.value))
      error('topic-exists', v, `the SNS topic ${v.value} does not exist (GetTopicAttributes: NotFound), and the file does not declare it`, 'create the topic, or declare it under topics: and refer to it by name');
    else if (facts.unreadableTopics?.has(v.value))
      report('warning', 'topic-exists', v, `the SNS topic ${v.value} could not be checked (GetTopicAttributes: ${facts.unreadableTopics.get(v.value)}); if it does not exist, SES or CloudWatch publish nowhere`, 'allow sns:GetTopicAttributes on it to have it checked');
  for (const v of values.regionalArns) {
    const at = regionOfArn(v.value);
    if (at !== undefined && at !== facts.region)
      error('target-region', v, `the ${TARGET_NAMES[v.target]} is in ${at}, but this stack is applied in ${facts.region}; SES publishes only to targets in the configuration set's Region`, `use a ${TARGET_NAMES[v.target]} in ${facts.region}`);
  }
  return out;
}
