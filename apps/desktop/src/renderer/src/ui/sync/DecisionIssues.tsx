import type { DomainIssue } from '@steward/domain';
import type { Directory } from '../../people/directory.ts';

/** Why a decision could not be carried out, where the officer acted (names, not ids). */
export function DecisionIssues({ issues, directory }: { readonly issues: readonly DomainIssue[]; readonly directory: Directory }) {
  if (issues.length === 0) return null;
  return (
    <div className="form-error decision-issues" role="alert">
      <p>This decision was not carried out:</p>
      <ul>
        {issues.map((issue, i) => (
          <li key={i} data-code={issue.code}>
            <strong>{issue.code}</strong> — {directory.humanize(issue.message)}
          </li>
        ))}
      </ul>
    </div>
  );
}
