import { describe, expect, it, vi } from 'vitest';
import { createBridge, type Invoke } from './bridge.ts';

describe('createBridge', () => {
  it('sends each call on its namespaced channel with one payload object', async () => {
    const invoke = vi.fn<Invoke>(async (channel) => {
      const answers: Record<string, unknown> = {
        'steward:shell:open-external': true,
        'steward:file:save': { saved: true, location: '/home/o/a.zip' },
        'steward:secrets:load': { persistent: true, values: { 'steward.session': '{}' } },
        'steward:secrets:set': undefined,
        'steward:device-keys:sign': new Uint8Array(64),
      };
      return Promise.resolve(answers[channel]);
    });
    const bridge = createBridge(invoke, { app: '0.1.0' });
    expect(await bridge.openExternal('https://steward.example')).toBe(true);
    expect(await bridge.saveFile({ suggestedName: 'a.zip', bytes: new Uint8Array([1]), mime: 'application/zip' })).toEqual({ saved: true, location: '/home/o/a.zip' });
    expect(await bridge.secrets.load()).toEqual({ persistent: true, values: { 'steward.session': '{}' } });
    await bridge.secrets.set('steward.session', 'x');
    expect(await bridge.deviceKeys.sign('k', new Uint8Array([1]))).toHaveLength(64);
    expect(invoke.mock.calls.map(([channel, payload]) => [channel, payload])).toEqual([
      ['steward:shell:open-external', { url: 'https://steward.example' }],
      ['steward:file:save', { suggestedName: 'a.zip', bytes: new Uint8Array([1]), mime: 'application/zip' }],
      ['steward:secrets:load', undefined],
      ['steward:secrets:set', { key: 'steward.session', value: 'x' }],
      ['steward:device-keys:sign', { id: 'k', bytes: new Uint8Array([1]) }],
    ]);
  });

  it('rejects an answer that does not fit the contract', async () => {
    const bridge = createBridge(() => Promise.resolve({ id: 'k', publicKey: new Uint8Array(31) }), { app: '0.1.0' });
    await expect(bridge.deviceKeys.create('k')).rejects.toThrow(/32 bytes/);
    const signing = createBridge(() => Promise.resolve('c2lnbmF0dXJl'), { app: '0.1.0' });
    await expect(signing.deviceKeys.sign('k', new Uint8Array())).rejects.toThrow(/bytes/);
  });
});
