import type { ReactNode } from 'react';

/** A screen's loading, empty or error state: a title, what it means, and what to do. */
export function StateMessage({ title, tone, children }: { readonly title: string; readonly tone: 'loading' | 'empty' | 'error'; readonly children?: ReactNode }) {
  return (
    <div className={`state state-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {tone === 'loading' && <span className="spinner" aria-hidden="true" />}
      <h2>{title}</h2>
      {children}
    </div>
  );
}
