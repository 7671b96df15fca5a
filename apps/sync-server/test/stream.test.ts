/** The live stream over SSE: changes reach allowed subscribers only, and access changes ask for a resync. */
import { BUILT_IN_ROLE_IDS } from '@steward/domain';
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignmentDoc, userDoc } from '../src/seed/builders.ts';
import type { AppRouter } from '../src/trpc/router.ts';
import type { StreamItem } from '../src/sync/stream.ts';
import { DATABASE_KINDS } from './databases.ts';
import { createServer } from '../src/server.ts';
import { createTestDatabase } from './databases.ts';
import { clientFor, startHarness, type Harness } from './harness.ts';
import { seedWorld } from './world.ts';
import { WORLD, WORLD_PASSWORD, email } from './world.ts';

function streamingClient(url: string, token: string) {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: `${url}/trpc`, connectionParams: { token } }),
        false: httpLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${token}` } }),
      }),
    ],
  });
}

/** Collects stream items until `done` says so (or times out). */
function collect(client: ReturnType<typeof streamingClient>, collections: ('users' | 'roleAssignments')[]) {
  const items: StreamItem[] = [];
  const waiters: (() => void)[] = [];
  const sub = client.sync.stream.subscribe({ collections }, {
    onData: (item) => {
      items.push(item);
      for (const w of waiters.splice(0)) w();
    },
  });
  const until = async (predicate: (all: StreamItem[]) => boolean, ms = 10_000): Promise<void> => {
    const deadline = Date.now() + ms;
    while (!predicate(items)) {
      if (Date.now() > deadline) throw new Error(`stream condition not met; got ${JSON.stringify(items).slice(0, 500)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
  return { items, until, stop: () => sub.unsubscribe() };
}

const docIds = (items: StreamItem[]): string[] => items.flatMap((i) => (i === 'RESYNC' ? [] : i.documents.map((d) => String(d['id']))));

describe.each(DATABASE_KINDS)('sync.stream on %s', { timeout: 60_000 }, (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h.close());

  it('delivers a committed change to allowed subscribers only, and RESYNC when access changes', async () => {
    const login = async (who: string): Promise<string> => (await h.client().auth.login.mutate({ email: who, password: WORLD_PASSWORD })).token;
    const acme = collect(streamingClient(h.url, await login(email('acme', 'officer'))), ['users']);
    const globex = collect(streamingClient(h.url, await login(email('globex', 'officer'))), ['users']);
    await acme.until((all) => all[0] === 'RESYNC');
    await globex.until((all) => all[0] === 'RESYNC');

    const admin = await h.signIn(email('acme', 'admin'));
    const newcomer = { ...userDoc('01900000-0000-7000-9000-0000000000c1', WORLD.acme.id, 'stream@acme.test', 'Streamed', '2026-01-01T00:00:00.000Z', 'invited'), revision: 0 };
    expect((await admin.sync.push.mutate({ collection: 'users', rows: [{ assumedMasterState: null, newDocumentState: newcomer }] })).rejections).toEqual([]);
    await acme.until((all) => docIds(all).includes(newcomer.id));
    await new Promise((r) => setTimeout(r, 300));
    expect(docIds(globex.items)).not.toContain(newcomer.id);

    const resyncs = acme.items.filter((i) => i === 'RESYNC').length;
    const grant = { ...assignmentDoc('01900000-0000-7000-9000-0000000000c2', WORLD.acme.id, WORLD.acme.member, BUILT_IN_ROLE_IDS.member, WORLD.acme.admin, '2026-01-01T00:00:00.000Z', { expiresAt: '2099-01-01T00:00:00.000Z' }), revision: 0 };
    expect((await admin.sync.push.mutate({ collection: 'roleAssignments', rows: [{ assumedMasterState: null, newDocumentState: grant }] })).rejections).toEqual([]);
    await acme.until((all) => all.filter((i) => i === 'RESYNC').length > resyncs);
    acme.stop();
    globex.stop();
  });
});

describe('sync.stream across server processes sharing PostgreSQL', { timeout: 60_000 }, () => {
  it('wakes a subscriber on one server for a change committed through another', async () => {
    const db = createTestDatabase('postgres');
    const open = () => createServer({ config: { port: 0, host: '127.0.0.1', db: db.url, dataDir: db.dataDir }, pgSchema: db.pgSchema ?? '', logger: false });
    const first = await open();
    const second = await open();
    try {
      await seedWorld(first.services);
      const [urlA, urlB] = [await first.start(), await second.start()];
      const token = (await clientFor(urlB).auth.login.mutate({ email: email('acme', 'officer'), password: WORLD_PASSWORD })).token;
      const watcher = collect(streamingClient(urlB, token), ['users']);
      await watcher.until((all) => all[0] === 'RESYNC');
      const adminToken = (await clientFor(urlA).auth.login.mutate({ email: email('acme', 'admin'), password: WORLD_PASSWORD })).token;
      const newcomer = { ...userDoc('01900000-0000-7000-9000-0000000000d1', WORLD.acme.id, 'elsewhere@acme.test', 'Elsewhere', '2026-01-01T00:00:00.000Z', 'invited'), revision: 0 };
      expect((await clientFor(urlA, adminToken).sync.push.mutate({ collection: 'users', rows: [{ assumedMasterState: null, newDocumentState: newcomer }] })).rejections).toEqual([]);
      await watcher.until((all) => docIds(all).includes(newcomer.id));
      watcher.stop();
    } finally {
      await second.stop();
      await first.stop();
      await db.dispose();
    }
  });
});
