/**
 * The emulator with every service (SESv2, CloudWatch, SNS, STS for the account, and the Resource Groups
 * Tagging API over the first three's resources): what `ses-reconcile emulator` and the tests start.
 *
 * The services act on each other as AWS's do inside an account, through the links of types.ts: SES
 * publishes its events to CloudWatch's metric store and to SNS topics (sesv2/event-publishing.ts),
 * CloudWatch's alarms publish their notifications to SNS (cloudwatch/alarm-actions.ts). All of them read
 * one clock and write one log (the runtime, server.ts).
 */
import { createCloudWatchHandler } from './cloudwatch/service.js';
import { createRuntime, startEmulator, type Emulator, type EmulatorOptions, type ServerRuntime } from './server.js';
import { createSesv2Handler } from './sesv2/service.js';
import { createSnsHandler } from './sns/service.js';
import { createStsHandler } from './sts/service.js';
import { createTaggingHandler } from './tagging/service.js';
import type { ServiceHandler } from './types.js';

export type { Emulator, EmulatorOptions } from './server.js';
export type { ClockSetting } from './clock.js';
export type { LogEntry, LogFilter } from './log.js';
export type { PublishedMessage } from './sns/state.js';
export { AWS_DOCUMENTED_RATES, type FaultConfig } from './faults.js';
export { isLogLevel } from './log.js';

export function createHandlers(runtime: ServerRuntime = createRuntime()): ServiceHandler[] {
  const sns = createSnsHandler({ runtime });
  const cloudwatch = createCloudWatchHandler({ now: () => runtime.clock.now(), topics: sns.publisher, log: runtime.log });
  const sesv2 = createSesv2Handler({ runtime, metrics: cloudwatch.metrics, topics: sns.publisher });
  const sources = [sesv2, cloudwatch, sns];
  return [...sources, createStsHandler(), createTaggingHandler({ sources })];
}

export function startFullEmulator(options: Omit<EmulatorOptions, 'handlers' | 'runtime'> = {}): Promise<Emulator> {
  const runtime = createRuntime(options);
  return startEmulator({ ...options, handlers: createHandlers(runtime), runtime });
}
