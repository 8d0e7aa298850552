/** Create or edit a collection: name, type, fields, indexes and the five API rules. */
import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useParams, Link } from 'react-router';
import { useCollection } from '../../data/collections/collection-queries.js';
import { useDeleteCollection, useSaveCollection } from '../../data/collections/collection-mutations.js';
import { useFieldRegistry } from '../../fields/field-registry.js';
import { ConfirmButton } from '../../ui/confirm-button.js';
import { errorMessage, fieldErrorsOf } from '../../ui/error-message.js';
import { FormRow, Page } from '../../ui/page.js';
import { ErrorState, Spinner } from '../../ui/query-state.js';
import { emptyForm, fieldErrorsByIndex, formFromCollection, formToInput, RULES, type CollectionForm } from './collection-form.js';
import { FieldEditorRow } from './field-editor-row.js';
import { RuleInput } from './rule-input.js';

export function CollectionEditorPage() {
  const { name } = useParams();
  const { collection, data: all, isPending, isError, error, refetch } = useCollection(name);
  if (name && isPending) return <Spinner />;
  if (name && isError) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (name && !collection) return <ErrorState error={new Error(`No collection named "${name}".`)} />;
  return <CollectionEditor key={collection?.id ?? 'new'} initial={collection ? formFromCollection(collection) : emptyForm()} collections={all ?? []} />;
}

function CollectionEditor({ initial, collections }: { initial: CollectionForm; collections: NonNullable<ReturnType<typeof useCollection>['data']> }) {
  const [form, setForm] = useState(initial);
  const [newKeys] = useState(() => new WeakSet<object>());
  const registry = useFieldRegistry();
  const save = useSaveCollection();
  const remove = useDeleteCollection();
  const navigate = useNavigate();
  const errors = fieldErrorsOf(save.error);
  const byIndex = fieldErrorsByIndex(errors);
  const isNew = !form.id;
  useEffect(() => save.reset(), [form.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const setField = (i: number, f: CollectionForm['fields'][number]) => setForm((s) => ({ ...s, fields: s.fields.map((x, j) => (j === i ? f : x)) }));
  const addField = () => {
    const f = { name: '', type: 'text', ...registry.get('text').defaults };
    newKeys.add(f);
    setForm((s) => ({ ...s, fields: [...s.fields, f] }));
  };
  const move = (i: number, d: -1 | 1) =>
    setForm((s) => {
      const j = i + d;
      if (j < 0 || j >= s.fields.length) return s;
      const fields = [...s.fields];
      [fields[i], fields[j]] = [fields[j]!, fields[i]!];
      return { ...s, fields };
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ id: form.id, data: formToInput(form) }, { onSuccess: (c) => navigate(`/collections/${encodeURIComponent(c.name)}`) });
  };

  return (
    <Page
      title={isNew ? 'New collection' : `Edit ${initial.name}`}
      actions={
        !isNew && (
          <>
            <Link className="btn" to={`/collections/${encodeURIComponent(initial.name)}`}>
              Records
            </Link>
            <ConfirmButton onConfirm={() => remove.mutate(form.id!, { onSuccess: () => navigate('/collections') })} confirmLabel="Delete everything?">
              Delete collection
            </ConfirmButton>
          </>
        )
      }
    >
      <form className="stack editor" onSubmit={submit}>
        <div className="grid-2">
          <FormRow label="Name" htmlFor="collection-name" error={errors.name}>
            <input id="collection-name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} placeholder="posts" />
          </FormRow>
          <FormRow label="Type" htmlFor="collection-type">
            <select id="collection-type" value={form.type} disabled={!isNew} onChange={(e) => setForm({ ...form, type: e.target.value as 'base' | 'auth' })}>
              <option value="base">Base</option>
              <option value="auth">Auth (users)</option>
            </select>
          </FormRow>
        </div>

        <fieldset>
          <legend>Fields</legend>
          {isNew && <p className="muted">id, created and updated{form.type === 'auth' ? ', email, password, verified and the other auth fields' : ''} are added automatically.</p>}
          <ul className="field-list">
            {form.fields.map((f, i) => (
              <FieldEditorRow
                key={f.id ?? `new-${i}`}
                field={f}
                index={i}
                isNew={newKeys.has(f)}
                collections={collections}
                error={byIndex[i]}
                onChange={(nf) => setField(i, nf)}
                onRemove={() => setForm((s) => ({ ...s, fields: s.fields.filter((_, j) => j !== i) }))}
                onMove={(d) => move(i, d)}
              />
            ))}
          </ul>
          <button type="button" className="btn" onClick={addField}>
            + Add field
          </button>
        </fieldset>

        <fieldset>
          <legend>API rules</legend>
          <p className="muted">
            Filter expressions over the record's fields and <code>@request.*</code>. Tab or Enter completes a name.
          </p>
          {RULES.map((r) => (
            <RuleInput
              key={r.key}
              label={r.label}
              value={form.rules[r.key]}
              collection={form}
              serverError={errors[r.key]}
              onChange={(v) => setForm((s) => ({ ...s, rules: { ...s.rules, [r.key]: v } }))}
            />
          ))}
        </fieldset>

        <fieldset>
          <legend>Indexes</legend>
          <FormRow label="One CREATE INDEX statement per line" htmlFor="collection-indexes" error={Object.entries(errors).find(([k]) => k.startsWith('indexes'))?.[1]}>
            <textarea
              id="collection-indexes"
              className="mono"
              rows={3}
              value={form.indexes}
              placeholder={`CREATE UNIQUE INDEX idx_${form.name || 'posts'}_slug ON ${form.name || 'posts'} (slug)`}
              onChange={(e) => setForm({ ...form, indexes: e.target.value })}
            />
          </FormRow>
        </fieldset>

        {save.isError && (
          <p className="field-error" role="alert">
            {errorMessage(save.error)}
          </p>
        )}
        <div className="form-actions">
          <button className="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : isNew ? 'Create collection' : 'Save changes'}
          </button>
        </div>
      </form>
    </Page>
  );
}
