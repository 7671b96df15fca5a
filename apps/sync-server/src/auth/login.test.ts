import { describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../db/open-database.ts';
import { DATABASE_KINDS, freshDatabasePerTest } from '../../test/databases.ts';
import { setCredentials } from './credentials.ts';
import { DUMMY_PASSWORD_HASH, LOCKOUT_MS, login, logout, resolveSession, revokeUserSessions, SESSION_LIFETIME_MS, type LoginResult } from './login.ts';
import { DEFAULT_SCRYPT_PARAMS, verifyPassword } from './passwords.ts';
import { hashSecret } from './tokens.ts';

const NOW = new Date('2026-03-01T09:00:00.000Z');
const PASSWORD = 'violet kettle harbour 42';
const DEVICE_KEY = Buffer.alloc(32, 7).toString('base64');
const at = (ms: number): Date => new Date(NOW.getTime() + ms);

function tokenOf(result: LoginResult): string {
  if (!result.ok) throw new Error(`expected a successful login, got ${result.reason}: ${result.message}`);
  return result.token;
}

describe('the dummy password hash', () => {
  it('costs what a real hash costs (same scrypt parameters) and matches nothing', async () => {
    const { N, r, p } = DEFAULT_SCRYPT_PARAMS;
    expect(DUMMY_PASSWORD_HASH.startsWith(`scrypt$${N}$${r}$${p}$`)).toBe(true);
    expect(await verifyPassword('', DUMMY_PASSWORD_HASH)).toBe(false);
  });
});

describe.each(DATABASE_KINDS)('login and sessions on %s', (kind) => {
  const database = freshDatabasePerTest(kind);

  async function setup(): Promise<OpenedDatabase> {
    const opened = await database.open();
    const created = await setCredentials(opened.db, { userId: 'u1', email: 'ada@example.com', password: PASSWORD }, NOW);
    expect(created.ok).toBe(true);
    return opened;
  }

  it('signs in, opens a 14-day session stored only as a hash, and resolves it until it expires', async () => {
    const { db } = await setup();
    const result = await login(db, { email: 'ADA@example.com', password: PASSWORD }, NOW);
    expect(result).toMatchObject({ ok: true, userId: 'u1', deviceId: null, expiresAt: at(SESSION_LIFETIME_MS).toISOString() });
    const token = tokenOf(result);
    expect(token).toMatch(/^stw_s_/);
    const rows = await db.selectFrom('sessions').selectAll().execute();
    expect(rows).toEqual([
      { token_hash: hashSecret(token), user_id: 'u1', device_id: null, created_at: NOW.toISOString(), expires_at: at(SESSION_LIFETIME_MS).toISOString(), revoked_at: null },
    ]);
    expect(await resolveSession(db, token, at(SESSION_LIFETIME_MS - 1))).toEqual({ userId: 'u1', deviceId: null, sessionTokenHash: hashSecret(token) });
    expect(await resolveSession(db, token, at(SESSION_LIFETIME_MS))).toBeNull();
    // Regression: replacing the last character with a fixed 'A' left the token unchanged 1 time in 64.
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await resolveSession(db, tampered, NOW)).toBeNull();
    expect(await resolveSession(db, 'garbage', NOW)).toBeNull();
  });

  it('registers a device with a UUIDv7 id and its public key when asked', async () => {
    const { db } = await setup();
    const result = await login(db, { email: 'ada@example.com', password: PASSWORD, deviceName: ' Ada’s laptop ', devicePublicKey: DEVICE_KEY }, NOW);
    expect(result.ok).toBe(true);
    const deviceId = result.ok ? result.deviceId : null;
    expect(deviceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await db.selectFrom('devices').selectAll().execute()).toEqual([
      { id: deviceId, user_id: 'u1', name: 'Ada’s laptop', public_key: DEVICE_KEY, created_at: NOW.toISOString(), holder_type: 'user', revoked_at: null },
    ]);
    expect(await resolveSession(db, tokenOf(result), NOW)).toMatchObject({ userId: 'u1', deviceId });
  });

  it('refuses a bad device before checking anything, and stores nothing', async () => {
    const { db } = await setup();
    for (const device of [{ deviceName: '   ' }, { deviceName: 'x'.repeat(101) }, { deviceName: 'two\nlines' }, { deviceName: 'ok', devicePublicKey: 'AAAA' }]) {
      expect(await login(db, { email: 'ada@example.com', password: PASSWORD, ...device }, NOW)).toMatchObject({ ok: false, reason: 'invalid-device' });
    }
    expect(await db.selectFrom('devices').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('gives a wrong password and an unknown email the very same answer', async () => {
    const { db } = await setup();
    const wrongPassword = await login(db, { email: 'ada@example.com', password: 'not the password' }, NOW);
    const unknownEmail = await login(db, { email: 'nobody@example.com', password: PASSWORD }, NOW);
    expect(wrongPassword).toEqual({ ok: false, reason: 'invalid-credentials', message: 'The email or password is incorrect.' });
    expect(unknownEmail).toEqual(wrongPassword);
  });

  it('locks an email for 15 minutes after 5 consecutive failures, even for the right password, then lets it in', async () => {
    const { db } = await setup();
    for (let i = 1; i <= 4; i += 1) expect(await login(db, { email: 'ada@example.com', password: `wrong guess ${i}` }, at(i))).toMatchObject({ reason: 'invalid-credentials' });
    const fifth = await login(db, { email: 'ada@example.com', password: 'wrong guess 5' }, at(5));
    expect(fifth).toMatchObject({ ok: false, reason: 'locked' });
    expect(fifth.ok ? '' : fifth.message).toBe('Too many failed sign-in attempts for this email. Try again after 09:15 UTC, or ask an administrator to reset the password.');
    expect(await login(db, { email: 'ada@example.com', password: PASSWORD }, at(LOCKOUT_MS))).toMatchObject({ ok: false, reason: 'locked' });
    expect(await login(db, { email: 'ada@example.com', password: PASSWORD }, at(LOCKOUT_MS + 5))).toMatchObject({ ok: true });
    expect(await db.selectFrom('credentials').select(['failed_logins', 'locked_until']).executeTakeFirst()).toEqual({ failed_logins: 0, locked_until: null });
  });

  it('counts failures made at the same time (one atomic update each), so parallel guessing still locks', async () => {
    const { db } = await setup();
    const guesses = await Promise.all([1, 2, 3, 4, 5].map((i) => login(db, { email: 'ada@example.com', password: `parallel guess ${i}` }, NOW)));
    expect(guesses.filter((g) => !g.ok && g.reason === 'locked')).toHaveLength(1);
    expect(await login(db, { email: 'ada@example.com', password: PASSWORD }, at(1))).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('counts only consecutive failures: a success resets the count', async () => {
    const { db } = await setup();
    for (let i = 0; i < 4; i += 1) await login(db, { email: 'ada@example.com', password: 'wrong guess' }, NOW);
    expect((await login(db, { email: 'ada@example.com', password: PASSWORD }, NOW)).ok).toBe(true);
    for (let i = 0; i < 4; i += 1) expect(await login(db, { email: 'ada@example.com', password: 'wrong guess' }, NOW)).toMatchObject({ reason: 'invalid-credentials' });
    expect((await login(db, { email: 'ada@example.com', password: PASSWORD }, NOW)).ok).toBe(true);
  });

  it('logs out by revoking the session; logging out twice or with garbage is harmless', async () => {
    const { db } = await setup();
    const token = tokenOf(await login(db, { email: 'ada@example.com', password: PASSWORD }, NOW));
    const other = tokenOf(await login(db, { email: 'ada@example.com', password: PASSWORD }, NOW));
    expect(await logout(db, token, at(1000))).toBe(true);
    expect(await resolveSession(db, token, at(1000))).toBeNull();
    expect(await resolveSession(db, other, at(1000))).not.toBeNull();
    expect(await logout(db, token, at(2000))).toBe(false);
    expect(await logout(db, 'garbage', at(2000))).toBe(false);
    expect(await revokeUserSessions(db, 'u1', at(3000))).toBe(1);
    expect(await resolveSession(db, other, at(3000))).toBeNull();
  });
});
