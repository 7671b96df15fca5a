import { fromRxDocument } from '@steward/domain';
import { useEffect, useMemo } from 'react';
import type { AuditRow } from '../../audit/audit-row.ts';
import { verdictLabel, type LedgerVerdict } from '../../audit/ledger-verification.ts';
import { useLedgerVerdict, useLedgerVerifier } from '../../audit/use-ledger-verifier.ts';
import { useAppServices, useSlice } from '../app-services.ts';

const TONE: Readonly<Record<LedgerVerdict['kind'], string>> = {
  verified: 'ok',
  'not-in-ledger': 'muted',
  'not-yet-checkpointed': 'warn',
  failed: 'bad',
  offline: 'muted',
  checking: 'muted',
};

function explain(verdict: LedgerVerdict): string {
  switch (verdict.kind) {
    case 'verified':
      return `Leaf ${verdict.index} of the ${verdict.treeSize}-leaf ledger, under a checkpoint signed by ${verdict.keyName} (the key this device trusted the first time it asked this server). Checked in this console.`;
    case 'not-in-ledger':
      return 'The server has not appended this event to its ledger.';
    case 'not-yet-checkpointed':
      return `Leaf ${verdict.index}; the newest signed checkpoint covers ${verdict.treeSize} leaves.`;
    case 'failed':
      return verdict.reason;
    case 'offline':
      return 'The server cannot be reached, so the proof cannot be fetched; checked again when you are back online.';
    case 'checking':
      return 'Fetching the signed checkpoint and the inclusion proof…';
  }
}

/**
 * Whether the event is provably in the server's signed audit ledger,
 * verified here with the domain's verifiers — or honestly why not.
 */
export function LedgerBadge({ row }: { readonly row: AuditRow }) {
  const verifier = useLedgerVerifier();
  const verdict = useLedgerVerdict(verifier, row.id);
  const connection = useSlice(useAppServices().syncStatus, (s) => s.connection);
  const parsed = useMemo(() => fromRxDocument('auditEvents', row.doc), [row.doc]);

  useEffect(() => {
    // Runs again when the connection changes: a verdict reached offline is not kept, so coming back online checks again.
    if (verifier !== null && parsed.ok) void verifier.verify(parsed.value);
  }, [verifier, parsed, connection]);

  const shown: LedgerVerdict = !parsed.ok
    ? { kind: 'failed', reason: `This device's copy of the event is not a valid audit event: ${parsed.error.message}` }
    : (verdict ?? { kind: 'checking' });
  return (
    <div className="ledger" data-ledger={shown.kind}>
      <span className={`ledger-badge ledger-${TONE[shown.kind]}`}>
        {shown.kind === 'verified' && <span aria-hidden="true">✓ </span>}
        {verdictLabel(shown)}
      </span>
      <p className="ledger-detail">{explain(shown)}</p>
      {verifier !== null && parsed.ok && (shown.kind === 'failed' || shown.kind === 'offline') && (
        <button type="button" onClick={() => void verifier.verify(parsed.value, true)}>
          Check again
        </button>
      )}
    </div>
  );
}
