import type { CollectionName } from '@steward/domain';
import { CHANGE_STATUS_LABELS, changeSyncStatus, type ChangeSyncStatus } from '../../replica/sync-status.ts';
import { useAppServices, useSlice } from '../app-services.ts';
import './sync-badges.css';

const TITLES: Readonly<Record<ChangeSyncStatus, string>> = {
  'saved-locally': 'In the local replica; it goes to the server when the console is online',
  synced: 'The server holds this change',
  rejected: 'The server refused this change: see the Sync center',
  conflict: 'Changed here and on the server: choose in the Sync center',
};

/** Where the change to `collection/id` stands, live: saved locally, synced, rejected or conflict. */
export function useChangeSyncStatus(collection: CollectionName, id: string): ChangeSyncStatus {
  const { syncStatus } = useAppServices();
  return useSlice(syncStatus, (s) => changeSyncStatus(s, collection, id));
}

/** A small pill for the screen a change was made on; rejected and conflicting changes lead to the Sync center. */
export function ChangeSyncBadge({ collection, id }: { readonly collection: CollectionName; readonly id: string }) {
  const { navigation } = useAppServices();
  const status = useChangeSyncStatus(collection, id);
  const tone = status === 'synced' ? 'ok' : status === 'saved-locally' ? 'warn' : 'bad';
  if (status === 'rejected' || status === 'conflict')
    return (
      <button type="button" className={`pill change-sync change-sync-${tone}`} data-status={status} title={TITLES[status]} onClick={() => navigation.getState().go('sync')}>
        {CHANGE_STATUS_LABELS[status]}
      </button>
    );
  return (
    <span className={`pill change-sync change-sync-${tone}`} data-status={status} title={TITLES[status]}>
      {CHANGE_STATUS_LABELS[status]}
    </span>
  );
}
