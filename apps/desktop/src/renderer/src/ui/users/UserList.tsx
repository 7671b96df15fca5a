import type { User } from '@steward/domain';
import { useId, useRef, type KeyboardEvent } from 'react';

export interface UserListItem {
  readonly user: User;
  /** Roles held now, by name. */
  readonly roles: readonly string[];
}

/**
 * The tenant's people: a listbox (↑/↓, Home/End move and select; the
 * selected person's roles show on the right).
 */
export function UserList({ items, selectedId, onSelect, label }: { readonly items: readonly UserListItem[]; readonly selectedId: string | null; readonly onSelect: (userId: string) => void; readonly label: string }) {
  const listId = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const index = items.findIndex((i) => i.user.id === selectedId);

  const move = (to: number): void => {
    const item = items[Math.max(0, Math.min(items.length - 1, to))];
    if (item === undefined) return;
    onSelect(item.user.id);
    listRef.current?.querySelector<HTMLElement>(`[data-user-id="${item.user.id}"]`)?.scrollIntoView({ block: 'nearest' });
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    const keys: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: items.length - 1 };
    const to = keys[event.key];
    if (to === undefined) return;
    event.preventDefault();
    move(index === -1 && event.key === 'ArrowDown' ? 0 : to);
  };

  return (
    <ul
      ref={listRef}
      id={listId}
      className="user-list"
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={selectedId === null || index === -1 ? undefined : `${listId}-${selectedId}`}
      onKeyDown={onKeyDown}
    >
      {items.map(({ user, roles }) => (
        <li
          key={user.id}
          id={`${listId}-${user.id}`}
          data-user-id={user.id}
          role="option"
          aria-selected={user.id === selectedId}
          className={user.id === selectedId ? 'user-item selected' : 'user-item'}
          onClick={() => onSelect(user.id)}
        >
          <span className="user-item-name">
            {user.displayName}
            {user.status !== 'active' && <span className={`status-tag status-${user.status}`}>{user.status}</span>}
          </span>
          <span className="user-item-email muted">{user.email}</span>
          <span className="user-item-roles">{roles.length === 0 ? <span className="muted">No role</span> : roles.join(', ')}</span>
        </li>
      ))}
    </ul>
  );
}
