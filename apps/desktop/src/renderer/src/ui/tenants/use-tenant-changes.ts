/**
 * Sync status of the tenant changes made on this screen: a watch starts
 * just before each write (so a push answered between two renders still
 * reads as synced), and any tenant with a write outstanding or refused
 * shows it even if it was changed elsewhere.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { statusOfTracked, statusOfUntracked, watchChange, type ChangeStatus, type TrackedChange } from '../../workflows/change-status.ts';
import { useAppServices, useSlice } from '../app-services.ts';

export interface TenantChanges {
  /** Call before writing; call the returned function if the write was refused locally (nothing to watch). */
  readonly track: (tenantId: string) => () => void;
  readonly statusOf: (tenantId: string) => ChangeStatus | null;
}

export function useTenantChanges(): TenantChanges {
  const { syncStatus } = useAppServices();
  const pending = useSlice(syncStatus, (s) => s.pending);
  const rejections = useSlice(syncStatus, (s) => s.rejections);
  const openItems = useSlice(syncStatus, (s) => s.openItems);
  const [tracked, setTracked] = useState<ReadonlyMap<string, TrackedChange>>(new Map());
  const watches = useRef(new Map<string, () => void>());

  useEffect(() => {
    const open = watches.current;
    return () => {
      for (const stop of open.values()) stop();
      open.clear();
    };
  }, []);

  const track = useCallback(
    (tenantId: string) => {
      watches.current.get(tenantId)?.();
      const unsubscribe = watchChange(syncStatus, 'tenants', tenantId, Date.now(), (change) => setTracked((before) => new Map(before).set(tenantId, change)));
      watches.current.set(tenantId, unsubscribe);
      return () => {
        unsubscribe();
        watches.current.delete(tenantId);
        setTracked((before) => {
          const next = new Map(before);
          next.delete(tenantId);
          return next;
        });
      };
    },
    [syncStatus],
  );

  const statusOf = useCallback(
    (tenantId: string): ChangeStatus | null => {
      const change = tracked.get(tenantId);
      const state = { pending, rejections, openItems };
      return change === undefined ? statusOfUntracked('tenants', tenantId, state) : statusOfTracked(change, state);
    },
    [tracked, pending, rejections, openItems],
  );

  return { track, statusOf };
}

