import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * A button that opens a small panel below it (the column chooser, the flag
 * filter). The panel is in the DOM only while open; Escape or a click
 * outside closes it and gives focus back to the button.
 */
export function Popover({ label, summary, title, children }: { readonly label: string; readonly summary?: string | undefined; readonly title: string; readonly children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent): void => {
      if (event.target instanceof Node && !root.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  return (
    <div
      className="popover"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button type="button" ref={button} className="popover-button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        {label}
        {summary !== undefined && <span className="popover-summary">{summary}</span>}
        <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="popover-panel" id={panelId} role="group" aria-label={title}>
          {children}
        </div>
      )}
    </div>
  );
}
