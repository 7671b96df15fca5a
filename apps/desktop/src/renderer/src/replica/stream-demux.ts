/**
 * One live stream for the whole replica, fanned out per collection: the
 * server sends `{ collection, documents, checkpoint }` for one collection at
 * a time, and 'RESYNC' (reconnected, or the caller's access changed) for
 * all of them — each collection's replication then pulls from its own checkpoint.
 */
import { filter, map, share, type Observable } from 'rxjs';
import type { CollectionName, PullCheckpoint, ServerDocument, StreamItem } from '../api/types.ts';

export type CollectionStreamItem = 'RESYNC' | { readonly documents: readonly ServerDocument[]; readonly checkpoint: PullCheckpoint };

/** Returns each collection's view of one shared stream; the source is opened once, by the first listener. */
export function demuxStream(source: Observable<StreamItem>): (collection: CollectionName) => Observable<CollectionStreamItem> {
  const shared = source.pipe(share());
  return (collection) =>
    shared.pipe(
      filter((item) => item === 'RESYNC' || item.collection === collection),
      map((item): CollectionStreamItem => (item === 'RESYNC' ? 'RESYNC' : { documents: item.documents, checkpoint: item.checkpoint })),
    );
}
