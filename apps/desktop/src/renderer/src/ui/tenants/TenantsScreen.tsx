import { StateMessage } from '../StateMessage.tsx';

/** Placeholder until this screen is built (issue 4). */
export function TenantsScreen() {
  return (
    <section className="screen" aria-labelledby="tenants-title">
      <div className="screen-title">
        <h1 id="tenants-title">Tenants</h1>
      </div>
      <StateMessage title="Not built yet" tone="empty" />
    </section>
  );
}
