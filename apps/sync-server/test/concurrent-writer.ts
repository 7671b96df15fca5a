/**
 * A separate process that writes documents into a shared database with
 * overlapping transactions of random length, so commits land out of
 * sequence order. Used by change-cursor.test.ts. Prints "done <count>".
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../src/db/open-database.ts';
import { writeDocument } from '../src/store/documents.ts';

const [url, dataDir, pgSchema, countText, writerName] = process.argv.slice(2);
if (url === undefined || dataDir === undefined || countText === undefined || writerName === undefined) {
  throw new Error('usage: concurrent-writer URL DATA_DIR PG_SCHEMA COUNT NAME');
}
const opened = await openDatabase({ url, dataDir, ...(pgSchema ? { pgSchema } : {}), poolSize: 8 });
const count = Number(countText);
let written = 0;
const worker = async (lane: number): Promise<void> => {
  while (written < count) {
    written++;
    const id = randomUUID();
    await opened.db.transaction().execute(async (trx) => {
      await writeDocument(trx, opened.dialect, {
        collection: 'auditEvents',
        id,
        tenantId: 'tenant-a',
        revision: 1,
        updatedAt: new Date().toISOString(),
        deleted: false,
        body: { id, writer: writerName, lane },
      });
      // Hold some transactions open after taking their sequence number.
      if (Math.random() < 0.3) await sleep(Math.random() * 15);
    });
  }
};
await Promise.all(Array.from({ length: 6 }, (_, lane) => worker(lane)));
await opened.close();
console.log(`done ${count}`);
