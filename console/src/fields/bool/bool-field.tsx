import type { FieldType } from '../field-type.js';

export const boolField: FieldType = {
  type: 'bool',
  label: 'Boolean',
  empty: () => false,
  Input: ({ value, onChange, id }) => <input id={id} type="checkbox" className="checkbox" checked={!!value} onChange={(e) => onChange(e.target.checked)} />,
  View: ({ value }) => <span className={'badge ' + (value ? 'badge-on' : 'badge-off')}>{value ? 'true' : 'false'}</span>,
};
