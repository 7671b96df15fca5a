/**
 * Signing in with email and password, and the bearer sessions it creates.
 *
 * - Sessions last 14 days. The token (`stw_s_…`) is returned once; only its
 *   SHA-256 is stored, so a database leak yields no usable token.
 * - After 5 consecutive failed passwords an email is locked for 15 minutes;
 *   a success resets the count. The counter lives in the credentials row and
 *   is updated by one atomic statement, so several server processes sharing
 *   PostgreSQL count together.
 * - A wrong email and a wrong password get the same answer, and an unknown
 *   email still costs one scrypt run (against a dummy hash), so neither the
 *   message nor the scrypt time tells whether an account exists.
 *
 * Known limits, both about telling accounts apart: a lockout is only ever
 * reported for an existing account, so an attacker who fails 5 times in a
 * row learns that it exists; and a wrong password for an existing account
 * costs one more small UPDATE than an unknown email. Closing both needs the
 * failure counter keyed by the attempted email rather than by account (a
 * throttle table), which the schema does not have yet.
 */
import { decodeBase64 } from '@steward/domain';
import type { Db } from '../db/dialect.ts';
import { findCredentialsByEmail } from './credentials.ts';
import { newServerId } from './ids.ts';
import { verifyPassword } from './passwords.ts';
import { hashSecret, isWellFormedSecret, newSecret, SESSION_TOKEN_PREFIX } from './tokens.ts';

export const SESSION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
export const MAX_DEVICE_NAME_LENGTH = 100;
const ED25519_PUBLIC_KEY_BYTES = 32;

/**
 * scrypt (N=2^15, r=8, p=1) of a random password nobody knows: verifying an
 * unknown email's attempt against it costs what a real check costs. It must
 * use the same parameters as hashPassword's defaults (a test pins that).
 */
export const DUMMY_PASSWORD_HASH = 'scrypt$32768$8$1$dWWwHEISxu36uPlJdlhqqw==$42rILGIV0R2xI2h56P85qKS7gKGwdxRx84ZD2MPwNxU=';

export interface LoginInput {
  readonly email: string;
  readonly password: string;
  /** Registers a device for this session when given (or when a public key is). */
  readonly deviceName?: string | undefined;
  /** The device's Ed25519 public key, standard base64 of 32 bytes. */
  readonly devicePublicKey?: string | undefined;
}

export type LoginFailureReason = 'invalid-credentials' | 'locked' | 'invalid-device';

export type LoginResult =
  | {
      readonly ok: true;
      /** The bearer token; shown to the client once, never stored. */
      readonly token: string;
      readonly userId: string;
      /** The device registered by this login, or null when none was asked for. */
      readonly deviceId: string | null;
      readonly expiresAt: string;
    }
  | { readonly ok: false; readonly reason: LoginFailureReason; readonly message: string };

const INVALID_CREDENTIALS = {
  ok: false,
  reason: 'invalid-credentials',
  message: 'The email or password is incorrect.',
} as const satisfies LoginResult;

/** Signs in: checks the password, counts failures, and on success opens a session (and registers a device if asked). */
export async function login(db: Db, input: LoginInput, now: Date): Promise<LoginResult> {
  const device = parseDevice(input);
  if (device !== undefined && 'problem' in device) return { ok: false, reason: 'invalid-device', message: device.problem };

  const credentials = await findCredentialsByEmail(db, input.email);
  // Always run scrypt, whether or not the account exists or is locked.
  const passwordMatches = await verifyPassword(input.password, credentials?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (credentials === undefined) return INVALID_CREDENTIALS;

  if (credentials.lockedUntil !== null && Date.parse(credentials.lockedUntil) > now.getTime()) {
    return lockedResult(credentials.lockedUntil);
  }
  if (!passwordMatches) {
    const lockedUntil = await recordFailure(db, credentials.userId, now);
    return lockedUntil === null ? INVALID_CREDENTIALS : lockedResult(lockedUntil);
  }

  const token = newSecret(SESSION_TOKEN_PREFIX);
  const createdAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString();
  const deviceId = device === undefined ? null : newServerId(now);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('credentials').set({ failed_logins: 0, locked_until: null }).where('user_id', '=', credentials.userId).execute();
    if (device !== undefined && deviceId !== null) {
      await trx
        .insertInto('devices')
        .values({ id: deviceId, user_id: credentials.userId, name: device.name, public_key: device.publicKey, created_at: createdAt })
        .execute();
    }
    await trx
      .insertInto('sessions')
      .values({ token_hash: hashSecret(token), user_id: credentials.userId, device_id: deviceId, created_at: createdAt, expires_at: expiresAt, revoked_at: null })
      .execute();
  });
  return { ok: true, token, userId: credentials.userId, deviceId, expiresAt };
}

/**
 * Counts one failed password in a single statement (atomic across
 * processes). The failure that reaches the limit sets the lock and restarts
 * the count, so after the lock expires five more tries are allowed.
 * Returns the new lock's end, or null when the email is not locked by this failure.
 */
async function recordFailure(db: Db, userId: string, now: Date): Promise<string | null> {
  const lockUntil = new Date(now.getTime() + LOCKOUT_MS).toISOString();
  const row = await db
    .updateTable('credentials')
    .set((eb) => ({
      failed_logins: eb.case().when('failed_logins', '>=', MAX_FAILED_LOGINS - 1).then(0).else(eb('failed_logins', '+', 1)).end(),
      locked_until: eb.case().when('failed_logins', '>=', MAX_FAILED_LOGINS - 1).then(lockUntil).else(eb.ref('locked_until')).end(),
    }))
    .where('user_id', '=', userId)
    .returning(['locked_until'])
    .executeTakeFirst();
  return row?.locked_until === lockUntil ? lockUntil : null;
}

function lockedResult(lockedUntil: string): LoginResult {
  return {
    ok: false,
    reason: 'locked',
    message: `Too many failed sign-in attempts for this email. Try again after ${lockedUntil.slice(11, 16)} UTC, or ask an administrator to reset the password.`,
  };
}

function parseDevice(input: LoginInput): { readonly name: string; readonly publicKey: string | null } | { readonly problem: string } | undefined {
  if (input.deviceName === undefined && input.devicePublicKey === undefined) return undefined;
  const name = (input.deviceName ?? 'Unnamed device').trim();
  if (name.length === 0) return { problem: 'A device name cannot be blank.' };
  if ([...name].length > MAX_DEVICE_NAME_LENGTH) return { problem: `A device name has at most ${MAX_DEVICE_NAME_LENGTH} characters.` };
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(name)) return { problem: 'A device name cannot contain control characters such as line breaks.' };
  if (input.devicePublicKey === undefined) return { name, publicKey: null };
  const key = decodeBase64(input.devicePublicKey);
  if (!key.ok || key.value.length !== ED25519_PUBLIC_KEY_BYTES) {
    return { problem: "The device's public key must be an Ed25519 public key: 32 bytes in standard base64 (44 characters ending in '=')." };
  }
  return { name, publicKey: input.devicePublicKey };
}

export interface ResolvedSession {
  readonly userId: string;
  readonly deviceId: string | null;
  /** Identifies the session (e.g. to list or revoke it) without being a usable token. */
  readonly sessionTokenHash: string;
}

/** The live session a bearer token opens, or null for an unknown, expired or revoked token. */
export async function resolveSession(db: Db, token: string, now: Date): Promise<ResolvedSession | null> {
  if (!isWellFormedSecret(token, SESSION_TOKEN_PREFIX)) return null;
  const tokenHash = hashSecret(token);
  const row = await db
    .selectFrom('sessions')
    .select(['user_id', 'device_id', 'expires_at', 'revoked_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (row === undefined || row.revoked_at !== null || Date.parse(row.expires_at) <= now.getTime()) return null;
  return { userId: row.user_id, deviceId: row.device_id, sessionTokenHash: tokenHash };
}

/** Revokes the session of `token`. True when it was still unrevoked; false for an unknown or already revoked token. */
export async function logout(db: Db, token: string, now: Date): Promise<boolean> {
  if (!isWellFormedSecret(token, SESSION_TOKEN_PREFIX)) return false;
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where('token_hash', '=', hashSecret(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Revokes every live session of a user (after a password reset or when the user is disabled). Returns how many. */
export async function revokeUserSessions(db: Db, userId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
