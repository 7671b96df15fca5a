import { userLabel, type Session } from '../session/session.ts';
import { useAppServices } from './app-services.ts';
import { Logo } from './Logo.tsx';
import { SyncStatus } from './SyncStatus.tsx';

export function Header({ session }: { readonly session: Session }) {
  const { sessionStore } = useAppServices();
  return (
    <header className="app-header">
      <div className="brand">
        <Logo />
        <span>Steward</span>
      </div>
      <SyncStatus />
      <div className="user">
        <span className="user-name" title={session.user.email ?? undefined}>
          {userLabel(session.user)}
        </span>
        <span className="muted server" title="Sync server">
          {new URL(session.serverUrl).host}
        </span>
        <button type="button" onClick={() => void sessionStore.getState().signOut()}>
          Sign out
        </button>
      </div>
    </header>
  );
}
