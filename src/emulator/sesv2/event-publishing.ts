/**
 * SES event publishing: the events of one sent message (mailbox-simulator.ts decides them per recipient)
 * go to each *enabled* event destination of its configuration set whose MatchingEventTypes include them
 * (SES Developer Guide, monitor-using-event-publishing; docs/aws-behaviour.md, "Metrics SES publishes"):
 *
 * - A CloudWatch destination: one datapoint of 1 (unit Count) per recipient and event in namespace
 *   `AWS/SES`, metric `Send`, `Delivery`, `Bounce`, `Complaint`, … (EVENT_METRICS), with exactly the
 *   destination's DimensionConfigurations as dimensions: a MESSAGE_TAG dimension takes the message's tag of
 *   that name (EmailTags, or SES's auto-tags `ses:configuration-set`, `ses:from-domain`,
 *   `ses:caller-identity`, `ses:operation`, `ses:source-ip`), else its DefaultDimensionValue; EMAIL_HEADER
 *   and LINK_TAG dimensions take their DefaultDimensionValue (the emulator reads neither headers nor links).
 * - An SNS destination: one event record per message and event type, in SES's format ("Contents of event
 *   data that Amazon SES publishes to Amazon SNS": `eventType`, `mail` with its `tags`, and the `bounce`,
 *   `complaint`, `delivery` or `send` object, listing the recipients concerned), published to the topic.
 * - Firehose, EventBridge and Pinpoint destinations: not emulated; a debug log entry says so.
 *
 * Besides, as SES does for every message: the account-level metrics (the same names, no dimensions), and
 * the reputation metrics `Reputation.BounceRate` and `Reputation.ComplaintRate` (fractions, 0.05 = 5%):
 * for the account always, with no dimension, and per configuration set with dimension
 * `ses:configuration-set` while its ReputationMetricsEnabled is true. Each rate is published from the
 * message that brings its first bounce (complaint) on (a metric exists only after its first event).
 *
 * Simplification (INFERENCE, documented in the README): AWS's rates are over a representative recent
 * volume of mail; the emulator's are running fractions, bounced (complained) recipients over recipients
 * sent to, since the Region's state (or the set) was made or the emulator reset, and they count the
 * mailbox simulator, which AWS leaves out.
 */
import { randomUUID } from 'node:crypto';
import type { PublishedDatum } from '../types.js';
import type { Sesv2Context } from './context.js';
import { bounces, delivers, type Outcome } from './mailbox-simulator.js';
import type { ConfigurationSet, EventDestination, ReputationCounts } from './model.js';

/** SES event types (EventDestination.MatchingEventTypes) and their CloudWatch metric names (docs/aws-behaviour.md). */
export const EVENT_METRICS = {
  SEND: 'Send',
  REJECT: 'Reject',
  BOUNCE: 'Bounce',
  COMPLAINT: 'Complaint',
  DELIVERY: 'Delivery',
  OPEN: 'Open',
  CLICK: 'Click',
  RENDERING_FAILURE: 'RenderingFailure',
  DELIVERY_DELAY: 'DeliveryDelay',
  SUBSCRIPTION: 'Subscription',
} as const;
export type EventType = keyof typeof EVENT_METRICS;

export interface Recipient {
  readonly address: string;
  readonly outcome: Outcome;
}

/** The message as SES describes it in its event records (`mail`), and its tags. */
export interface SentMessage {
  readonly messageId: string;
  readonly source: string;
  readonly fromDomain: string;
  readonly destination: readonly string[];
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  readonly commonHeaders: Readonly<Record<string, unknown>>;
  /** EmailTags and auto-tags, one value each. */
  readonly tags: ReadonlyMap<string, string>;
  readonly recipients: readonly Recipient[];
}

/** The recipients each event type concerns, for one message. */
function eventsOf(recipients: readonly Recipient[]): Map<EventType, Recipient[]> {
  const events = new Map<EventType, Recipient[]>([['SEND', [...recipients]]]);
  const add = (type: EventType, r: Recipient) => events.set(type, [...(events.get(type) ?? []), r]);
  for (const r of recipients) {
    if (delivers(r.outcome)) add('DELIVERY', r);
    if (bounces(r.outcome)) add('BOUNCE', r);
    if (r.outcome === 'complained') add('COMPLAINT', r);
  }
  return events;
}

/** The dimensions of one datapoint of a CloudWatch destination: exactly its DimensionConfigurations. */
function dimensionsOf(destination: EventDestination, tags: ReadonlyMap<string, string>): { Name: string; Value: string }[] {
  return (destination.CloudWatchDestination?.DimensionConfigurations ?? []).map((d) => ({
    Name: d.DimensionName,
    Value: (d.DimensionValueSource === 'MESSAGE_TAG' ? tags.get(d.DimensionName) : undefined) ?? d.DefaultDimensionValue,
  }));
}

const feedbackId = (t: number): string => `0100${t.toString(16).padStart(12, '0')}-${randomUUID()}-000000`;

/** SES's event record for one event type of one message (SNS destinations). */
function eventRecord(type: EventType, message: SentMessage, recipients: readonly Recipient[], ctx: Sesv2Context): Record<string, unknown> {
  const at = ctx.now.toISOString();
  const mail = {
    timestamp: at,
    source: message.source,
    sourceArn: `arn:aws:ses:${ctx.region}:${ctx.accountId}:identity/${message.fromDomain}`,
    sendingAccountId: ctx.accountId,
    messageId: message.messageId,
    destination: message.destination,
    headersTruncated: false,
    headers: message.headers,
    commonHeaders: message.commonHeaders,
    tags: Object.fromEntries([...message.tags].map(([k, v]) => [k, [v]])),
  };
  switch (type) {
    case 'BOUNCE': {
      // The mailbox simulator's bounce is "SMTP 550 5.1.1 ("Unknown User")"; the suppression list's is
      // SES's own, subtype Suppressed (SES Developer Guide, notification-contents, bounce types).
      const suppressed = recipients.every((r) => r.outcome === 'suppressed');
      return {
        eventType: 'Bounce',
        bounce: {
          feedbackId: feedbackId(ctx.now.getTime()),
          bounceType: 'Permanent',
          bounceSubType: suppressed ? 'Suppressed' : 'General',
          bouncedRecipients: recipients.map((r) =>
            r.outcome === 'suppressed'
              ? { emailAddress: r.address, action: 'failed', status: '5.1.1', diagnosticCode: 'Amazon SES has suppressed sending to this address because it has a recent history of bouncing as an invalid address.' }
              : { emailAddress: r.address, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
          ),
          timestamp: at,
          reportingMTA: 'dns; amazonses.com',
        },
        mail,
      };
    }
    case 'COMPLAINT':
      return {
        eventType: 'Complaint',
        complaint: {
          feedbackId: feedbackId(ctx.now.getTime()),
          complaintSubType: null,
          complainedRecipients: recipients.map((r) => ({ emailAddress: r.address })),
          timestamp: at,
          userAgent: 'Amazon SES Mailbox Simulator',
          complaintFeedbackType: 'abuse',
          arrivalDate: at,
        },
        mail,
      };
    case 'DELIVERY':
      return {
        eventType: 'Delivery',
        mail,
        delivery: {
          timestamp: at,
          processingTimeMillis: 0,
          recipients: recipients.map((r) => r.address),
          smtpResponse: '250 2.6.0 Message received',
          reportingMTA: 'a8-70.smtp-out.amazonses.com',
        },
      };
    case 'SEND':
      return { eventType: 'Send', mail, send: {} };
    default:
      return { eventType: EVENT_METRICS[type], mail };
  }
}

function count(c: ReputationCounts, recipients: readonly Recipient[]): void {
  c.sends += recipients.length;
  c.bounces += recipients.filter((r) => bounces(r.outcome)).length;
  c.complaints += recipients.filter((r) => r.outcome === 'complained').length;
}

/** The reputation datapoints of one scope after a message: each rate once it has had its first event. */
function reputationData(c: ReputationCounts, dimensions: { Name: string; Value: string }[], base: Omit<PublishedDatum, 'metricName' | 'value' | 'dimensions'>): PublishedDatum[] {
  if (c.sends === 0) return [];
  return [
    ...(c.bounces > 0 ? [{ ...base, metricName: 'Reputation.BounceRate', dimensions, value: c.bounces / c.sends }] : []),
    ...(c.complaints > 0 ? [{ ...base, metricName: 'Reputation.ComplaintRate', dimensions, value: c.complaints / c.sends }] : []),
  ];
}

/** Publish everything one accepted message causes; `set` is the configuration set it was sent through. */
export function publishEvents(message: SentMessage, set: ConfigurationSet | undefined, ctx: Sesv2Context): void {
  const events = eventsOf(message.recipients);
  const base = { region: ctx.region, namespace: 'AWS/SES', timestamp: ctx.now };
  const data: PublishedDatum[] = [];
  const published: { destination: string; type: string; events: Record<string, number> }[] = [];

  // Account-level metrics: every event, no dimensions.
  for (const [type, recipients] of events) for (const _ of recipients) data.push({ ...base, metricName: EVENT_METRICS[type], dimensions: [], value: 1, unit: 'Count' });

  for (const destination of set?.eventDestinations.values() ?? []) {
    if (!destination.Enabled) continue;
    const matching = [...events].filter(([type]) => destination.MatchingEventTypes.includes(type));
    if (matching.length === 0) continue;
    const counts = Object.fromEntries(matching.map(([type, rs]) => [EVENT_METRICS[type], rs.length]));
    if (destination.CloudWatchDestination) {
      const dimensions = dimensionsOf(destination, message.tags);
      for (const [type, recipients] of matching) for (const _ of recipients) data.push({ ...base, metricName: EVENT_METRICS[type], dimensions, value: 1, unit: 'Count' });
      published.push({ destination: destination.Name, type: 'CloudWatch', events: counts });
    } else if (destination.SnsDestination) {
      for (const [type, recipients] of matching) {
        ctx.links.topics.publish({ topicArn: destination.SnsDestination.TopicArn, message: JSON.stringify(eventRecord(type, message, recipients, ctx)), publisher: 'ses.amazonaws.com' });
      }
      published.push({ destination: destination.Name, type: 'SNS', events: counts });
    } else {
      const kind = Object.keys(destination).find((k) => k.endsWith('Destination')) ?? 'unknown';
      ctx.links.log.write({
        level: 'debug',
        service: 'sesv2',
        event: 'ses:DestinationNotEmulated',
        message: `event destination ${destination.Name} of ${set?.name} (${kind}) is not emulated: message ${message.messageId}'s events were not delivered to it`,
        details: { configurationSet: set?.name, destination: destination.Name, type: kind },
      });
    }
  }

  count(ctx.sets.account, message.recipients);
  data.push(...reputationData(ctx.sets.account, [], base));
  if (set?.options.ReputationOptions.ReputationMetricsEnabled) {
    count(set.reputation, message.recipients);
    data.push(...reputationData(set.reputation, [{ Name: 'ses:configuration-set', Value: set.name }], base));
  }
  ctx.links.metrics.publish(data);

  const outcomes: Record<string, number> = {};
  for (const r of message.recipients) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
  // debug: one line a message is noise at info, where an alarm's change of state must stand out.
  ctx.links.log.write({
    level: 'debug',
    service: 'sesv2',
    event: 'ses:SendEmail',
    message: `message ${message.messageId} from ${message.source} to ${message.recipients.length} recipient(s)${set ? ` through ${set.name}` : ''}: ${Object.entries(outcomes).map(([o, n]) => `${n} ${o}`).join(', ')}${published.length > 0 ? `; events to ${published.map((p) => `${p.destination} (${p.type})`).join(', ')}` : ''}`,
    details: { messageId: message.messageId, configurationSet: set?.name, recipients: message.recipients, destinations: published },
  });
}
