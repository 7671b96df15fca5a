/**
 * The console's screens, in the order the sidebar lists them. The audit log
 * (the first screen) is in the main bundle; the others load on first visit,
 * so charting, spreadsheet and PDF code never delays start-up.
 */
import { lazy, type ComponentType } from 'react';
import { AuditLogScreen } from './AuditLogScreen.tsx';
import type { ScreenId } from './navigation.ts';

export interface ScreenEntry {
  readonly id: ScreenId;
  readonly label: string;
  /** Alt+key moves here. */
  readonly key: string;
  readonly component: ComponentType;
}

const OverviewScreen = lazy(() => import('./overview/OverviewScreen.tsx').then((m) => ({ default: m.OverviewScreen })));
const TenantsScreen = lazy(() => import('./tenants/TenantsScreen.tsx').then((m) => ({ default: m.TenantsScreen })));
const UsersScreen = lazy(() => import('./users/UsersScreen.tsx').then((m) => ({ default: m.UsersScreen })));
const RolesScreen = lazy(() => import('./roles/RolesScreen.tsx').then((m) => ({ default: m.RolesScreen })));
const WorkflowsScreen = lazy(() => import('./workflows/WorkflowsScreen.tsx').then((m) => ({ default: m.WorkflowsScreen })));
const ReportsScreen = lazy(() => import('./reports/ReportsScreen.tsx').then((m) => ({ default: m.ReportsScreen })));
const ExportScreen = lazy(() => import('./export/ExportScreen.tsx').then((m) => ({ default: m.ExportScreen })));
const SyncCenterScreen = lazy(() => import('./sync/SyncCenterScreen.tsx').then((m) => ({ default: m.SyncCenterScreen })));

export const SCREENS: readonly ScreenEntry[] = [
  { id: 'overview', label: 'Overview', key: '1', component: OverviewScreen },
  { id: 'tenants', label: 'Tenants', key: '2', component: TenantsScreen },
  { id: 'users', label: 'Users', key: '3', component: UsersScreen },
  { id: 'roles', label: 'Roles', key: '4', component: RolesScreen },
  { id: 'audit', label: 'Audit log', key: '5', component: AuditLogScreen },
  { id: 'workflows', label: 'Approvals', key: '6', component: WorkflowsScreen },
  { id: 'reports', label: 'Reports', key: '7', component: ReportsScreen },
  { id: 'export', label: 'Export', key: '8', component: ExportScreen },
  { id: 'sync', label: 'Sync center', key: '9', component: SyncCenterScreen },
];
