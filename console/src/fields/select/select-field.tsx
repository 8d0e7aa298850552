/** select: one value (a <select>) or several (checkboxes) out of the field's `values`. */
import type { FieldModel } from '@plinth/sdk';
import type { FieldType } from '../field-type.js';
import { ListSetting, NumberSetting } from '../settings-inputs.js';

const values = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);
const isMultiple = (field: FieldModel) => Number(field.maxSelect ?? 1) > 1;

export const selectField: FieldType = {
  type: 'select',
  label: 'Select',
  defaults: { values: [], maxSelect: 1 },
  empty: (field) => (isMultiple(field) ? [] : ''),
  Input: ({ field, value, onChange, id }) => {
    const options = values(field.values);
    if (!isMultiple(field)) {
      return (
        <select id={id} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)}>
          <option value="">—</option>
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    }
    const chosen = values(value);
    return (
      <div id={id} className="chips" role="group">
        {options.map((o) => (
          <label key={o} className="chip">
            <input
              type="checkbox"
              checked={chosen.includes(o)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, o] : chosen.filter((c) => c !== o))}
            />
            {o}
          </label>
        ))}
      </div>
    );
  },
  View: ({ value }) => (
    <span className="chips">
      {values(value).map((v) => (
        <span key={v} className="badge">
          {v}
        </span>
      ))}
    </span>
  ),
  Settings: ({ field, onChange }) => (
    <>
      <ListSetting label="Choices" value={field.values} placeholder="draft, published" onChange={(v) => onChange({ values: v })} />
      <NumberSetting label="Max select" value={field.maxSelect} min={1} onChange={(maxSelect) => onChange({ maxSelect: maxSelect || 1 })} />
    </>
  ),
};
