/**
 * Whether each configuration set sends (`status`'s paused sets): GetConfigurationSet's SendingOptions, one
 * call a set (SES has no batch read), at SES's 1 call a second through the paced client.
 */
import { GetConfigurationSetCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { isNotFound } from './reader.js';
import type { CallCount } from '../call-count.js';
import { mapPool } from '../pool.js';

/** Set name -> SendingEnabled (absent means true, the API's default); a set that does not exist is left out. */
export async function readSendingEnabled(ses: SESv2Client, names: readonly string[], concurrency: number, calls: CallCount): Promise<Map<string, boolean>> {
  const got = await mapPool(names, concurrency, async (name) => {
    try {
      const out = await calls.call('GetConfigurationSet', () => ses.send(new GetConfigurationSetCommand({ ConfigurationSetName: name })));
      // Absent means true (the API's default); anything but a boolean is read so too (moto 5 answers {}).
      const enabled = out.SendingOptions?.SendingEnabled;
      return [name, typeof enabled === 'boolean' ? enabled : true] as const;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  });
  return new Map(got.filter((x): x is readonly [string, boolean] => x !== undefined));
}
