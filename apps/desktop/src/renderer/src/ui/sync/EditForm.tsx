import { useId, useState, type FormEvent } from 'react';
import type { Directory } from '../../people/directory.ts';
import { applyEdits, editFields, type EditValues } from '../../reconcile/item-view.ts';
import type { DocumentState, ReconcileItem } from '../../reconcile/reconcile-item.ts';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The refused change as a form: every field the officer may set, then submit again (the domain checks it first). */
export function EditForm({
  item,
  busy,
  directory,
  onSubmit,
  onCancel,
}: {
  readonly item: ReconcileItem;
  readonly busy: boolean;
  /** Names the ids an edited field holds (a user, a role, a tenant). */
  readonly directory: Directory;
  readonly onSubmit: (doc: DocumentState) => void;
  readonly onCancel: () => void;
}) {
  const formId = useId();
  const fields = editFields(item.collection, item.attempted);
  const [values, setValues] = useState<EditValues>(() => Object.fromEntries(fields.map((f) => [f.field, f.initial])));
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const edited = applyEdits(item.collection, item.attempted, values);
    if (!edited.ok) {
      setErrors(edited.fields);
      return;
    }
    setErrors({});
    onSubmit(edited.doc);
  };

  return (
    <form className="reconcile-edit" onSubmit={submit} aria-label="Edit the change">
      <h3 className="sync-section-title">Edit the change</h3>
      {fields.map((field) => {
        const id = `${formId}-${field.field}`;
        const error = errors[field.field];
        const value = values[field.field];
        return (
          <div key={field.field} className={`field reconcile-edit-field ${field.kind === 'boolean' ? 'field-inline' : ''}`}>
            {field.kind === 'boolean' ? (
              <label htmlFor={id}>
                <input id={id} type="checkbox" checked={value === true} onChange={(e) => setValues({ ...values, [field.field]: e.target.checked })} /> {field.field}
              </label>
            ) : (
              <>
                <label htmlFor={id}>{field.field}</label>
                {field.kind === 'json' ? (
                  <textarea id={id} rows={3} value={String(value ?? '')} aria-invalid={error !== undefined} onChange={(e) => setValues({ ...values, [field.field]: e.target.value })} />
                ) : (
                  <input id={id} type={field.kind === 'number' ? 'number' : 'text'} value={String(value ?? '')} aria-invalid={error !== undefined} onChange={(e) => setValues({ ...values, [field.field]: e.target.value })} />
                )}
              </>
            )}
            {field.kind === 'text' && ID.test(String(value)) && directory.humanize(String(value)) !== String(value) && <span className="muted edit-hint">{directory.humanize(String(value))}</span>}
            {error !== undefined && (
              <span className="field-error" role="alert">
                {field.field} {error}
              </span>
            )}
          </div>
        );
      })}
      <div className="reconcile-actions">
        <button type="submit" className="primary" disabled={busy}>
          Submit again
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
