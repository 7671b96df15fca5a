/**
 * Per-change sync status for the writes a screen makes: `track` records the
 * write's time just before it is made; `statusOf` answers "saved locally",
 * "synced", "rejected" or "conflict" for a tracked document, and for any
 * other document only what is outstanding (null once it is synced).
 */
import { useCallback, useState } from 'react';
import type { CollectionName } from '../../api/types.ts';
import { itemKey } from '../../reconcile/reconcile-item.ts';
import { changeStatusOf, outstandingStatusOf, type ChangeFacts, type ChangeStatus } from '../../replica/change-status.ts';
import { useAppServices, useSlice } from '../app-services.ts';

export interface ChangeTracker {
  /** Call before writing; call the returned function if the write was refused locally (nothing to follow). */
  readonly track: (collection: CollectionName, id: string) => () => void;
  readonly statusOf: (collection: CollectionName, id: string) => ChangeStatus | null;
}

/** The sync status store's facts a change status is read from, kept current. */
export function useChangeFacts(): ChangeFacts {
  const { syncStatus } = useAppServices();
  const pending = useSlice(syncStatus, (s) => s.pending);
  const unsent = useSlice(syncStatus, (s) => s.unsent);
  const rejections = useSlice(syncStatus, (s) => s.rejections);
  const openItems = useSlice(syncStatus, (s) => s.openItems);
  return { pending, unsent, rejections, openItems };
}

export function useChangeTracker(): ChangeTracker {
  const facts = useChangeFacts();
  const [tracked, setTracked] = useState<ReadonlyMap<string, number>>(new Map());

  const track = useCallback((collection: CollectionName, id: string) => {
    const key = itemKey(collection, id);
    const since = Date.now();
    setTracked((before) => new Map(before).set(key, since));
    return () =>
      setTracked((before) => {
        if (before.get(key) !== since) return before;
        const next = new Map(before);
        next.delete(key);
        return next;
      });
  }, []);

  const { pending, unsent, rejections, openItems } = facts;
  const statusOf = useCallback(
    (collection: CollectionName, id: string): ChangeStatus | null => {
      const since = tracked.get(itemKey(collection, id));
      const current = { pending, unsent, rejections, openItems };
      return since === undefined ? outstandingStatusOf(current, collection, id) : changeStatusOf(current, collection, id, { since });
    },
    [tracked, pending, unsent, rejections, openItems],
  );

  return { track, statusOf };
}
