import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import type { ApiClient, StreamItem } from '../api/types.ts';
import { liveStream } from './live-stream.ts';
import { createWaker, type Waker } from './retry.ts';

interface Callbacks {
  onData?: (item: StreamItem) => void;
  onError?: (error: unknown) => void;
  onComplete?: () => void;
  onConnectionStateChange?: (state: { state: string; error: unknown }) => void;
}

/** A stand-in for the tRPC client's `sync.stream.subscribe`: records each subscription's callbacks. */
function fakeApi() {
  const subscriptions: { callbacks: Callbacks; closed: boolean }[] = [];
  const api = {
    sync: {
      stream: {
        subscribe: (_input: unknown, callbacks: Callbacks) => {
          const entry = { callbacks, closed: false };
          subscriptions.push(entry);
          return { unsubscribe: () => void (entry.closed = true) };
        },
      },
    },
  } as unknown as ApiClient;
  return { api, subscriptions };
}

const refused = TRPCClientError.from({ error: { message: 'Sign in first', code: -32001, data: { code: 'UNAUTHORIZED', httpStatus: 401 } } });
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

function setup(options: { delayMs?: number; sleep?: Waker['sleep'] } = {}) {
  const { api, subscriptions } = fakeApi();
  const events: string[] = [];
  const items: StreamItem[] = [];
  const stream = liveStream({
    api,
    serverUrl: 'http://127.0.0.1:4848',
    collections: ['users', 'auditEvents'],
    onConnected: () => events.push('connected'),
    onDisconnected: (message) => events.push(`disconnected: ${message}`),
    onUnauthorized: () => events.push('unauthorized'),
    delayFor: () => options.delayMs ?? 5,
    ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
  });
  const subscription = stream.subscribe((item) => items.push(item));
  const current = () => {
    const last = subscriptions.at(-1);
    if (last === undefined) throw new Error('not subscribed');
    return last.callbacks;
  };
  return { subscriptions, events, items, subscription, current };
}

describe('liveStream', () => {
  it('passes items through and reports the connection state', () => {
    const { items, events, current } = setup();
    current().onConnectionStateChange?.({ state: 'pending', error: null });
    current().onData?.('RESYNC');
    expect(items).toEqual(['RESYNC']);
    current().onConnectionStateChange?.({ state: 'connecting', error: new TypeError('network') });
    expect(events[0]).toBe('connected');
    expect(events[1]).toMatch(/^disconnected: Could not reach/);
  });

  it('resubscribes with backoff when the stream ends with an error — once, though onComplete follows onError', async () => {
    const { subscriptions, events, current } = setup();
    current().onError?.(new TypeError('socket hang up'));
    current().onComplete?.();
    expect(subscriptions[0]?.closed).toBe(true);
    await tick(20);
    expect(subscriptions).toHaveLength(2);
    expect(events.filter((e) => e.startsWith('disconnected'))).toHaveLength(1);
  });

  it('ends the session instead of retrying when the server refuses the token', async () => {
    const { subscriptions, events, current } = setup();
    current().onError?.(refused);
    await tick(20);
    expect(events).toEqual(['unauthorized']);
    expect(subscriptions).toHaveLength(1);
  });

  it('stops everything on unsubscribe, including a pending retry', async () => {
    const { subscriptions, subscription, current } = setup();
    current().onError?.(new TypeError('network'));
    subscription.unsubscribe();
    await tick(20);
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]?.closed).toBe(true);
  });

  it('reconnects at once, not at the end of its backoff, when woken (the network is back)', async () => {
    const waker = createWaker();
    const { subscriptions, current } = setup({ delayMs: 60_000, sleep: waker.sleep });
    current().onError?.(new TypeError('network'));
    await tick(20);
    expect(subscriptions).toHaveLength(1);
    waker.wake();
    await tick();
    expect(subscriptions).toHaveLength(2);
  });
});
