/** Runs one Sync center decision: busy while it runs, the domain's refusal (or the failure) as issues, onDecided when it went through. */
import type { DomainIssue } from '@steward/domain';
import { useState } from 'react';
import type { DecisionResult } from '../../reconcile/decisions.ts';
import type { ReconcileItem } from '../../reconcile/reconcile-item.ts';

export interface DecisionRunner {
  readonly busy: boolean;
  readonly issues: readonly DomainIssue[];
  readonly run: (decide: () => Promise<DecisionResult>, what: string) => Promise<void>;
}

export function useDecisionRunner(item: ReconcileItem, onDecided: (item: ReconcileItem, what: string) => void): DecisionRunner {
  const [busy, setBusy] = useState(false);
  const [issues, setIssues] = useState<readonly DomainIssue[]>([]);
  const run = async (decide: () => Promise<DecisionResult>, what: string): Promise<void> => {
    setBusy(true);
    setIssues([]);
    try {
      const result = await decide();
      if (result.ok) onDecided(item, what);
      else setIssues(result.issues);
    } catch (error) {
      setIssues([{ code: 'INVALID', message: `The decision could not be carried out: ${error instanceof Error ? error.message : String(error)}` }]);
    } finally {
      setBusy(false);
    }
  };
  return { busy, issues, run };
}
