/**
 * `sync.stream`: live changes for a subscriber. It starts with 'RESYNC' (the
 * client pulls from its own checkpoints to catch up), then, whenever the
 * change feed says a collection changed, pulls from the subscriber's own
 * stream cursor — the same filtered, ordered, never-skipping pull — and
 * emits what it found. When roles, assignments, users or tenants change it
 * emits 'RESYNC' again: the client's next pull re-checks its scope, evicting
 * what left it and backfilling what entered it.
 */
import type { CollectionName } from '@steward/domain';
import type { Services } from '../services.ts';
import { latestCursor } from '../store/documents.ts';
import { Access } from './access.ts';
import type { ChangeNotice } from './change-feed.ts';
import { sealCheckpoint, type PullCheckpoint, type SealedCheckpoint } from './checkpoint.ts';
import type { Principal } from './principal.ts';
import { pull, type PullResult } from './pull.ts';

export type StreamItem = 'RESYNC' | { collection: CollectionName; documents: PullResult['documents']; checkpoint: SealedCheckpoint };

export async function* streamChanges(services: Services, principal: Principal, collections: readonly CollectionName[], requestSignal: AbortSignal | undefined): AsyncGenerator<StreamItem> {
  const signal = requestSignal === undefined ? services.shutdown.signal : AbortSignal.any([requestSignal, services.shutdown.signal]);
  const pending = new Set<CollectionName>();
  let accessChanged = false;
  let wake: (() => void) | undefined;
  const unsubscribe = services.feed.subscribe((notice: ChangeNotice) => {
    for (const c of notice.collections) if (collections.includes(c)) pending.add(c);
    accessChanged ||= notice.accessChanged;
    wake?.();
  });
  const aborted = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  try {
    let access = new Access(services.db, principal, services.now());
    let cursors = await startCursors(services, access, collections);
    yield 'RESYNC';
    while (!signal.aborted) {
      if (pending.size === 0 && !accessChanged) {
        await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
        wake = undefined;
        continue;
      }
      if (accessChanged) {
        accessChanged = false;
        pending.clear();
        access = new Access(services.db, principal, services.now());
        cursors = await startCursors(services, access, collections);
        yield 'RESYNC';
        continue;
      }
      const changed = [...pending];
      pending.clear();
      for (const collection of changed) {
        let checkpoint = cursors.get(collection) ?? null;
        for (;;) {
          const page = await pull(services, access, collection, checkpoint, 500);
          checkpoint = page.checkpoint;
          if (page.documents.length > 0) yield { collection, documents: page.documents, checkpoint: sealCheckpoint(page.checkpoint, services.checkpointKey, access.actorId) };
          if (page.documents.length < 500) break;
        }
        if (checkpoint !== null) cursors.set(collection, checkpoint);
      }
    }
  } finally {
    unsubscribe();
  }
}

/** Each collection's stream starts at the newest settled change under the subscriber's scope now. */
async function startCursors(services: Services, access: Access, collections: readonly CollectionName[]): Promise<Map<CollectionName, PullCheckpoint>> {
  const cursors = new Map<CollectionName, PullCheckpoint>();
  for (const collection of collections) {
    const scope = await access.readScope(collection);
    const cursor = (await latestCursor(services.db, services.dialect, collection)) ?? { tx: '0', seq: 0 };
    cursors.set(collection, { v: 1, cursor, scope: { tenants: scope.tenants === 'all' ? 'all' : [...scope.tenants], platform: scope.platform }, phases: [] });
  }
  return cursors;
}
