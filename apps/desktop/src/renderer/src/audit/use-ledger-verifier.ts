/**
 * The ledger verifier for the signed-in session, made once per server and
 * token and kept for the page's life, so verdicts survive leaving the audit
 * log and coming back.
 */
import { useStore } from 'zustand';
import { createApiClient } from '../api/client.ts';
import { describeApiError, serverErrorCode } from '../api/errors.ts';
import { useAppServices, useSlice } from '../ui/app-services.ts';
import type { LedgerVerdict } from './ledger-verification.ts';
import { createLedgerVerifier, type LedgerVerifier } from './ledger-verifier.ts';

const verifiers = new Map<string, LedgerVerifier>();

export function useLedgerVerifier(): LedgerVerifier | null {
  const { sessionStore, syncStatus, platform } = useAppServices();
  const session = useSlice(sessionStore, (s) => s.session);
  if (session === null) return null;
  const key = `${session.serverUrl}\n${session.token}`;
  let verifier = verifiers.get(key);
  if (verifier === undefined) {
    const api = createApiClient(session.serverUrl, session.token);
    verifier = createLedgerVerifier({
      api: {
        publicKey: () => api.ledger.publicKey.query(),
        checkpoint: () => api.ledger.checkpoint.query(),
        inclusionProof: (eventId, treeSize) => api.ledger.inclusionProof.query({ eventId, treeSize }),
      },
      preferences: platform.preferences,
      serverUrl: session.serverUrl,
      isOffline: () => syncStatus.getState().connection === 'offline',
      isUnreachable: (error) => describeApiError(error, session.serverUrl).kind === 'unreachable',
      isNotFound: (error) => serverErrorCode(error) === 'NOT_FOUND',
    });
    verifiers.set(key, verifier);
  }
  return verifier;
}

const NO_VERDICTS = { byEvent: new Map<string, LedgerVerdict>() };
const noStore = { getState: () => NO_VERDICTS, getInitialState: () => NO_VERDICTS, setState: () => undefined, subscribe: () => () => undefined };

/** The verdict held for one event, re-rendering when it changes. */
export function useLedgerVerdict(verifier: LedgerVerifier | null, eventId: string): LedgerVerdict | undefined {
  return useStore(verifier?.verdicts ?? noStore, (s) => s.byEvent.get(eventId));
}
