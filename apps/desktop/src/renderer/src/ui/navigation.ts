/**
 * Which screen the console shows (UI state, zustand). Screens that lead
 * somewhere else — an Overview chart into the filtered audit log, say —
 * set that screen's own store first, then `go`.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

export const SCREEN_IDS = ['overview', 'tenants', 'users', 'roles', 'audit', 'workflows', 'reports', 'export', 'sync'] as const;
export type ScreenId = (typeof SCREEN_IDS)[number];

export interface NavigationState {
  readonly screen: ScreenId;
  go(screen: ScreenId): void;
}

export type NavigationStore = StoreApi<NavigationState>;

export function createNavigationStore(initial: ScreenId = 'audit'): NavigationStore {
  return createStore<NavigationState>()((set) => ({
    screen: initial,
    go: (screen) => set({ screen }),
  }));
}
