/** json: a CodeMirror JSON editor; the text is parsed on save, so invalid JSON is reported by the form. */
import { lazy, Suspense } from 'react';
import type { FieldType } from '../field-type.js';
import { NumberSetting } from '../settings-inputs.js';

const JsonEditor = lazy(() => import('./json-editor.js'));

/** The form keeps JSON as text while it is edited. */
export const jsonToText = (v: unknown) => (v === undefined || v === null || v === '' ? '' : JSON.stringify(v, null, 2));

export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (!text.trim()) return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}

export const jsonField: FieldType = {
  type: 'json',
  label: 'JSON',
  empty: () => '',
  Input: ({ value, onChange, id }) => {
    const text = typeof value === 'string' ? value : jsonToText(value);
    return (
      <Suspense fallback={<textarea id={id} rows={5} value={text} onChange={(e) => onChange(e.target.value)} />}>
        <JsonEditor id={id} value={text} onChange={onChange} />
      </Suspense>
    );
  },
  fromRecord: (value) => jsonToText(value),
  validate: (value) => {
    if (typeof value !== 'string') return undefined;
    const parsed = parseJsonText(value);
    return parsed.ok ? undefined : `Invalid JSON: ${parsed.message}`;
  },
  toWire: (value, field) => {
    if (typeof value !== 'string') return { [field.name]: value };
    const parsed = parseJsonText(value);
    return parsed.ok ? { [field.name]: parsed.value } : {};
  },
  View: ({ value }) => <code className="cell-json">{value === null || value === undefined ? '' : JSON.stringify(value).slice(0, 80)}</code>,
  Settings: ({ field, onChange }) => <NumberSetting label="Max size (bytes)" value={field.maxSize} min={0} onChange={(maxSize) => onChange({ maxSize })} />,
};
