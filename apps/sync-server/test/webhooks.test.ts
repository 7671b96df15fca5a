/**
 * Outbound webhooks end to end on both databases, against a local HTTP
 * receiver: a change reaches its tenant's subscriber signed as the README
 * says (verified here the way an integrator would, with node:crypto only),
 * a failing receiver gets retries then a dead letter that redelivery sends
 * again, another tenant's subscriber never hears of it, management is
 * fenced and audited, and on PostgreSQL two server processes deliver each
 * delivery once.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditEvent } from '@steward/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userDoc } from '../src/seed/builders.ts';
import { DATABASE_KINDS } from './databases.ts';
import type { Client, Harness } from './harness.ts';
import { startIntegrationServers, startReceiver, type ReceivedDelivery, type Receiver } from './integrations-harness.ts';
import { WORLD, email } from './world.ts';

const NOW = '2026-01-01T00:00:00.000Z';
let next = 0x700;
const newUserId = (): string => `01900000-0000-7000-9000-${(next++).toString(16).padStart(12, '0')}`;

/** What an integrator's receiver does with a delivery: check the signature over the raw body, then trust the JSON. */
function verified(delivery: ReceivedDelivery, secret: string, toleranceSeconds = 300): { id: string; type: string; tenantId: string; data: { event: AuditEvent } } {
  const header = String(delivery.headers['steward-signature']);
  const fields = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const t = Number(fields['t']);
  expect(Math.abs(Date.now() / 1000 - t)).toBeLessThan(toleranceSeconds);
  const expected = createHmac('sha256', secret).update(`${fields['t']}.${delivery.rawBody}`).digest();
  const given = Buffer.from(fields['v1'] ?? '', 'hex');
  expect(given.length === expected.length && timingSafeEqual(given, expected), 'signature').toBe(true);
  return JSON.parse(delivery.rawBody) as { id: string; type: string; tenantId: string; data: { event: AuditEvent } };
}

async function addUser(client: Client, tenantId: string, label: string): Promise<string> {
  const id = newUserId();
  const result = await client.sync.push.mutate({ collection: 'users', rows: [{ assumedMasterState: null, newDocumentState: { ...userDoc(id, tenantId, `${label}-${id.slice(-4)}@example.test`, label, NOW), revision: 0 } }] });
  expect(result.rejections).toEqual([]);
  return id;
}

const deliveriesTo = (path: string) => (received: readonly ReceivedDelivery[]) => received.filter((r) => r.path === path);

describe.each(DATABASE_KINDS)('webhooks on %s', { timeout: 60_000 }, (kind) => {
  let h: Harness;
  let receiver: Receiver;
  let acme: Client;
  let globex: Client;
  beforeAll(async () => {
    ({ h } = await startIntegrationServers(kind));
    receiver = await startReceiver();
    acme = await h.signIn(email('acme', 'admin'));
    globex = await h.signIn(email('globex', 'admin'));
  });
  afterAll(async () => {
    await h.close();
    await receiver.close();
  });

  it("delivers a change, signed, to its tenant's subscriber and never to another tenant's", async () => {
    const acmeHook = await acme.webhooks.create.mutate({ tenantId: WORLD.acme.id, url: `${receiver.url}/acme`, collections: ['users'] });
    const globexHook = await globex.webhooks.create.mutate({ tenantId: WORLD.globex.id, url: `${receiver.url}/globex` });
    expect(acmeHook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(await acme.webhooks.list.query({ tenantId: WORLD.acme.id }))).not.toContain(acmeHook.secret);

    const userId = await addUser(acme, WORLD.acme.id, 'hooked');
    await receiver.until((r) => deliveriesTo('/acme')(r).length >= 1);
    const [delivery] = deliveriesTo('/acme')(receiver.received);
    if (delivery === undefined) throw new Error('no delivery');
    const body = verified(delivery, acmeHook.secret);
    expect(delivery.headers['steward-delivery-id']).toBe(body.id);
    expect(body).toMatchObject({ type: 'user.create', tenantId: WORLD.acme.id, data: { event: { action: 'user.create', resourceId: userId, tenantId: WORLD.acme.id, actorId: WORLD.acme.admin } } });
    expect(() => verified({ ...delivery, rawBody: delivery.rawBody.replace('user.create', 'user.delete') }, acmeHook.secret)).toThrow();

    // Globex's own change reaches globex (so its subscription works) and nothing of acme's ever does.
    await addUser(globex, WORLD.globex.id, 'own');
    await receiver.until((r) => deliveriesTo('/globex')(r).some((d) => verified(d, globexHook.secret).type === 'user.create'));
    await addUser(acme, WORLD.acme.id, 'later');
    await receiver.until((r) => deliveriesTo('/acme')(r).length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const globexSaw = deliveriesTo('/globex')(receiver.received).map((d) => verified(d, globexHook.secret));
    expect(globexSaw.filter((b) => b.tenantId !== WORLD.globex.id || b.data.event.tenantId !== WORLD.globex.id)).toEqual([]);
    expect(JSON.stringify(globexSaw)).not.toContain(WORLD.acme.id);
    // Acme filtered on users: its audit trail of the webhook itself did not come along.
    expect(deliveriesTo('/acme')(receiver.received).map((d) => verified(d, acmeHook.secret).type)).toEqual(['user.create', 'user.create']);
    await acme.webhooks.delete.mutate({ tenantId: WORLD.acme.id, id: acmeHook.id });
    await globex.webhooks.delete.mutate({ tenantId: WORLD.globex.id, id: globexHook.id });
  });

  it('retries a failing receiver with backoff, dead-letters the delivery, and redelivers it on request', async () => {
    receiver.answer('/failing', 500);
    const hook = await acme.webhooks.create.mutate({ tenantId: WORLD.acme.id, url: `${receiver.url}/failing`, collections: ['users'], actions: ['user.create'] });
    await addUser(acme, WORLD.acme.id, 'unlucky');
    // FAST_WEBHOOKS: two retries, so three attempts in all, all of one delivery.
    await receiver.until((r) => deliveriesTo('/failing')(r).length >= 3);
    const attempts = deliveriesTo('/failing')(receiver.received);
    const ids = new Set(attempts.map((d) => verified(d, hook.secret).id));
    expect(ids.size).toBe(1);
    const [deliveryId] = [...ids];
    if (deliveryId === undefined) throw new Error('no delivery id');
    let dead = await acme.webhooks.deadLetters.query({ tenantId: WORLD.acme.id });
    for (let i = 0; i < 100 && dead.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      dead = await acme.webhooks.deadLetters.query({ tenantId: WORLD.acme.id });
    }
    expect(dead).toMatchObject([{ id: deliveryId, subscriptionId: hook.id, action: 'user.create', attempts: 3, lastStatus: 500, lastError: 'HTTP 500' }]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(deliveriesTo('/failing')(receiver.received)).toHaveLength(3);
    // Another tenant can neither see nor redeliver it.
    expect(await globex.webhooks.deadLetters.query({ tenantId: WORLD.globex.id })).toEqual([]);
    await expect(globex.webhooks.redeliver.mutate({ tenantId: WORLD.globex.id, deliveryId })).rejects.toMatchObject({ data: { httpStatus: 404 } });

    receiver.answer('/failing', 204);
    await acme.webhooks.redeliver.mutate({ tenantId: WORLD.acme.id, deliveryId });
    await receiver.until((r) => deliveriesTo('/failing')(r).length >= 4);
    const again = deliveriesTo('/failing')(receiver.received)[3];
    if (again === undefined) throw new Error('no redelivery');
    expect(verified(again, hook.secret).id).toBe(deliveryId);
    expect(again.headers['steward-delivery-id']).toBe(deliveryId);
    expect(await acme.webhooks.deadLetters.query({ tenantId: WORLD.acme.id })).toEqual([]);
    await acme.webhooks.delete.mutate({ tenantId: WORLD.acme.id, id: hook.id });
  });

  it('is managed only with tenant:update, refuses unsafe URLs, and audits every change', async () => {
    const officer = await h.signIn(email('acme', 'officer'));
    await expect(officer.webhooks.create.mutate({ tenantId: WORLD.acme.id, url: `${receiver.url}/x` })).rejects.toMatchObject({ data: { httpStatus: 403 } });
    await expect(acme.webhooks.create.mutate({ tenantId: WORLD.globex.id, url: `${receiver.url}/x` })).rejects.toMatchObject({ data: { httpStatus: 403 } });
    for (const url of ['http://example.com/hook', 'https://user:pass@example.com/hook', 'ftp://example.com', 'not a url']) {
      await expect(acme.webhooks.create.mutate({ tenantId: WORLD.acme.id, url }), url).rejects.toMatchObject({ data: { httpStatus: 400 } });
    }
    const hook = await acme.webhooks.create.mutate({ tenantId: WORLD.acme.id, url: 'https://hooks.example.test/steward?token=receiver-secret', actions: ['*.delete'] });
    await expect(acme.webhooks.delete.mutate({ tenantId: WORLD.globex.id, id: hook.id })).rejects.toMatchObject({ data: { httpStatus: 403 } });
    await expect(globex.webhooks.delete.mutate({ tenantId: WORLD.globex.id, id: hook.id })).rejects.toMatchObject({ data: { httpStatus: 404 } });
    await acme.webhooks.delete.mutate({ tenantId: WORLD.acme.id, id: hook.id });
    expect((await acme.webhooks.list.query({ tenantId: WORLD.acme.id })).map((s) => s.id)).not.toContain(hook.id);
    const rows = await h.steward.database.db.selectFrom('documents').select('body').where('collection', '=', 'auditEvents').execute();
    const events = rows.map((r) => JSON.parse(r.body) as AuditEvent).filter((e) => e.resourceId === hook.id);
    expect(events.map((e) => e.action).sort()).toEqual(['webhook.create', 'webhook.delete']);
    expect(events.every((e) => e.tenantId === WORLD.acme.id && e.actorId === WORLD.acme.admin)).toBe(true);
    // The URL is recorded by origin: a token in its query stays out of the ledger.
    expect(JSON.stringify(events)).not.toContain('receiver-secret');
  });
});

describe('webhooks across two server processes on postgres', { timeout: 90_000 }, () => {
  let all: Harness[];
  let receiver: Receiver;
  beforeAll(async () => {
    ({ all } = await startIntegrationServers('postgres', { processes: 2 }));
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await all[0]?.close();
    await receiver.close();
  });

  it('delivers each delivery exactly once while both workers claim', async () => {
    const [first, second] = all;
    if (first === undefined || second === undefined) throw new Error('two servers');
    const admins = [await first.signIn(email('acme', 'admin')), await second.signIn(email('acme', 'admin'))];
    const [admin] = admins;
    if (admin === undefined) throw new Error('no admin');
    const hook = await admin.webhooks.create.mutate({ tenantId: WORLD.acme.id, url: `${receiver.url}/both`, collections: ['users'] });
    const written = await Promise.all(Array.from({ length: 20 }, (_, i) => addUser(admins[i % 2] ?? admin, WORLD.acme.id, `pair${i}`)));
    await receiver.until((r) => r.length >= written.length, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const bodies = receiver.received.map((d) => verified(d, hook.secret));
    expect(bodies).toHaveLength(written.length);
    expect(new Set(bodies.map((b) => b.id)).size).toBe(written.length);
    expect(bodies.map((b) => b.data.event.resourceId).sort()).toEqual([...written].sort());
    // No row was claimed twice: each took one attempt.
    const rows = await first.steward.database.db.selectFrom('webhook_deliveries').select(['attempts', 'delivered_at']).execute();
    expect(rows.map((r) => [Number(r.attempts), r.delivered_at !== null])).toEqual(written.map(() => [1, true]));
  });
});
