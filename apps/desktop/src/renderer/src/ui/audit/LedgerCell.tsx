import { fromRxDocument } from '@steward/domain';
import { useEffect } from 'react';
import type { AuditRow } from '../../audit/audit-row.ts';
import { verdictLabel } from '../../audit/ledger-verification.ts';
import { useLedgerVerdict, useLedgerVerifier } from '../../audit/use-ledger-verifier.ts';
import './ledger-cell.css';

/** How long a row must stay in view before its proof is asked for: scrolling past rows costs nothing. */
const SETTLE_MS = 400;

/**
 * The audit table's ledger column: once a row has stayed in view, its
 * inclusion in the server's signed ledger is proven here (the same
 * verifier as the details panel, a few proofs at a time) and the row shows
 * ✓. Until then, or when it cannot be proven, it says so in a word.
 */
export function LedgerCell({ row }: { readonly row: AuditRow }) {
  const verifier = useLedgerVerifier();
  const verdict = useLedgerVerdict(verifier, row.id);

  useEffect(() => {
    if (verifier === null || row.ledgerIndex === null) return;
    const timer = setTimeout(() => {
      const parsed = fromRxDocument('auditEvents', row.doc);
      if (parsed.ok) void verifier.verify(parsed.value);
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [verifier, row]);

  if (row.ledgerIndex === null)
    return (
      <span className="ledger-cell ledger-cell-none" data-ledger="not-in-ledger" title="Not in the server's ledger yet">
        –
      </span>
    );
  if (verdict === undefined || verdict.kind === 'checking')
    return (
      <span className="ledger-cell ledger-cell-waiting" data-ledger="checking" title="Proving this event's place in the signed ledger…">
        …
      </span>
    );
  const label = verdictLabel(verdict);
  const detail = verdict.kind === 'verified' ? `Leaf ${verdict.index} of the ${verdict.treeSize}-leaf ledger signed by ${verdict.keyName}; checked in this console` : verdict.kind === 'failed' ? verdict.reason : label;
  return (
    <span className={`ledger-cell ledger-cell-${verdict.kind}`} data-ledger={verdict.kind} title={detail}>
      <span aria-hidden="true">{verdict.kind === 'verified' ? '✓' : verdict.kind === 'failed' ? '✗' : '○'}</span>
      <span className="ledger-cell-words">{label}</span>
    </span>
  );
}
