/**
 * SNS endpoints with credentials (docs/aws-behaviour.md, "SNS"; GitHub issue 15): an http or https
 * subscription may carry a password in its URL, `https://user:secret@hooks.example.com/path`. SNS never
 * gives it back: ListSubscriptionsByTopic answers `https://user:****@hooks.example.com/path`
 * (terraform-provider-aws#463). So the password is compared masked on both sides (maskEndpoint), and it is
 * never shown: every place an endpoint is printed, logged or saved goes through maskEndpoint.
 *
 * The file keeps it out of itself with a reference to an environment variable as the whole password:
 * `https://user:${env:HOOK_PASSWORD}@hooks.example.com/path`. The reference travels as written through
 * the desired state, the plan and the plan file; it is resolved (resolveEndpoint) only when apply makes
 * the Subscribe call, the variable holding the password as it is (not URL-encoded: resolveEndpoint
 * encodes it). A password written literally in the URL must be URL-encoded as URLs require (`@` is
 * `%40`, `:` is `%3A`; `!` may stay); the file's validation warns about it.
 *
 * Pure: no environment here; the caller passes a lookup.
 */

/** What SNS shows in place of the password, and what every output of ses-reconcile shows. */
export const MASK = '****';

const REFERENCE = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;
/** Anything that looks like a reference, to find one written where it is not supported. */
export const ANY_REFERENCE = /\$\{env:[^}]*\}/;

interface Password {
  /** Index of the password's first character in the endpoint. */
  readonly start: number;
  /** Index just past its last character (the `@` before the host). */
  readonly end: number;
}

/**
 * Where the password of an http(s) URL is: after the first `:` of the userinfo, up to the last `@` of
 * the authority (as the WHATWG URL parser reads it), the authority ending at the first `/`, `?` or `#`.
 * undefined when there is no password (no userinfo, or a user without `:`).
 */
function passwordOf(endpoint: string): Password | undefined {
  const scheme = /^https?:\/\//i.exec(endpoint);
  if (!scheme) return undefined;
  const from = scheme[0].length;
  // A `${env:NAME}` reference holds no `/`, `?` or `#`, so the authority's end is found the same way.
  const rest = endpoint.slice(from);
  const stop = rest.search(/[/?#]/);
  const authority = stop === -1 ? rest : rest.slice(0, stop);
  const at = authority.lastIndexOf('@');
  if (at === -1) return undefined;
  const colon = authority.indexOf(':');
  if (colon === -1 || colon > at) return undefined;
  return { start: from + colon + 1, end: from + at };
}

/** The endpoint with its password (literal or reference) as `****`; any other endpoint as it is. */
export function maskEndpoint(endpoint: string): string {
  const p = passwordOf(endpoint);
  return p ? endpoint.slice(0, p.start) + MASK + endpoint.slice(p.end) : endpoint;
}

/** Every http(s) URL with a password in a free text (an error message, a log line), masked. */
export function maskCredentialsIn(text: string): string {
  return text.replace(/https?:\/\/[^\s"'<>]+/gi, (url) => maskEndpoint(url));
}

/** The environment variable the endpoint's password refers to, if it is a `${env:NAME}` reference. */
export function passwordReference(endpoint: string): string | undefined {
  const p = passwordOf(endpoint);
  if (!p) return undefined;
  return REFERENCE.exec(endpoint.slice(p.start, p.end))?.[1];
}

/** True when the endpoint holds a password written out (not a reference). */
export function hasLiteralPassword(endpoint: string): boolean {
  const p = passwordOf(endpoint);
  return p !== undefined && passwordReference(endpoint) === undefined;
}

/**
 * The endpoint with its password (as SNS lists it, masked) written as a `${env:NAME}` reference: what
 * `export` writes, since AWS never gives the password back. Any other endpoint as it is.
 */
export function withPasswordReference(endpoint: string, name: string): string {
  const p = passwordOf(endpoint);
  return p ? `${endpoint.slice(0, p.start)}\${env:${name}}${endpoint.slice(p.end)}` : endpoint;
}

/** The endpoint with every literal password masked (references kept): what a plan file may store. */
export function withoutLiteralPassword(endpoint: string): string {
  return hasLiteralPassword(endpoint) ? maskEndpoint(endpoint) : endpoint;
}

export class UnsetReferenceError extends Error {
  constructor(readonly variable: string) {
    super(`the environment variable ${variable} is not set (an SNS endpoint's password refers to it as \${env:${variable}})`);
  }
}

/**
 * The endpoint to send to SNS: a `${env:NAME}` password replaced by the variable's value, URL-encoded
 * (encodeURIComponent: `@` -> `%40`, `:` -> `%3A`, `!` kept). Throws UnsetReferenceError when the
 * variable is unset or empty.
 */
export function resolveEndpoint(endpoint: string, lookup: (name: string) => string | undefined): string {
  const name = passwordReference(endpoint);
  if (name === undefined) return endpoint;
  const value = lookup(name);
  if (value === undefined || value === '') throw new UnsetReferenceError(name);
  const p = passwordOf(endpoint) as Password;
  return endpoint.slice(0, p.start) + encodeURIComponent(value) + endpoint.slice(p.end);
}

/** Every http(s) URL of a free text with a literal password masked, references kept (plan files). */
export function literalPasswordsMaskedIn(text: string): string {
  return text.replace(/https?:\/\/[^\s"'<>]+/gi, (url) => withoutLiteralPassword(url));
}

/** A JSON value with literalPasswordsMaskedIn applied to every string in it. */
export function withoutLiteralPasswords<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return literalPasswordsMaskedIn(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
