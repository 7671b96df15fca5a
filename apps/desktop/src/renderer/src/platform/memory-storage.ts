import type { KeyValueStore } from './platform.ts';

/**
 * A KeyValueStore in memory: for tests, and the fallback when a browser
 * refuses Web Storage (private modes, disabled storage) so the console still
 * works for the length of the page.
 */
export function memoryStorage(initial: Readonly<Record<string, string>> = {}): KeyValueStore {
  const values = new Map(Object.entries(initial));
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

/** Wraps a Web Storage object so that quota or security errors never break the console. */
export function safeStorage(storage: KeyValueStore | undefined): KeyValueStore {
  if (storage === undefined) return memoryStorage();
  const fallback = memoryStorage();
  return {
    getItem: (key) => {
      try {
        return storage.getItem(key);
      } catch {
        return fallback.getItem(key);
      }
    },
    setItem: (key, value) => {
      try {
        storage.setItem(key, value);
      } catch {
        fallback.setItem(key, value);
      }
    },
    removeItem: (key) => {
      try {
        storage.removeItem(key);
      } catch {
        fallback.removeItem(key);
      }
    },
  };
}
