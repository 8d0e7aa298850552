/**
 * file: keeps the stored names the user did not remove and uploads new files; sent with the `name-` / `name+`
 * modifiers so a save never touches files it did not mean to. Images get thumbnails.
 */
import { useEffect, useMemo } from 'react';
import type { FieldModel } from '@plinth/sdk';
import type { FieldType } from '../field-type.js';
import { ListSetting, NumberSetting, CheckSetting } from '../settings-inputs.js';
import { useClient } from '../../app/client-context.js';

export interface FileFormValue {
  keep: string[];
  removed: string[];
  add: File[];
}

const names = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);
const isImage = (name: string) => /\.(png|jpe?g|gif|webp|svg)$/i.test(name);
const isMultiple = (field: FieldModel) => Number(field.maxSelect ?? 1) > 1;
const asForm = (v: unknown): FileFormValue => (v && typeof v === 'object' && 'keep' in v ? (v as FileFormValue) : { keep: names(v), removed: [], add: [] });

/** Request entries for a file form value; exported for tests. */
export function fileWire(value: unknown, field: FieldModel): Record<string, unknown> {
  const v = asForm(value);
  const out: Record<string, unknown> = {};
  if (!isMultiple(field)) {
    if (v.add[0]) out[field.name] = v.add[0];
    else if (v.removed.length && !v.keep.length) out[field.name] = '';
    return out;
  }
  if (v.removed.length) out[`${field.name}-`] = v.removed;
  if (v.add.length) out[`${field.name}+`] = v.add;
  return out;
}

function LocalPreview({ file }: { file: File }) {
  const url = useMemo(() => URL.createObjectURL(file), [file]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return file.type.startsWith('image/') ? <img className="thumb" src={url} alt={file.name} /> : <span className="file-icon">📄</span>;
}

export const fileField: FieldType = {
  type: 'file',
  label: 'File',
  defaults: { maxSelect: 1, maxSize: 5242880, mimeTypes: [], thumbs: [], protected: false },
  empty: () => ({ keep: [], removed: [], add: [] }),
  fromRecord: (value) => ({ keep: names(value), removed: [], add: [] }),
  toWire: fileWire,
  Input: function FileInput({ field, value, onChange, id, record }) {
    const client = useClient();
    const v = asForm(value);
    return (
      <div className="file-input">
        <ul className="file-list">
          {v.keep.map((n) => (
            <li key={n}>
              {record && isImage(n) ? <img className="thumb" src={client.files.getURL(record as never, n, { thumb: '100x100' })} alt={n} /> : <span className="file-icon">📄</span>}
              <span className="file-name">{n}</span>
              <button type="button" className="btn btn-small btn-ghost" onClick={() => onChange({ ...v, keep: v.keep.filter((k) => k !== n), removed: [...v.removed, n] })}>
                Remove
              </button>
            </li>
          ))}
          {v.add.map((f, i) => (
            <li key={`new-${i}`}>
              <LocalPreview file={f} />
              <span className="file-name">{f.name}</span> <small className="muted">new</small>
              <button type="button" className="btn btn-small btn-ghost" onClick={() => onChange({ ...v, add: v.add.filter((_, j) => j !== i) })}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        <input
          id={id}
          type="file"
          multiple={isMultiple(field)}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            if (!files.length) return;
            onChange(isMultiple(field) ? { ...v, add: [...v.add, ...files] } : { keep: [], removed: [...v.removed, ...v.keep], add: files.slice(0, 1) });
            e.target.value = '';
          }}
        />
      </div>
    );
  },
  View: function FileView({ value, record, client }) {
    const list = names(value);
    return (
      <span className="chips">
        {list.slice(0, 3).map((n) =>
          isImage(n) ? <img key={n} className="thumb thumb-small" src={client.files.getURL(record as never, n, { thumb: '100x100' })} alt={n} /> : <span key={n} className="badge">{n}</span>,
        )}
        {list.length > 3 && <span className="muted">+{list.length - 3}</span>}
      </span>
    );
  },
  Settings: ({ field, onChange }) => (
    <>
      <NumberSetting label="Max files" value={field.maxSelect} min={1} onChange={(maxSelect) => onChange({ maxSelect: maxSelect || 1 })} />
      <NumberSetting label="Max size (bytes)" value={field.maxSize} min={0} onChange={(maxSize) => onChange({ maxSize })} />
      <ListSetting label="MIME types" value={field.mimeTypes} placeholder="image/png, image/jpeg" onChange={(mimeTypes) => onChange({ mimeTypes })} />
      <ListSetting label="Thumb sizes" value={field.thumbs} placeholder="100x100" onChange={(thumbs) => onChange({ thumbs })} />
      <CheckSetting label="Protected" value={field.protected} onChange={(p) => onChange({ protected: p })} />
    </>
  ),
};
