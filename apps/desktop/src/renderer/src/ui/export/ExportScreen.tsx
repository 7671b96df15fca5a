import { StateMessage } from '../StateMessage.tsx';

/** Placeholder until this screen is built (issue 4). */
export function ExportScreen() {
  return (
    <section className="screen" aria-labelledby="export-title">
      <div className="screen-title">
        <h1 id="export-title">Evidence export</h1>
      </div>
      <StateMessage title="Not built yet" tone="empty" />
    </section>
  );
}
