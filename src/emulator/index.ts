/** The emulator with every service (SESv2, CloudWatch, SNS, and STS for the account): what `ses-reconcile emulator` and the tests start. */
import { createCloudWatchHandler } from './cloudwatch/handler.js';
import { startEmulator, type Emulator, type EmulatorOptions } from './server.js';
import { createSesv2Handler } from './sesv2/handler.js';
import { createSnsHandler } from './sns/handler.js';
import { createStsHandler } from './sts/handler.js';
import type { ServiceHandler } from './types.js';

export type { Emulator } from './server.js';
export type { FaultConfig } from './faults.js';

export function createHandlers(): ServiceHandler[] {
  return [createSesv2Handler(), createCloudWatchHandler(), createSnsHandler(), createStsHandler()];
}

export function startFullEmulator(options: Omit<EmulatorOptions, 'handlers'> = {}): Promise<Emulator> {
  return startEmulator({ ...options, handlers: createHandlers() });
}
