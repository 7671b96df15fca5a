/**
 * A worker thread holding many live-stream subscribers (tRPC's
 * httpSubscriptionLink over SSE, the token as a connection parameter), so
 * their parsing runs beside the server rather than in its event loop.
 *
 * Every document the bench writes carries its send time in `note`
 * (`sent:<epoch ms>`); each subscriber records receipt − send for each new
 * document it receives. Messages (→ to the bench, ← from it):
 *   → 'ready' once every subscriber has had its first RESYNC;
 *   ← { expect: n } → 'complete' once every subscriber holds n documents;
 *   ← 'collect' → { latencies, received }: the samples since the last
 *     collect, and each subscriber's count of distinct documents;
 *   ← 'stop': unsubscribe everyone and end.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import type { AppRouter } from '../src/trpc/router.ts';

export interface SubscribersInput {
  readonly url: string;
  readonly tokens: readonly string[];
}

export interface SubscribersResult {
  readonly latencies: number[];
  readonly received: number[];
}

const SENT = /^sent:(\d+(?:\.\d+)?)$/;
const epochNow = (): number => performance.timeOrigin + performance.now();

const input = workerData as SubscribersInput;
const port = parentPort;
if (port === null) throw new Error('stream-subscribers.ts runs as a worker thread');

const latencies: number[] = [];
const seen = input.tokens.map(() => new Set<string>());
let resynced = 0;
let expected = Number.POSITIVE_INFINITY;
const stops: (() => void)[] = [];

function checkComplete(): void {
  if (seen.every((s) => s.size >= expected)) {
    expected = Number.POSITIVE_INFINITY;
    port?.postMessage('complete');
  }
}

for (const [i, token] of input.tokens.entries()) {
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: `${input.url}/trpc`, connectionParams: { token } }),
        false: httpLink({ url: `${input.url}/trpc`, headers: { authorization: `Bearer ${token}` } }),
      }),
    ],
  });
  let first = true;
  const mine = seen[i] ?? new Set<string>();
  const sub = client.sync.stream.subscribe(
    { collections: ['auditReviews'] },
    {
      onData: (item) => {
        const at = epochNow();
        if (item === 'RESYNC') {
          if (first) {
            first = false;
            if (++resynced === input.tokens.length) port.postMessage('ready');
          }
          return;
        }
        for (const doc of item.documents) {
          const id = String(doc['id']);
          const sent = 'note' in doc ? SENT.exec(String(doc.note)) : null;
          if (sent === null || mine.has(id)) continue;
          mine.add(id);
          latencies.push(at - Number(sent[1]));
        }
        if (mine.size >= expected) checkComplete();
      },
      onError: (error) => console.error(`subscriber ${i}: ${error.message}`),
    },
  );
  stops.push(() => sub.unsubscribe());
}

port.on('message', (message: 'collect' | 'stop' | { expect: number }) => {
  if (message === 'collect') {
    const result: SubscribersResult = { latencies: latencies.splice(0), received: seen.map((s) => s.size) };
    port.postMessage(result);
  } else if (message === 'stop') {
    for (const stop of stops) stop();
    port.close();
  } else {
    expected = message.expect;
    checkComplete();
  }
});
