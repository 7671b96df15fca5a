import { StateMessage } from '../StateMessage.tsx';

/** Placeholder until this screen is built (issue 4). */
export function RolesScreen() {
  return (
    <section className="screen" aria-labelledby="roles-title">
      <div className="screen-title">
        <h1 id="roles-title">Roles</h1>
      </div>
      <StateMessage title="Not built yet" tone="empty" />
    </section>
  );
}
