import { StateMessage } from '../StateMessage.tsx';

/** Placeholder until this screen is built (issue 4). */
export function ReportsScreen() {
  return (
    <section className="screen" aria-labelledby="reports-title">
      <div className="screen-title">
        <h1 id="reports-title">Reports</h1>
      </div>
      <StateMessage title="Not built yet" tone="empty" />
    </section>
  );
}
