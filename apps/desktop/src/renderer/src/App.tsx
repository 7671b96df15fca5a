import { Suspense } from 'react';
import type { Session } from './session/session.ts';
import { AppServicesContext, useAppServices, useSlice, type AppServices } from './ui/app-services.ts';
import { ConnectScreen } from './ui/ConnectScreen.tsx';
import { AuditLogScreen } from './ui/AuditLogScreen.tsx';
import { Header } from './ui/Header.tsx';
import { SCREENS } from './ui/screens.tsx';
import { ScreenErrorBoundary } from './ui/ScreenErrorBoundary.tsx';
import { Sidebar } from './ui/Sidebar.tsx';
import { StateMessage } from './ui/StateMessage.tsx';

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
  const { navigation } = useAppServices();
  const current = useSlice(navigation, (s) => s.screen);
  const Screen = SCREENS.find((s) => s.id === current)?.component ?? AuditLogScreen;
  return (
    <div className="console">
      <Header session={session} />
      <div className="console-body">
        <Sidebar />
        <main className="console-main">
          <ScreenErrorBoundary resetKey={current}>
            <Suspense fallback={<StateMessage title="Opening…" tone="loading" />}>
              <Screen />
            </Suspense>
          </ScreenErrorBoundary>
        </main>
      </div>
    </div>
  );
}
