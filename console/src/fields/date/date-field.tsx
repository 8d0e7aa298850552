/** date (a datetime-local picker, sent as UTC) and autodate (read only). */
import type { FieldType } from '../field-type.js';
import { CheckSetting, TextSetting } from '../settings-inputs.js';

/** "2024-05-01 10:20:30.000Z" → the local "2024-05-01T12:20" a datetime-local input shows. */
export function toLocalInput(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  const d = new Date(value.replace(' ', 'T'));
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The local datetime-local value back to the server's UTC format ('' clears the field). */
export function fromLocalInput(value: string): string {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().replace('T', ' ');
}

const DateView: FieldType['View'] = ({ value }) => (
  <time className="cell-date" dateTime={typeof value === 'string' ? value : undefined}>
    {typeof value === 'string' && value ? value.replace(/\.\d+Z$/, 'Z') : ''}
  </time>
);

export const dateField: FieldType = {
  type: 'date',
  label: 'Date/time',
  empty: () => '',
  Input: ({ value, onChange, id }) => (
    <input id={id} type="datetime-local" value={toLocalInput(value)} onChange={(e) => onChange(fromLocalInput(e.target.value))} />
  ),
  View: DateView,
  Settings: ({ field, onChange }) => (
    <>
      <TextSetting label="Min (UTC)" value={field.min} placeholder="2024-01-01 00:00:00.000Z" onChange={(min) => onChange({ min })} />
      <TextSetting label="Max (UTC)" value={field.max} onChange={(max) => onChange({ max })} />
    </>
  ),
};

export const autodateField: FieldType = {
  type: 'autodate',
  label: 'Autodate',
  readOnly: true,
  defaults: { onCreate: true, onUpdate: false },
  empty: () => '',
  toWire: () => ({}),
  Input: ({ value, id }) => <input id={id} readOnly value={typeof value === 'string' ? value : 'set by the server'} />,
  View: DateView,
  Settings: ({ field, onChange }) => (
    <>
      <CheckSetting label="Set on create" value={field.onCreate} onChange={(onCreate) => onChange({ onCreate })} />
      <CheckSetting label="Set on update" value={field.onUpdate} onChange={(onUpdate) => onChange({ onUpdate })} />
    </>
  ),
};
