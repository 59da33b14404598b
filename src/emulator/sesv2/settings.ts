/**
 * The account the emulator's SES starts with, in every Region (account.ts): verified domain identities
 * and dedicated IP pools that exist before any call, as in an account set up by hand. By default the
 * domain `example.com` (so `click.example.com`, `links.example.com` … are valid tracking domains and
 * `…@example.com` valid senders) and the pool `shared`, the names the README and examples use. A test
 * or user changes it with `PUT /_emulator/config/sesv2`, the `--verified-domains` / `--sending-pools`
 * flags, or as on AWS, with CreateEmailIdentity and CreateDedicatedIpPool.
 */

export interface Sesv2Settings {
  /** Identities that exist and are verified: domains (and addresses, with an `@`). @default ['example.com'] */
  readonly verifiedDomains: readonly string[];
  /** Dedicated IP pools that exist; compared exactly. @default ['shared'] */
  readonly sendingPools: readonly string[];
}

export const DEFAULT_SESV2_SETTINGS: Sesv2Settings = { verifiedDomains: ['example.com'], sendingPools: ['shared'] };

function listOf(value: unknown, key: keyof Sesv2Settings): readonly string[] {
  if (value === undefined) return DEFAULT_SESV2_SETTINGS[key];
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string' && v.trim() !== '')) return [...value];
  // '*' (every name exists) was accepted before ListEmailIdentities was served: a listing cannot list it.
  throw new Error(`sesv2 setting ${key} must be a list of non-empty strings (the names that exist), got ${JSON.stringify(value)}`);
}

/**
 * Read settings from the admin API or CLI. A setting left out is its default: each call states the whole
 * configuration (PUT semantics), so the result never depends on earlier calls.
 */
export function parseSesv2Settings(raw: unknown): Sesv2Settings {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(`sesv2 settings must be an object like {"verifiedDomains": ["example.com"], "sendingPools": ["pool-1"]}, got ${JSON.stringify(raw)}`);
  }
  const r = raw as Record<string, unknown>;
  const unknown = Object.keys(r).filter((k) => k !== 'verifiedDomains' && k !== 'sendingPools');
  if (unknown.length > 0) throw new Error(`unknown sesv2 setting ${unknown.join(', ')}; the settings are verifiedDomains and sendingPools`);
  return { verifiedDomains: listOf(r.verifiedDomains, 'verifiedDomains'), sendingPools: listOf(r.sendingPools, 'sendingPools') };
}

/** Set the SESv2 settings of a running emulator (what `PUT /_emulator/config/sesv2` does). */
export function configureSesv2(emulator: { configure(service: string, settings: unknown): void }, settings: Partial<Sesv2Settings>): void {
  emulator.configure('sesv2', settings);
}
