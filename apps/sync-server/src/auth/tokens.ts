/**
 * Bearer secrets: session tokens and API keys.
 *
 * A secret is 32 random bytes (256 bits), base64url, behind a readable prefix
 * so a leaked one is recognisable by people and secret scanners, and the
 * server can tell a session token from an API key before any lookup.
 *
 * Only SHA-256 of a secret is ever stored. A plain hash (no salt, no
 * stretching) is enough because the secret is uniformly random: there is no
 * dictionary to attack, and the hash must be a direct index for lookups.
 */
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_TOKEN_PREFIX = 'stw_s_';
export const API_KEY_PREFIX = 'stw_k_';

export type SecretPrefix = typeof SESSION_TOKEN_PREFIX | typeof API_KEY_PREFIX;

const SECRET_BYTES = 32;
/** 32 bytes in unpadded base64url. */
const SECRET_BODY = /^[A-Za-z0-9_-]{43}$/;

/** A fresh secret: the prefix, then 32 random bytes in base64url. */
export function newSecret(prefix: SecretPrefix): string {
  return prefix + randomBytes(SECRET_BYTES).toString('base64url');
}

/** SHA-256 of the secret's UTF-8 text, lowercase hex: what the database stores and looks up by. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether `secret` has the shape `newSecret(prefix)` makes; lets callers refuse garbage without a query. */
export function isWellFormedSecret(secret: string, prefix: SecretPrefix): boolean {
  return secret.startsWith(prefix) && SECRET_BODY.test(secret.slice(prefix.length));
}
