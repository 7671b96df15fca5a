import { describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../db/open-database.ts';
import { DATABASE_KINDS, freshDatabasePerTest } from '../../test/databases.ts';
import { createApiKey, listApiKeys, resolveApiKey, revokeApiKey, rotateApiKey, type IssuedApiKey, type NewApiKey } from './api-keys.ts';
import { hashSecret } from './tokens.ts';

const NOW = new Date('2026-03-01T09:00:00.000Z');
const at = (ms: number): Date => new Date(NOW.getTime() + ms);
const INPUT: NewApiKey = { tenantId: 't1', name: ' Payroll export ', permissions: ['report:export', 'audit:read', 'audit:read'], createdBy: 'u1', ratePerMinute: 120 };

describe.each(DATABASE_KINDS)('API keys on %s', (kind) => {
  const database = freshDatabasePerTest(kind);

  async function setup(): Promise<OpenedDatabase> {
    return database.open();
  }

  async function create(o: OpenedDatabase, input: NewApiKey = INPUT, now = NOW): Promise<IssuedApiKey> {
    const result = await createApiKey(o.db, input, now);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }

  it('creates a key shown once, stores only its hash, and resolves it to its tenant, scope and rate', async () => {
    const o = await setup();
    const { id, key } = await create(o);
    expect(key).toMatch(/^stw_k_[A-Za-z0-9_-]{43}$/);
    const row = await o.db.selectFrom('api_keys').selectAll().executeTakeFirst();
    expect(row).toMatchObject({ id, tenant_id: 't1', name: 'Payroll export', key_hash: hashSecret(key), permissions: '["audit:read","report:export"]', created_by: 'u1' });
    expect(JSON.stringify(row)).not.toContain(key);
    expect(await resolveApiKey(o.db, key, NOW)).toEqual({ id, tenantId: 't1', permissions: ['audit:read', 'report:export'], ratePerMinute: 120 });
    // A changed last character (never the same one, or this would flake one time in 64).
    expect(await resolveApiKey(o.db, `${key.slice(0, -1)}${key.endsWith('x') ? 'y' : 'x'}`, NOW)).toBeNull();
    expect(await resolveApiKey(o.db, 'stw_s_whatever', NOW)).toBeNull();
  });

  it('records last use, refreshed at most once a minute', async () => {
    const o = await setup();
    const { key } = await create(o);
    const lastUsed = async (): Promise<string | null> => (await listApiKeys(o.db, 't1'))[0]?.lastUsedAt ?? null;
    expect(await lastUsed()).toBeNull();
    await resolveApiKey(o.db, key, at(1000));
    expect(await lastUsed()).toBe(at(1000).toISOString());
    await resolveApiKey(o.db, key, at(30_000));
    expect(await lastUsed()).toBe(at(1000).toISOString());
    await resolveApiKey(o.db, key, at(61_000));
    expect(await lastUsed()).toBe(at(61_000).toISOString());
  });

  it('rotates: a new secret for the same id and scope, and the old one stops working', async () => {
    const o = await setup();
    const { id, key: oldKey } = await create(o);
    await resolveApiKey(o.db, oldKey, NOW);
    const rotated = await rotateApiKey(o.db, { tenantId: 't1', id });
    if (!rotated.ok) throw new Error(rotated.error.message);
    expect(rotated.value.id).toBe(id);
    expect(rotated.value.key).not.toBe(oldKey);
    expect(await resolveApiKey(o.db, oldKey, at(1))).toBeNull();
    expect(await resolveApiKey(o.db, rotated.value.key, at(1))).toEqual({ id, tenantId: 't1', permissions: ['audit:read', 'report:export'], ratePerMinute: 120 });
  });

  it('revokes: the key stops working, cannot be rotated back to life, and stays listed', async () => {
    const o = await setup();
    const { id, key } = await create(o);
    expect(await revokeApiKey(o.db, { tenantId: 't1', id }, at(5))).toEqual({ ok: true, value: { revokedAt: at(5).toISOString() } });
    expect(await resolveApiKey(o.db, key, at(6))).toBeNull();
    expect(await revokeApiKey(o.db, { tenantId: 't1', id }, at(7))).toMatchObject({ ok: false, error: { code: 'REVOKED' } });
    const rotated = await rotateApiKey(o.db, { tenantId: 't1', id });
    expect(rotated).toMatchObject({ ok: false, error: { code: 'REVOKED', message: `API key ${id} was revoked at ${at(5).toISOString()}; create a new key instead.` } });
    expect((await listApiKeys(o.db, 't1')).map((k) => k.revokedAt)).toEqual([at(5).toISOString()]);
  });

  it("keeps tenants apart: another tenant's key is not found, listed, rotated or revoked", async () => {
    const o = await setup();
    const { id, key } = await create(o);
    await create(o, { ...INPUT, tenantId: 't2', name: 'Other' });
    expect(await rotateApiKey(o.db, { tenantId: 't2', id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: `There is no API key ${id} in this tenant.` } });
    expect(await revokeApiKey(o.db, { tenantId: 't2', id }, NOW)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await resolveApiKey(o.db, key, NOW)).not.toBeNull();
    expect((await listApiKeys(o.db, 't2')).map((k) => k.name)).toEqual(['Other']);
  });

  it('lists newest first with everything but the hash', async () => {
    const o = await setup();
    const first = await create(o, INPUT, NOW);
    const second = await create(o, { ...INPUT, name: 'Second', ratePerMinute: 5 }, at(1000));
    const listed = await listApiKeys(o.db, 't1');
    expect(listed.map((k) => k.id)).toEqual([second.id, first.id]);
    expect(listed[1]).toEqual({
      id: first.id,
      tenantId: 't1',
      name: 'Payroll export',
      permissions: ['audit:read', 'report:export'],
      createdBy: 'u1',
      createdAt: NOW.toISOString(),
      lastUsedAt: null,
      revokedAt: null,
      ratePerMinute: 120,
    });
    expect(JSON.stringify(listed)).not.toMatch(/hash|stw_k_/);
  });

  it('refuses bad input with a specific message and stores nothing', async () => {
    const o = await setup();
    const cases: [Partial<NewApiKey>, RegExp][] = [
      [{ name: '  ' }, /needs a name/],
      [{ name: 'a\nb' }, /control characters/],
      [{ permissions: [] }, /at least one permission/],
      [{ permissions: ['audit:read', 'Audit:Read'] }, /Audit:Read/],
      [{ ratePerMinute: 0 }, /from 1 to 10000; got 0/],
      [{ ratePerMinute: 1.5 }, /whole number/],
    ];
    for (const [change, message] of cases) {
      const result = await createApiKey(o.db, { ...INPUT, ...change }, NOW);
      expect(result.ok ? 'created' : result.error.code).toBe('INVALID');
      expect(result.ok ? '' : result.error.message).toMatch(message);
    }
    expect(await o.db.selectFrom('api_keys').selectAll().execute()).toEqual([]);
  });
});
