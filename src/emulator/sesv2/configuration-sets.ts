/**
 * Configuration sets: Create, Get, Delete, List, the seven Put...Options calls and UpdateConfigurationSet
 * (docs/aws-behaviour.md, "SESv2 configuration sets").
 *
 * Each option group is stored as sent and replaced whole by its Put call; a member the Put leaves out
 * is cleared, not kept (docs/aws-behaviour.md, "SESv2 configuration sets": Terraform clears a redirect domain
 * or pool by calling the Put without it). What Get reports for groups never set follows the same section:
 * ReputationOptions `{ReputationMetricsEnabled: false}` and SendingOptions `{SendingEnabled: true}` always
 * (Terraform marks both Computed; the values are INFERENCE from the console defaults), Tags always (maybe
 * []), and the other groups only once set. A group sent with no members set is the same as no group,
 * except SuppressionOptions, where `SuppressedReasons: []` means "suppress nothing for this set" and
 * is a state of its own (Terraform's suppressedReasonsEmpty test; floci's record; docs/aws-behaviour.md,
 * "SESv2 configuration sets").
 */
import { alreadyExists, badRequest } from './errors.js';
import type {
  ArchivingOptions,
  ConfigurationSetOptions,
  DeliveryOptions,
  MessageSecurityOptions,
  ReputationOptions,
  SendingOptions,
  SuppressionOptions,
  Tag,
  TrackingOptions,
  VdmOptions,
} from './model.js';
import { operation, type Sesv2Context } from './context.js';
import { inListOrder, listPosition } from '../core/list-order.js';
import { pageOf } from '../core/paging.js';
import { CONFIGURATION_SET_TOKENS, pageSizeOf } from './paging.js';
import * as shape from './shapes.js';
import { checkConfigurationSetName, checkDelivery, checkMessageSecurity, checkTagCount, checkTags, checkTracking } from './validation.js';

const SETS = '/v2/email/configuration-sets';
const SET = `${SETS}/{ConfigurationSetName}`;

const tracking = (t: Partial<TrackingOptions>): TrackingOptions | undefined =>
  t.CustomRedirectDomain === undefined ? undefined : { CustomRedirectDomain: t.CustomRedirectDomain, ...(t.HttpsPolicy ? { HttpsPolicy: t.HttpsPolicy } : {}) };

const delivery = (d: DeliveryOptions): DeliveryOptions | undefined => (Object.keys(d).length === 0 ? undefined : d);

const reputation = (r: ReputationOptions | undefined): Required<ReputationOptions> => ({ ReputationMetricsEnabled: r?.ReputationMetricsEnabled ?? false });

const sending = (s: SendingOptions | undefined): Required<SendingOptions> => ({ SendingEnabled: s?.SendingEnabled ?? true });

/** Left out, SuppressedReasons is [] (floci's record of Put: "reasons may be null or empty"). */
const suppression = (s: SuppressionOptions): SuppressionOptions => ({ ...s, SuppressedReasons: s.SuppressedReasons ?? [] });

const vdm = (v: VdmOptions | undefined): VdmOptions | undefined => (v && Object.keys(v).length > 0 ? v : undefined);

const archiving = (a: ArchivingOptions): ArchivingOptions | undefined => (a.ArchiveArn === undefined ? undefined : { ArchiveArn: a.ArchiveArn });

interface CreateInput {
  readonly ConfigurationSetName: string;
  readonly TrackingOptions?: TrackingOptions;
  readonly DeliveryOptions?: DeliveryOptions;
  readonly ReputationOptions?: ReputationOptions;
  readonly SendingOptions?: SendingOptions;
  readonly Tags?: readonly Tag[];
  readonly SuppressionOptions?: SuppressionOptions;
  readonly VdmOptions?: VdmOptions;
  readonly ArchivingOptions?: ArchivingOptions;
  readonly MessageSecurityOptions?: MessageSecurityOptions;
}

const createConfigurationSet = operation<CreateInput>({
  name: 'CreateConfigurationSet',
  http: [{ method: 'POST', path: SETS }],
  input: shape.structure(
    {
      ConfigurationSetName: shape.ConfigurationSetName,
      TrackingOptions: shape.TrackingOptions,
      DeliveryOptions: shape.DeliveryOptions,
      ReputationOptions: shape.ReputationOptions,
      SendingOptions: shape.SendingOptions,
      Tags: shape.TagList,
      SuppressionOptions: shape.SuppressionOptions,
      VdmOptions: shape.VdmOptions,
      ArchivingOptions: shape.ArchivingOptions,
      // Newer than botocore's model (S/MIME signing; client-sesv2 3.1169.0).
      MessageSecurityOptions: shape.MessageSecurityOptions,
    },
    ['ConfigurationSetName'],
  ),
  run: (input, ctx) => {
    const name = input.ConfigurationSetName;
    checkConfigurationSetName(name);
    if (input.MessageSecurityOptions) checkMessageSecurity(input.MessageSecurityOptions);
    const tags = input.Tags ?? [];
    checkTags(tags);
    checkTagCount(tags.length);
    if (input.TrackingOptions) checkTracking(input.TrackingOptions, ctx.account);
    if (input.DeliveryOptions) checkDelivery(input.DeliveryOptions, ctx.account);
    if (ctx.sets.get(name)) throw alreadyExists(`Configuration set <${name}> already exists.`);
    const options: ConfigurationSetOptions = {
      ...(input.TrackingOptions ? { TrackingOptions: tracking(input.TrackingOptions) } : {}),
      ...(input.DeliveryOptions ? { DeliveryOptions: delivery(input.DeliveryOptions) } : {}),
      ReputationOptions: reputation(input.ReputationOptions),
      SendingOptions: sending(input.SendingOptions),
      ...(input.SuppressionOptions ? { SuppressionOptions: suppression(input.SuppressionOptions) } : {}),
      ...(input.VdmOptions ? { VdmOptions: vdm(input.VdmOptions) } : {}),
      ...(input.ArchivingOptions ? { ArchivingOptions: archiving(input.ArchivingOptions) } : {}),
      ...(input.MessageSecurityOptions ? { MessageSecurityOptions: input.MessageSecurityOptions } : {}),
    };
    ctx.sets.add(name, options, new Map(tags.map((t) => [t.Key, t.Value])));
    return {};
  },
});

/** A resource's tags as a Tag list, in list order (sets here, tenants in tenants.ts). */
export function tagsOf(resource: { readonly tags: ReadonlyMap<string, string> }): Tag[] {
  return inListOrder(resource.tags, ([key]) => key).map(([Key, Value]) => ({ Key, Value }));
}

interface NameInput {
  readonly ConfigurationSetName: string;
}
const nameInput = shape.structure({ ConfigurationSetName: shape.ConfigurationSetName }, ['ConfigurationSetName']);

const getConfigurationSet = operation<NameInput>({
  name: 'GetConfigurationSet',
  http: [{ method: 'GET', path: SET }],
  input: nameInput,
  run: (input, ctx) => {
    const set = ctx.sets.require(input.ConfigurationSetName);
    // JSON.stringify leaves out the groups that are undefined (never set, or cleared).
    return { ConfigurationSetName: set.name, ...set.options, Tags: tagsOf(set) };
  },
});

const deleteConfigurationSet = operation<NameInput>({
  name: 'DeleteConfigurationSet',
  http: [{ method: 'DELETE', path: SET }],
  input: nameInput,
  run: (input, ctx) => {
    ctx.sets.require(input.ConfigurationSetName);
    ctx.tenants.refuseDeleteWhileAssociated('configuration-set', input.ConfigurationSetName);
    ctx.sets.delete(input.ConfigurationSetName);
    return {};
  },
});

interface ListInput {
  readonly Filter?: { readonly CONFIGURATION_SET_NAME_CONTAINS?: string };
  readonly NextToken?: string;
  readonly PageSize?: number;
}

/**
 * Floci's record (docs/aws-behaviour.md, "SESv2 configuration sets"): 3..64 characters, not trimmed, matched
 * anywhere without regard to case.
 */
function nameContainsOf(filter: ListInput['Filter']): string | null {
  const contains = filter?.CONFIGURATION_SET_NAME_CONTAINS;
  if (contains === undefined) return null;
  const length = [...contains].length;
  if (length < 3 || length > 64) throw badRequest(`CONFIGURATION_SET_NAME_CONTAINS must be 3 to 64 characters long; <${contains}> has ${length}.`);
  return contains.toLowerCase();
}

const listConfigurationSets = operation<ListInput>({
  name: 'ListConfigurationSets',
  http: [
    // What the current SDK sends (client-sesv2 3.1169.0 schemas: POST /v2/email/list-configuration-sets, JSON body).
    { method: 'POST', path: '/v2/email/list-configuration-sets' },
    // What older models and other SDKs send (botocore sesv2 2019-09-27: GET with query parameters).
    { method: 'GET', path: SETS, query: { NextToken: 'NextToken', PageSize: 'PageSize' } },
  ],
  input: shape.structure({ Filter: shape.ConfigurationSetFilter, NextToken: shape.NextToken, PageSize: shape.PageSize }),
  run: (input, ctx) => {
    // Checked in the order floci saw AWS check them: page size, then the filter, then the token (pageOf).
    const size = pageSizeOf(input.PageSize);
    const nameContains = nameContainsOf(input.Filter);
    const names = [...ctx.sets.all()].map((s) => s.name).filter((n) => nameContains === null || n.toLowerCase().includes(nameContains));
    const page = pageOf(CONFIGURATION_SET_TOKENS, names, { positionOf: listPosition, size, token: input.NextToken, scope: { region: ctx.region, nameContains } });
    return { ConfigurationSets: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  },
});

/** A Put...Options call: find the set (NotFoundException first), check the input, replace one group. */
function putOptions<I extends NameInput>(
  name: string,
  suffix: string,
  members: Record<string, shape.Shape>,
  replace: (input: I, ctx: Sesv2Context) => Partial<ConfigurationSetOptions>,
) {
  return operation<I>({
    name,
    http: [{ method: 'PUT', path: `${SET}/${suffix}` }],
    input: shape.structure({ ConfigurationSetName: shape.ConfigurationSetName, ...members }, ['ConfigurationSetName']),
    run: (input, ctx) => {
      const set = ctx.sets.require(input.ConfigurationSetName);
      set.options = { ...set.options, ...replace(input, ctx) };
      return {};
    },
  });
}

const putDelivery = putOptions<NameInput & DeliveryOptions>(
  'PutConfigurationSetDeliveryOptions',
  'delivery-options',
  { TlsPolicy: shape.TlsPolicy, SendingPoolName: shape.SendingPoolName, MaxDeliverySeconds: shape.MaxDeliverySeconds },
  ({ TlsPolicy, SendingPoolName, MaxDeliverySeconds }, ctx) => {
    const d: DeliveryOptions = {
      ...(TlsPolicy !== undefined ? { TlsPolicy } : {}),
      ...(SendingPoolName !== undefined ? { SendingPoolName } : {}),
      ...(MaxDeliverySeconds !== undefined ? { MaxDeliverySeconds } : {}),
    };
    checkDelivery(d, ctx.account);
    return { DeliveryOptions: delivery(d) };
  },
);

const putReputation = putOptions<NameInput & ReputationOptions>(
  'PutConfigurationSetReputationOptions',
  'reputation-options',
  { ReputationMetricsEnabled: shape.ReputationMetricsEnabled },
  (input) => ({ ReputationOptions: reputation(input) }),
);

// The route is `/sending`, not `/sending-options` (botocore model requestUri; docs/aws-behaviour.md,
// "SESv2 configuration sets").
const putSending = putOptions<NameInput & SendingOptions>('PutConfigurationSetSendingOptions', 'sending', { SendingEnabled: shape.SendingEnabled }, (input) => ({
  SendingOptions: sending(input),
}));

const putSuppression = putOptions<NameInput & SuppressionOptions>(
  'PutConfigurationSetSuppressionOptions',
  'suppression-options',
  { SuppressedReasons: shape.SuppressedReasons, SuppressionScope: shape.SuppressionScope, ValidationOptions: shape.SuppressionValidationOptions },
  // A Put with no member at all returns the set to the account-level settings: Terraform omitted the
  // member for an empty list until 2025 and its acceptance tests saw the set "use the account-level
  // suppression options" (hashicorp/terraform-provider-aws#45756). INFERENCE beyond that record.
  ({ SuppressedReasons, SuppressionScope, ValidationOptions }) =>
    SuppressedReasons === undefined && SuppressionScope === undefined && ValidationOptions === undefined
      ? { SuppressionOptions: undefined }
      : {
    SuppressionOptions: suppression({
      ...(SuppressedReasons !== undefined ? { SuppressedReasons } : {}),
      ...(SuppressionScope !== undefined ? { SuppressionScope } : {}),
      ...(ValidationOptions !== undefined ? { ValidationOptions } : {}),
    }),
        },
);

const putTracking = putOptions<NameInput & Partial<TrackingOptions>>(
  'PutConfigurationSetTrackingOptions',
  'tracking-options',
  { CustomRedirectDomain: shape.CustomRedirectDomain, HttpsPolicy: shape.HttpsPolicy },
  (input, ctx) => {
    checkTracking(input, ctx.account);
    return { TrackingOptions: tracking(input) };
  },
);

const putVdm = putOptions<NameInput & { readonly VdmOptions?: VdmOptions }>('PutConfigurationSetVdmOptions', 'vdm-options', { VdmOptions: shape.VdmOptions }, (input) => ({
  VdmOptions: vdm(input.VdmOptions),
}));

const putArchiving = putOptions<NameInput & ArchivingOptions>('PutConfigurationSetArchivingOptions', 'archiving-options', { ArchiveArn: shape.ArchiveArn }, (input) => ({
  ArchivingOptions: archiving(input),
}));

interface UpdateInput extends NameInput {
  readonly MessageSecurityOptions?: MessageSecurityOptions;
}

/**
 * UpdateConfigurationSet (client-sesv2 3.1169.0: POST /v2/email/update-configuration-sets, the name in the
 * body): "a partial update. Only the attributes that you include in the request are updated; any omitted
 * attribute is left unchanged." MessageSecurityOptions is its one attribute so far.
 */
const updateConfigurationSet = operation<UpdateInput>({
  name: 'UpdateConfigurationSet',
  http: [{ method: 'POST', path: '/v2/email/update-configuration-sets' }],
  input: shape.structure({ ConfigurationSetName: shape.ConfigurationSetName, MessageSecurityOptions: shape.MessageSecurityOptions }, ['ConfigurationSetName']),
  run: (input, ctx) => {
    const set = ctx.sets.require(input.ConfigurationSetName);
    if (input.MessageSecurityOptions) {
      checkMessageSecurity(input.MessageSecurityOptions);
      set.options = { ...set.options, MessageSecurityOptions: input.MessageSecurityOptions };
    }
    return {};
  },
});

export const configurationSetOperations = [
  createConfigurationSet,
  getConfigurationSet,
  deleteConfigurationSet,
  listConfigurationSets,
  putDelivery,
  putReputation,
  putSending,
  putSuppression,
  putTracking,
  putVdm,
  putArchiving,
  updateConfigurationSet,
];
