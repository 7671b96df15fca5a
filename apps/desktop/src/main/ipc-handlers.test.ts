import { describe, expect, it, vi } from 'vitest';
import { IPC } from '../shared/ipc-contract.ts';
import { registerIpcHandlers, type Handlers, type InvokeEvent } from './ipc-handlers.ts';

const APP = 'file:///opt/Steward/resources/app.asar/out/renderer/';
const isAppUrl = (url: string): boolean => url.startsWith(APP);
const fromApp: InvokeEvent = { senderFrame: { url: `${APP}index.html`, parent: null } };

function fakeIpcMain() {
  const listeners = new Map<string, (event: InvokeEvent, payload: unknown) => Promise<unknown>>();
  return {
    listeners,
    handle: (channel: string, listener: (event: InvokeEvent, payload: unknown) => Promise<unknown>) => void listeners.set(channel, listener),
    removeHandler: (channel: string) => void listeners.delete(channel),
    invoke: (channel: string, payload: unknown, event: InvokeEvent = fromApp) => {
      const listener = listeners.get(channel);
      if (listener === undefined) return Promise.reject(new Error(`No handler registered for '${channel}'`));
      return listener(event, payload);
    },
  };
}

function handlers(): Handlers<InvokeEvent> {
  return {
    openExternal: vi.fn().mockResolvedValue(true),
    saveFile: vi.fn().mockResolvedValue({ saved: true, location: '/x' }),
    loadSecrets: vi.fn().mockResolvedValue({ persistent: true, values: {} }),
    setSecret: vi.fn().mockResolvedValue(undefined),
    removeSecret: vi.fn().mockResolvedValue(undefined),
    loadDeviceKey: vi.fn().mockResolvedValue(null),
    createDeviceKey: vi.fn().mockResolvedValue({ id: 'k', publicKey: new Uint8Array(32) }),
    removeDeviceKey: vi.fn().mockResolvedValue(undefined),
    signWithDeviceKey: vi.fn().mockResolvedValue(new Uint8Array(64)),
  };
}

describe('registerIpcHandlers', () => {
  it('registers exactly the contract channels, all namespaced, and removes them again', () => {
    const ipc = fakeIpcMain();
    const unregister = registerIpcHandlers(ipc, isAppUrl, handlers());
    expect([...ipc.listeners.keys()].sort()).toEqual(Object.values(IPC).map((c) => c.name).sort());
    for (const name of ipc.listeners.keys()) expect(name).toMatch(/^steward:[a-z-]+:[a-z-]+$/);
    unregister();
    expect(ipc.listeners.size).toBe(0);
  });

  it('hands a handler the parsed request from the app page', async () => {
    const ipc = fakeIpcMain();
    const h = handlers();
    registerIpcHandlers(ipc, isAppUrl, h);
    const bytes = new Uint8Array([1, 2]);
    expect(await ipc.invoke('steward:device-keys:sign', { id: 'acme:u1', bytes })).toEqual(new Uint8Array(64));
    expect(h.signWithDeviceKey).toHaveBeenCalledWith({ id: 'acme:u1', bytes }, fromApp);
  });

  it.each([
    ['no frame (destroyed or navigated)', { senderFrame: null }],
    ['another page', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a file outside the app', { senderFrame: { url: 'file:///tmp/index.html', parent: null } }],
    ['an iframe of the app page', { senderFrame: { url: `${APP}index.html`, parent: {} } }],
  ])('refuses a message from %s before any handler runs', async (_what, event: InvokeEvent) => {
    const ipc = fakeIpcMain();
    const h = handlers();
    registerIpcHandlers(ipc, isAppUrl, h);
    await expect(ipc.invoke('steward:shell:open-external', { url: 'https://steward.example' }, event)).rejects.toThrow(/did not come from Steward's own page/);
    expect(h.openExternal).not.toHaveBeenCalled();
  });

  it.each([
    ['steward:shell:open-external', 'https://steward.example'],
    ['steward:shell:open-external', { url: 'https://steward.example', extra: 1 }],
    ['steward:file:save', { suggestedName: 'a.zip', bytes: [1, 2], mime: 'application/zip' }],
    ['steward:file:save', { suggestedName: '', bytes: new Uint8Array(), mime: 'application/zip' }],
    ['steward:file:save', { suggestedName: 'a.zip', bytes: new Uint8Array(), mime: 'not a type' }],
    ['steward:secrets:set', { key: 'session', value: 'x' }],
    ['steward:secrets:set', { key: 'steward.session', value: 'x'.repeat(70_000) }],
    ['steward:secrets:load', { anything: true }],
    ['steward:device-keys:create', { id: '../../etc/passwd' }],
    ['steward:device-keys:sign', { id: 'k', bytes: 'aGVsbG8=' }],
  ])('refuses a malformed %s message without calling its handler', async (channel, payload) => {
    const ipc = fakeIpcMain();
    const h = handlers();
    registerIpcHandlers(ipc, isAppUrl, h);
    await expect(ipc.invoke(channel, payload)).rejects.toThrow(/is not valid/);
    for (const handler of Object.values(h)) expect(handler).not.toHaveBeenCalled();
  });
});
