import { describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../db/open-database.ts';
import { DATABASE_KINDS, freshDatabasePerTest } from '../../test/databases.ts';
import { findCredentialsByEmail, setCredentials } from './credentials.ts';
import { verifyPassword } from './passwords.ts';

const NOW = new Date('2026-03-01T09:00:00.000Z');
const PASSWORD = 'violet kettle harbour 42';

describe.each(DATABASE_KINDS)('credentials on %s', (kind) => {
  const database = freshDatabasePerTest(kind);

  async function setup(): Promise<OpenedDatabase> {
    return database.open();
  }

  it('stores a lower-cased email and a scrypt hash, never the password, and finds them in any letter case', async () => {
    const { db } = await setup();
    const result = await setCredentials(db, { userId: 'u1', email: '  Ada@Example.COM ', password: PASSWORD }, NOW);
    expect(result).toEqual({ ok: true, value: { userId: 'u1', email: 'ada@example.com' } });
    const found = await findCredentialsByEmail(db, 'ADA@example.com');
    expect(found).toMatchObject({ userId: 'u1', email: 'ada@example.com', createdAt: NOW.toISOString(), failedLogins: 0, lockedUntil: null });
    expect(found?.passwordHash.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(found?.passwordHash).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, found?.passwordHash ?? '')).toBe(true);
    expect(await findCredentialsByEmail(db, 'nobody@example.com')).toBeUndefined();
  });

  it('replaces the email and password of the same user, clearing a lockout and keeping the creation time', async () => {
    const { db } = await setup();
    await setCredentials(db, { userId: 'u1', email: 'ada@example.com', password: PASSWORD }, NOW);
    await db.updateTable('credentials').set({ failed_logins: 3, locked_until: '2026-03-01T09:15:00.000Z' }).execute();
    const later = new Date('2026-04-01T00:00:00.000Z');
    const replaced = await setCredentials(db, { userId: 'u1', email: 'ada.l@example.com', password: 'another fine passphrase' }, later);
    expect(replaced.ok).toBe(true);
    expect(await findCredentialsByEmail(db, 'ada@example.com')).toBeUndefined();
    const found = await findCredentialsByEmail(db, 'ada.l@example.com');
    expect(found).toMatchObject({ userId: 'u1', createdAt: NOW.toISOString(), failedLogins: 0, lockedUntil: null });
    expect(await verifyPassword('another fine passphrase', found?.passwordHash ?? '')).toBe(true);
  });

  it("refuses another user's email with CONFLICT and changes nothing", async () => {
    const { db } = await setup();
    await setCredentials(db, { userId: 'u1', email: 'ada@example.com', password: PASSWORD }, NOW);
    const result = await setCredentials(db, { userId: 'u2', email: 'ADA@example.com', password: 'a different passphrase' }, NOW);
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'The email ada@example.com already belongs to another account.' } });
    expect((await findCredentialsByEmail(db, 'ada@example.com'))?.userId).toBe('u1');
    expect(await db.selectFrom('credentials').select('user_id').execute()).toHaveLength(1);
  });

  it('refuses a malformed email or a password that fails the policy, saying why', async () => {
    const { db } = await setup();
    expect(await setCredentials(db, { userId: 'u1', email: 'not-an-email', password: PASSWORD }, NOW)).toMatchObject({
      ok: false,
      error: { code: 'INVALID', details: { field: 'email' } },
    });
    const weak = await setCredentials(db, { userId: 'u1', email: 'ada@example.com', password: 'short' }, NOW);
    expect(weak).toMatchObject({ ok: false, error: { code: 'INVALID', details: { field: 'password', problems: [{ code: 'too-short' }] } } });
    expect(weak.ok ? '' : weak.error.message).toMatch(/^The password is not acceptable: Use at least 12 characters/);
    expect(await db.selectFrom('credentials').select('user_id').execute()).toEqual([]);
  });
});
