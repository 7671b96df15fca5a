import { electronPlatform } from './electron.ts';
import { safeStorage } from './memory-storage.ts';
import type { Platform } from './platform.ts';
import { webPlatform } from './web.ts';

/**
 * Picks the platform the renderer runs on: the preload's bridge says
 * Electron; without it this is the web console.
 */
export function detectPlatform(win: Window): Platform {
  const storages = { sessionStorage: safeStorage(readStorage(() => win.sessionStorage)), localStorage: safeStorage(readStorage(() => win.localStorage)) };
  if (win.steward?.platform === 'electron') return electronPlatform(storages);
  return webPlatform({ origin: win.location.origin, ...storages });
}

/** Reading `window.localStorage` itself throws where storage is disabled. */
function readStorage(read: () => Storage): Storage | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
