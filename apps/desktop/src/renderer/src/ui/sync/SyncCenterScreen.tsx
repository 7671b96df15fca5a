import { StateMessage } from '../StateMessage.tsx';

/** Placeholder until this screen is built (issue 4). */
export function SyncCenterScreen() {
  return (
    <section className="screen" aria-labelledby="sync-title">
      <div className="screen-title">
        <h1 id="sync-title">Sync center</h1>
      </div>
      <StateMessage title="Not built yet" tone="empty" />
    </section>
  );
}
