import type { QuotaMeter } from '../../tenants/quota-meters.ts';

/** A tenant's counted limits as labelled bars: used against the limit, overrides marked. */
export function QuotaBars({ meters }: { readonly meters: readonly QuotaMeter[] }) {
  return (
    <ul className="quota-bars">
      {meters.map((meter) => {
        const width = meter.percent === null ? 0 : Math.min(100, Number.isFinite(meter.percent) ? meter.percent : 100);
        return (
          <li key={meter.counter} className={`quota-bar level-${meter.level}`}>
            <span className="quota-label">
              {meter.label}
              {meter.overridden && (
                <span className="quota-override" title="A custom limit for this tenant, overriding its plan's">
                  custom
                </span>
              )}
            </span>
            <span className="quota-value">{meter.text}</span>
            <span
              className="quota-track"
              role="meter"
              aria-label={meter.label}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={meter.percent === null ? undefined : Math.round(Math.min(meter.percent, 1000))}
              aria-valuetext={meter.text}
            >
              <span className="quota-fill" style={{ width: `${width}%` }} />
            </span>
          </li>
        );
      })}
    </ul>
  );
}
