/** password (auth collections): write only; an empty input leaves the current password unchanged. */
import type { FieldType } from '../field-type.js';
import { NumberSetting } from '../settings-inputs.js';

export const passwordField: FieldType = {
  type: 'password',
  label: 'Password',
  empty: () => '',
  toWire: (value, field): Record<string, unknown> => (value ? { [field.name]: value } : {}),
  Input: ({ value, onChange, id, record }) => (
    <input
      id={id}
      type="password"
      autoComplete="new-password"
      placeholder={record ? 'Leave empty to keep the current password' : ''}
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => onChange(e.target.value)}
    />
  ),
  View: () => <span className="muted">••••••</span>,
  Settings: ({ field, onChange }) => (
    <>
      <NumberSetting label="Min length" value={field.min} min={0} onChange={(min) => onChange({ min })} />
      <NumberSetting label="Max length" value={field.max} min={0} onChange={(max) => onChange({ max })} />
    </>
  ),
};
