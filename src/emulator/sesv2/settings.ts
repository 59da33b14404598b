/**
 * The account resources SESv2 checks configuration sets against but the emulator does not create:
 * verified domain identities (a set's CustomRedirectDomain must be one) and dedicated IP pools (a
 * set's SendingPoolName must name one). Real AWS rejects both with BadRequestException (floci's record;
 * docs/aws-behaviour.md, "SESv2 configuration sets"). By default everything exists, so a sandbox run needs no
 * setup; a test or the `--verified-domain` / `--sending-pool` flags give lists to make the checks bite.
 */

export interface Sesv2Settings {
  /** Domain identities that count as verified; compared case-insensitively. @default '*' (every domain) */
  readonly verifiedDomains: readonly string[] | '*';
  /** Dedicated IP pool names that exist; compared exactly. @default '*' (every pool) */
  readonly sendingPools: readonly string[] | '*';
}

export const DEFAULT_SESV2_SETTINGS: Sesv2Settings = { verifiedDomains: '*', sendingPools: '*' };

function listOrStar(value: unknown, key: string): readonly string[] | '*' {
  if (value === undefined || value === '*') return '*';
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string' && v.trim() !== '')) return [...value];
  throw new Error(`sesv2 setting ${key} must be '*' or a list of non-empty strings, got ${JSON.stringify(value)}`);
}

/**
 * Read settings from the admin API or CLI. A setting left out is '*': each call states the whole
 * configuration (PUT semantics), so the result never depends on earlier calls.
 */
export function parseSesv2Settings(raw: unknown): Sesv2Settings {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(`sesv2 settings must be an object like {"verifiedDomains": ["example.com"], "sendingPools": ["pool-1"]}, got ${JSON.stringify(raw)}`);
  }
  const r = raw as Record<string, unknown>;
  const unknown = Object.keys(r).filter((k) => k !== 'verifiedDomains' && k !== 'sendingPools');
  if (unknown.length > 0) throw new Error(`unknown sesv2 setting ${unknown.join(', ')}; the settings are verifiedDomains and sendingPools`);
  return { verifiedDomains: listOrStar(r.verifiedDomains, 'verifiedDomains'), sendingPools: listOrStar(r.sendingPools, 'sendingPools') };
}

/** Set the SESv2 settings of a running emulator (what `PUT /_emulator/config/sesv2` does). */
export function configureSesv2(emulator: { configure(service: string, settings: unknown): void }, settings: Partial<Sesv2Settings>): void {
  emulator.configure('sesv2', settings);
}

const normalDomain = (d: string): string => d.trim().toLowerCase().replace(/\.$/, '');

export function isVerifiedDomain(settings: Sesv2Settings, domain: string): boolean {
  // Exact identity match. Whether AWS also accepts a subdomain of a verified domain as a tracking
  // domain is not documented (INFERENCE: it does not); list the subdomain to allow it.
  return settings.verifiedDomains === '*' || settings.verifiedDomains.some((d) => normalDomain(d) === normalDomain(domain));
}

export function isSendingPool(settings: Sesv2Settings, pool: string): boolean {
  return settings.sendingPools === '*' || settings.sendingPools.includes(pool);
}
