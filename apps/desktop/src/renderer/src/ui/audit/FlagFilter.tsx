import { useAppServices, useSlice } from '../app-services.ts';
import { Popover } from './Popover.tsx';

/** Compliance flags: events carrying any of the ticked ones are shown. */
export function FlagFilter({ flags }: { readonly flags: readonly string[] }) {
  const { auditView } = useAppServices();
  const chosen = useSlice(auditView, (s) => s.filters.flags);
  const toggle = (flag: string): void => {
    const next = chosen.includes(flag) ? chosen.filter((f) => f !== flag) : [...chosen, flag].sort();
    auditView.getState().setFilter('flags', next);
  };
  return (
    <div className="field">
      <span className="field-label" aria-hidden="true">
        Compliance flags
      </span>
      <Popover label="Flags" summary={chosen.length === 0 ? 'any' : chosen.join(', ')} title="Compliance flags to show">
        {flags.length === 0 && <p className="muted">No event in the replica carries a flag.</p>}
        {flags.map((flag) => (
          <label key={flag} className="check">
            <input type="checkbox" checked={chosen.includes(flag)} onChange={() => toggle(flag)} />
            {flag}
          </label>
        ))}
        {chosen.length > 0 && (
          <button type="button" onClick={() => auditView.getState().setFilter('flags', [])}>
            Any flag
          </button>
        )}
      </Popover>
    </div>
  );
}
