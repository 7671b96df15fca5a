/** API keys end to end: scoped, shown once, rate-limited, audited, rotatable and revocable. */
import type { AuditEvent, User } from '@steward/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userDoc } from '../src/seed/builders.ts';
import { DATABASE_KINDS } from './databases.ts';
import { startHarness, type Client, type Harness } from './harness.ts';
import { WORLD, email } from './world.ts';

describe.each(DATABASE_KINDS)('API keys on %s', { timeout: 60_000 }, (kind) => {
  let h: Harness;
  let admin: Client;
  beforeAll(async () => {
    h = await startHarness(kind);
    admin = await h.signIn(email('acme', 'admin'));
  });
  afterAll(() => h.close());

  it('reads only its tenant with only its permissions, and every use is audited', async () => {
    const { id, key } = await admin.apiKeys.create.mutate({ tenantId: WORLD.acme.id, name: 'HR sync', permissions: ['user:read'] });
    expect(key).toMatch(/^stw_k_/);
    const integration = h.client(key);
    const users = (await integration.sync.pull.query({ collection: 'users', checkpoint: null, limit: 100 })).documents as User[];
    expect(users.length).toBe(3);
    expect(users.every((u) => u.tenantId === WORLD.acme.id)).toBe(true);
    expect((await integration.sync.pull.query({ collection: 'auditEvents', checkpoint: null, limit: 10 })).documents).toEqual([]);
    const write = await integration.sync.push.mutate({ collection: 'users', rows: [{ assumedMasterState: null, newDocumentState: { ...userDoc('01900000-0000-7000-9000-0000000000f1', WORLD.acme.id, 'bot@acme.test', 'Bot', '2026-01-01T00:00:00.000Z'), revision: 0 } }] });
    expect(write.rejections[0]?.code).toBe('FORBIDDEN');
    const events = (await admin.sync.pull.query({ collection: 'auditEvents', checkpoint: null, limit: 1000 })).documents as AuditEvent[];
    expect(events.filter((e) => e.action === 'apiKey.use' && e.actorId === id).length).toBeGreaterThanOrEqual(3);
    expect(events.some((e) => e.action === 'apiKey.create' && e.resourceId === id)).toBe(true);
    expect(JSON.stringify(await admin.apiKeys.list.query({ tenantId: WORLD.acme.id }))).not.toContain(key);
  });

  it('cannot carry permissions its creator lacks, nor be managed by someone without tenant:update', async () => {
    await expect(admin.apiKeys.create.mutate({ tenantId: WORLD.acme.id, name: 'Exporter', permissions: ['audit:export'] })).rejects.toThrow(/audit:export/);
    const officer = await h.signIn(email('acme', 'officer'));
    await expect(officer.apiKeys.create.mutate({ tenantId: WORLD.acme.id, name: 'Mine', permissions: ['user:read'] })).rejects.toThrow(/tenant:update/);
    await expect(admin.apiKeys.list.query({ tenantId: WORLD.globex.id })).rejects.toThrow(/tenant:update/);
  });

  it('stops working when rotated (old secret) or revoked', async () => {
    const { id, key } = await admin.apiKeys.create.mutate({ tenantId: WORLD.acme.id, name: 'Rotating', permissions: ['user:read'] });
    const rotated = await admin.apiKeys.rotate.mutate({ tenantId: WORLD.acme.id, id });
    await expect(h.client(key).sync.pull.query({ collection: 'users', checkpoint: null, limit: 1 })).rejects.toThrow(/Sign in/);
    expect((await h.client(rotated.key).sync.pull.query({ collection: 'users', checkpoint: null, limit: 1 })).documents).toHaveLength(1);
    await admin.apiKeys.revoke.mutate({ tenantId: WORLD.acme.id, id });
    await expect(h.client(rotated.key).sync.pull.query({ collection: 'users', checkpoint: null, limit: 1 })).rejects.toThrow(/Sign in/);
  });

  it('is rate-limited per key', async () => {
    const { key } = await admin.apiKeys.create.mutate({ tenantId: WORLD.acme.id, name: 'Slow', permissions: ['user:read'], ratePerMinute: 2 });
    const client = h.client(key);
    await client.auth.me.query();
    await client.auth.me.query();
    await expect(client.auth.me.query()).rejects.toThrow(/limited to 2 requests a minute/);
  });
});
