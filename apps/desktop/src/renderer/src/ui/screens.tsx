/** The console's screens, in the order the sidebar lists them. */
import type { ComponentType } from 'react';
import { AuditLogScreen } from './AuditLogScreen.tsx';
import { ExportScreen } from './export/ExportScreen.tsx';
import type { ScreenId } from './navigation.ts';
import { OverviewScreen } from './overview/OverviewScreen.tsx';
import { ReportsScreen } from './reports/ReportsScreen.tsx';
import { RolesScreen } from './roles/RolesScreen.tsx';
import { SyncCenterScreen } from './sync/SyncCenterScreen.tsx';
import { TenantsScreen } from './tenants/TenantsScreen.tsx';
import { UsersScreen } from './users/UsersScreen.tsx';
import { WorkflowsScreen } from './workflows/WorkflowsScreen.tsx';

export interface ScreenEntry {
  readonly id: ScreenId;
  readonly label: string;
  /** Alt+key moves here. */
  readonly key: string;
  readonly component: ComponentType;
}

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
