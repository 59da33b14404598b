/**
 * toAwsCallError on the error shapes the SDK throws (modeled exceptions, unmodeled query codes, network
 * failures): the code the apply report prints, AWS's message, the status and whether a later try may help.
 */
import { describe, expect, it } from 'vitest';
import { LimitExceededException, NotFoundException, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { toAwsCallError } from '../../../src/aws/errors.js';
import { AwsCallError } from '../../../src/errors.js';

const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode }, $fault: httpStatusCode >= 500 ? ('server' as const) : ('client' as const) });

describe('toAwsCallError', () => {
  it('keeps a modeled SESv2 error: name as code, message, 404, not retryable', () => {
    const e = toAwsCallError(new NotFoundException({ message: 'Configuration set <x> does not exist.', ...meta(404) }), 'sesv2', 'GetConfigurationSet');
    expect(e).toBeInstanceOf(AwsCallError);
    expect({ code: e.code, awsMessage: e.awsMessage, status: e.status, retryable: e.retryable, service: e.service, operation: e.operation }).toEqual({
      code: 'NotFoundException',
      awsMessage: 'Configuration set <x> does not exist.',
      status: 404,
      retryable: false,
      service: 'sesv2',
      operation: 'GetConfigurationSet',
    });
    expect(e.exitCode).toBe(1);
    expect(e.message).toBe('sesv2 GetConfigurationSet failed: NotFoundException: Configuration set <x> does not exist.');
  });

  it('marks throttling and 5xx retryable, and an SESv2 quota (LimitExceededException) not', () => {
    expect(toAwsCallError(new TooManyRequestsException({ message: 'slow down', ...meta(429) }), 'sesv2', 'X').retryable).toBe(true);
    expect(toAwsCallError(Object.assign(new Error('Rate exceeded'), { name: 'Throttling', ...meta(400) }), 'cloudwatch', 'X').retryable).toBe(true);
    expect(toAwsCallError(Object.assign(new Error('busy'), { name: 'ConcurrentModificationException', ...meta(500) }), 'sesv2', 'X').retryable).toBe(true);
    expect(toAwsCallError(new LimitExceededException({ message: 'too many', ...meta(400) }), 'sesv2', 'X').retryable).toBe(false);
  });

  it('uses the query Code when the SDK gives only a generic exception name', () => {
    const e = toAwsCallError(Object.assign(new Error('Topic does not exist'), { name: 'SNSServiceException', Code: 'NotFound', ...meta(404) }), 'sns', 'GetTopicAttributes');
    expect(e.code).toBe('NotFound');
  });

  it('reads a network failure as retryable with no status', () => {
    const e = toAwsCallError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), 'sesv2', 'ListConfigurationSets');
    expect({ code: e.code, status: e.status, retryable: e.retryable }).toEqual({ code: 'ECONNREFUSED', status: undefined, retryable: true });
  });

  it('passes an AwsCallError through and survives a thrown non-Error', () => {
    const first = toAwsCallError(new NotFoundException({ message: 'x', ...meta(404) }), 'sesv2', 'A');
    expect(toAwsCallError(first, 'sesv2', 'B')).toBe(first);
    expect(toAwsCallError('boom', 'sts', 'GetCallerIdentity').code).toBe('UnknownError');
  });
});
