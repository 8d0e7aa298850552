/** relation: a picker that searches the target collection; one id, or several when maxSelect > 1. */
import { useState } from 'react';
import type { CollectionModel, FieldModel } from '@plinth/sdk';
import type { FieldType, FieldInputProps } from '../field-type.js';
import { CheckSetting, NumberSetting } from '../settings-inputs.js';
import { useCollection } from '../../data/collections/collection-queries.js';
import { useRecordSearch } from '../../data/records/record-queries.js';

const ids = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);
const isMultiple = (field: FieldModel) => Number(field.maxSelect ?? 1) > 1;

/** The fields that describe a record to a person: presentable ones, else the first text-like field. */
export function labelFields(collection: CollectionModel | undefined): string[] {
  if (!collection) return [];
  const presentable = collection.fields.filter((f) => f.presentable).map((f) => f.name);
  if (presentable.length) return presentable;
  const text = collection.fields.find((f) => !f.hidden && ['text', 'email'].includes(f.type) && f.name !== 'id');
  return text ? [text.name] : [];
}

export const recordLabel = (record: Record<string, unknown>, fields: string[]) =>
  fields.map((f) => record[f]).filter((v) => v !== '' && v !== null && v !== undefined).join(' · ') || String(record.id);

function RelationInput({ field, value, onChange, id }: FieldInputProps) {
  const { collection: target } = useCollection(String(field.collectionId ?? ''));
  const [q, setQ] = useState('');
  const labels = labelFields(target);
  const search = useRecordSearch(target?.name ?? '', q, labels);
  const chosen = ids(value);
  const pick = (rid: string) => onChange(isMultiple(field) ? (chosen.includes(rid) ? chosen.filter((c) => c !== rid) : [...chosen, rid]) : chosen[0] === rid ? '' : rid);
  return (
    <div className="relation-picker">
      <div className="chips">
        {chosen.map((c) => (
          <button key={c} type="button" className="badge badge-removable" onClick={() => pick(c)} aria-label={`Remove ${c}`}>
            {c} ✕
          </button>
        ))}
      </div>
      <input id={id} type="search" placeholder={`Search ${target?.name ?? 'records'}…`} value={q} onChange={(e) => setQ(e.target.value)} />
      <ul className="relation-results" role="listbox" aria-label="Matching records">
        {search.isPending && <li className="muted">Loading…</li>}
        {search.isError && <li className="field-error">Search failed.</li>}
        {search.data?.items.length === 0 && <li className="muted">No records.</li>}
        {search.data?.items.map((r) => {
          const rid = String(r.id);
          return (
            <li key={rid} role="option" aria-selected={chosen.includes(rid)}>
              <button type="button" className={'relation-option' + (chosen.includes(rid) ? ' selected' : '')} onClick={() => pick(rid)}>
                {recordLabel(r as Record<string, unknown>, labels)} <small className="muted">{rid}</small>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export const relationField: FieldType = {
  type: 'relation',
  label: 'Relation',
  defaults: { maxSelect: 1, cascadeDelete: false },
  empty: (field) => (isMultiple(field) ? [] : ''),
  Input: RelationInput,
  View: ({ value }) => (
    <span className="chips">
      {ids(value).map((v) => (
        <span key={v} className="badge">
          {v}
        </span>
      ))}
    </span>
  ),
  Settings: ({ field, onChange, collections }) => (
    <>
      <div className="setting">
        <label>
          Collection
          <select value={String(field.collectionId ?? '')} onChange={(e) => onChange({ collectionId: e.target.value })}>
            <option value="">—</option>
            {collections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <NumberSetting label="Max select" value={field.maxSelect} min={1} onChange={(maxSelect) => onChange({ maxSelect: maxSelect || 1 })} />
      <CheckSetting label="Cascade delete" value={field.cascadeDelete} onChange={(cascadeDelete) => onChange({ cascadeDelete })} />
    </>
  ),
};
