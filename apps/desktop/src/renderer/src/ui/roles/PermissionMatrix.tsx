import type { CellKind, MatrixCell, PermissionMatrix as Matrix } from '../../people/permission-matrix.ts';

const MARK: Record<CellKind, string> = { direct: '●', wildcard: '✱', inherited: '◐', none: '' };

/** What a cell says in words (its tooltip, and what a screen reader reads). */
export function cellWords(cell: MatrixCell): string {
  switch (cell.kind) {
    case 'direct':
      return `${cell.permission}: listed in the role`;
    case 'wildcard':
      return `${cell.permission}: implied by ${cell.matched ?? '*'}`;
    case 'inherited':
      return `${cell.permission}: inherited from ${cell.via.map((n) => `“${n}”`).join(' → ')}${cell.matched === null ? '' : ` (${cell.matched})`}`;
    case 'none':
      return `${cell.permission}: not held`;
  }
}

export function MatrixLegend() {
  return (
    <ul className="matrix-legend" aria-label="Legend">
      <li>
        <span className="matrix-mark cell-direct" aria-hidden="true">{MARK.direct}</span> listed in the role
      </li>
      <li>
        <span className="matrix-mark cell-wildcard" aria-hidden="true">{MARK.wildcard}</span> implied by the role’s wildcard (<code>audit:*</code>, <code>*</code>)
      </li>
      <li>
        <span className="matrix-mark cell-inherited" aria-hidden="true">{MARK.inherited}</span> inherited from a role it inherits
      </li>
      <li>
        <span className="matrix-mark cell-none" aria-hidden="true" /> not held (empty)
      </li>
    </ul>
  );
}

/** Roles (rows) × permissions (columns, grouped by resource); hover or focus a cell for where it comes from. */
export function PermissionMatrix({ matrix, onPick }: { readonly matrix: Matrix; readonly onPick?: (permission: string) => void }) {
  return (
    <div className="matrix-scroll" tabIndex={0} role="region" aria-label="Permission matrix (scrolls)">
      <table className="permission-matrix" aria-label="Roles and their permissions">
        <thead>
          <tr>
            <th scope="col" rowSpan={2} className="matrix-corner">
              Role
            </th>
            {matrix.groups.map((g) => (
              <th key={g.resource} scope="colgroup" colSpan={g.permissions.length} className="matrix-group">
                {g.resource}
              </th>
            ))}
          </tr>
          <tr>
            {matrix.groups.flatMap((g) =>
              g.permissions.map((p, i) => (
                <th key={p} scope="col" className={i === 0 ? 'matrix-action group-start' : 'matrix-action'} title={p}>
                  {onPick === undefined ? (
                    <span className="vertical">{p.slice(p.indexOf(':') + 1)}</span>
                  ) : (
                    <button type="button" className="matrix-pick" title={`Explain ${p}`} onClick={() => onPick(p)}>
                      <span className="vertical">{p.slice(p.indexOf(':') + 1)}</span>
                      <span className="visually-hidden"> ({p}): explain who holds it</span>
                    </button>
                  )}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((row) => {
            let col = 0;
            const starts = new Set(matrix.groups.map((g) => (col += g.permissions.length) - g.permissions.length));
            return (
              <tr key={row.role.id} data-role={row.role.name}>
                <th scope="row" className="matrix-role">
                  <span className="matrix-role-name">{row.role.name}</span>
                  {row.role.builtIn && <span className="status-tag">built-in</span>}
                  {row.role.scope === 'platform' && <span className="status-tag status-warn">platform</span>}
                  {row.inheritsNames.length > 0 && <span className="matrix-inherits muted">inherits {row.inheritsNames.join(', ')}</span>}
                </th>
                {row.cells.map((cell, i) => (
                  <td key={cell.permission} className={`matrix-cell cell-${cell.kind}${starts.has(i) ? ' group-start' : ''}`} title={cellWords(cell)} data-permission={cell.permission} data-kind={cell.kind}>
                    <span aria-hidden="true">{MARK[cell.kind]}</span>
                    <span className="visually-hidden">{cell.kind === 'none' ? 'no' : cellWords(cell)}</span>
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
