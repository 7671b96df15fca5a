import type { Tenant } from '@steward/domain';
import { useId } from 'react';
import { sortedTenants } from '../../people/tenant-people.ts';

/** Which tenant the screen shows; a platform admin's replica holds them all. */
export function TenantPicker({ tenants, value, onChange }: { readonly tenants: readonly Tenant[]; readonly value: string; readonly onChange: (tenantId: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Tenant</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {sortedTenants(tenants).map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
            {t.status === 'active' ? '' : ` (${t.status})`}
          </option>
        ))}
      </select>
    </div>
  );
}
