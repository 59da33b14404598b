/**
 * Request rates for tests that build the AWS clients themselves: far above AWS's documented ones
 * (SESv2 1/s), because the emulator does not limit unless a test asks it to. One test per limit runs at
 * the real rates (test/integration/pacing.test.ts).
 */
import type { RateTable } from '../../src/aws/pacing/rates.js';

export const FAST_RATES_TABLE: RateTable = { service: { sesv2: 400, cloudwatch: 400, sns: 400, tagging: 400 }, operation: {} };
