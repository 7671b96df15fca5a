import type { Session } from './session/session.ts';
import { AppServicesContext, useAppServices, useSlice, type AppServices } from './ui/app-services.ts';
import { AuditLogScreen } from './ui/AuditLogScreen.tsx';
import { ConnectScreen } from './ui/ConnectScreen.tsx';
import { Header } from './ui/Header.tsx';

/** Signed out: the connect screen. Signed in: the console, reading the local replica. */
export function App({ services }: { readonly services: AppServices }) {
  return (
    <AppServicesContext.Provider value={services}>
      <Root />
    </AppServicesContext.Provider>
  );
}

function Root() {
  const { sessionStore } = useAppServices();
  const session = useSlice(sessionStore, (s) => s.session);
  return session === null ? <ConnectScreen /> : <Console session={session} />;
}

function Console({ session }: { readonly session: Session }) {
  return (
    <div className="console">
      <Header session={session} />
      <main className="console-main">
        <AuditLogScreen />
      </main>
    </div>
  );
}
