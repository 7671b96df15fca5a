import type { LocalChange } from '../../people/change-log.ts';
import type { Directory } from '../../people/directory.ts';
import { changeStatusOf } from '../../replica/change-status.ts';
import { ChangeStatusBadge } from '../sync/ChangeStatusBadge.tsx';
import { useChangeFacts } from '../sync/use-change-tracker.ts';

/** Where a grant or revocation made here stands, kept current from the sync store; reasons name people and roles. */
export function ChangeStatusPill({ change, directory, withReason = false }: { readonly change: LocalChange; readonly directory: Directory; readonly withReason?: boolean }) {
  const status = changeStatusOf(useChangeFacts(), change.collection, change.id, { since: change.at });
  return <ChangeStatusBadge status={status} withReason={withReason} humanize={(reason) => directory.humanize(reason)} />;
}
