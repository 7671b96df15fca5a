import { StateMessage } from '../StateMessage.tsx';

/** Placeholder until this screen is built (issue 4). */
export function WorkflowsScreen() {
  return (
    <section className="screen" aria-labelledby="workflows-title">
      <div className="screen-title">
        <h1 id="workflows-title">Approvals</h1>
      </div>
      <StateMessage title="Not built yet" tone="empty" />
    </section>
  );
}
