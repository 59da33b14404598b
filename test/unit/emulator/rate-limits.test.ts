/**
 * Rate limits of fault injection (faults.ts): per service and per operation, token buckets of one
 * second's worth refilled continuously, driven by an injected clock.
 */
import { describe, expect, it } from 'vitest';
import { AWS_DOCUMENTED_RATES, Faults } from '../../../src/emulator/faults.js';

function faultsAt(start = 0) {
  const clock = { now: start };
  return { clock, faults: new Faults(() => clock.now) };
}

const kinds = (f: Faults, service: Parameters<Faults['decide']>[0], operation: string, n: number) =>
  Array.from({ length: n }, () => f.decide(service, operation).kind);

describe('per-operation rate limits', () => {
  it('limits the named operation and leaves the service\'s other operations alone', () => {
    const { faults } = faultsAt();
    faults.set({ rateLimit: { 'cloudwatch:PutMetricAlarm': 3 } });
    expect(kinds(faults, 'cloudwatch', 'PutMetricAlarm', 4)).toEqual(['pass', 'pass', 'pass', 'throttle']);
    expect(kinds(faults, 'cloudwatch', 'DescribeAlarms', 20).every((k) => k === 'pass')).toBe(true);
    expect(faults.decide('sns', 'PutMetricAlarm').kind).toBe('pass'); // the key names the service too
  });

  it('refills continuously: one token per 1/rate second, never more than one second\'s worth', () => {
    const { clock, faults } = faultsAt();
    faults.set({ rateLimit: { 'cloudwatch:PutMetricAlarm': 4 } });
    expect(kinds(faults, 'cloudwatch', 'PutMetricAlarm', 5)).toEqual(['pass', 'pass', 'pass', 'pass', 'throttle']);
    clock.now = 125; // half a token
    expect(faults.decide('cloudwatch', 'PutMetricAlarm').kind).toBe('throttle');
    clock.now = 500; // two tokens since t=0: the throttled call took none
    expect(kinds(faults, 'cloudwatch', 'PutMetricAlarm', 3)).toEqual(['pass', 'pass', 'throttle']);
    clock.now = 60_000; // a long idle: capped at 4
    expect(kinds(faults, 'cloudwatch', 'PutMetricAlarm', 5)).toEqual(['pass', 'pass', 'pass', 'pass', 'throttle']);
  });

  it('a call must pass both its operation\'s and its service\'s buckets', () => {
    const { faults } = faultsAt();
    faults.set({ rateLimit: { cloudwatch: 2, 'cloudwatch:PutMetricAlarm': 5 } });
    // The service's 2/s binds first.
    expect(kinds(faults, 'cloudwatch', 'PutMetricAlarm', 3)).toEqual(['pass', 'pass', 'throttle']);
    expect(faults.decide('cloudwatch', 'DescribeAlarms').kind).toBe('throttle');

    const other = faultsAt();
    other.faults.set({ rateLimit: { cloudwatch: 10, 'cloudwatch:PutMetricAlarm': 1 } });
    // The operation's 1/s binds first; its throttled calls take nothing from the service's bucket.
    expect(kinds(other.faults, 'cloudwatch', 'PutMetricAlarm', 5)).toEqual(['pass', 'throttle', 'throttle', 'throttle', 'throttle']);
    expect(kinds(other.faults, 'cloudwatch', 'DescribeAlarms', 10)).toEqual([...Array(9).fill('pass'), 'throttle']);
  });

  it('keeps the service-key behaviour: one bucket for all of a service\'s operations', () => {
    const { clock, faults } = faultsAt();
    faults.set({ rateLimit: { sesv2: 1 } });
    expect(faults.decide('sesv2', 'CreateConfigurationSet').kind).toBe('pass');
    expect(faults.decide('sesv2', 'GetConfigurationSet').kind).toBe('throttle');
    clock.now = 1000;
    expect(faults.decide('sesv2', 'GetConfigurationSet').kind).toBe('pass');
    expect(faults.decide('tagging', 'GetResources').kind).toBe('pass');
  });

  it('limits the tagging service like the others', () => {
    const { faults } = faultsAt();
    faults.set({ rateLimit: { tagging: 2 } });
    expect(kinds(faults, 'tagging', 'GetResources', 3)).toEqual(['pass', 'pass', 'throttle']);
  });

  it('a new fault configuration starts with full buckets', () => {
    const { faults } = faultsAt();
    faults.set({ rateLimit: { 'sns:ListTopics': 1 } });
    expect(kinds(faults, 'sns', 'ListTopics', 2)).toEqual(['pass', 'throttle']);
    faults.set({ rateLimit: { 'sns:ListTopics': 1 } });
    expect(faults.decide('sns', 'ListTopics').kind).toBe('pass');
  });

  it('"aws" applies AWS_DOCUMENTED_RATES', () => {
    const { faults } = faultsAt();
    faults.set({ rateLimit: 'aws' });
    expect(faults.get()).toEqual({ rateLimit: 'aws' });
    expect(kinds(faults, 'sesv2', 'CreateConfigurationSet', 2)).toEqual(['pass', 'throttle']);
    expect(kinds(faults, 'cloudwatch', 'PutMetricAlarm', 4)).toEqual(['pass', 'pass', 'pass', 'throttle']);
    expect(kinds(faults, 'cloudwatch', 'DescribeAlarms', 10)).toEqual([...Array(9).fill('pass'), 'throttle']);
    expect(kinds(faults, 'sns', 'ListTopics', 31).filter((k) => k === 'throttle')).toHaveLength(1);
    // Not documented, not limited.
    expect(kinds(faults, 'cloudwatch', 'TagResource', 50).every((k) => k === 'pass')).toBe(true);
    expect(kinds(faults, 'tagging', 'GetResources', 50).every((k) => k === 'pass')).toBe(true);
    expect(AWS_DOCUMENTED_RATES).toMatchObject({
      sesv2: 1,
      'cloudwatch:PutMetricAlarm': 3,
      'cloudwatch:DescribeAlarms': 9,
      'cloudwatch:DeleteAlarms': 3,
      'cloudwatch:PutDashboard': 10,
      'cloudwatch:GetDashboard': 10,
      'cloudwatch:ListDashboards': 10,
      'cloudwatch:DeleteDashboards': 10,
      'sns:ListTopics': 30,
    });
  });

  it('refuses keys that name no service, and rates that are not numbers, keeping the old faults', () => {
    const { faults } = faultsAt();
    faults.set({ rateLimit: { sesv2: 1 } });
    expect(() => faults.set({ rateLimit: { ses: 1 } as never })).toThrow(/rateLimit key "ses"/);
    expect(() => faults.set({ rateLimit: { 'cloudwatch:': 1 } as never })).toThrow(/service:Operation/);
    expect(() => faults.set({ rateLimit: { sns: 'fast' } as never })).toThrow(/number of requests per second/);
    expect(() => faults.set({ rateLimit: 'AWS' as never })).toThrow(/"aws" or an object/);
    expect(faults.get()).toEqual({ rateLimit: { sesv2: 1 } });
  });
});
