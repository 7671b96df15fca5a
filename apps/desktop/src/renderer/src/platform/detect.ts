import { electronPlatform } from './electron.ts';
import { keychainStorage, loadKeychainSnapshot } from './keychain-storage.ts';
import { safeStorage } from './memory-storage.ts';
import type { Platform } from './platform.ts';
import { webPlatform } from './web.ts';

/**
 * Picks the platform the renderer runs on: the preload's bridge says
 * Electron; without it this is the web console. Asynchronous because the
 * desktop's session lives with main (OS keychain) and is loaded first.
 */
export async function detectPlatform(win: Window, onError: (error: unknown) => void = reportToConsole): Promise<Platform> {
  const localStorage = safeStorage(readStorage(() => win.localStorage));
  const bridge = win.steward;
  if (bridge?.platform === 'electron') {
    const snapshot = await loadKeychainSnapshot(bridge.secrets, onError);
    return electronPlatform({ bridge, sessionStorage: keychainStorage(bridge.secrets, snapshot, onError), localStorage });
  }
  return webPlatform({ origin: win.location.origin, sessionStorage: safeStorage(readStorage(() => win.sessionStorage)), localStorage });
}

function reportToConsole(error: unknown): void {
  console.error('Steward could not reach the keychain:', error);
}

/** Reading `window.localStorage` itself throws where storage is disabled. */
function readStorage(read: () => Storage): Storage | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
