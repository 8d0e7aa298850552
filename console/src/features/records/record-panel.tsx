/** The side panel: view, create, edit and delete one record; auth collections add password and impersonation. */
import { useState, type FormEvent } from 'react';
import type { CollectionModel } from '@plinth/sdk';
import { useFieldRegistry } from '../../fields/field-registry.js';
import { useDeleteRecords, useSaveRecord } from '../../data/records/record-mutations.js';
import { ConfirmButton } from '../../ui/confirm-button.js';
import { Drawer } from '../../ui/drawer.js';
import { errorMessage, fieldErrorsOf } from '../../ui/error-message.js';
import { FormRow } from '../../ui/page.js';
import { ImpersonateSection } from './impersonate-section.js';
import { formFields, initialValues, toPayload, validateValues } from './record-form.js';

export function RecordPanel({ collection, record, onClose }: { collection: CollectionModel; record?: Record<string, unknown>; onClose(): void }) {
  const registry = useFieldRegistry();
  const [values, setValues] = useState(() => initialValues(collection, registry, record));
  const [auth, setAuth] = useState({ password: '', passwordConfirm: '' });
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useSaveRecord(collection.name);
  const remove = useDeleteRecords(collection.name);
  const isAuth = collection.type === 'auth';
  const id = record ? String(record.id) : undefined;
  const serverErrors = fieldErrorsOf(save.error);
  const errors = { ...serverErrors, ...localErrors };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local = validateValues(collection, registry, values);
    if (isAuth && auth.password !== auth.passwordConfirm) local.passwordConfirm = 'Passwords do not match.';
    setLocalErrors(local);
    if (Object.keys(local).length) return;
    save.mutate({ id, data: toPayload(collection, registry, values, isAuth ? auth : undefined) }, { onSuccess: onClose });
  };

  return (
    <Drawer
      title={id ? `${collection.name} · ${id}` : `New ${collection.name} record`}
      onClose={onClose}
      footer={
        <>
          {id && (
            <ConfirmButton onConfirm={() => remove.mutate([id], { onSuccess: onClose })} disabled={remove.isPending}>
              Delete
            </ConfirmButton>
          )}
          <span className="spacer" />
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="record-form" className="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : id ? 'Save changes' : 'Create'}
          </button>
        </>
      }
    >
      <form id="record-form" className="stack" onSubmit={submit}>
        {id && (
          <FormRow label="id" htmlFor="rec-id">
            <input id="rec-id" readOnly value={id} />
          </FormRow>
        )}
        {formFields(collection).map((f) => {
          const type = registry.get(f.type);
          const inputId = `rec-${f.name}`;
          return (
            <FormRow key={f.name} label={`${f.name}${f.required ? ' *' : ''}`} htmlFor={inputId} error={errors[f.name]} hint={<span className="muted">{type.label}</span>}>
              <type.Input field={f} value={values[f.name]} id={inputId} record={record} collection={collection} onChange={(v) => setValues((s) => ({ ...s, [f.name]: v }))} />
            </FormRow>
          );
        })}
        {isAuth && (
          <fieldset>
            <legend>{id ? 'Set a new password' : 'Password'}</legend>
            <FormRow label="Password" htmlFor="rec-password" error={errors.password}>
              <input id="rec-password" type="password" autoComplete="new-password" value={auth.password} onChange={(e) => setAuth({ ...auth, password: e.target.value })} />
            </FormRow>
            <FormRow label="Confirm password" htmlFor="rec-password-confirm" error={errors.passwordConfirm}>
              <input
                id="rec-password-confirm"
                type="password"
                autoComplete="new-password"
                value={auth.passwordConfirm}
                onChange={(e) => setAuth({ ...auth, passwordConfirm: e.target.value })}
              />
            </FormRow>
          </fieldset>
        )}
        {isAuth && id && <ImpersonateSection collection={collection.name} id={id} />}
        {(save.isError || remove.isError) && (
          <p className="field-error" role="alert">
            {errorMessage(save.error ?? remove.error)}
          </p>
        )}
      </form>
    </Drawer>
  );
}
