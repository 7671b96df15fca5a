import { useId, useState } from 'react';
import { isShowing, loadSavedViews, storeSavedViews, withoutView, withView, type SavedView } from '../../audit/saved-views.ts';
import { newDocumentId } from '../../replica/ids.ts';
import { useAppServices, useSlice } from '../app-services.ts';

/**
 * Named views of the audit log — filters, sort and columns — kept in this
 * device's preferences. Choosing one applies it; saving under a name that
 * exists replaces that view.
 */
export function SavedViews() {
  const { auditView, platform } = useAppServices();
  const [views, setViews] = useState<readonly SavedView[]>(() => loadSavedViews(platform.preferences));
  const filters = useSlice(auditView, (s) => s.filters);
  const sorting = useSlice(auditView, (s) => s.sorting);
  const columnVisibility = useSlice(auditView, (s) => s.columnVisibility);
  // The select names the view in effect; change a filter and it no longer is.
  const current = views.find((view) => isShowing(view, { filters, sorting, columnVisibility }))?.id ?? '';
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ readonly tone: 'ok' | 'bad'; readonly text: string } | null>(null);
  const ids = { view: useId(), name: useId() };

  const persist = (next: readonly SavedView[], done: string): void => {
    const problem = storeSavedViews(platform.preferences, next);
    if (problem !== null) {
      setMessage({ tone: 'bad', text: problem });
      return;
    }
    setViews(next);
    setMessage({ tone: 'ok', text: done });
  };

  const apply = (id: string): void => {
    const view = views.find((v) => v.id === id);
    if (view === undefined) return;
    const state = auditView.getState();
    state.applyFilters(view.filters);
    state.setSorting(view.sorting);
    state.setColumnVisibility(view.columnVisibility);
    setMessage(null);
  };

  const save = (): void => {
    const trimmed = name.trim();
    if (trimmed === '') {
      setMessage({ tone: 'bad', text: 'Give the view a name.' });
      return;
    }
    const { filters, sorting, columnVisibility } = auditView.getState();
    const view: SavedView = { id: newDocumentId(), name: trimmed.slice(0, 200), filters, sorting, columnVisibility, savedAt: new Date().toISOString() };
    persist(withView(views, view), `Saved view “${view.name}”.`);
    setNaming(false);
    setName('');
  };

  return (
    <div className="saved-views">
      <div className="field">
        <label htmlFor={ids.view}>Saved view</label>
        <select id={ids.view} value={current} onChange={(e) => apply(e.target.value)}>
          <option value="">{views.length === 0 ? 'No saved views yet' : current === '' ? 'Unsaved view' : 'Choose a view…'}</option>
          {views.map((view) => (
            <option key={view.id} value={view.id}>
              {view.name}
            </option>
          ))}
        </select>
      </div>
      {current !== '' && (
        <button
          type="button"
          onClick={() => {
            const gone = views.find((v) => v.id === current);
            persist(withoutView(views, current), `Deleted view “${gone?.name ?? ''}”.`);
          }}
        >
          Delete view
        </button>
      )}
      {naming ? (
        <form
          className="save-view-form"
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          <div className="field">
            <label htmlFor={ids.name}>View name</label>
            <input id={ids.name} value={name} maxLength={200} autoFocus onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setNaming(false)} />
          </div>
          <button type="submit" className="primary">
            Save
          </button>
          <button type="button" onClick={() => setNaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" onClick={() => setNaming(true)}>
          Save view…
        </button>
      )}
      {message !== null && (
        <span className={message.tone === 'ok' ? 'view-message' : 'view-message view-message-bad'} role={message.tone === 'bad' ? 'alert' : 'status'}>
          {message.text}
        </span>
      )}
    </div>
  );
}
