import type { StewardBridge } from '../../shared/bridge.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the web console. */
    readonly steward?: StewardBridge;
  }
}
