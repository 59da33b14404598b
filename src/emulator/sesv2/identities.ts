/**
 * Email identities: CreateEmailIdentity, GetEmailIdentity and ListEmailIdentities (SESv2 API reference),
 * on the account of the request's Region (account.ts: the settings' identities and the created ones).
 * What ses-reconcile reads is the listing (its tracking-domain check, docs/aws-behaviour.md, "Plan-time
 * checks"); Create and Get are here so a test sets an account up as a user does with the AWS CLI.
 *
 * A created identity is verified at once (account.ts): VerificationStatus SUCCESS, SendingEnabled true.
 * DKIM, MAIL FROM, policies and the other identity calls are not emulated.
 */
import { inListOrder, listPosition } from '../core/list-order.js';
import { pageOf, type TokenRules } from '../core/paging.js';
import * as shape from '../core/shapes.js';
import { identityTypeOf, type EmailIdentity } from './account.js';
import { operation } from './context.js';
import { alreadyExists, badRequest, notFound } from './errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paging.js';

const IDENTITIES = '/v2/email/identities';

const Tags = shape.list(shape.structure({ Key: shape.string(), Value: shape.string() }, ['Key', 'Value']));

interface CreateInput {
  readonly EmailIdentity: string;
  readonly Tags?: readonly { readonly Key: string; readonly Value: string }[];
}

/** What AWS answers for a verified identity, in CreateEmailIdentity's and GetEmailIdentity's shape. */
function verified(identity: EmailIdentity) {
  return {
    IdentityType: identity.type,
    VerifiedForSendingStatus: true,
    // A domain identity is created with Easy DKIM (the API's default), which a sandbox deems verified.
    DkimAttributes: identity.type === 'DOMAIN' ? { SigningEnabled: true, Status: 'SUCCESS', SigningAttributesOrigin: 'AWS_SES' } : { SigningEnabled: false, Status: 'NOT_STARTED' },
  };
}

const createEmailIdentity = operation<CreateInput>({
  name: 'CreateEmailIdentity',
  http: [{ method: 'POST', path: IDENTITIES }],
  input: shape.structure(
    {
      EmailIdentity: shape.string({ min: 1 }),
      Tags,
      DkimSigningAttributes: shape.structure({ DomainSigningSelector: shape.string(), DomainSigningPrivateKey: shape.string(), NextSigningKeyLength: shape.string() }),
      ConfigurationSetName: shape.string(),
    },
    ['EmailIdentity'],
  ),
  run: (input, ctx) => {
    const name = input.EmailIdentity.trim();
    if (name === '' || /\s/.test(name)) throw badRequest(`Invalid email identity <${input.EmailIdentity}>: give a domain or an email address.`);
    if (ctx.account.identity(name)) throw alreadyExists(`Email identity <${name}> already exists.`);
    const identity: EmailIdentity = { name, type: identityTypeOf(name), tags: new Map((input.Tags ?? []).map((t) => [t.Key, t.Value])) };
    ctx.account.addIdentity(identity);
    return verified(identity);
  },
});

const getEmailIdentity = operation<{ readonly EmailIdentity: string }>({
  name: 'GetEmailIdentity',
  http: [{ method: 'GET', path: `${IDENTITIES}/{EmailIdentity}` }],
  input: shape.structure({ EmailIdentity: shape.string({ min: 1 }) }, ['EmailIdentity']),
  run: (input, ctx) => {
    const identity = ctx.account.identity(input.EmailIdentity);
    if (!identity) throw notFound(`Email identity <${input.EmailIdentity}> does not exist.`);
    return {
      ...verified(identity),
      FeedbackForwardingStatus: true,
      VerificationStatus: 'SUCCESS',
      Policies: {},
      Tags: inListOrder(identity.tags, ([key]) => key).map(([Key, Value]) => ({ Key, Value })),
    };
  },
});

const IDENTITY_TOKENS: TokenRules = {
  list: 'sesv2:ListEmailIdentities',
  malformed: (token) => badRequest(`Invalid NextToken <${token}>.`),
  otherScope: (token) => badRequest(`NextToken <${token}> was issued for another Region; repeat the request that returned it.`),
};

interface ListInput {
  readonly NextToken?: string;
  readonly PageSize?: number;
}

/** "The value you specify has to be at least 0, and can be no more than 1000" (API reference); 0 is taken as the default (INFERENCE). */
function identityPageSize(requested: number | undefined): number {
  if (requested === undefined || requested === 0) return DEFAULT_PAGE_SIZE;
  if (requested < 0 || requested > MAX_PAGE_SIZE) throw badRequest(`PageSize must be between 0 and ${MAX_PAGE_SIZE}; got ${requested}.`);
  return requested;
}

const listEmailIdentities = operation<ListInput>({
  name: 'ListEmailIdentities',
  http: [
    // What the current SDK sends (client-sesv2 3.1169.0 schemas: POST /v2/email/list-identities, JSON body).
    { method: 'POST', path: '/v2/email/list-identities' },
    // What older models and other SDKs send (botocore sesv2 2019-09-27: GET with query parameters).
    { method: 'GET', path: IDENTITIES, query: { NextToken: 'NextToken', PageSize: 'PageSize' } },
  ],
  // The newer model's Filter (IDENTITY_NAME_CONTAINS, …) is not emulated; it is ignored, as unknown members are.
  input: shape.structure({ NextToken: shape.string(), PageSize: shape.integer() }),
  run: (input, ctx) => {
    const size = identityPageSize(input.PageSize);
    const page = pageOf(IDENTITY_TOKENS, ctx.account.identities(), { positionOf: (i) => listPosition(i.name.toLowerCase()), size, token: input.NextToken, scope: { region: ctx.region } });
    return {
      EmailIdentities: page.items.map((i) => ({ IdentityType: i.type, IdentityName: i.name, SendingEnabled: true, VerificationStatus: 'SUCCESS' })),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  },
});

export const identityOperations = [createEmailIdentity, getEmailIdentity, listEmailIdentities];
