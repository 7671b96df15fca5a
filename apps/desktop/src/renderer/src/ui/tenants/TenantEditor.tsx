/**
 * One tenant's settings. Whether the signed-in person may change them is
 * the domain's answer on this replica (the writer's check of an update, as
 * the server would decide it): if not, the form is shown read-only with the
 * reason. A save is validated by the tenant schema (errors under each
 * field), checked and written locally, then pushed; its status follows.
 */
import { PLAN_DEFINITIONS, type DomainIssue, type Tenant } from '@steward/domain';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { describeChange, fieldErrorsOf, formOf, validateTenantForm, type FieldErrors, type FormField, type TenantForm } from '../../tenants/tenant-form.ts';
import type { LocalWriter } from '../../replica/local-writes.ts';
import type { ChangeStatus } from '../../replica/change-status.ts';
import { ChangeStatusBadge } from '../sync/ChangeStatusBadge.tsx';

type Access = { readonly kind: 'checking' } | { readonly kind: 'editable' } | { readonly kind: 'read-only'; readonly reason: string };

const sameForm = (a: TenantForm, b: TenantForm): boolean => JSON.stringify(a) === JSON.stringify(b);

export function TenantEditor({
  tenant,
  writer,
  status,
  track,
  humanize,
  rulesVersion,
}: {
  readonly tenant: Tenant;
  readonly writer: LocalWriter;
  readonly status: ChangeStatus | null;
  readonly track: (tenantId: string) => () => void;
  /** Names for the ids in the domain's messages. */
  readonly humanize: (message: string) => string;
  /** Changes whenever the replica's roles or grants do (the initial sync brings them in): the access check is redone. */
  readonly rulesVersion: unknown;
}) {
  const [access, setAccess] = useState<Access>({ kind: 'checking' });
  const [base, setBase] = useState(tenant);
  const [form, setForm] = useState(() => formOf(tenant));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [newFlag, setNewFlag] = useState('');
  const ids = { name: useId(), color: useId(), colorText: useId(), logo: useId(), retention: useId(), newFlag: useId(), title: useId() };
  const dirty = useMemo(() => !sameForm(form, formOf(base)), [form, base]);

  // A newer version arriving (the server's revision after a sync, another person's change) replaces an untouched form.
  // (The screen keys this component by tenant id: another tenant is a new editor.)
  useEffect(() => {
    if (dirty) return;
    setBase(tenant);
    setForm(formOf(tenant));
  }, [tenant, dirty]);

  const words = useRef(humanize);
  useEffect(() => {
    words.current = humanize;
  }, [humanize]);

  useEffect(() => {
    let live = true;
    writer
      .check('tenants', tenant)
      .then((issues) => {
        if (live) setAccess(issues.length === 0 ? { kind: 'editable' } : { kind: 'read-only', reason: issues.map((i) => words.current(i.message)).join(' ') });
      })
      .catch((e: unknown) => live && setAccess({ kind: 'read-only', reason: `Your permissions could not be checked: ${e instanceof Error ? e.message : String(e)}` }));
    return () => {
      live = false;
    };
    // Re-checked per tenant, person and change of roles or grants; not on every revision of the tenant.
  }, [tenant.id, writer, rulesVersion]);

  const set = <K extends keyof TenantForm>(key: K, value: TenantForm[K]): void => {
    setForm((before) => ({ ...before, [key]: value }));
    setSaved(null);
  };

  const addFlag = (): void => {
    const key = newFlag.trim();
    if (key === '') return;
    set('flags', [...form.flags, { key, on: true }]);
    setNewFlag('');
  };

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const verdict = validateTenantForm(base, form);
    if (!verdict.ok) {
      setErrors(verdict.errors);
      return;
    }
    const summary = describeChange(base, verdict.next);
    if (summary === 'No changes') {
      setErrors({ form: ['Nothing to save: no field was changed.'] });
      return;
    }
    setErrors({});
    setSaving(true);
    const untrack = track(tenant.id);
    let issues: readonly DomainIssue[] = [];
    try {
      const result = await writer.write('tenants', verdict.next);
      if (result.ok) {
        setBase(result.doc);
        setForm(formOf(result.doc));
        setSaved(summary);
      } else issues = result.issues;
    } catch (e: unknown) {
      issues = [{ code: 'INVALID', message: `The change could not be saved on this device: ${e instanceof Error ? e.message : String(e)}` }];
    } finally {
      setSaving(false);
    }
    if (issues.length > 0) {
      untrack();
      setErrors(fieldErrorsOf(issues.map((i) => ({ ...i, message: humanize(i.message) }))));
    }
  };

  const readOnly = access.kind !== 'editable';
  const fieldError = (field: FormField) => {
    const messages = errors[field];
    return messages === undefined ? null : (
      <p className="tenant-field-error" id={`${ids.title}-${field}-error`}>
        {messages.join('; ')}
      </p>
    );
  };
  const describedBy = (field: FormField): string | undefined => (errors[field] === undefined ? undefined : `${ids.title}-${field}-error`);

  return (
    <section className="tenant-editor" aria-labelledby={ids.title}>
      <header className="tenant-editor-head">
        <h2 id={ids.title}>{base.name}</h2>
      </header>
      {status !== null && (
        <p className="tenant-last-change" role="status">
          {saved !== null && <span>{saved}</span>}
          <ChangeStatusBadge status={status} withReason humanize={humanize} />
        </p>
      )}
      {access.kind === 'checking' && <p className="muted">Checking what you may change…</p>}
      {access.kind === 'read-only' && (
        <div className="notice tenant-read-only" role="note">
          <p>
            <strong>Read only.</strong> You can see this tenant's settings but not change them.
          </p>
          <p className="muted">{access.reason}</p>
        </div>
      )}
      <form onSubmit={(e) => void save(e)} noValidate>
        <fieldset disabled={readOnly || saving}>
          <legend className="tenant-sr-only">Settings of {base.name}</legend>
          <div className="field">
            <label htmlFor={ids.name}>Name</label>
            <input id={ids.name} value={form.name} onChange={(e) => set('name', e.target.value)} aria-invalid={errors.name !== undefined} aria-describedby={describedBy('name')} />
            {fieldError('name')}
          </div>
          <div className="field">
            <label htmlFor={ids.colorText}>Branding colour</label>
            <div className="tenant-color-row">
              <input id={ids.color} type="color" aria-label="Pick the branding colour" value={/^#[0-9a-fA-F]{6}$/.test(form.primaryColor) ? form.primaryColor.toLowerCase() : '#000000'} onChange={(e) => set('primaryColor', e.target.value)} />
              <input id={ids.colorText} value={form.primaryColor} onChange={(e) => set('primaryColor', e.target.value)} aria-invalid={errors.primaryColor !== undefined} aria-describedby={describedBy('primaryColor')} spellCheck={false} />
            </div>
            {fieldError('primaryColor')}
          </div>
          <div className="field">
            <label htmlFor={ids.logo}>Logo URL (optional)</label>
            <input id={ids.logo} type="url" placeholder="https://…" value={form.logoUrl} onChange={(e) => set('logoUrl', e.target.value)} aria-invalid={errors.logoUrl !== undefined} aria-describedby={describedBy('logoUrl')} />
            {fieldError('logoUrl')}
          </div>
          <div className="field">
            <label htmlFor={ids.retention}>Keep deleted data for (days)</label>
            <input id={ids.retention} inputMode="numeric" value={form.retentionDays} onChange={(e) => set('retentionDays', e.target.value)} aria-invalid={errors.retentionDays !== undefined} aria-describedby={describedBy('retentionDays')} />
            {fieldError('retentionDays')}
          </div>
          <fieldset className="tenant-flags" aria-describedby={describedBy('flags')}>
            <legend>Feature flags</legend>
            {form.flags.length === 0 && <p className="muted">No feature flags set.</p>}
            {form.flags.map((flag, index) => (
              <label key={`${flag.key}-${index}`} className="tenant-flag-toggle">
                <input type="checkbox" checked={flag.on} onChange={(e) => set('flags', form.flags.map((f, i) => (i === index ? { ...f, on: e.target.checked } : f)))} />
                <code>{flag.key}</code>
              </label>
            ))}
            {!readOnly && (
              <div className="tenant-flag-add">
                <label htmlFor={ids.newFlag} className="tenant-sr-only">
                  New feature flag
                </label>
                <input
                  id={ids.newFlag}
                  placeholder="newFlagName"
                  value={newFlag}
                  onChange={(e) => setNewFlag(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      addFlag();
                    }
                  }}
                />
                <button type="button" onClick={addFlag} disabled={newFlag.trim() === ''}>
                  Add flag
                </button>
              </div>
            )}
            {fieldError('flags')}
          </fieldset>
          {errors.form !== undefined && (
            <div className="form-error" role="alert">
              {errors.form.map((message) => (
                <p key={message}>{message}</p>
              ))}
            </div>
          )}
          {!readOnly && (
            <div className="tenant-form-actions">
              <button type="submit" className="primary" disabled={!dirty || saving}>
                {saving ? 'Saving…' : 'Save changes'}
              </button>
              <button type="button" disabled={!dirty || saving} onClick={() => (setForm(formOf(base)), setErrors({}))}>
                Discard changes
              </button>
            </div>
          )}
        </fieldset>
      </form>
      <dl className="tenant-contract">
        <div>
          <dt>Plan</dt>
          <dd>{PLAN_DEFINITIONS[base.plan].name}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{base.status}</dd>
        </div>
        <div>
          <dt>Custom limits</dt>
          <dd>{Object.keys(base.quotaOverrides).length === 0 ? 'none' : Object.entries(base.quotaOverrides).map(([k, v]) => `${k}: ${v === null ? 'unlimited' : String(v)}`).join(', ')}</dd>
        </div>
      </dl>
      <p className="muted tenant-contract-note">Plan, status and custom limits are part of the tenant's contract and are changed by the platform team.</p>
    </section>
  );
}
