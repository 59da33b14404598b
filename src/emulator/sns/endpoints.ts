/**
 * Subscription protocols and what each accepts as an endpoint (SNS model, SubscribeInput.Protocol and
 * .Endpoint documentation), and which subscriptions wait for the endpoint owner's confirmation.
 *
 * Messages AWS is recorded to use are quoted with their source; the rest are ours.
 */
import { parseArn } from './arn.js';
import { invalidParameter } from './errors.js';

export const PROTOCOLS = ['http', 'https', 'email', 'email-json', 'sms', 'sqs', 'application', 'lambda', 'firehose'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export function isProtocol(p: string): p is Protocol {
  return (PROTOCOLS as readonly string[]).includes(p);
}

/** `arn:{partition}:{service}:{region}:{12 digits}:{resource}` with the resource matching `resource`. */
function isArnOf(endpoint: string, service: string, resource: RegExp): boolean {
  const a = parseArn(endpoint);
  return a !== undefined && a.service === service && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(a.region) && /^\d{12}$/.test(a.account) && resource.test(a.resource);
}

/**
 * Check the endpoint of a subscription to `topicArn`; InvalidParameter when it does not fit the protocol.
 * The protocol itself must already be known (isProtocol).
 */
export function checkEndpoint(protocol: Protocol, endpoint: string, topicArn: string): void {
  switch (protocol) {
    case 'http':
    case 'https': {
      // "For the http protocol, the (public) endpoint is a URL beginning with http://" (model).
      // AWS's wording, recorded by localstack's AWS-validated tests.
      let ok = endpoint.startsWith(`${protocol}://`);
      try {
        new URL(endpoint);
      } catch {
        ok = false;
      }
      if (!ok) throw invalidParameter('Invalid parameter: Endpoint must match the specified protocol');
      return;
    }
    case 'email':
    case 'email-json':
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(endpoint)) throw invalidParameter(`Invalid parameter: Email address: "${endpoint}" is not an email address`);
      return;
    case 'sms':
      // "the endpoint is a phone number of an SMS-enabled device" (model); SNS takes E.164 numbers.
      if (!/^\+?[1-9]\d{1,14}$/.test(endpoint)) throw invalidParameter(`Invalid parameter: SMS endpoint: "${endpoint}" is not an E.164 phone number`);
      return;
    case 'sqs':
      // AWS's wording, as moto and localstack record it.
      if (!isArnOf(endpoint, 'sqs', /^[A-Za-z0-9_-]{1,80}(\.fifo)?$/)) throw invalidParameter('Invalid parameter: SQS endpoint ARN');
      // AWS's wording (doubled prefix included), as moto and localstack record it.
      if (endpoint.endsWith('.fifo') && !topicArn.endsWith('.fifo')) {
        throw invalidParameter('Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics');
      }
      return;
    case 'lambda':
      if (!isArnOf(endpoint, 'lambda', /^function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]{1,128})?$/)) throw invalidParameter('Invalid parameter: Lambda endpoint ARN');
      return;
    case 'firehose':
      if (!isArnOf(endpoint, 'firehose', /^deliverystream\/[A-Za-z0-9_.-]{1,64}$/)) throw invalidParameter('Invalid parameter: Firehose endpoint ARN');
      return;
    case 'application':
      // "the endpoint is the EndpointArn of a mobile app and device" (model). The emulator has no
      // platform applications, so any well-formed endpoint ARN is taken.
      if (!isArnOf(endpoint, 'sns', /^endpoint\/[^/]+\/[^/]+\/[^/]+$/)) throw invalidParameter('Invalid parameter: Application endpoint ARN');
      return;
  }
}

/**
 * Whether a new subscription waits for confirmation: "If the endpoint type is HTTP/S or email, or if
 * the endpoint and the topic are not in the same Amazon Web Services account, the endpoint owner must
 * run the ConfirmSubscription action" (model, Subscribe).
 */
export function needsConfirmation(protocol: Protocol, endpoint: string, topicAccount: string): boolean {
  if (protocol === 'http' || protocol === 'https' || protocol === 'email' || protocol === 'email-json') return true;
  const a = parseArn(endpoint);
  return a !== undefined && a.account !== topicAccount;
}

/**
 * The endpoint as SNS shows it: an http(s) URL's password as `****` (`https://user:****@host/path`;
 * ListSubscriptionsByTopic, terraform-provider-aws#463). GetSubscriptionAttributes' Endpoint is masked
 * the same way here, which is not confirmed for AWS: the emulator never gives a password back.
 * The password runs from the userinfo's first `:` to the authority's last `@`.
 */
export function maskedEndpoint(endpoint: string): string {
  const scheme = /^https?:\/\//i.exec(endpoint);
  if (!scheme) return endpoint;
  const from = scheme[0].length;
  const rest = endpoint.slice(from);
  const stop = rest.search(/[/?#]/);
  const authority = stop === -1 ? rest : rest.slice(0, stop);
  const at = authority.lastIndexOf('@');
  const colon = authority.indexOf(':');
  if (at === -1 || colon === -1 || colon > at) return endpoint;
  return endpoint.slice(0, from + colon + 1) + '****' + endpoint.slice(from + at);
}
