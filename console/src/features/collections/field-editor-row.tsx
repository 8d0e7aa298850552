/** One field in the collection editor: name, type, common flags and the type's own settings. */
import { useState } from 'react';
import type { CollectionModel, FieldModel } from '@plinth/sdk';
import { useFieldRegistry } from '../../fields/field-registry.js';

export function FieldEditorRow({
  field,
  index,
  onChange,
  onRemove,
  onMove,
  collections,
  error,
  isNew,
}: {
  field: FieldModel;
  index: number;
  onChange(f: FieldModel): void;
  onRemove(): void;
  onMove(delta: -1 | 1): void;
  collections: CollectionModel[];
  error?: string;
  isNew: boolean;
}) {
  const registry = useFieldRegistry();
  const type = registry.get(field.type);
  const [open, setOpen] = useState(isNew);
  const patch = (p: Partial<FieldModel>) => onChange({ ...field, ...p });
  const system = !!field.system;
  return (
    <li className={'field-row' + (error ? ' has-error' : '')} data-testid={`field-${index}`}>
      <div className="field-row-main">
        <input aria-label={`Field ${index + 1} name`} className="field-name" value={field.name} disabled={system} placeholder="field_name" onChange={(e) => patch({ name: e.target.value })} />
        <select
          aria-label={`Field ${index + 1} type`}
          value={field.type}
          disabled={system || !!field.id}
          onChange={(e) => onChange({ name: field.name, type: e.target.value, ...registry.get(e.target.value).defaults })}
        >
          {registry.list().map((t) => (
            <option key={t.type} value={t.type}>
              {t.label}
            </option>
          ))}
          {!registry.has(field.type) && <option value={field.type}>{field.type}</option>}
        </select>
        <label className="setting-check">
          <input type="checkbox" checked={!!field.required} disabled={system} onChange={(e) => patch({ required: e.target.checked })} /> Required
        </label>
        <div className="field-row-actions">
          <button type="button" className="btn btn-small btn-ghost" aria-label="Move up" onClick={() => onMove(-1)}>
            ↑
          </button>
          <button type="button" className="btn btn-small btn-ghost" aria-label="Move down" onClick={() => onMove(1)}>
            ↓
          </button>
          <button type="button" className="btn btn-small btn-ghost" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            Options
          </button>
          {!system && (
            <button type="button" className="btn btn-small btn-ghost danger-text" aria-label={`Remove field ${field.name}`} onClick={onRemove}>
              Remove
            </button>
          )}
        </div>
      </div>
      {error && <small className="field-error">{error}</small>}
      {open && (
        <div className="field-settings">
          <label className="setting setting-check">
            <input type="checkbox" checked={!!field.hidden} onChange={(e) => patch({ hidden: e.target.checked })} /> Hidden
          </label>
          <label className="setting setting-check">
            <input type="checkbox" checked={!!field.presentable} onChange={(e) => patch({ presentable: e.target.checked })} /> Presentable
          </label>
          {type.Settings && <type.Settings field={field} onChange={patch} collections={collections} />}
        </div>
      )}
    </li>
  );
}
