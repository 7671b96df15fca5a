/**
 * `--seed demo` against a real server's database, on SQLite and PostgreSQL:
 * what it stores, that the documented accounts sign in, that a second run
 * leaves everything as it is, and that the stored change log and the audit
 * ledger agree on the order of the 50,000 events.
 */
import { COLLECTIONS, limitsFor, parseDocument, usageOf, type Tenant, type User, type WorkflowRun } from '@steward/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { login } from '../auth/login.ts';
import { createServer, type StewardServer } from '../server.ts';
import { readCollection } from '../store/documents.ts';
import { DEMO_EVENT_COUNT, DEMO_PASSWORD, DEMO_TENANT_SLUGS, seedDemo, type SeedDemoResult } from './demo.ts';

const NOW = Date.parse('2026-04-15T12:00:00.000Z');
const ALL = { tenants: 'all', platform: true } as const;
const ACCOUNTS = ['platform@steward.example', ...DEMO_TENANT_SLUGS.flatMap((t) => ['admin', 'officer', 'auditor', 'member'].map((who) => `${who}@${t}.example`))];

describe.each(DATABASE_KINDS)('demo seed on %s', { timeout: 120_000 }, (kind) => {
  let db: TestDatabase;
  let steward: StewardServer;
  let first: SeedDemoResult;

  const count = async (collection?: string): Promise<number> => {
    let query = steward.database.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n'));
    if (collection !== undefined) query = query.where('collection', '=', collection);
    return Number((await query.executeTakeFirstOrThrow()).n);
  };
  const docs = async <T>(collection: string): Promise<T[]> => (await readCollection(steward.database.db, collection, ALL)).map((d) => d.body as T);

  beforeAll(async () => {
    db = createTestDatabase(kind);
    steward = await createServer({ config: { port: 0, host: '127.0.0.1', db: db.url, dataDir: db.dataDir }, ...(db.pgSchema === undefined ? {} : { pgSchema: db.pgSchema }), logger: false });
    first = await seedDemo(steward.services, { now: NOW });
  }, 120_000);
  afterAll(async () => {
    await steward.stop();
    await db.dispose();
  });

  it('stores three tenants, 30+ users, 50,000 events and runs awaiting approval', async () => {
    expect(first.seeded).toBe(true);
    expect(await count('tenants')).toBeGreaterThanOrEqual(3);
    expect(await count('users')).toBeGreaterThanOrEqual(30);
    // The demo's events, plus the one recording the seeding itself.
    expect(await count('auditEvents')).toBe(DEMO_EVENT_COUNT + 1);
    expect((await docs<WorkflowRun>('workflowRuns')).filter((r) => r.state === 'pending').length).toBeGreaterThan(0);
  });

  it('leaves initech one seat from its limit, as the domain counts it', async () => {
    const initech = (await docs<Tenant>('tenants')).find((t) => t.slug === 'initech');
    if (initech === undefined) throw new Error('initech was not seeded');
    const limits = limitsFor(initech.plan, initech.quotaOverrides);
    if (!limits.ok) throw new Error(limits.error.message);
    const usage = usageOf(initech.id, { users: await docs<User>('users') }, NOW);
    expect(initech.plan).toBe('free');
    expect(limits.value.limits.seats).not.toBeNull();
    expect((limits.value.limits.seats ?? 0) - usage.seats).toBe(1);
  });

  it('lets every documented demo account sign in with the demo password', async () => {
    for (const email of ACCOUNTS) {
      const result = await login(steward.database.db, { email, password: DEMO_PASSWORD }, new Date());
      expect({ email, ok: result.ok }).toEqual({ email, ok: true });
    }
  });

  it('stores only documents the domain schema accepts', async () => {
    let checked = 0;
    for (const collection of COLLECTIONS) {
      for (const stored of await readCollection(steward.database.db, collection, ALL)) {
        const parsed = parseDocument(collection, stored.body);
        if (!parsed.ok) throw new Error(`${collection}/${stored.id}: ${parsed.error.message}`);
        checked += 1;
      }
    }
    expect(checked).toBe(await count());
  });

  it('writes the events to the change log in ledger order', async () => {
    const changeOrder = await steward.database.db.selectFrom('documents').select('id').where('collection', '=', 'auditEvents').orderBy('tx').orderBy('seq').execute();
    const ledgerOrder = await steward.database.db.selectFrom('ledger_leaves').select('event_id').orderBy('idx').execute();
    expect(changeOrder.map((r) => r.id)).toEqual(ledgerOrder.map((r) => r.event_id));
  });

  it('leaves a seeded database as it is the second time, and says so', async () => {
    const before = await count();
    const again = await seedDemo(steward.services, { now: NOW + 60_000 });
    expect(again).toEqual({ seeded: false, reason: 'the database already has tenants acme, globex, initech; demo data left as it is' });
    expect(await count()).toBe(before);
  });

  it('gives a demo account without a password the demo password on the next run', async () => {
    await steward.database.db.deleteFrom('credentials').where('email', '=', 'member@acme.example').execute();
    const again = await seedDemo(steward.services);
    expect(again.seeded).toBe(false);
    expect(again.seeded === false && again.reason).toContain('set the password of 1 demo account that had none');
    expect((await login(steward.database.db, { email: 'member@acme.example', password: DEMO_PASSWORD }, new Date())).ok).toBe(true);
  });
});
