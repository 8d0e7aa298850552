/** A side panel over the page (full width on phones); Escape closes it and focus moves into it when it opens. */
import { useEffect, useRef, type ReactNode } from 'react';

export function Drawer({ title, onClose, children, footer }: { title: ReactNode; onClose(): void; children: ReactNode; footer?: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  // The latest onClose, without re-running the effect (and re-focusing) on every render of the parent.
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close.current();
    };
    document.addEventListener('keydown', onKey);
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('input:not([readonly]), textarea, select, button:not(.drawer-close)')?.focus();
    return () => {
      document.removeEventListener('keydown', onKey);
      // Back to where the user was (e.g. the grid row they opened), for keyboard users.
      if (previous?.isConnected) previous.focus();
    };
  }, []);
  return (
    <div className="drawer-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <aside className="drawer" role="dialog" aria-modal="true" aria-label={typeof title === 'string' ? title : undefined} ref={ref}>
        <header className="drawer-header">
          <h2>{title}</h2>
          <button type="button" className="btn btn-ghost drawer-close" aria-label="Close" onClick={onClose}>
            ✕
          </button>
        </header>
        <div className="drawer-body">{children}</div>
        {footer && <footer className="drawer-footer">{footer}</footer>}
      </aside>
    </div>
  );
}
