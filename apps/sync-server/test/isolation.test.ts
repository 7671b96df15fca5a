/**
 * Tenant isolation for every procedure of the API. The router is enumerated,
 * so a procedure added later without a row in ISOLATION_CASES fails the
 * first test here (and, through ProcedurePath, the typecheck): nobody can
 * add an endpoint that escapes this file. Each row says how a tenant-A
 * (acme) caller would aim the procedure at tenant-B (globex) data, and
 * checks both the refusal and that globex's stored state did not move.
 */
import { COLLECTIONS, encodeBase64, generateEd25519KeyPair, type CollectionName, type DocumentOf } from '@steward/domain';
import type { inferRouterInputs } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appRouter, type AppRouter } from '../src/trpc/router.ts';
import { DATABASE_KINDS } from './databases.ts';
import { clientFor, startHarness, type Harness } from './harness.ts';
import { EVIDENCE_ISOLATION_CASES } from './evidence-isolation-cases.ts';
import { acmeItems, buildIsolationWorld, freshId, idsOf, pullEverything, signInAs, type IsolationWorld } from './isolation-world.ts';
import { getRaw, openEventStream, postRaw, trpcError } from './raw-http.ts';
import { firstDocument, rowCounts, storedRows } from './tenant-samples.ts';
import { plantDeadLetter } from './integrations-harness.ts';
import { WORLD, WORLD_PASSWORD, email } from './world.ts';

type RouterInputs = inferRouterInputs<AppRouter>;
/** 'auth.login', 'sync.pull', …: every procedure path of the router, as a type. */
type ProcedurePath = { [R in keyof RouterInputs]: { [P in keyof RouterInputs[R]]: `${R & string}.${P & string}` }[keyof RouterInputs[R]] }[keyof RouterInputs];

interface Check {
  readonly name: string;
  readonly run: (w: IsolationWorld) => Promise<void>;
}

const START = { tx: '0', seq: 0 };
const FAR = { tx: '99999999999999999999', seq: 2_147_483_647 };
const TENANT_REFUSAL = /tenant you have no access to/;
const forbidden = { data: { httpStatus: 403, stewardCode: 'FORBIDDEN' } };

/** The cross-tenant writes an acme caller can aim at a globex document (a tenant's tenantId is its id, so tenants only delete). */
function crossTenantRows<C extends CollectionName>(collection: C, target: DocumentOf<C>) {
  const rows = [{ assumedMasterState: target, newDocumentState: { ...target, _deleted: true } }];
  if (collection === 'tenants') return rows;
  return [
    ...rows,
    { assumedMasterState: target, newDocumentState: { ...target, tenantId: WORLD.acme.id } },
    { assumedMasterState: null, newDocumentState: { ...target, id: freshId(collection, 1), revision: 0 } },
  ];
}

const pullChecks: Check[] = [
  ...COLLECTIONS.map((collection) => ({
    name: `${collection}: no globex reader receives an acme document`,
    run: async (w: IsolationWorld) => {
      const acmeIds = await idsOf(w.db, collection, WORLD.acme.id);
      expect(acmeIds.size).toBeGreaterThan(0);
      for (const [who, client] of w.globexReaders) {
        expect(acmeItems((await pullEverything(client, collection)).items, acmeIds), who).toEqual([]);
      }
      const own = (await pullEverything(w.globexAdmin.client, collection)).items;
      expect(own.some((d) => d['tenantId'] === WORLD.globex.id)).toBe(true);
    },
  })),
  {
    name: 'every collection: a checkpoint with a forged backfill phase is refused, not served',
    run: async (w) => {
      for (const collection of COLLECTIONS) {
        const { checkpoint } = await pullEverything(w.globexAdmin.client, collection);
        const phase = { kind: 'backfill' as const, scope: { tenants: 'all' as const, platform: true }, exclude: { tenants: [], platform: false }, cursor: START, upTo: FAR };
        await expect(pullEverything(w.globexAdmin.client, collection, { ...checkpoint, phases: [phase] }), collection).rejects.toThrow(/not issued to you/);
      }
    },
  },
  {
    name: 'every collection: a checkpoint with a forged scope, or another user\'s checkpoint, is refused',
    run: async (w) => {
      for (const collection of COLLECTIONS) {
        const { checkpoint } = await pullEverything(w.globexAdmin.client, collection);
        await expect(pullEverything(w.globexAdmin.client, collection, { ...checkpoint, scope: { tenants: 'all', platform: true } }), collection).rejects.toThrow(/not issued to you/);
        const borrowed = (await pullEverything(w.acmeAdmin.client, collection)).checkpoint;
        await expect(pullEverything(w.globexAdmin.client, collection, borrowed), collection).rejects.toThrow(/not issued to you/);
      }
    },
  },
];

const pushChecks: Check[] = [
  ...COLLECTIONS.map((collection) => ({
    name: `${collection}: acme's delete, claim and insert into globex are refused and nothing changes`,
    run: async (w: IsolationWorld) => {
      const rows = crossTenantRows(collection, await firstDocument(w.db, collection, WORLD.globex.id));
      const ids = rows.map((r) => r.newDocumentState.id);
      const [before, counts] = [await storedRows(w.db, WORLD.globex.id, ids), await rowCounts(w.db)];
      const result = await w.acmeAdmin.client.sync.push.mutate({ collection, rows });
      expect(result.rejections).toEqual(ids.map((id) => ({ id, code: 'FORBIDDEN', reason: expect.stringMatching(TENANT_REFUSAL) as unknown })));
      // Only what the caller sent comes back (as a tombstone): nothing of what globex holds.
      expect(result.conflicts).toEqual(rows.map((r) => ({ ...r.newDocumentState, revision: 0, _deleted: true })));
      expect(await storedRows(w.db, WORLD.globex.id, ids)).toEqual(before);
      // One platform-wide audit event per refusal, and nothing else.
      const after = await rowCounts(w.db);
      expect([after.documents - counts.documents, after.ledgerLeaves - counts.ledgerLeaves]).toEqual([rows.length, rows.length]);
    },
  })),
  ...COLLECTIONS.filter((c) => c !== 'tenants').map((collection) => ({
    name: `${collection}: moving an acme document into globex is refused and nothing changes`,
    run: async (w: IsolationWorld) => {
      const mine = await firstDocument(w.db, collection, WORLD.acme.id);
      const before = await storedRows(w.db, WORLD.globex.id, [mine.id]);
      const result = await w.acmeAdmin.client.sync.push.mutate({ collection, rows: [{ assumedMasterState: mine, newDocumentState: { ...mine, tenantId: WORLD.globex.id } }] });
      expect(result.rejections).toEqual([{ id: mine.id, code: 'FORBIDDEN', reason: expect.stringMatching(TENANT_REFUSAL) as unknown }]);
      expect(await storedRows(w.db, WORLD.globex.id, [mine.id])).toEqual(before);
    },
  })),
  {
    name: 'every collection: a refused move into globex returns the document\'s stored state',
    run: async (w) => {
      for (const collection of COLLECTIONS.filter((c) => c !== 'tenants')) {
        const mine = await firstDocument(w.db, collection, WORLD.acme.id);
        const result = await w.acmeAdmin.client.sync.push.mutate({ collection, rows: [{ assumedMasterState: mine, newDocumentState: { ...mine, tenantId: WORLD.globex.id } }] });
        expect(result.conflicts, collection).toEqual([mine]);
      }
    },
  },
  {
    name: 'an acme API key cannot write into globex either',
    run: async (w) => {
      const target = await firstDocument(w.db, 'users', WORLD.globex.id);
      const before = await storedRows(w.db, WORLD.globex.id);
      const result = await clientFor(w.h.url, w.acmeKey.key).sync.push.mutate({ collection: 'users', rows: crossTenantRows('users', target) });
      expect(result.rejections.map((r) => r.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
      expect(await storedRows(w.db, WORLD.globex.id)).toEqual(before);
    },
  },
  {
    name: 'every collection: an invalid row naming a globex id gets nothing of the globex document back',
    run: async (w) => {
      for (const collection of COLLECTIONS) {
        const target = await firstDocument(w.db, collection, WORLD.globex.id);
        const result = await w.acmeAdmin.client.sync.push.mutate({ collection, rows: [{ assumedMasterState: null, newDocumentState: { id: target.id } }] });
        expect(result.rejections.map((r) => r.code)).toEqual(['INVALID']);
        expect(result.conflicts, collection).toEqual([]);
      }
    },
  },
  {
    name: 'a refused write returns nothing the caller may not read (an acme member and acme audit events)',
    run: async (w) => {
      expect((await pullEverything(w.acmeMember.client, 'auditEvents')).items).toEqual([]);
      const event = await firstDocument(w.db, 'auditEvents', WORLD.acme.id);
      const result = await w.acmeMember.client.sync.push.mutate({ collection: 'auditEvents', rows: [{ assumedMasterState: event, newDocumentState: { ...event, outcome: 'failure' } }] });
      expect(result.rejections).toHaveLength(1);
      // Only the caller's own attempt comes back, as a tombstone: nothing read from storage.
      expect(result.conflicts).toEqual([{ ...event, outcome: 'failure', revision: 0, _deleted: true }]);
    },
  },
];

const meSchema = z.object({ result: z.object({ data: z.object({ user: z.object({ id: z.string(), tenantId: z.string().nullable() }) }) }) });

const ISOLATION_CASES: Record<ProcedurePath, readonly Check[]> = {
  'auth.login': [
    {
      name: 'a login cannot claim a tenant or user, and its session is only the signing-in user',
      run: async (w) => {
        const claimed = await postRaw(w.h.url, 'auth.login', JSON.stringify({ email: email('acme', 'admin'), password: WORLD_PASSWORD, tenantId: WORLD.globex.id }));
        expect(claimed.status).toBe(400);
        expect(JSON.stringify(trpcError(claimed.text).data.issues)).toContain('tenantId');
        const me = await w.acmeAdmin.client.auth.me.query();
        expect(me.kind === 'user' ? me.user : null).toMatchObject({ id: WORLD.acme.admin, tenantId: WORLD.acme.id });
      },
    },
  ],
  'auth.logout': [
    {
      name: 'an acme logout naming a globex token revokes only the caller\'s own session',
      run: async (w) => {
        const [acme, globex] = [await signInAs(w.h, email('acme', 'officer')), await signInAs(w.h, email('globex', 'officer'))];
        const out = await postRaw(w.h.url, 'auth.logout', JSON.stringify({ token: globex.token }), acme.token);
        expect(out.status).toBe(200);
        await expect(acme.client.auth.me.query()).rejects.toMatchObject({ data: { httpStatus: 401 } });
        expect(await globex.client.auth.me.query()).toMatchObject({ user: { id: WORLD.globex.officer } });
      },
    },
  ],
  'auth.deviceCertificate': [
    {
      name: 'naming a globex device still certifies only the caller\'s own device',
      run: async (w) => {
        const [mine, theirs] = await Promise.all([generateEd25519KeyPair(), generateEd25519KeyPair()]);
        const enrol = (who: 'acme' | 'globex', publicKey: Uint8Array) =>
          w.h.client().auth.login.mutate({ email: email(who, 'officer'), password: WORLD_PASSWORD, deviceName: `${who} laptop`, devicePublicKey: encodeBase64(publicKey) });
        const [acme, globex] = [await enrol('acme', mine.publicKey), await enrol('globex', theirs.publicKey)];
        if (acme.deviceId === null || globex.deviceId === null) throw new Error('a login with a device key registers a device');
        const raw = await getRaw(w.h.url, 'auth.deviceCertificate', { deviceId: globex.deviceId, userId: WORLD.globex.officer }, acme.token);
        expect(raw.status).toBe(200);
        expect([acme.deviceId, WORLD.acme.officer].filter((s) => !raw.text.includes(s))).toEqual([]);
        expect([globex.deviceId, WORLD.globex.officer, encodeBase64(theirs.publicKey)].filter((s) => raw.text.includes(s))).toEqual([]);
        // A session without a device cannot borrow globex's.
        expect((await getRaw(w.h.url, 'auth.deviceCertificate', { deviceId: globex.deviceId }, w.acmeAdmin.token)).status).toBe(412);
      },
    },
  ],
  'auth.me': [
    {
      name: 'asking about a globex user still answers about the caller',
      run: async (w) => {
        const raw = await getRaw(w.h.url, 'auth.me', { userId: WORLD.globex.admin, tenantId: WORLD.globex.id }, w.acmeAdmin.token);
        expect(raw.status).toBe(200);
        expect(meSchema.parse(JSON.parse(raw.text)).result.data.user).toEqual({ id: WORLD.acme.admin, tenantId: WORLD.acme.id });
      },
    },
  ],
  'sync.pull': pullChecks,
  'sync.push': pushChecks,
  'sync.stream': [
    {
      name: 'a globex subscriber never receives acme changes',
      run: async (w) => {
        const stream = await openEventStream(w.h.url, 'sync.stream', {}, w.globexAdmin.token);
        try {
          await stream.until((items) => items.includes('RESYNC'));
          const now = w.h.steward.services.now();
          const report = (tenantId: string, purpose: number): DocumentOf<'reports'> => ({
            id: freshId('reports', purpose), tenantId, revision: 0, updatedAt: now, _deleted: false, name: 'Live report', template: 'quota-usage',
            parameters: { tenantIds: [tenantId], from: null, to: null, filters: {} }, schedule: null, format: 'csv',
          });
          const acmeReport = report(WORLD.acme.id, 2);
          expect((await w.acmeAdmin.client.sync.push.mutate({ collection: 'reports', rows: [{ assumedMasterState: null, newDocumentState: acmeReport }] })).rejections).toEqual([]);
          const marker = report(WORLD.globex.id, 3);
          expect((await w.globexAdmin.client.sync.push.mutate({ collection: 'reports', rows: [{ assumedMasterState: null, newDocumentState: marker }] })).rejections).toEqual([]);
          await stream.until((items) => documentsIn(items).some((d) => d['id'] === marker.id));
          const received = documentsIn(stream.items);
          expect(received.filter((d) => d['tenantId'] === WORLD.acme.id || d['id'] === acmeReport.id || d['resourceId'] === acmeReport.id)).toEqual([]);
          expect(stream.errors).toEqual([]);
        } finally {
          await stream.close();
        }
      },
    },
  ],
  'apiKeys.list': [
    {
      name: 'an acme admin cannot list globex keys',
      run: async (w) => {
        await expect(w.acmeAdmin.client.apiKeys.list.query({ tenantId: WORLD.globex.id })).rejects.toMatchObject(forbidden);
      },
    },
  ],
  'apiKeys.create': [
    {
      name: 'an acme admin cannot create a key in globex',
      run: async (w) => {
        const before = await w.globexAdmin.client.apiKeys.list.query({ tenantId: WORLD.globex.id });
        await expect(w.acmeAdmin.client.apiKeys.create.mutate({ tenantId: WORLD.globex.id, name: 'Backdoor', permissions: ['user:read'] })).rejects.toMatchObject(forbidden);
        expect(await w.globexAdmin.client.apiKeys.list.query({ tenantId: WORLD.globex.id })).toEqual(before);
      },
    },
  ],
  'apiKeys.rotate': [
    {
      name: 'an acme admin cannot rotate a globex key, named under either tenant',
      run: async (w) => {
        await expect(w.acmeAdmin.client.apiKeys.rotate.mutate({ tenantId: WORLD.globex.id, id: w.globexKey.id })).rejects.toMatchObject(forbidden);
        await expect(w.acmeAdmin.client.apiKeys.rotate.mutate({ tenantId: WORLD.acme.id, id: w.globexKey.id })).rejects.toMatchObject({ data: { httpStatus: 404 } });
        expect(await clientFor(w.h.url, w.globexKey.key).auth.me.query()).toMatchObject({ kind: 'apiKey', keyId: w.globexKey.id });
      },
    },
  ],
  'apiKeys.revoke': [
    {
      name: 'an acme admin cannot revoke a globex key, named under either tenant',
      run: async (w) => {
        await expect(w.acmeAdmin.client.apiKeys.revoke.mutate({ tenantId: WORLD.globex.id, id: w.globexKey.id })).rejects.toMatchObject(forbidden);
        await expect(w.acmeAdmin.client.apiKeys.revoke.mutate({ tenantId: WORLD.acme.id, id: w.globexKey.id })).rejects.toMatchObject({ data: { httpStatus: 404 } });
        expect(await clientFor(w.h.url, w.globexKey.key).auth.me.query()).toMatchObject({ kind: 'apiKey', keyId: w.globexKey.id });
      },
    },
  ],
  'webhooks.list': [
    {
      name: 'an acme admin cannot list globex webhooks',
      run: async (w) => {
        await expect(w.acmeAdmin.client.webhooks.list.query({ tenantId: WORLD.globex.id })).rejects.toMatchObject(forbidden);
      },
    },
  ],
  'webhooks.create': [
    {
      name: "an acme admin cannot subscribe to globex's events",
      run: async (w) => {
        const before = await w.globexAdmin.client.webhooks.list.query({ tenantId: WORLD.globex.id });
        await expect(w.acmeAdmin.client.webhooks.create.mutate({ tenantId: WORLD.globex.id, url: 'https://hooks.acme.test/steward' })).rejects.toMatchObject(forbidden);
        expect(await w.globexAdmin.client.webhooks.list.query({ tenantId: WORLD.globex.id })).toEqual(before);
      },
    },
  ],
  'webhooks.delete': [
    {
      name: 'an acme admin cannot delete a globex webhook, named under either tenant',
      run: async (w) => {
        const { subscriptionId } = await plantDeadLetter(w.globexAdmin.client, w.db, WORLD.globex.id);
        await expect(w.acmeAdmin.client.webhooks.delete.mutate({ tenantId: WORLD.globex.id, id: subscriptionId })).rejects.toMatchObject(forbidden);
        await expect(w.acmeAdmin.client.webhooks.delete.mutate({ tenantId: WORLD.acme.id, id: subscriptionId })).rejects.toMatchObject({ data: { httpStatus: 404 } });
        expect((await w.globexAdmin.client.webhooks.list.query({ tenantId: WORLD.globex.id })).map((s) => s.id)).toContain(subscriptionId);
      },
    },
  ],
  'webhooks.deadLetters': [
    {
      name: "an acme admin sees none of globex's dead letters",
      run: async (w) => {
        const { deliveryId } = await plantDeadLetter(w.globexAdmin.client, w.db, WORLD.globex.id);
        await expect(w.acmeAdmin.client.webhooks.deadLetters.query({ tenantId: WORLD.globex.id })).rejects.toMatchObject(forbidden);
        expect(JSON.stringify(await w.acmeAdmin.client.webhooks.deadLetters.query({ tenantId: WORLD.acme.id }))).not.toContain(deliveryId);
      },
    },
  ],
  'webhooks.redeliver': [
    {
      name: 'an acme admin cannot redeliver a globex delivery, named under either tenant',
      run: async (w) => {
        const { deliveryId } = await plantDeadLetter(w.globexAdmin.client, w.db, WORLD.globex.id);
        await expect(w.acmeAdmin.client.webhooks.redeliver.mutate({ tenantId: WORLD.globex.id, deliveryId })).rejects.toMatchObject(forbidden);
        await expect(w.acmeAdmin.client.webhooks.redeliver.mutate({ tenantId: WORLD.acme.id, deliveryId })).rejects.toMatchObject({ data: { httpStatus: 404 } });
        expect((await w.globexAdmin.client.webhooks.deadLetters.query({ tenantId: WORLD.globex.id })).map((d) => d.id)).toContain(deliveryId);
      },
    },
  ],
  'ledger.publicKey': [
    {
      name: 'the public key is one platform-wide value that carries no tenant data',
      run: async (w) => {
        const [acme, globex] = [await w.acmeAdmin.client.ledger.publicKey.query(), await w.globexAdmin.client.ledger.publicKey.query()];
        expect(acme).toEqual(globex);
        expect(await globexDataIn(w, acme)).toEqual([]);
      },
    },
  ],
  'ledger.checkpoint': [
    {
      name: 'a signed checkpoint names no globex event or document',
      run: async (w) => {
        expect(await globexDataIn(w, await w.acmeAdmin.client.ledger.checkpoint.query())).toEqual([]);
      },
    },
  ],
  'ledger.consistencyProof': [
    {
      name: 'a consistency proof names no globex event or document',
      run: async (w) => {
        const { treeSize } = await w.acmeAdmin.client.ledger.checkpoint.query();
        expect(await globexDataIn(w, await w.acmeAdmin.client.ledger.consistencyProof.query({ fromSize: 1, toSize: treeSize }))).toEqual([]);
      },
    },
  ],
  'ledger.inclusionProof': [
    {
      name: 'an acme caller asking to prove a globex event gets the unknown-event answer',
      run: async (w) => {
        const event = await firstDocument(w.db, 'auditEvents', WORLD.globex.id);
        expect((await w.globexAdmin.client.ledger.inclusionProof.query({ eventId: event.id })).treeSize).toBeGreaterThan(0);
        const unknown = freshId('auditEvents', 4);
        const [theirs, none] = await Promise.all([event.id, unknown].map((eventId) => w.acmeAdmin.client.ledger.inclusionProof.query({ eventId }).then(() => 'answered', (e: unknown) => e)));
        expect(theirs).toMatchObject({ data: { httpStatus: 404 } });
        expect(none).toMatchObject({ data: { httpStatus: 404 } });
        expect(messageOf(theirs).replace(event.id, '<id>')).toBe(messageOf(none).replace(unknown, '<id>'));
      },
    },
  ],
  'evidence.prepare': EVIDENCE_ISOLATION_CASES['evidence.prepare'],
  'evidence.events': EVIDENCE_ISOLATION_CASES['evidence.events'],
  'auth.enrolKey': EVIDENCE_ISOLATION_CASES['auth.enrolKey'],
  'auth.revokeKey': EVIDENCE_ISOLATION_CASES['auth.revokeKey'],
};

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Globex's tenant id and document ids found anywhere in `value`'s JSON (for answers meant to carry no tenant data). */
async function globexDataIn(w: IsolationWorld, value: unknown): Promise<string[]> {
  const text = JSON.stringify(value);
  const ids = await w.db.selectFrom('documents').select('id').where('tenant_id', '=', WORLD.globex.id).execute();
  return [WORLD.globex.id, ...ids.map((r) => r.id)].filter((id) => text.includes(id));
}

/** The documents carried by stream items (skipping 'RESYNC'). */
function documentsIn(items: readonly unknown[]): Record<string, unknown>[] {
  const page = z.object({ documents: z.array(z.record(z.string(), z.unknown())) });
  return items.flatMap((item) => {
    const parsed = page.safeParse(item);
    return parsed.success ? parsed.data.documents : [];
  });
}

it('has isolation checks for every procedure of the router', () => {
  const procedures = Object.keys(appRouter._def.procedures).sort();
  const missing = procedures.filter((p) => !(p in ISOLATION_CASES) || (ISOLATION_CASES as Record<string, readonly Check[]>)[p]?.length === 0);
  expect(missing, 'procedures without an isolation case: add a row to ISOLATION_CASES').toEqual([]);
  expect(Object.keys(ISOLATION_CASES).sort()).toEqual(procedures);
});

describe.each(DATABASE_KINDS)('tenant isolation on %s', { timeout: 120_000 }, (kind) => {
  let h: Harness;
  let w: IsolationWorld;
  // Building the world takes a few seconds, more on a loaded two-core machine: a guard, not a measure.
  beforeAll(async () => {
    h = await startHarness(kind);
    w = await buildIsolationWorld(h);
  }, 120_000);
  afterAll(() => h.close());

  describe.each(Object.entries(ISOLATION_CASES))('%s', (_path, checks) => {
    for (const check of checks) {
      it(check.name, () => check.run(w));
    }
  });
});
