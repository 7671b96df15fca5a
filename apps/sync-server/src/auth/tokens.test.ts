import { describe, expect, it } from 'vitest';
import { API_KEY_PREFIX, hashSecret, isWellFormedSecret, newSecret, SESSION_TOKEN_PREFIX } from './tokens.ts';

describe('secrets', () => {
  it('are the prefix and 32 random bytes in base64url', () => {
    const session = newSecret(SESSION_TOKEN_PREFIX);
    const key = newSecret(API_KEY_PREFIX);
    expect(session).toMatch(/^stw_s_[A-Za-z0-9_-]{43}$/);
    expect(key).toMatch(/^stw_k_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(session.slice(6), 'base64url')).toHaveLength(32);
    expect(newSecret(SESSION_TOKEN_PREFIX)).not.toBe(session);
  });

  it('hash to lowercase SHA-256 hex', () => {
    // SHA-256("abc"), FIPS 180-2 appendix B.1.
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('are recognised by shape and prefix', () => {
    const session = newSecret(SESSION_TOKEN_PREFIX);
    expect(isWellFormedSecret(session, SESSION_TOKEN_PREFIX)).toBe(true);
    expect(isWellFormedSecret(session, API_KEY_PREFIX)).toBe(false);
    expect(isWellFormedSecret(`${session}x`, SESSION_TOKEN_PREFIX)).toBe(false);
    expect(isWellFormedSecret('stw_s_short', SESSION_TOKEN_PREFIX)).toBe(false);
  });
});
