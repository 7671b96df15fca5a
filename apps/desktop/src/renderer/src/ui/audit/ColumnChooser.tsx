import { useAppServices, useSlice } from '../app-services.ts';
import { COLUMN_LABELS } from '../audit-columns.tsx';
import { Popover } from './Popover.tsx';

/** Shows or hides the table's columns (TanStack column visibility, kept in the view store). */
export function ColumnChooser() {
  const { auditView } = useAppServices();
  const visibility = useSlice(auditView, (s) => s.columnVisibility);
  const ids = Object.keys(COLUMN_LABELS);
  const shown = ids.filter((id) => visibility[id] !== false);
  return (
    <Popover label="Columns" summary={shown.length === ids.length ? undefined : `${shown.length} of ${ids.length}`} title="Columns shown">
      {ids.map((id) => {
        const visible = visibility[id] !== false;
        return (
          <label key={id} className="check">
            <input
              type="checkbox"
              checked={visible}
              // The last shown column stays: a table with no columns shows nothing to choose from.
              disabled={visible && shown.length === 1}
              onChange={() => auditView.getState().setColumnVisibility({ ...visibility, [id]: !visible })}
            />
            {COLUMN_LABELS[id]}
          </label>
        );
      })}
      {shown.length < ids.length && (
        <button type="button" onClick={() => auditView.getState().setColumnVisibility({})}>
          Show all columns
        </button>
      )}
    </Popover>
  );
}
