/** Small controls the per-type settings panels share (numbers that may be blank, checkboxes, comma lists). */
import { useId } from 'react';

export function NumberSetting({ label, value, onChange, min }: { label: string; value: unknown; onChange(v: number | undefined): void; min?: number }) {
  const id = useId();
  return (
    <div className="setting">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="number" min={min} value={typeof value === 'number' && value !== 0 ? value : ''} onChange={(e) => onChange(e.target.value === '' ? 0 : Number(e.target.value))} />
    </div>
  );
}

export function CheckSetting({ label, value, onChange }: { label: string; value: unknown; onChange(v: boolean): void }) {
  return (
    <label className="setting setting-check">
      <input type="checkbox" checked={!!value} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}

export function TextSetting({ label, value, onChange, placeholder }: { label: string; value: unknown; onChange(v: string): void; placeholder?: string }) {
  const id = useId();
  return (
    <div className="setting">
      <label htmlFor={id}>{label}</label>
      <input id={id} value={typeof value === 'string' ? value : ''} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

/** Comma-separated list edited as text (kept raw while typing, trimmed on the way out). */
export function ListSetting({ label, value, onChange, placeholder }: { label: string; value: unknown; onChange(v: string[]): void; placeholder?: string }) {
  const id = useId();
  const text = Array.isArray(value) ? value.join(', ') : '';
  return (
    <div className="setting">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        defaultValue={text}
        placeholder={placeholder}
        onBlur={(e) => onChange(splitList(e.target.value))}
        onChange={(e) => onChange(splitList(e.target.value))}
      />
    </div>
  );
}

export const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
