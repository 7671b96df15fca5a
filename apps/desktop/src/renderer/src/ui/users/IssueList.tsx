import type { DomainIssue } from '@steward/domain';
import type { Directory } from '../../people/directory.ts';

const TITLES: Record<string, string> = {
  'privilege-escalation': 'Privilege escalation',
  'last-admin': 'Last administrator',
  'last-admin-expiring': 'Last administrator',
  'not-permitted': 'Not permitted',
};

/** The domain's refusal, where the person acted, in names rather than ids. */
export function IssueList({ id, issues, directory, lead }: { readonly id?: string; readonly issues: readonly DomainIssue[]; readonly directory: Directory; readonly lead: string }) {
  if (issues.length === 0) return null;
  return (
    <div id={id} className="issue-list" role="alert">
      <p className="issue-lead">{lead}</p>
      <ul>
        {issues.map((issue, i) => {
          const title = titleOf(issue);
          // Some domain messages already open with their rule's name ("Separation of duties: …").
          const message = issue.message.startsWith(`${title}: `) ? issue.message.slice(title.length + 2) : issue.message;
          return (
            <li key={i} data-code={issue.code} data-reason={reasonOf(issue)}>
              <strong>{title}.</strong> {directory.humanize(message)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function reasonOf(issue: DomainIssue): string {
  const reason = issue.details?.['reason'];
  return typeof reason === 'string' ? reason : issue.code.toLowerCase();
}

function titleOf(issue: DomainIssue): string {
  const reason = reasonOf(issue);
  if (TITLES[reason] !== undefined) return TITLES[reason];
  if (issue.message.startsWith('Separation of duties')) return 'Separation of duties';
  return issue.code === 'INVALID' ? 'Not valid' : issue.code === 'QUOTA_EXCEEDED' ? 'Over the plan’s limit' : 'Refused';
}
