/** Labelled inputs of the settings sections, each with its inline server error, and the props every section takes. */
import { useState, type ReactNode } from 'react';
import type { EditableSettings, SectionName } from '../../data/settings/settings-model.js';
import { splitList } from '../../fields/settings-inputs.js';
import { FormRow } from '../../ui/page.js';

/** A section edits its own slice; `errors` are the server's field errors inside it (`rules.1.maxRequests`). */
export interface SectionProps<K extends SectionName> {
  value: NonNullable<EditableSettings[K]>;
  onChange(patch: Partial<NonNullable<EditableSettings[K]>>): void;
  errors: Record<string, string>;
}

interface RowProps<T> {
  id: string;
  label: ReactNode;
  value: T;
  onChange(value: T): void;
  error?: string;
  hint?: ReactNode;
}

export function TextRow({ type = 'text', placeholder, autoComplete, ...row }: RowProps<string> & { type?: string; placeholder?: string; autoComplete?: string }) {
  return (
    <FormRow label={row.label} htmlFor={row.id} error={row.error} hint={row.hint}>
      <input id={row.id} type={type} placeholder={placeholder} autoComplete={autoComplete} value={row.value ?? ''} aria-invalid={!!row.error} onChange={(e) => row.onChange(e.target.value)} />
    </FormRow>
  );
}

/** A blank input reads as 0, which the server checks like any other value. */
export function NumberRow(row: RowProps<number>) {
  return (
    <FormRow label={row.label} htmlFor={row.id} error={row.error} hint={row.hint}>
      <input id={row.id} type="number" value={row.value ?? ''} aria-invalid={!!row.error} onChange={(e) => row.onChange(e.target.value === '' ? 0 : Number(e.target.value))} />
    </FormRow>
  );
}

export function CheckRow({ label, checked, onChange }: { label: ReactNode; checked: boolean; onChange(checked: boolean): void }) {
  return (
    <label className="setting-check">
      <input type="checkbox" checked={!!checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}

/** The first error of a list's items (`headers.2` → "item 3: …"). */
export function listError(errors: Record<string, string>, key: string): string | undefined {
  const found = Object.entries(errors).find(([path]) => path === key || path.startsWith(`${key}.`));
  if (!found) return undefined;
  const index = found[0].slice(key.length + 1);
  return index ? `Item ${Number(index) + 1}: ${found[1]}` : found[1];
}

/** A comma-separated list, kept as typed until the input loses focus (so a trailing comma survives typing). */
export function ListRow({ placeholder, ...row }: RowProps<string[]> & { placeholder?: string }) {
  const [text, setText] = useState((row.value ?? []).join(', '));
  return (
    <FormRow label={row.label} htmlFor={row.id} error={row.error} hint={row.hint ?? 'Comma-separated.'}>
      <input
        id={row.id}
        value={text}
        placeholder={placeholder}
        aria-invalid={!!row.error}
        onChange={(e) => {
          setText(e.target.value);
          row.onChange(splitList(e.target.value));
        }}
        onBlur={() => setText((row.value ?? []).join(', '))}
      />
    </FormRow>
  );
}
