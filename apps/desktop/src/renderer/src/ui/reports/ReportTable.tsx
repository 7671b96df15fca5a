/** One section's table as the screen shows it: typed cells formatted, numbers aligned, long tables cut with a note. */
import type { CellValue, Column, Section } from '@steward/reports';
import { formatCount, formatLongTime, formatTime } from '../format.ts';

const SHOWN_ROWS = 300;

function Cell({ value, column }: { readonly value: CellValue; readonly column: Column | undefined }) {
  if (value === null || value === '') return <span className="muted">—</span>;
  switch (column?.type) {
    case 'timestamp':
      return typeof value === 'string' ? <time dateTime={value} title={formatLongTime(value)}>{formatTime(value)}</time> : <>{String(value)}</>;
    case 'boolean':
      return <>{value === true ? 'yes' : value === false ? 'no' : String(value)}</>;
    case 'percent':
      return <>{typeof value === 'number' ? `${value.toFixed(1)}%` : String(value)}</>;
    case 'number':
      return <>{typeof value === 'number' ? formatCount(value) : String(value)}</>;
    default:
      return <>{String(value)}</>;
  }
}

export function ReportTable({ section }: { readonly section: Section }) {
  const { columns, rows } = section.table;
  const shown = rows.slice(0, SHOWN_ROWS);
  const numeric = (c: Column | undefined) => c?.type === 'number' || c?.type === 'percent';
  return (
    <section className="report-section" aria-labelledby={`report-section-${section.id}`}>
      <h3 id={`report-section-${section.id}`}>
        {section.title} <span className="muted">({formatCount(rows.length)} row{rows.length === 1 ? '' : 's'})</span>
      </h3>
      {section.summary !== '' && <p className="muted report-summary">{section.summary}</p>}
      {rows.length === 0 ? (
        <p className="muted">Nothing to report in this section.</p>
      ) : (
        <div className="table-scroll report-table-scroll">
          <table className="data-table report-table" aria-label={section.title}>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className={numeric(c) ? 'num' : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((row, i) => (
                // Rows have no id of their own; their order is the template's.
                <tr key={i}>
                  {row.map((value, j) => (
                    <td key={columns[j]?.key ?? j} className={numeric(columns[j]) ? 'num' : undefined}>
                      <Cell value={value} column={columns[j]} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > SHOWN_ROWS && (
        <p className="muted small">
          Showing the first {formatCount(SHOWN_ROWS)} of {formatCount(rows.length)} rows; the downloads hold them all.
        </p>
      )}
    </section>
  );
}
