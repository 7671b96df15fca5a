import { useCallback } from 'react';
import type { AuditFilters } from '../../audit/audit-filters.ts';
import { useAppServices } from '../app-services.ts';

/** Opens the audit log showing only what `filters` selects (every other filter cleared). */
export function useOpenAudit(): (filters: Partial<AuditFilters>) => void {
  const { auditView, navigation } = useAppServices();
  return useCallback(
    (filters) => {
      const view = auditView.getState();
      view.clearFilters();
      view.applyFilters(filters);
      view.setActive(null);
      navigation.getState().go('audit');
    },
    [auditView, navigation],
  );
}
