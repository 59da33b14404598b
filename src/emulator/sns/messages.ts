/**
 * Notifications other services publish to topics: SES's event records for an SNS event destination
 * and CloudWatch's alarm notifications. AWS delivers them to the topic's confirmed subscriptions; the
 * emulator delivers to no endpoint but keeps each message in the topic's Region (state.ts
 * PublishedMessage), with the subscriptions it would have gone to, and logs it at info level
 * (`sns:Publish`), so a test or a sandbox user can see what was sent (`SnsHandler.published()`,
 * `GET /_emulator/log?event=sns:Publish`).
 *
 * A message for a topic that does not exist is not published: AWS records a failed delivery in the
 * publisher's own history; the emulator logs a warning (`sns:PublishFailed`). The Publish API itself is
 * not emulated (errors.ts).
 */
import { randomUUID } from 'node:crypto';
import { EMULATOR_ACCOUNT_ID, type Clock, type EmulatorLogger, type TopicMessage, type TopicPublisher } from '../types.js';
import { parseArn } from './arn.js';
import type { PublishedMessage, SnsState } from './state.js';

/** Messages kept per Region; older ones are dropped. */
export const MAX_MESSAGES = 10_000;

export function topicPublisher(state: SnsState, clock: Clock, log: EmulatorLogger): TopicPublisher {
  return {
    publish(m: TopicMessage): string | undefined {
      const arn = parseArn(m.topicArn);
      const region = arn?.service === 'sns' && arn.account === EMULATOR_ACCOUNT_ID ? state.peek(arn.region) : undefined;
      const topic = region?.topics.get(m.topicArn);
      if (!region || !topic) {
        log.write({
          level: 'warn',
          service: 'sns',
          event: 'sns:PublishFailed',
          message: `${m.publisher} could not publish to ${m.topicArn}: the topic does not exist`,
          details: { topicArn: m.topicArn, publisher: m.publisher },
        });
        return undefined;
      }
      const message: PublishedMessage = {
        MessageId: randomUUID(),
        TopicArn: m.topicArn,
        ...(m.subject !== undefined ? { Subject: m.subject } : {}),
        Message: m.message,
        Timestamp: clock.now().toISOString(),
        Publisher: m.publisher,
        DeliveredTo: region.subscriptionsOf(m.topicArn).filter((s) => !s.pending).map((s) => s.arn),
      };
      region.messages.push(message);
      if (region.messages.length > MAX_MESSAGES) region.messages.splice(0, region.messages.length - MAX_MESSAGES);
      log.write({
        level: 'info',
        service: 'sns',
        event: 'sns:Publish',
        message: `${m.publisher} published ${message.MessageId} to ${m.topicArn}${m.subject ? ` ("${m.subject}")` : ''}; ${message.DeliveredTo.length} confirmed subscription(s)`,
        details: { ...message },
      });
      return message.MessageId;
    },
  };
}

/** Every message published to `topicArn` (or to any topic), in every Region, oldest first. */
export function publishedMessages(state: SnsState, topicArn?: string): PublishedMessage[] {
  const out: PublishedMessage[] = [];
  for (const [, region] of state.allRegions()) out.push(...region.messages.filter((m) => topicArn === undefined || m.TopicArn === topicArn));
  return out.sort((a, b) => (a.Timestamp < b.Timestamp ? -1 : a.Timestamp > b.Timestamp ? 1 : 0));
}
