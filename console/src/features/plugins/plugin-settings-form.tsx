/** Edit a plugin's settings section: local type checks first, then the server's field errors inline. */
import { useState, type FormEvent } from 'react';
import { useSavePluginSettings } from '../../data/plugins/plugin-queries.js';
import { errorMessage, fieldErrorsOf } from '../../ui/error-message.js';
import { FormRow } from '../../ui/page.js';
import { kindOf, toDraft, toPatch, type Draft } from './plugin-settings.js';

export function PluginSettingsForm({ plugin, settings }: { plugin: string; settings: Record<string, unknown> }) {
  const save = useSavePluginSettings(plugin);
  // What the server last answered: the list refetches after a save, but the form compares against this.
  const [base, setBase] = useState(settings);
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const serverErrors = fieldErrorsOf(save.error);
  const { patch } = toPatch(base, draft);
  const dirty = Object.keys(patch).length > 0;

  const set = (key: string, value: string | boolean) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setSaved(false);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = toPatch(base, draft);
    setLocalErrors(result.errors);
    if (Object.keys(result.errors).length) return;
    save.mutate(result.patch, {
      onSuccess: (next) => {
        setBase(next);
        setDraft(toDraft(next));
        setSaved(true);
      },
    });
  };

  const id = (key: string) => `plugin-${plugin}-${key}`;
  return (
    <form className="stack" onSubmit={submit} aria-label={`Settings of ${plugin}`}>
      {Object.entries(base).map(([key, value]) => {
        const kind = kindOf(value);
        const error = localErrors[key] ?? serverErrors[key];
        const input =
          kind === 'boolean' ? (
            <input id={id(key)} type="checkbox" checked={draft[key] === true} onChange={(e) => set(key, e.target.checked)} />
          ) : kind === 'json' ? (
            <textarea id={id(key)} className="mono" rows={3} value={String(draft[key] ?? '')} aria-invalid={!!error} onChange={(e) => set(key, e.target.value)} />
          ) : (
            <input
              id={id(key)}
              type={kind === 'number' ? 'number' : 'text'}
              step="any"
              value={String(draft[key] ?? '')}
              aria-invalid={!!error}
              onChange={(e) => set(key, e.target.value)}
            />
          );
        return (
          <FormRow key={key} label={key} htmlFor={id(key)} error={error}>
            {input}
          </FormRow>
        );
      })}
      <div className="form-actions">
        {saved && !dirty && <span className="ok-text" role="status">Saved.</span>}
        {save.isError && !Object.keys(serverErrors).length && (
          <span className="field-error" role="alert">
            {errorMessage(save.error)}
          </span>
        )}
        <button className="btn btn-primary" disabled={!dirty || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  );
}
