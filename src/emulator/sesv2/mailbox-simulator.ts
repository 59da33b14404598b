/**
 * What happens to a message after SES accepts it, per recipient: SES's mailbox simulator (SES Developer
 * Guide, "Using the mailbox simulator"), whose addresses work in the sandbox and in production alike.
 *
 * | address (a `+label` may follow the local part: `success+test@…`) | outcome | events |
 * | --- | --- | --- |
 * | `success@simulator.amazonses.com` | accepted by the recipient's provider | SEND, DELIVERY |
 * | `bounce@simulator.amazonses.com` | SMTP 550 5.1.1 "Unknown User": a hard bounce | SEND, BOUNCE |
 * | `ooto@simulator.amazonses.com` | delivered, then an automatic (out of the office) answer | SEND, DELIVERY |
 * | `complaint@simulator.amazonses.com` | delivered, then marked as spam | SEND, DELIVERY, COMPLAINT |
 * | `suppressionlist@simulator.amazonses.com` | a hard bounce, as if the address were on the suppression list | SEND, BOUNCE |
 *
 * Any other address is delivered (SEND, DELIVERY): the emulator behaves like an account out of the
 * sandbox whose recipients all accept mail (an account in the sandbox may send only to verified
 * addresses and the simulator). The auto-reply of `ooto` is no event of its own: SES forwards it to the
 * sender, it publishes nothing (INFERENCE from the event types SES documents). The simulator's own
 * exceptions are not emulated: on AWS, mail to the simulator counts toward neither the sending quota nor
 * the bounce and complaint rates (same page), but here it does count toward the reputation metrics, so
 * that a sandbox can drive them (event-publishing.ts).
 */

export type Outcome = 'delivered' | 'bounced' | 'complained' | 'ooto' | 'suppressed';

export const SIMULATOR_DOMAIN = 'simulator.amazonses.com';

const SIMULATED: Readonly<Record<string, Outcome>> = {
  success: 'delivered',
  bounce: 'bounced',
  ooto: 'ooto',
  complaint: 'complained',
  suppressionlist: 'suppressed',
};

/** The outcome of a message to `address` (a bare address, `local@domain`). */
export function outcomeOf(address: string): Outcome {
  const at = address.lastIndexOf('@');
  const domain = address.slice(at + 1).toLowerCase();
  if (domain !== SIMULATOR_DOMAIN) return 'delivered';
  const local = (address.slice(0, at).split('+')[0] ?? '').toLowerCase();
  return SIMULATED[local] ?? 'delivered';
}

export const delivers = (o: Outcome): boolean => o === 'delivered' || o === 'ooto' || o === 'complained';
export const bounces = (o: Outcome): boolean => o === 'bounced' || o === 'suppressed';
