import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURSOR_START, type ChangeCursor } from '../db/dialect.ts';
import type { OpenedDatabase } from '../db/open-database.ts';
import { DATABASE_KINDS, freshDatabasePerTest } from '../../test/databases.ts';
import { latestCursor, readChanges, readDocument, writeDocument, type ReadScope } from './documents.ts';

const ALL: ReadScope = { tenants: 'all', platform: true };

describe.each(DATABASE_KINDS)('documents store on %s', (kind) => {
  const database = freshDatabasePerTest(kind);

  async function setup(): Promise<OpenedDatabase> {
    return database.open();
  }

  async function put(o: OpenedDatabase, id: string, tenantId: string | null, revision = 1): Promise<void> {
    await o.db.transaction().execute((trx) =>
      writeDocument(trx, o.dialect, { collection: 'users', id, tenantId, revision, updatedAt: '2026-01-01T00:00:00.000Z', deleted: false, body: { id, tenantId, revision } }),
    );
  }

  it('writes, reads back and moves a rewritten document to the end of the change log', async () => {
    const o = await setup();
    await put(o, 'a', 't1');
    await put(o, 'b', 't1');
    await put(o, 'a', 't1', 2);
    const stored = await readDocument(o.db, o.dialect, 'users', 'a');
    expect(stored).toMatchObject({ id: 'a', tenantId: 't1', revision: 2, deleted: false, body: { revision: 2 } });
    const changes = await readChanges(o.db, o.dialect, 'users', CURSOR_START, 10, ALL);
    expect(changes.map((c) => c.id)).toEqual(['b', 'a']);
    expect(await latestCursor(o.db, o.dialect, 'users')).toEqual(changes[1]?.cursor);
    const after = await readChanges(o.db, o.dialect, 'users', changes[0]?.cursor ?? CURSOR_START, 10, ALL);
    expect(after.map((c) => c.id)).toEqual(['a']);
  });

  it('returns only the tenants in scope, and platform-wide rows only when allowed', async () => {
    const o = await setup();
    await put(o, 'a', 't1');
    await put(o, 'b', 't2');
    await put(o, 'p', null);
    const ids = async (scope: ReadScope): Promise<string[]> => (await readChanges(o.db, o.dialect, 'users', CURSOR_START, 10, scope)).map((c) => c.id);
    expect(await ids({ tenants: ['t1'], platform: false })).toEqual(['a']);
    expect(await ids({ tenants: ['t2'], platform: true })).toEqual(['b', 'p']);
    expect(await ids({ tenants: [], platform: false })).toEqual([]);
    expect(await ids({ tenants: 'all', platform: false })).toEqual(['a', 'b']);
    expect(await ids(ALL)).toEqual(['a', 'b', 'p']);
  });

  it('never lets a puller skip a committed change while two processes write concurrently', { timeout: 120_000 }, async () => {
    const o = await setup();
    const perWriter = 400;
    const writer = (name: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [join(import.meta.dirname, '../../test/concurrent-writer.ts'), database.current().url, database.current().dataDir, database.current().pgSchema ?? '', String(perWriter), name], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`writer ${name} exited with ${code}`))));
      });
    const seen = new Map<string, number>();
    let cursor: ChangeCursor = CURSOR_START;
    let done = false;
    const writers = Promise.all([writer('one'), writer('two')]).finally(() => (done = true));
    const pull = async (): Promise<void> => {
      for (;;) {
        const page = await readChanges(o.db, o.dialect, 'auditEvents', cursor, 50, ALL);
        for (const change of page) seen.set(change.id, (seen.get(change.id) ?? 0) + 1);
        const last = page.at(-1);
        if (last !== undefined) cursor = last.cursor;
        if (page.length === 0) {
          if (done) return;
          await new Promise((r) => setTimeout(r, 2));
        }
      }
    };
    await Promise.all([writers, pull()]);
    // One more pass after every writer has exited: anything left behind would show up here.
    await pull();
    expect(seen.size).toBe(2 * perWriter);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });
});
