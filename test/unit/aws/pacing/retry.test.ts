/** When a failed call is tried again, and after how long (pure: the random source is given). */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, isReadOperation, retryDelay } from '../../../../src/aws/pacing/retry.js';

const max = () => 0.999999;

describe('retryDelay', () => {
  it('retries a throttled read for ever, the wait growing to the cap', () => {
    const waits = [1, 2, 3, 4, 5, 6, 10, 1000].map((attempts) => retryDelay('throttling', 'GetConfigurationSet', { attempts, throttleWaitMs: 1e12 }, DEFAULT_RETRY_POLICY, max));
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 16000, 20000, 20000]);
  });

  it('gives a throttled write up once its waiting would pass the budget', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, writeThrottleBudgetMs: 30_000 };
    expect(retryDelay('throttling', 'PutMetricAlarm', { attempts: 3, throttleWaitMs: 20_000 }, policy, max)).toBe(2000);
    expect(retryDelay('throttling', 'PutMetricAlarm', { attempts: 3, throttleWaitMs: 29_000 }, policy, max)).toBeUndefined();
  });

  it('retries a transient failure up to the attempt limit, with a shorter base', () => {
    const at = (attempts: number) => retryDelay('transient', 'PutMetricAlarm', { attempts, throttleWaitMs: 0 }, DEFAULT_RETRY_POLICY, max);
    expect([1, 2, 3, 4].map(at)).toEqual([100, 200, 400, 800]);
    expect(at(5)).toBeUndefined();
  });

  it('never retries a final error, and jitters the wait', () => {
    expect(retryDelay('final', 'GetConfigurationSet', { attempts: 1, throttleWaitMs: 0 }, DEFAULT_RETRY_POLICY, max)).toBeUndefined();
    expect(retryDelay('throttling', 'GetConfigurationSet', { attempts: 4, throttleWaitMs: 0 }, DEFAULT_RETRY_POLICY, () => 0.25)).toBe(1000);
  });

  it('knows reads by their verbs', () => {
    expect(['GetResources', 'ListTopics', 'DescribeAlarms'].every(isReadOperation)).toBe(true);
    expect(['PutMetricAlarm', 'TagResource', 'DeleteAlarms', 'Getaway'].some(isReadOperation)).toBe(false);
  });
});
