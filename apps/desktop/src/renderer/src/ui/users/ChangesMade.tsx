import type { LocalChange } from '../../people/change-log.ts';
import type { Directory } from '../../people/directory.ts';
import { formatClock } from '../format.ts';
import { ChangeStatusPill } from './ChangeStatusPill.tsx';

/** This session's grants and revokes in the tenant, each with where it stands. */
export function ChangesMade({ changes, directory }: { readonly changes: readonly LocalChange[]; readonly directory: Directory }) {
  if (changes.length === 0) return null;
  return (
    <section className="changes-made" aria-label="Changes made here">
      <h3>Changes made here</h3>
      <ul>
        {changes.map((c) => (
          <li key={`${c.id}-${c.at}`} data-change-id={c.id} data-kind={c.kind}>
            <span className="change-time muted">{formatClock(c.at)}</span>
            <span className="change-summary">
              {c.summary} <span className="muted">— “{c.reason}”</span>
            </span>
            <ChangeStatusPill change={c} directory={directory} withReason />
          </li>
        ))}
      </ul>
    </section>
  );
}
