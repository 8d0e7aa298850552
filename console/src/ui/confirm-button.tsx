/** A destructive action that asks first: the first click arms it, the second (within a few seconds) runs it. */
import { useEffect, useState, type ReactNode } from 'react';

export function ConfirmButton({
  onConfirm,
  children,
  confirmLabel = 'Click again to confirm',
  disabled,
  className = 'btn btn-danger',
}: {
  onConfirm(): void;
  children: ReactNode;
  confirmLabel?: string;
  disabled?: boolean;
  className?: string;
}) {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    if (!armed) return;
    const t = setTimeout(() => setArmed(false), 4000);
    return () => clearTimeout(t);
  }, [armed]);
  return (
    <button
      type="button"
      className={className + (armed ? ' armed' : '')}
      disabled={disabled}
      onClick={() => {
        if (armed) {
          setArmed(false);
          onConfirm();
        } else setArmed(true);
      }}
    >
      {armed ? confirmLabel : children}
    </button>
  );
}
