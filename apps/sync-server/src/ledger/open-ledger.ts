/**
 * Opens the ledger service a server process publishes from: loads (or, on
 * first start, creates) the server key in the data directory under the
 * checkpoint origin's name, then loads the tree. A key problem stops the
 * start with the operator's message: a server that cannot sign would hand
 * out proofs nobody can anchor.
 */
import type { Db } from '../db/dialect.ts';
import { loadOrCreateServerKey, type ServerKey } from '../keys/server-key.ts';
import { DEFAULT_LEDGER_ORIGIN, LedgerService } from './ledger-service.ts';

export interface OpenLedgerOptions {
  readonly db: Db;
  readonly dataDir: string;
  /** Checkpoint origin and key name (C2SP: no spaces, no "+"); DEFAULT_LEDGER_ORIGIN if unset. */
  readonly origin?: string | undefined;
  readonly clock?: (() => number) | undefined;
}

/** The ledger and the server key it signs with (which also certifies devices). */
export async function openServerLedger({ db, dataDir, origin = DEFAULT_LEDGER_ORIGIN, clock = Date.now }: OpenLedgerOptions): Promise<{ ledger: LedgerService; key: ServerKey }> {
  const key = await loadOrCreateServerKey(dataDir, origin, new Date(clock()));
  if (!key.ok) throw new Error(key.error.message);
  const ledger = await LedgerService.open({ db, key: key.value, now: () => new Date(clock()).toISOString() });
  return { ledger, key: key.value };
}
