/**
 * The account resources SES checks a configuration set against: email identities (a set's
 * CustomRedirectDomain must be a verified domain identity, or under one) and dedicated IP pools (a set's
 * SendingPoolName must name one). Real AWS rejects both with BadRequestException (floci's record;
 * docs/aws-behaviour.md, "Plan-time checks").
 *
 * An account is, per Region, what the settings declare (settings.ts: the identities and pools that
 * "already exist", for every Region) plus what CreateEmailIdentity and CreateDedicatedIpPool made in that
 * Region (identities.ts, dedicated-ip-pools.ts). A sandbox has no DNS, so an identity is verified as soon
 * as it is created (moto does the same); AWS verifies a domain once its DKIM records resolve.
 *
 * Covering, the one rule for tracking domains and senders: a domain is covered by a verified domain
 * identity that is the domain itself or a parent of it ("when you verify a domain identity, you can send
 * email from any subdomain or email address of the verified domain", SES Developer Guide, "Creating and
 * verifying identities"); an email-address identity covers that address only, never a domain.
 */
import type { Sesv2Settings } from './settings.js';

export type IdentityType = 'DOMAIN' | 'EMAIL_ADDRESS';

export interface EmailIdentity {
  /** As it was created (SES keeps the caller's spelling); compared case-insensitively. */
  readonly name: string;
  readonly type: IdentityType;
  readonly tags: ReadonlyMap<string, string>;
}

export const identityTypeOf = (name: string): IdentityType => (name.includes('@') ? 'EMAIL_ADDRESS' : 'DOMAIN');

const normal = (name: string): string => name.trim().toLowerCase().replace(/\.$/, '');

/** What CreateEmailIdentity and CreateDedicatedIpPool made in one Region. */
export class RegionAccount {
  readonly identities = new Map<string, EmailIdentity>();
  readonly pools = new Map<string, { readonly name: string; readonly scalingMode: string; readonly tags: ReadonlyMap<string, string> }>();
}

export class AccountStore {
  private readonly regions = new Map<string, RegionAccount>();

  region(region: string): RegionAccount {
    let r = this.regions.get(region);
    if (!r) {
      r = new RegionAccount();
      this.regions.set(region, r);
    }
    return r;
  }

  clear(): void {
    this.regions.clear();
  }
}

/** The account of one request's Region: the settings' resources and the Region's own, as one. */
export class Sesv2Account {
  constructor(
    private readonly settings: Sesv2Settings,
    readonly created: RegionAccount,
  ) {}

  /** Every identity, the settings' first; a created one with a settings' name is not added twice. */
  identities(): EmailIdentity[] {
    const out = new Map<string, EmailIdentity>();
    for (const d of this.settings.verifiedDomains) out.set(normal(d), { name: d, type: identityTypeOf(d), tags: new Map() });
    for (const [key, identity] of this.created.identities) if (!out.has(key)) out.set(key, identity);
    return [...out.values()];
  }

  identity(name: string): EmailIdentity | undefined {
    return this.identities().find((i) => normal(i.name) === normal(name));
  }

  addIdentity(identity: EmailIdentity): void {
    this.created.identities.set(normal(identity.name), identity);
  }

  /** `domain` is a verified domain identity or under one. */
  coversDomain(domain: string): boolean {
    const d = normal(domain);
    return this.identities().some((i) => i.type === 'DOMAIN' && (d === normal(i.name) || d.endsWith(`.${normal(i.name)}`)));
  }

  /** `address` may send: its own address identity, or its domain covered by a domain identity. */
  coversAddress(address: string): boolean {
    if (this.identities().some((i) => i.type === 'EMAIL_ADDRESS' && normal(i.name) === normal(address))) return true;
    return this.coversDomain(address.slice(address.lastIndexOf('@') + 1));
  }

  /** Pool names, compared exactly (INFERENCE: the API reference does not say pool names fold case). */
  pools(): string[] {
    return [...new Set([...this.settings.sendingPools, ...this.created.pools.keys()])];
  }

  hasPool(name: string): boolean {
    return this.pools().includes(name);
  }
}
