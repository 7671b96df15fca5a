/**
 * Everything the screens need, made once at start-up (main.tsx) and handed
 * down by context: the platform, the UI-state stores, and the replica
 * manager. Screens read data from RxDB through the replica, never from here.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { AuditViewStore } from '../audit/audit-filters.ts';
import type { NavigationStore } from './navigation.ts';
import type { Platform } from '../platform/platform.ts';
import type { ReplicaManager } from '../replica/replica-manager.ts';
import type { SyncStatusStore } from '../replica/sync-status.ts';
import type { SessionStore } from '../session/session-store.ts';

export interface AppServices {
  readonly platform: Platform;
  readonly sessionStore: SessionStore;
  readonly syncStatus: SyncStatusStore;
  readonly replicaManager: ReplicaManager;
  readonly auditView: AuditViewStore;
  readonly navigation: NavigationStore;
}

export const AppServicesContext = createContext<AppServices | null>(null);

export function useAppServices(): AppServices {
  const services = useContext(AppServicesContext);
  if (services === null) throw new Error('useAppServices outside <AppServicesContext.Provider>');
  return services;
}

/** Reads a slice of one of the app's vanilla zustand stores and re-renders when it changes. */
export function useSlice<S, T>(store: StoreApi<S>, selector: (state: S) => T): T {
  return useStore(store, selector);
}
