/**
 * `sync.stream` as an Observable that keeps itself alive: the SSE link
 * reconnects by itself after a dropped connection (the server then sends
 * 'RESYNC'), and when the subscription ends with an error this resubscribes
 * with backoff — except when the server refused the token, which ends the session.
 */
import { Observable } from 'rxjs';
import { describeApiError } from '../api/errors.ts';
import type { ApiClient, CollectionName, StreamItem } from '../api/types.ts';
import { backoffDelay, sleepUnlessAborted, type Waker } from './retry.ts';

export interface LiveStreamDeps {
  readonly api: ApiClient;
  readonly serverUrl: string;
  readonly collections: readonly CollectionName[];
  readonly onConnected: () => void;
  readonly onDisconnected: (message: string) => void;
  readonly onUnauthorized: () => void;
  readonly delayFor?: (attempt: number) => number;
  /** The wait before reconnecting; a woken wait reconnects at once (the network is back). */
  readonly sleep?: Waker['sleep'];
}

export function liveStream(deps: LiveStreamDeps): Observable<StreamItem> {
  const delayFor = deps.delayFor ?? backoffDelay;
  const sleep = deps.sleep ?? sleepUnlessAborted;
  return new Observable<StreamItem>((subscriber) => {
    let attempt = 0;
    const stopped = new AbortController();
    let current: { unsubscribe(): void } | undefined;

    function connect(): void {
      // One connection ends once: onError is followed by onComplete, and unsubscribing completes too.
      let ended = false;
      const end = (retry: string | null): void => {
        if (ended || stopped.signal.aborted) return;
        ended = true;
        current?.unsubscribe();
        if (retry === null) return;
        deps.onDisconnected(retry);
        sleep(delayFor(++attempt), stopped.signal).then(connect, () => undefined);
      };
      current = deps.api.sync.stream.subscribe(
        { collections: [...deps.collections] },
        {
          onData: (item) => {
            attempt = 0;
            subscriber.next(item);
          },
          onConnectionStateChange: (state) => {
            if (state.state === 'pending') deps.onConnected();
            else if (state.state === 'connecting' && state.error !== null) deps.onDisconnected(describeApiError(state.error, deps.serverUrl).message);
          },
          onError: (error) => {
            const info = describeApiError(error, deps.serverUrl);
            if (info.kind === 'unauthorized') {
              end(null);
              deps.onUnauthorized();
            } else end(info.message);
          },
          onComplete: () => end('The live connection to the server ended; reconnecting.'),
        },
      );
    }

    connect();
    return () => {
      stopped.abort();
      current?.unsubscribe();
    };
  });
}
