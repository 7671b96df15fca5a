import { useRef, type KeyboardEvent } from 'react';
import type { Directory } from '../../people/directory.ts';
import { collectionLabel, itemTitle } from '../../reconcile/item-view.ts';
import type { ReconcileItem } from '../../reconcile/reconcile-item.ts';
import { formatTime } from '../format.ts';

/** The open items, oldest first: a listbox (↑/↓, Home/End) whose selection the details follow. */
export function ReconcileList({
  items,
  selectedId,
  onSelect,
  directory,
}: {
  readonly items: readonly ReconcileItem[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  readonly directory: Directory;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  const move = (event: KeyboardEvent<HTMLUListElement>): void => {
    const index = items.findIndex((item) => item.id === selectedId);
    const next =
      event.key === 'ArrowDown' ? Math.min(items.length - 1, index + 1) : event.key === 'ArrowUp' ? Math.max(0, index - 1) : event.key === 'Home' ? 0 : event.key === 'End' ? items.length - 1 : null;
    if (next === null) return;
    event.preventDefault();
    const item = items[next];
    if (item !== undefined) onSelect(item.id);
  };
  return (
    <div className="reconcile-list-wrap">
      <h2 id="reconcile-list-title" className="sync-section-title">
        Waiting for you <span className="muted">({items.length})</span>
      </h2>
      <ul
        ref={listRef}
        className="reconcile-list"
        role="listbox"
        aria-labelledby="reconcile-list-title"
        tabIndex={0}
        aria-activedescendant={selectedId === null ? undefined : `reconcile-item-${selectedId}`}
        onKeyDown={move}
      >
        {items.map((item) => (
          <li
            key={item.id}
            id={`reconcile-item-${item.id}`}
            role="option"
            aria-selected={item.id === selectedId}
            className="reconcile-row"
            data-kind={item.kind}
            data-code={item.code}
            data-collection={item.collection}
            data-document-id={item.documentId}
            onClick={() => {
              onSelect(item.id);
              listRef.current?.focus();
            }}
          >
            <span className={`pill ${item.kind === 'conflict' ? 'pill-warn' : 'pill-bad'}`}>{item.kind === 'conflict' ? 'Conflict' : item.code}</span>
            <span className="reconcile-row-title">{itemTitle(item, directory)}</span>
            <span className="reconcile-row-meta muted">
              {collectionLabel(item.collection)} · {directory.tenantName(item.tenantId)} · {formatTime(item.at)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
