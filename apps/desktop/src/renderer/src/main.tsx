import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/client.ts';
import { App } from './App.tsx';
import { createAuditViewStore } from './audit/audit-filters.ts';
import { detectPlatform } from './platform/detect.ts';
import { openReplicaDatabase } from './replica/database.ts';
import { watchNetworkPresence } from './replica/network-presence.ts';
import { createReplicaManager } from './replica/replica-manager.ts';
import { startReplication } from './replica/replication.ts';
import { createSyncStatusStore } from './replica/sync-status.ts';
import { createSessionStore } from './session/session-store.ts';
import { createNavigationStore } from './ui/navigation.ts';
import './styles.css';
import { markOnce } from './perf/marks.ts';

markOnce('modules-evaluated');

const platform = await detectPlatform(window);
markOnce('platform-ready');
const now = (): number => Date.now();
const sessionStore = createSessionStore({
  platform,
  now,
  auth: {
    login: (serverUrl, input) => createApiClient(serverUrl).auth.login.mutate(input),
    logout: async (session) => {
      await createApiClient(session.serverUrl, session.token).auth.logout.mutate();
    },
  },
});
const syncStatus = createSyncStatusStore();
const replicaManager = createReplicaManager({
  sessionStore,
  syncStatus,
  openDatabase: openReplicaDatabase,
  startReplication,
  preferences: platform.preferences,
  createApi: (session) => createApiClient(session.serverUrl, session.token),
  now,
});
watchNetworkPresence(window, syncStatus, () => replicaManager.retryNow());

markOnce('session-restored');
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App services={{ platform, sessionStore, syncStatus, replicaManager, auditView: createAuditViewStore(), navigation: createNavigationStore() }} />
  </StrictMode>,
);
