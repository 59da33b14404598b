/**
 * SendEmail (`POST /v2/email/outbound-emails`, REST-JSON like the rest of SESv2; sesv2 model,
 * SendEmailRequest / SendEmailResponse `{MessageId}`). The emulator sends nothing: it checks the request
 * as SES does, decides each recipient's fate by the mailbox simulator (mailbox-simulator.ts) and
 * publishes the events through the configuration set named (event-publishing.ts).
 *
 * Checked, in this order: Content has exactly one of Simple, Raw and Template (any of them is accepted;
 * bodies and attachments are not read); a From address (FromEmailAddress, or a Raw message's From
 * header); every address has a local part and a domain ("Missing final '@domain'", AWS's message for
 * an address without one); at least one recipient (Destination, or a Raw message's To/Cc/Bcc headers)
 * and at most 50 ("The message may include up to 50 recipients", SES Developer Guide, quotas; answered
 * MessageRejected as SES v1 and moto answer "Too many recipients", INFERENCE for SESv2); EmailTags
 * names and values of ASCII letters, digits, `_` and `-`, at most 256 each (sesv2 model, MessageTag;
 * docs/aws-behaviour.md, "Dimensions and message tags"); the configuration set exists
 * (NotFoundException) and its sending is enabled, else SendingPausedException ("sends through the set
 * then fail (SendingPausedException) until resumed", floci's record of real SES; docs/aws-behaviour.md,
 * "SESv2 configuration sets"); when the sandbox lists verified identities (`--verified-domains`), the
 * From address's domain is one of them, else MessageRejected "Email address is not verified" (AWS's
 * wording); with a TenantName, the tenant's checks (tenant-resources.ts checkTenantSend).
 *
 * Tags: SES adds its auto-tags to every message, and they override an EmailTag of the same name
 * (INFERENCE: a MessageTag name cannot contain ':' anyway): `ses:configuration-set` (when a set is
 * named), `ses:from-domain`, `ses:caller-identity` (the emulator's IAM user), `ses:operation`
 * (`SendEmail`) and `ses:source-ip` (always 127.0.0.1 here).
 */
import { randomUUID } from 'node:crypto';
import { EMULATOR_USER_NAME } from '../sts/caller-identity.js';
import { operation } from './context.js';
import { badRequest, messageRejected, sendingPaused } from './errors.js';
import { outcomeOf } from './mailbox-simulator.js';
import { publishEvents, type SentMessage } from './event-publishing.js';
import { checkTenantSend } from './tenant-resources.js';
import * as shape from './shapes.js';

/** "Maximum number of recipients per message: 50" (SES Developer Guide, quotas). */
export const MAX_RECIPIENTS = 50;

const TAG = /^[A-Za-z0-9_-]{1,256}$/;

interface Header {
  readonly Name: string;
  readonly Value: string;
}

interface SendEmailInput {
  readonly FromEmailAddress?: string;
  readonly Destination?: { readonly ToAddresses?: readonly string[]; readonly CcAddresses?: readonly string[]; readonly BccAddresses?: readonly string[] };
  readonly ReplyToAddresses?: readonly string[];
  readonly Content: {
    readonly Simple?: { readonly Subject: { readonly Data: string }; readonly Headers?: readonly Header[] };
    readonly Raw?: { readonly Data: string };
    readonly Template?: { readonly TemplateName?: string; readonly TemplateArn?: string; readonly TemplateContent?: { readonly Subject?: string }; readonly Headers?: readonly Header[] };
  };
  readonly EmailTags?: readonly { readonly Name: string; readonly Value: string }[];
  readonly ConfigurationSetName?: string;
  readonly TenantName?: string;
}

/** `"Sender" <sender@example.com>` or `sender@example.com` -> `sender@example.com`. */
function bareAddress(raw: string): string {
  const angle = /<([^<>]*)>\s*$/.exec(raw);
  return (angle ? (angle[1] as string) : raw).trim();
}

function checkAddress(raw: string): string {
  const address = bareAddress(raw);
  const at = address.lastIndexOf('@');
  if (at < 0 || at === address.length - 1) throw badRequest(`Missing final '@domain' in <${raw}>.`);
  if (at === 0 || /[\s<>,;]/.test(address)) throw badRequest(`Illegal address <${raw}>.`);
  return address;
}

/** A raw MIME message's header fields (unfolded), up to the blank line that ends them. */
function rawHeaders(data: string): Header[] {
  let text: string;
  try {
    text = Buffer.from(data, 'base64').toString('utf8');
  } catch {
    throw badRequest('Content.Raw.Data is not base64.');
  }
  const head = text.split(/\r?\n\r?\n/)[0] ?? '';
  const out: { Name: string; Value: string }[] = [];
  for (const line of head.split(/\r?\n/)) {
    const last = out[out.length - 1];
    if (/^[ \t]/.test(line) && last) last.Value = `${last.Value} ${line.trim()}`;
    else {
      const m = /^([^:\s]+):\s*(.*)$/.exec(line);
      if (m) out.push({ Name: m[1] as string, Value: (m[2] as string).trim() });
    }
  }
  return out;
}

const headerValues = (headers: readonly Header[], name: string): string[] => headers.filter((h) => h.Name.toLowerCase() === name.toLowerCase()).map((h) => h.Value);

/** `a@x, "B" <b@y>` -> the raw address strings. INFERENCE: a comma inside a quoted display name is not supported. */
const addressList = (values: readonly string[]): string[] => values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter((s) => s !== '');

const messageIdAt = (t: number): string => `0100${t.toString(16).padStart(12, '0')}-${randomUUID()}-000000`;

const sendEmail = operation<SendEmailInput>({
  name: 'SendEmail',
  http: [{ method: 'POST', path: '/v2/email/outbound-emails' }],
  input: shape.structure(
    {
      FromEmailAddress: shape.Text,
      FromEmailAddressIdentityArn: shape.Text,
      Destination: shape.Destination,
      ReplyToAddresses: shape.EmailAddressList,
      FeedbackForwardingEmailAddress: shape.Text,
      FeedbackForwardingEmailAddressIdentityArn: shape.Text,
      Content: shape.EmailContent,
      EmailTags: shape.MessageTagList,
      ConfigurationSetName: shape.ConfigurationSetName,
      EndpointId: shape.Text,
      TenantName: shape.Text,
      ListManagementOptions: shape.ListManagementOptions,
    },
    ['Content'],
  ),
  run: (input, ctx) => {
    const content = input.Content;
    const kinds = (['Simple', 'Raw', 'Template'] as const).filter((k) => content[k] !== undefined);
    if (kinds.length !== 1) throw badRequest(`Content must have exactly one of Simple, Raw and Template; it has ${kinds.length === 0 ? 'none' : kinds.join(' and ')}.`);
    const raw = content.Raw ? rawHeaders(content.Raw.Data) : [];

    const from = input.FromEmailAddress ?? headerValues(raw, 'From')[0];
    if (from === undefined) throw badRequest('FromEmailAddress is required unless the Raw message has a From header.');
    const source = checkAddress(from);
    const fromDomain = source.slice(source.lastIndexOf('@') + 1).toLowerCase();

    const d = input.Destination;
    const to = d ? [...(d.ToAddresses ?? [])] : addressList(headerValues(raw, 'To'));
    const cc = d ? [...(d.CcAddresses ?? [])] : addressList(headerValues(raw, 'Cc'));
    const bcc = d ? [...(d.BccAddresses ?? [])] : addressList(headerValues(raw, 'Bcc'));
    const all = [...to, ...cc, ...bcc];
    const addresses = all.map(checkAddress);
    for (const r of input.ReplyToAddresses ?? []) checkAddress(r);
    if (addresses.length === 0) throw badRequest('The message has no recipient: give Destination ToAddresses, CcAddresses or BccAddresses.');
    if (addresses.length > MAX_RECIPIENTS) throw messageRejected(`Recipient count exceeds ${MAX_RECIPIENTS}: the message has ${addresses.length}.`);

    for (const t of input.EmailTags ?? []) {
      if (!TAG.test(t.Name)) throw badRequest(`Invalid tag name <${t.Name}>: only alphanumeric ASCII characters, '_', and '-' are allowed, at most 256.`);
      if (!TAG.test(t.Value)) throw badRequest(`Invalid tag value <${t.Value}> of tag ${t.Name}: only alphanumeric ASCII characters, '_', and '-' are allowed, at most 256.`);
    }

    const set = input.ConfigurationSetName === undefined ? undefined : ctx.sets.require(input.ConfigurationSetName);
    if (set && !set.options.SendingOptions.SendingEnabled) throw sendingPaused(`Sending is paused for this configuration set: ${set.name}.`);
    if (input.TenantName !== undefined) checkTenantSend({ tenantName: input.TenantName, from: source, configurationSet: set?.name, template: content.Template?.TemplateName }, ctx);
    if (!ctx.account.coversAddress(source)) {
      throw messageRejected(`Email address is not verified. The following identities failed the check in region ${ctx.region.toUpperCase()}: ${source}`);
    }

    const messageId = messageIdAt(ctx.now.getTime());
    const tags = new Map<string, string>((input.EmailTags ?? []).map((t) => [t.Name, t.Value]));
    if (set) tags.set('ses:configuration-set', set.name);
    tags.set('ses:from-domain', fromDomain);
    tags.set('ses:caller-identity', EMULATOR_USER_NAME);
    tags.set('ses:operation', 'SendEmail');
    tags.set('ses:source-ip', '127.0.0.1');

    const subject = content.Simple?.Subject.Data ?? content.Template?.TemplateContent?.Subject ?? headerValues(raw, 'Subject')[0];
    const headers = content.Raw
      ? raw.map((h) => ({ name: h.Name, value: h.Value }))
      : [
          { name: 'From', value: from },
          ...(to.length > 0 ? [{ name: 'To', value: to.join(', ') }] : []),
          ...(cc.length > 0 ? [{ name: 'Cc', value: cc.join(', ') }] : []),
          ...(subject !== undefined ? [{ name: 'Subject', value: subject }] : []),
          { name: 'MIME-Version', value: '1.0' },
          ...(content.Simple?.Headers ?? content.Template?.Headers ?? []).map((h) => ({ name: h.Name, value: h.Value })),
        ];
    const message: SentMessage = {
      messageId,
      source: from,
      fromDomain,
      destination: addresses,
      headers,
      commonHeaders: {
        from: [from],
        ...(to.length > 0 ? { to } : {}),
        ...(cc.length > 0 ? { cc } : {}),
        messageId,
        ...(subject !== undefined ? { subject } : {}),
      },
      tags,
      recipients: addresses.map((address) => ({ address, outcome: outcomeOf(address) })),
    };
    publishEvents(message, set, ctx);
    return { MessageId: messageId };
  },
});

export const outboundEmailOperations = [sendEmail];
