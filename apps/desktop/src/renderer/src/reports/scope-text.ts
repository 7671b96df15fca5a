/** A report's scope in one line for the screen: tenants by name and the period in the viewer's time format. */
import type { ReportScope } from '@steward/reports';

export function scopeText(scope: ReportScope, formatTime: (iso: string) => string): string {
  const tenants = scope.tenants.length === 0 ? 'No tenants' : scope.tenants.map((t) => t.name).join(', ');
  const from = scope.from === null ? 'the beginning of the data' : formatTime(scope.from);
  return `${tenants} · from ${from} until ${formatTime(scope.to)}`;
}
