import { StateMessage } from '../StateMessage.tsx';

/** Placeholder until this screen is built (issue 4). */
export function OverviewScreen() {
  return (
    <section className="screen" aria-labelledby="overview-title">
      <div className="screen-title">
        <h1 id="overview-title">Overview</h1>
      </div>
      <StateMessage title="Not built yet" tone="empty" />
    </section>
  );
}
