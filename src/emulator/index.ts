/**
 * The emulator with every service (SESv2, CloudWatch, SNS, STS for the account, and the Resource Groups
 * Tagging API over the first three's resources): what `ses-reconcile emulator` and the tests start.
 */
import { createCloudWatchHandler } from './cloudwatch/service.js';
import { startEmulator, type Emulator, type EmulatorOptions } from './server.js';
import { createSesv2Handler } from './sesv2/service.js';
import { createSnsHandler } from './sns/service.js';
import { createStsHandler } from './sts/service.js';
import { createTaggingHandler } from './tagging/service.js';
import type { ServiceHandler } from './types.js';

export type { Emulator } from './server.js';
export { AWS_DOCUMENTED_RATES, type FaultConfig } from './faults.js';

export function createHandlers(): ServiceHandler[] {
  const sources = [createSesv2Handler(), createCloudWatchHandler(), createSnsHandler()];
  return [...sources, createStsHandler(), createTaggingHandler({ sources })];
}

export function startFullEmulator(options: Omit<EmulatorOptions, 'handlers'> = {}): Promise<Emulator> {
  return startEmulator({ ...options, handlers: createHandlers() });
}
