/**
 * The cast of the tenant-isolation tests: acme (the caller, tenant A) and
 * globex (the target, tenant B), each with documents in all ten
 * collections, signed-in clients and an API key, and helpers that pull a
 * whole collection or list a tenant's ids straight from the database.
 */
import { COLLECTIONS, type CollectionName } from '@steward/domain';
import type { inferRouterInputs } from '@trpc/server';
import type { Db } from '../src/db/dialect.ts';
import { writeSeedDocuments } from '../src/seed/write-seed.ts';
import type { AppRouter } from '../src/trpc/router.ts';
import { clientFor, type Client, type Harness } from './harness.ts';
import { sampleDocuments } from './tenant-samples.ts';
import { WORLD, WORLD_PASSWORD, email } from './world.ts';

export type Checkpoint = NonNullable<inferRouterInputs<AppRouter>['sync']['pull']['checkpoint']>;

export interface Session {
  readonly token: string;
  readonly client: Client;
}

export interface IsolationWorld {
  readonly h: Harness;
  readonly db: Db;
  readonly acmeAdmin: Session;
  readonly acmeMember: Session;
  readonly globexAdmin: Session;
  /** Every kind of globex reader: the three people and an API key with read permissions. */
  readonly globexReaders: readonly (readonly [string, Client])[];
  readonly globexKey: { readonly id: string; readonly key: string };
  /** An acme API key allowed to manage users, to show keys are fenced like people. */
  readonly acmeKey: { readonly id: string; readonly key: string };
}

export async function signInAs(h: Harness, address: string): Promise<Session> {
  const { token } = await h.client().auth.login.mutate({ email: address, password: WORLD_PASSWORD });
  return { token, client: clientFor(h.url, token) };
}

/** Seeds samples in both tenants (so every collection has something to leak) and signs everyone in. */
export async function buildIsolationWorld(h: Harness): Promise<IsolationWorld> {
  const now = h.steward.services.now();
  await writeSeedDocuments(h.steward.services, [...sampleDocuments(WORLD.acme.id, WORLD.acme, 0x1000, now), ...sampleDocuments(WORLD.globex.id, WORLD.globex, 0x2000, now)], 'isolation-samples');
  const [acmeAdmin, acmeMember, globexAdmin, globexOfficer, globexMember] = await Promise.all([
    signInAs(h, email('acme', 'admin')),
    signInAs(h, email('acme', 'member')),
    signInAs(h, email('globex', 'admin')),
    signInAs(h, email('globex', 'officer')),
    signInAs(h, email('globex', 'member')),
  ]);
  const globexKey = await globexAdmin.client.apiKeys.create.mutate({
    tenantId: WORLD.globex.id,
    name: 'Globex reader',
    permissions: ['tenant:read', 'user:read', 'role:read', 'audit:read', 'workflow:read', 'report:read'],
  });
  const acmeKey = await acmeAdmin.client.apiKeys.create.mutate({ tenantId: WORLD.acme.id, name: 'Acme user sync', permissions: ['user:*'] });
  return {
    h,
    db: h.steward.database.db,
    acmeAdmin,
    acmeMember,
    globexAdmin,
    globexReaders: [
      ['globex admin', globexAdmin.client],
      ['globex officer', globexOfficer.client],
      ['globex member', globexMember.client],
      ['globex API key', clientFor(h.url, globexKey.key)],
    ],
    globexKey,
    acmeKey,
  };
}

/** Pulls a collection to its end from `checkpoint`, returning every item (documents and evictions). */
export async function pullEverything(client: Client, collection: CollectionName, checkpoint: Checkpoint | null = null): Promise<{ items: Record<string, unknown>[]; checkpoint: Checkpoint }> {
  const items: Record<string, unknown>[] = [];
  let cp = checkpoint;
  for (let page = 0; page < 100; page++) {
    const result = await client.sync.pull.query({ collection, checkpoint: cp, limit: 200 });
    items.push(...(result.documents as Record<string, unknown>[]));
    cp = result.checkpoint;
    if (result.documents.length < 200) return { items, checkpoint: result.checkpoint };
  }
  throw new Error(`pull of ${collection} did not end after 100 pages`);
}

/** Ids of every document a tenant holds in a collection, live or deleted, as stored. */
export async function idsOf(db: Db, collection: CollectionName, tenantId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('documents').select('id').where('collection', '=', collection).where('tenant_id', '=', tenantId).execute();
  return new Set(rows.map((r) => r.id));
}

/** Items that belong to acme: by tenant, or by id (an eviction carries only its id). */
export function acmeItems(items: readonly Record<string, unknown>[], acmeIds: ReadonlySet<string>): Record<string, unknown>[] {
  return items.filter((item) => item['tenantId'] === WORLD.acme.id || acmeIds.has(String(item['id'])));
}

/** A fresh UUIDv7-shaped id per collection and purpose, outside every seeded range. */
export function freshId(collection: CollectionName, purpose: number): string {
  return `01900000-0000-7000-b${purpose.toString(16).padStart(3, '0')}-${(COLLECTIONS.indexOf(collection) + 1).toString(16).padStart(12, '0')}`;
}
