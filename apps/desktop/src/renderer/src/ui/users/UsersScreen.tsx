import { StateMessage } from '../StateMessage.tsx';

/** Placeholder until this screen is built (issue 4). */
export function UsersScreen() {
  return (
    <section className="screen" aria-labelledby="users-title">
      <div className="screen-title">
        <h1 id="users-title">Users and roles</h1>
      </div>
      <StateMessage title="Not built yet" tone="empty" />
    </section>
  );
}
