/** The editable shape of a collection and its conversion to the API input (pure, tested). */
import type { CollectionInput, CollectionModel, FieldModel } from '@plinth/sdk';

export type RuleName = 'listRule' | 'viewRule' | 'createRule' | 'updateRule' | 'deleteRule';
export const RULES: { key: RuleName; label: string }[] = [
  { key: 'listRule', label: 'List/Search rule' },
  { key: 'viewRule', label: 'View rule' },
  { key: 'createRule', label: 'Create rule' },
  { key: 'updateRule', label: 'Update rule' },
  { key: 'deleteRule', label: 'Delete rule' },
];

export interface CollectionForm {
  id?: string;
  name: string;
  type: 'base' | 'auth';
  fields: FieldModel[];
  indexes: string;
  rules: Record<RuleName, string | null>;
}

export function emptyForm(): CollectionForm {
  // Like PocketBase's editor: new collections get created/updated timestamps unless the user removes them.
  const fields: FieldModel[] = [
    { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
    { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
  ];
  return { name: '', type: 'base', fields, indexes: '', rules: { listRule: null, viewRule: null, createRule: null, updateRule: null, deleteRule: null } };
}

export function formFromCollection(c: CollectionModel): CollectionForm {
  return {
    id: c.id,
    name: c.name,
    type: c.type === 'auth' ? 'auth' : 'base',
    fields: c.fields.map((f) => ({ ...f })),
    indexes: (c.indexes ?? []).join('\n'),
    rules: { listRule: c.listRule, viewRule: c.viewRule, createRule: c.createRule, updateRule: c.updateRule, deleteRule: c.deleteRule },
  };
}

export function formToInput(form: CollectionForm): CollectionInput {
  return {
    name: form.name.trim(),
    ...(form.id ? {} : { type: form.type }),
    fields: form.fields.map((f) => ({ ...f, name: f.name.trim() })),
    indexes: form.indexes
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
    ...form.rules,
  };
}

/** Field errors from the server (`fields.3.name`) keyed by field index. */
export function fieldErrorsByIndex(errors: Record<string, string>): Record<number, string> {
  const out: Record<number, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const m = /^fields\.(\d+)(?:\.(\w+))?/.exec(path);
    if (m) out[Number(m[1])] = m[2] ? `${m[2]}: ${message}` : message;
  }
  return out;
}
