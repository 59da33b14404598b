/**
 * The SNS topic policy a topic of the file needs (docs/architecture.md, "The file format"), as a document, and back.
 *
 * The model keeps only what the file decides (TopicPolicy: which configuration sets' SES event
 * destinations publish to the topic, whether CloudWatch alarms notify it); the document is derived from
 * it here, in one place, so the applier writes and the reader reads the same three statements:
 *
 *   ses-reconcile-owner       AWS's default topic policy, restated (the document SNS gives a new topic,
 *                             `__default_statement_ID`: every principal of the owner account may use the
 *                             topic, Condition StringEquals AWS:SourceOwner = account). Setting Policy
 *                             REPLACES the document, so without it the owner account would lose access.
 *   ses-reconcile-ses         when sesConfigurationSets is not empty: Principal {Service:
 *                             ses.amazonaws.com} may SNS:Publish, Condition StringEquals AWS:SourceAccount
 *                             = account and ArnLike AWS:SourceArn = the configuration sets' ARNs. This is
 *                             the statement the SES Developer Guide gives for an SNS event destination
 *                             ("Set up an Amazon SNS event destination for event publishing", topic policy
 *                             with `"Service": "ses.amazonaws.com"`, AWS:SourceAccount and
 *                             `"AWS:SourceArn": "arn:aws:ses:<region>:<account>:configuration-set/<name>"`;
 *                             quoted from memory: the stored corpus did not hold that page's text).
 *   ses-reconcile-cloudwatch  when cloudWatchAlarms: Principal {Service: cloudwatch.amazonaws.com} may
 *                             SNS:Publish, scoped the same way to `arn:…:cloudwatch:<region>:<account>:alarm:*`
 *                             (the confused-deputy conditions AWS recommends for service principals).
 *
 * Reading back (topicPolicyFromDocument) looks for exactly those statements by Sid. A statement with our
 * Sid counts only when it is still the statement we write (Allow, the service principal, SNS:Publish),
 * so an edited one reads as absent and the plan puts it back. ses-reconcile owns only its statements
 * (Sid prefix `ses-reconcile-`): every other one (AWS's default `__default_statement_ID`, a cross-account
 * grant added by hand, another tool's) is read into `others`, causes no diff, and is written back as it
 * is whenever the document is set. When AWS's default statement is among them, ours that restates it is
 * not written.
 */
import { configurationSetArn, partitionOf } from '../../model/arn.js';
import type { TopicPolicy } from '../../model/resources.js';

/** The statements ses-reconcile owns; every other one is kept as it is. */
export const OWN_SID_PREFIX = 'ses-reconcile-';
/** The statement SNS gives a new topic, which OWNER_SID restates. */
const AWS_DEFAULT_SID = '__default_statement_ID';
export const OWNER_SID = 'ses-reconcile-owner';
export const SES_SID = 'ses-reconcile-ses';
export const CLOUDWATCH_SID = 'ses-reconcile-cloudwatch';

/** The actions of AWS's default topic policy (as SNS, moto and the emulator write it for a new topic). */
export const OWNER_ACTIONS = [
  'SNS:GetTopicAttributes',
  'SNS:SetTopicAttributes',
  'SNS:AddPermission',
  'SNS:RemovePermission',
  'SNS:DeleteTopic',
  'SNS:Subscribe',
  'SNS:ListSubscriptionsByTopic',
  'SNS:Publish',
] as const;

const SES_PRINCIPAL = 'ses.amazonaws.com';
const CLOUDWATCH_PRINCIPAL = 'cloudwatch.amazonaws.com';

interface Statement {
  readonly Sid?: unknown;
  readonly Effect?: unknown;
  readonly Principal?: unknown;
  readonly Action?: unknown;
  readonly Resource?: unknown;
  readonly Condition?: unknown;
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The whole policy document (JSON text) for a topic of the file. */
export function topicPolicyDocument(policy: TopicPolicy, topicArn: string, account: string, region: string): string {
  const others = policy.others ?? [];
  const ownerKept = others.some((s) => s.Sid === AWS_DEFAULT_SID);
  const statements: object[] = ownerKept ? [] : [
    {
      Sid: OWNER_SID,
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: [...OWNER_ACTIONS],
      Resource: topicArn,
      Condition: { StringEquals: { 'AWS:SourceOwner': account } },
    },
  ];
  // A service may publish on behalf of this account's resources only (the confused-deputy conditions).
  const publishBy = (sid: string, service: string, sourceArn: string | string[]) => ({
    Sid: sid,
    Effect: 'Allow',
    Principal: { Service: service },
    Action: 'SNS:Publish',
    Resource: topicArn,
    Condition: { StringEquals: { 'AWS:SourceAccount': account }, ArnLike: { 'AWS:SourceArn': sourceArn } },
  });
  const sets = [...new Set(policy.sesConfigurationSets)].sort(byString);
  if (sets.length > 0) statements.push(publishBy(SES_SID, SES_PRINCIPAL, sets.map((name) => configurationSetArn(region, account, name))));
  if (policy.cloudWatchAlarms) statements.push(publishBy(CLOUDWATCH_SID, CLOUDWATCH_PRINCIPAL, `arn:${partitionOf(region)}:cloudwatch:${region}:${account}:alarm:*`));
  return JSON.stringify({ Version: '2012-10-17', Id: 'ses-reconcile', Statement: [...statements, ...others] });
}

function strings(x: unknown): string[] {
  if (typeof x === 'string') return [x];
  return Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : [];
}

function record(x: unknown): Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
}

/** Still the statement we write: Allow, the service principal, SNS:Publish (IAM compares actions case-insensitively). */
function grantsPublish(s: Statement, service: string): boolean {
  return (
    s.Effect === 'Allow' &&
    strings(record(s.Principal).Service).includes(service) &&
    strings(s.Action).some((a) => a.toLowerCase() === 'sns:publish')
  );
}

/** AWS:SourceArn of an ArnLike (or ArnEquals) condition; condition keys are case-insensitive. */
function sourceArns(s: Statement): string[] {
  const out: string[] = [];
  for (const [op, block] of Object.entries(record(s.Condition))) {
    if (op !== 'ArnLike' && op !== 'ArnEquals') continue;
    for (const [k, v] of Object.entries(record(block))) if (k.toLowerCase() === 'aws:sourcearn') out.push(...strings(v));
  }
  return out;
}

const CONFIGURATION_SET = /^arn:[^:]+:ses:[^:]*:[^:]*:configuration-set\/(.+)$/;

/**
 * The TopicPolicy a document grants, read from our statements by Sid. undefined, '' or a document
 * without them (AWS's default policy) -> {sesConfigurationSets: [], cloudWatchAlarms: false}.
 */
export function topicPolicyFromDocument(json: string | undefined): TopicPolicy {
  let doc: unknown;
  try {
    doc = json ? JSON.parse(json) : {};
  } catch {
    doc = {};
  }
  const raw = record(doc).Statement;
  const statements = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((s) => record(s) as Statement);
  const sets = new Set<string>();
  let cloudWatchAlarms = false;
  // Kept as AWS holds them; a statement that is not an object is not a statement (nothing to keep).
  const others = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
    (s): s is Record<string, unknown> => typeof s === 'object' && s !== null && !Array.isArray(s) && !(typeof s.Sid === 'string' && s.Sid.startsWith(OWN_SID_PREFIX)),
  );
  for (const s of statements) {
    if (s.Sid === SES_SID && grantsPublish(s, SES_PRINCIPAL)) {
      for (const arn of sourceArns(s)) {
        const name = CONFIGURATION_SET.exec(arn)?.[1];
        if (name !== undefined) sets.add(name);
      }
    } else if (s.Sid === CLOUDWATCH_SID && grantsPublish(s, CLOUDWATCH_PRINCIPAL)) {
      cloudWatchAlarms = true;
    }
  }
  return { sesConfigurationSets: [...sets].sort(byString), cloudWatchAlarms, ...(others.length > 0 ? { others } : {}) };
}
