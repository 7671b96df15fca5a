/**
 * The bridge the preload exposes, built over one `invoke` function so it can
 * be tested without Electron. Each method sends one contract channel and
 * parses what main answers, so a wrong answer fails here, not in the UI.
 */
import type { StewardBridge } from '../shared/bridge.ts';
import { IPC, type ChannelKey, type RequestOf, type ResponseOf } from '../shared/ipc-contract.ts';

export type Invoke = (channel: string, payload: unknown) => Promise<unknown>;

export function createBridge(invoke: Invoke, versions: StewardBridge['versions']): StewardBridge {
  const call = async <K extends ChannelKey>(key: K, payload: RequestOf<K>): Promise<ResponseOf<K>> => {
    const channel = IPC[key];
    return channel.response.parse(await invoke(channel.name, payload)) as ResponseOf<K>;
  };
  return {
    platform: 'electron',
    versions,
    openExternal: (url) => call('openExternal', { url }),
    saveFile: ({ suggestedName, bytes, mime }) => call('saveFile', { suggestedName, bytes, mime }),
    secrets: {
      load: () => call('loadSecrets', undefined),
      set: (key, value) => call('setSecret', { key, value }),
      remove: (key) => call('removeSecret', { key }),
    },
    deviceKeys: {
      load: (id) => call('loadDeviceKey', { id }),
      create: (id) => call('createDeviceKey', { id }),
      remove: (id) => call('removeDeviceKey', { id }),
      sign: (id, bytes) => call('signWithDeviceKey', { id, bytes }),
    },
  };
}
