import type { FieldType } from '../field-type.js';
import { CheckSetting, NumberSetting } from '../settings-inputs.js';

export const numberField: FieldType = {
  type: 'number',
  label: 'Number',
  empty: () => '',
  Input: ({ field, value, onChange, id }) => (
    <input id={id} type="number" step={field.onlyInt ? 1 : 'any'} value={value === null || value === undefined ? '' : String(value)} onChange={(e) => onChange(e.target.value)} />
  ),
  // An empty input means "no value" (0 on the server), never NaN.
  toWire: (value, field) => ({ [field.name]: value === '' || value === null || value === undefined ? 0 : Number(value) }),
  View: ({ value }) => <span className="cell-number">{value === null || value === undefined ? '' : String(value)}</span>,
  Settings: ({ field, onChange }) => (
    <>
      <NumberSetting label="Min" value={field.min} onChange={(min) => onChange({ min: min ?? null })} />
      <NumberSetting label="Max" value={field.max} onChange={(max) => onChange({ max: max ?? null })} />
      <CheckSetting label="Integers only" value={field.onlyInt} onChange={(onlyInt) => onChange({ onlyInt })} />
    </>
  ),
};
