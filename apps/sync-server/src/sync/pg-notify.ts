/**
 * Several server processes share one PostgreSQL: a change committed by one
 * must wake the live streams of all. Each process LISTENs on a channel named
 * after its schema and NOTIFYs it after each commit; a notice carries only
 * which collections changed, and subscribers then pull through the same
 * cursor as always, so a lost or duplicated notice costs a round trip, never
 * a change.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { COLLECTIONS, isCollectionName } from '@steward/domain';
import type { ChangeFeed, ChangeNotice } from './change-feed.ts';

export interface NotifyBridge {
  close(): Promise<void>;
}

/**
 * `schema`: the schema the server's pool uses, when set explicitly; otherwise the
 * connection's own current_schema() (a search_path in the URL's options counts).
 */
export async function bridgeChangeFeed(feed: ChangeFeed, url: string, schema: string | undefined, onError: (error: Error) => void): Promise<NotifyBridge> {
  const origin = randomUUID();
  const options = schema === undefined ? {} : { options: `-c search_path=${schema}` };
  const listener = new pg.Client({ connectionString: url, ...options });
  const sender = new pg.Client({ connectionString: url, ...options });
  await listener.connect();
  await sender.connect();
  const current = (await listener.query<{ name: string }>('select current_schema() as name')).rows[0]?.name ?? 'public';
  // One channel per schema: servers of another Steward database on the same cluster are not woken.
  const channel = `steward_changes_${current.replace(/[^a-z0-9_]/g, '_')}`;
  listener.on('error', onError);
  sender.on('error', onError);
  listener.on('notification', (message) => {
    if (message.channel !== channel || message.payload === undefined) return;
    const notice = parseNotice(message.payload, origin);
    if (notice !== undefined) feed.receive(notice);
  });
  await listener.query(`listen ${channel}`);
  feed.relayTo((notice) => {
    sender.query('select pg_notify($1, $2)', [channel, JSON.stringify({ origin, ...notice })]).catch(onError);
  });
  return {
    close: async () => {
      feed.relayTo(undefined);
      await Promise.allSettled([listener.end(), sender.end()]);
    },
  };
}

function parseNotice(payload: string, ownOrigin: string): ChangeNotice | undefined {
  try {
    const value = JSON.parse(payload) as { origin?: unknown; collections?: unknown; accessChanged?: unknown };
    if (value.origin === ownOrigin || !Array.isArray(value.collections)) return undefined;
    const collections = value.collections.filter(isCollectionName).filter((c) => COLLECTIONS.includes(c));
    return { collections, accessChanged: value.accessChanged === true };
  } catch {
    return undefined;
  }
}
