import { describe, expect, it } from 'vitest';
import { hasLiteralPassword, literalPasswordsMaskedIn, maskCredentialsIn, maskEndpoint, passwordReference, resolveEndpoint, UnsetReferenceError } from '../../../src/model/endpoint.js';
import { maskedEndpoint } from '../../../src/emulator/sns/endpoints.js';
import { maskLogValue } from '../../../src/log.js';

// The password p@ss:w0rd! written in a URL: `@` and `:` percent-encoded, `!` as it is (RFC 3986 sub-delims).
const PASSWORD = 'p@ss:w0rd!';
const ENCODED = 'p%40ss%3Aw0rd!';
const URL = `https://user:${ENCODED}@hooks.example.com/x?y=1`;

describe('SNS endpoint passwords (issue 15)', () => {
  it('masks the password as SNS lists it, whatever it holds', () => {
    expect(maskEndpoint(URL)).toBe('https://user:****@hooks.example.com/x?y=1');
    // Written unencoded, the last `@` of the authority still ends it (as the WHATWG URL parser reads it).
    expect(maskEndpoint(`https://user:${PASSWORD}@hooks.example.com/x`)).toBe('https://user:****@hooks.example.com/x');
    expect(maskEndpoint('http://user:${env:HOOK_PASSWORD}@hooks.example.com')).toBe('http://user:****@hooks.example.com');
    expect(maskedEndpoint(URL)).toBe(maskEndpoint(URL));
    expect(maskedEndpoint(`https://user:${PASSWORD}@hooks.example.com/x`)).toBe('https://user:****@hooks.example.com/x');
  });

  it('leaves endpoints without a password as they are', () => {
    for (const e of ['https://hooks.example.com/a:b@c', 'https://user@hooks.example.com/x', 'ops@example.com', 'https://hooks.example.com:8443/x', 'arn:aws:sqs:us-east-1:1:q'])
      expect(maskEndpoint(e)).toBe(e);
  });

  it('tells a reference from a literal password', () => {
    expect(passwordReference('https://user:${env:HOOK_PASSWORD}@h.example.com/x')).toBe('HOOK_PASSWORD');
    expect(hasLiteralPassword('https://user:${env:HOOK_PASSWORD}@h.example.com/x')).toBe(false);
    expect(hasLiteralPassword(URL)).toBe(true);
    expect(hasLiteralPassword('https://h.example.com/x')).toBe(false);
    expect(literalPasswordsMaskedIn(`a ${URL} and https://u:\${env:X}@h/x`)).toBe('a https://user:****@hooks.example.com/x?y=1 and https://u:${env:X}@h/x');
  });

  it('resolves a reference URL-encoded, and refuses an unset variable', () => {
    const e = 'https://user:${env:HOOK_PASSWORD}@hooks.example.com/x';
    expect(resolveEndpoint(e, () => PASSWORD)).toBe(`https://user:${ENCODED}@hooks.example.com/x`);
    expect(new globalThis.URL(resolveEndpoint(e, () => PASSWORD)).password).toBe(ENCODED);
    expect(decodeURIComponent(new globalThis.URL(resolveEndpoint(e, () => PASSWORD)).password)).toBe(PASSWORD);
    expect(() => resolveEndpoint(e, () => undefined)).toThrow(UnsetReferenceError);
    expect(() => resolveEndpoint(e, () => '')).toThrow(/HOOK_PASSWORD is not set/);
    expect(resolveEndpoint(URL, () => 'x')).toBe(URL);
  });

  it('masks passwords in error messages and log values', () => {
    expect(maskCredentialsIn(`Invalid parameter: Endpoint "${URL}"`)).not.toContain(ENCODED);
    const logged = JSON.stringify(maskLogValue({ msg: `Subscribe ${URL}`, nested: { err: new Error(`bad ${URL}`) } }));
    expect(logged).not.toContain(ENCODED);
    expect(logged).toContain('user:****@hooks.example.com');
  });
});
