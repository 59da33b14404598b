/**
 * `iam-policy`: the IAM policy that grants exactly the calls `plan` (reads) or `apply` (reads and writes)
 * make for a file, from the operations the tool declares (model/operations.ts: the readers' reads, and
 * one write per step), so it cannot drift from what runs.
 *
 * Resources are scoped wherever the action supports resource-level permissions (docs/aws-behaviour.md,
 * "IAM"): the file's configuration sets, topics and dashboards by ARN, its alarms by the stack's name
 * prefix and the free-form alarms' names; and, for what the stack owns but the file no longer names (the
 * deletes and the reads that find them), any resource of the kind whose `ses-reconcile:stack` tag is the
 * stack's (`aws:ResourceTag`). `*` only where AWS requires it: the listings, the tag index, and SNS's
 * subscription calls, which take no resource. The plan-time checks' reads only when the file uses what
 * they check (plan/preflight.ts `preflightNeeds`): the identity and pool listings on `*`, and
 * GetTopicAttributes on the topic ARNs outside the file.
 */
import { configurationSetArn, dashboardArn, partitionOf, topicArn } from '../model/arn.js';
import type { State } from '../model/state.js';
import { APPLY_READS, READS, STATUS_READS, WRITES, type Operation, type PreflightRead, type Service, type Target } from '../model/operations.js';
import type { PreflightNeeds } from './preflight.js';
import { STACK_TAG, type Resource } from '../model/resources.js';

export interface PolicyOptions {
  readonly stack: string;
  /** `*` when not known: the policy then holds in every Region. */
  readonly region: string;
  /** `*` when not known (no `accountId:` in the file, no --account-id). */
  readonly accountId: string;
  readonly for: 'plan' | 'apply' | 'status';
  /** `scan`: the listings `--discovery scan` makes instead of the tag index. @default tags */
  readonly discovery?: 'tags' | 'scan';
  /** What the plan-time checks read for this file (preflightNeeds). @default nothing */
  readonly preflight?: PreflightNeeds;
}

export interface Statement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly Statement[];
}

const PREFIX: Readonly<Record<Service, string | undefined>> = { sesv2: 'ses', cloudwatch: 'cloudwatch', sns: 'sns', tagging: 'tag', sts: undefined };

/**
 * Targets whose actions accept a resource ARN (docs/aws-behaviour.md, "IAM"); the others need `*`.
 * GetCallerIdentity needs no permission at all ("no permissions are required", STS API reference).
 */
const RESOURCE_LEVEL: ReadonlySet<Target> = new Set(['configurationSet', 'alarm', 'topic', 'dashboard', 'tenant']);

/** IAM action names, sorted and once each. */
function actions(ops: readonly Operation[]): string[] {
  return [...new Set(ops.flatMap((o) => (PREFIX[o.service] ? [`${PREFIX[o.service]}:${o.name}`] : [])))].sort();
}

/** The operations a policy for `o` covers. */
export function operationsFor(o: Pick<PolicyOptions, 'for' | 'discovery' | 'preflight'>): Operation[] {
  if (o.for === 'status') return [...STATUS_READS];
  const used: Readonly<Record<PreflightRead, boolean>> = {
    identities: o.preflight?.identities ?? false,
    pools: o.preflight?.pools ?? false,
    topicArns: (o.preflight?.topicArns.length ?? 0) > 0,
  };
  const reads = READS.filter((r) => r.when === 'always' || (r.when === 'scan' && o.discovery === 'scan') || (r.when !== 'scan' && r.when !== 'apply' && used[r.when]));
  return o.for === 'plan' ? reads : [...reads, ...APPLY_READS, ...WRITES];
}

function alarmArn(o: PolicyOptions, name: string): string {
  return `arn:${partitionOf(o.region)}:cloudwatch:${o.region}:${o.accountId}:alarm:${name}`;
}

/** The file's resources of a target, as ARNs; the creates need these (a resource that does not exist has no tags yet). */
function fileArns(target: Target, desired: readonly Resource[], o: PolicyOptions): string[] {
  switch (target) {
    case 'configurationSet':
      return desired.filter((r) => r.kind === 'configurationSet').map((r) => configurationSetArn(o.region, o.accountId, r.name));
    case 'topic':
      return desired.filter((r) => r.kind === 'topic').map((r) => topicArn(o.region, o.accountId, r.name));
    case 'dashboard':
      return desired.filter((r) => r.kind === 'dashboard').map((r) => dashboardArn(o.region, o.accountId, r.name));
    case 'tenant':
      // A tenant's ARN ends in an id AWS gives it at CreateTenant (docs/aws-behaviour.md, "Tenants"): the name, then any id.
      return desired.filter((r) => r.kind === 'tenant').map((r) => `arn:${partitionOf(o.region)}:ses:${o.region}:${o.accountId}:tenant/${r.name}/*`);
    case 'alarm': {
      // Preset alarms are named `stack/…` (README "Alarm names"): one pattern covers them all, those the
      // file will add later too. Free-form alarms by their names.
      const prefix = `${o.stack}/`;
      const free = desired.filter((r) => r.kind === 'alarm' && !r.name.startsWith(prefix)).map((r) => alarmArn(o, r.name));
      return [alarmArn(o, `${prefix}*`), ...free];
    }
    default:
      return [];
  }
}

/** Any resource of a target, for the statement a stack tag condition narrows. */
function anyArn(target: Target, o: PolicyOptions): string {
  const p = partitionOf(o.region);
  switch (target) {
    case 'configurationSet':
      return `arn:${p}:ses:${o.region}:${o.accountId}:configuration-set/*`;
    case 'topic':
      return `arn:${p}:sns:${o.region}:${o.accountId}:*`;
    case 'dashboard':
      return `arn:${p}:cloudwatch::${o.accountId}:dashboard/*`;
    case 'alarm':
      return alarmArn(o, '*');
    case 'tenant':
      return `arn:${p}:ses:${o.region}:${o.accountId}:tenant/*`;
    default:
      return '*';
  }
}

const SID: Readonly<Record<string, string>> = { configurationSet: 'ConfigurationSets', alarm: 'Alarms', topic: 'Topics', dashboard: 'Dashboards', tenant: 'Tenants' };

/** Creates act on what does not exist yet: no tag to condition on, so they stay on the file's ARNs only. */
const CREATES: ReadonlySet<string> = new Set(['ses:CreateConfigurationSet', 'sns:CreateTopic', 'cloudwatch:PutMetricAlarm', 'cloudwatch:PutDashboard', 'ses:CreateTenant']);

export function iamPolicy(desiredState: State, o: PolicyOptions): PolicyDocument {
  const desired = [...desiredState.values()];
  const ops = operationsFor(o);
  const statements: Statement[] = [];
  const unscoped = actions(ops.filter((op) => !RESOURCE_LEVEL.has(op.target) && op.target !== 'referencedTopic'));
  if (unscoped.length > 0) statements.push({ Sid: 'AccountWide', Effect: 'Allow', Action: unscoped, Resource: '*' });
  // A topic the file names by ARN and does not declare: read (GetTopicAttributes), never written.
  const referenced = actions(ops.filter((op) => op.target === 'referencedTopic'));
  if (referenced.length > 0 && o.preflight) statements.push({ Sid: 'ReferencedTopics', Effect: 'Allow', Action: referenced, Resource: [...o.preflight.topicArns] });
  for (const target of ['configurationSet', 'alarm', 'topic', 'dashboard', 'tenant'] as const) {
    const here = actions(ops.filter((op) => op.target === target));
    if (here.length === 0) continue;
    const arns = fileArns(target, desired, o);
    if (arns.length > 0) statements.push({ Sid: `File${SID[target]}`, Effect: 'Allow', Action: here, Resource: arns });
    // What the stack owns and the file no longer names: read, untag and delete it by its stack tag.
    const owned = here.filter((a) => !CREATES.has(a));
    // status reviews the file's sets only: nothing the stack owns beyond them.
    if (owned.length > 0 && o.for !== 'status')
      statements.push({ Sid: `Stack${SID[target]}`, Effect: 'Allow', Action: owned, Resource: anyArn(target, o), Condition: { StringEquals: { [`aws:ResourceTag/${STACK_TAG}`]: o.stack } } });
  }
  // A Firehose destination hands SES its IAM role (PassRole, dependent action of the destination calls).
  const roles = [...new Set(desired.flatMap((r) => (r.kind === 'eventDestination' && r.target.type === 'kinesisFirehose' ? [r.target.iamRoleArn] : [])))].sort();
  if (o.for === 'apply' && roles.length > 0)
    statements.push({ Sid: 'PassFirehoseRoleToSes', Effect: 'Allow', Action: ['iam:PassRole'], Resource: roles, Condition: { StringEquals: { 'iam:PassedToService': 'ses.amazonaws.com' } } });
  return { Version: '2012-10-17', Statement: statements };
}

export interface TrustOptions {
  readonly accountId: string;
  /** `OWNER/REPO`. */
  readonly repo: string;
  readonly for: 'plan' | 'apply';
  /** The GitHub environment apply runs in. @default production */
  readonly environment?: string;
  /** The branch scheduled drift checks run on. @default main */
  readonly branch?: string;
}

export interface TrustPolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly {
    readonly Sid: string;
    readonly Effect: 'Allow';
    readonly Principal: { readonly Federated: string };
    readonly Action: 'sts:AssumeRoleWithWebIdentity';
    readonly Condition: { readonly StringEquals: Readonly<Record<string, string | readonly string[]>> };
  }[];
}

/**
 * The trust policy of the role a GitHub Actions workflow assumes with OIDC: GitHub's token issuer, the STS
 * audience, and `sub` pinned per workflow (docs/aws-behaviour.md, "IAM"): the plan role for pull requests
 * and the scheduled drift check on the default branch, the apply role for the protected environment only.
 * Several values of one key in StringEquals match any of them.
 */
export function githubTrustPolicy(o: TrustOptions): TrustPolicyDocument {
  const subjects = o.for === 'plan' ? [`repo:${o.repo}:pull_request`, `repo:${o.repo}:ref:refs/heads/${o.branch ?? 'main'}`] : [`repo:${o.repo}:environment:${o.environment ?? 'production'}`];
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: o.for === 'plan' ? 'GitHubPlan' : 'GitHubApply',
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${o.accountId}:oidc-provider/token.actions.githubusercontent.com` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': subjects.length === 1 ? (subjects[0] as string) : subjects,
          },
        },
      },
    ],
  };
}
