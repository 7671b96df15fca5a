/**
 * A secret shared by every server process on one database, created by
 * whichever process starts first (insert-or-ignore, then read back).
 */
import { randomBytes } from 'node:crypto';
import type { Db } from './dialect.ts';

export async function sharedSecret(db: Db, name: string): Promise<Buffer> {
  await db.insertInto('server_secrets').values({ name, value: randomBytes(32).toString('base64') }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64');
}
