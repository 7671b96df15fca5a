/**
 * Per-change sync status for the writes a screen makes: `track` starts a
 * watch before the write; `statusOf` answers "saved locally", "synced" or
 * "rejected (reason)" or "conflict" for any document, tracked or not.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CollectionName } from '../../api/types.ts';
import { changeKey, statusOfTracked, statusOfUntracked, watchChange, type ChangeStatus, type TrackedChange } from '../../workflows/change-status.ts';
import { useAppServices, useSlice } from '../app-services.ts';

export interface TrackedChanges {
  /** Start watching before writing; call the returned function if the write was refused locally. */
  readonly track: (collection: CollectionName, id: string) => () => void;
  readonly statusOf: (collection: CollectionName, id: string) => ChangeStatus | null;
}

export function useTrackedChanges(): TrackedChanges {
  const { syncStatus } = useAppServices();
  const pending = useSlice(syncStatus, (s) => s.pending);
  const rejections = useSlice(syncStatus, (s) => s.rejections);
  const openItems = useSlice(syncStatus, (s) => s.openItems);
  const [tracked, setTracked] = useState<ReadonlyMap<string, TrackedChange>>(new Map());
  const stops = useRef(new Set<() => void>());

  useEffect(() => {
    const watches = stops.current;
    return () => {
      for (const stop of watches) stop();
      watches.clear();
    };
  }, []);

  const track = useCallback(
    (collection: CollectionName, id: string) => {
      const key = changeKey(collection, id);
      const unsubscribe = watchChange(syncStatus, collection, id, Date.now(), (change) => setTracked((before) => new Map(before).set(key, change)));
      const stop = () => {
        unsubscribe();
        stops.current.delete(stop);
        setTracked((before) => {
          const next = new Map(before);
          next.delete(key);
          return next;
        });
      };
      stops.current.add(stop);
      return stop;
    },
    [syncStatus],
  );

  const statusOf = useCallback(
    (collection: CollectionName, id: string): ChangeStatus | null => {
      const change = tracked.get(changeKey(collection, id));
      const state = { pending, rejections, openItems };
      return change === undefined ? statusOfUntracked(collection, id, state) : statusOfTracked(change, state);
    },
    [tracked, pending, rejections, openItems],
  );

  return { track, statusOf };
}
