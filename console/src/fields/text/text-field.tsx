/** text, editor, email and url: one string input with a variant per type. */
import type { FieldType } from '../field-type.js';
import { NumberSetting, TextSetting, ListSetting } from '../settings-inputs.js';

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

function truncate(v: unknown) {
  const s = str(v);
  return <span className="cell-text">{s.length > 80 ? s.slice(0, 80) + '…' : s}</span>;
}

function textType(type: string, label: string, inputType: string): FieldType {
  return {
    type,
    label,
    empty: () => '',
    Input: ({ field, value, onChange, id }) => (
      <input id={id} type={inputType} value={str(value)} required={!!field.required} onChange={(e) => onChange(e.target.value)} />
    ),
    View: ({ value }) => truncate(value),
  };
}

export const textField: FieldType = {
  ...textType('text', 'Plain text', 'text'),
  Settings: ({ field, onChange }) => (
    <>
      <NumberSetting label="Min length" value={field.min} min={0} onChange={(min) => onChange({ min })} />
      <NumberSetting label="Max length" value={field.max} min={0} onChange={(max) => onChange({ max })} />
      <TextSetting label="Regex pattern" value={field.pattern} placeholder="^[a-z]+$" onChange={(pattern) => onChange({ pattern })} />
    </>
  ),
};

export const editorField: FieldType = {
  type: 'editor',
  label: 'Rich text',
  empty: () => '',
  Input: ({ value, onChange, id }) => <textarea id={id} rows={6} value={str(value)} onChange={(e) => onChange(e.target.value)} />,
  View: ({ value }) => truncate(str(value).replace(/<[^>]*>/g, ' ')),
  Settings: ({ field, onChange }) => <NumberSetting label="Max size (bytes)" value={field.maxSize} min={0} onChange={(maxSize) => onChange({ maxSize })} />,
};

const domainSettings: FieldType['Settings'] = ({ field, onChange }) => (
  <>
    <ListSetting label="Only domains" value={field.onlyDomains} placeholder="example.com" onChange={(onlyDomains) => onChange({ onlyDomains })} />
    <ListSetting label="Except domains" value={field.exceptDomains} onChange={(exceptDomains) => onChange({ exceptDomains })} />
  </>
);

export const emailField: FieldType = { ...textType('email', 'Email', 'email'), Settings: domainSettings };
export const urlField: FieldType = {
  ...textType('url', 'URL', 'url'),
  Settings: domainSettings,
  View: ({ value }) =>
    value ? (
      <a href={str(value)} target="_blank" rel="noreferrer" onClick={(e) => e.stopPropagation()}>
        {str(value)}
      </a>
    ) : null,
};
