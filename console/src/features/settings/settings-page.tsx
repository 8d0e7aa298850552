/** Application settings (name, URL), SMTP with a test email, and the webhook delivery settings. */
import { useState, type FormEvent } from 'react';
import type { Settings } from '@plinth/sdk';
import { useSettings, useTestEmail, useUpdateSettings } from '../../data/settings/settings-queries.js';
import { errorMessage } from '../../ui/error-message.js';
import { FormRow, Page } from '../../ui/page.js';
import { QueryState } from '../../ui/query-state.js';

export function SettingsPage() {
  const query = useSettings();
  return (
    <Page title="Settings">
      <QueryState query={query}>{(s) => <SettingsForm initial={s} />}</QueryState>
    </Page>
  );
}

function SettingsForm({ initial }: { initial: Settings }) {
  const [s, setS] = useState<Settings>(initial);
  const [testTo, setTestTo] = useState('');
  const update = useUpdateSettings();
  const testEmail = useTestEmail();
  const set = (section: string, key: string, value: unknown) => setS((cur) => ({ ...cur, [section]: { ...cur[section], [key]: value } }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { smtp, meta, webhooks } = s;
    // The redacted SMTP password comes back empty: leave it out unless the user typed one.
    const smtpPatch = { ...smtp };
    if (!smtpPatch.password) delete smtpPatch.password;
    update.mutate({ meta, smtp: smtpPatch, ...(webhooks ? { webhooks } : {}) });
  };
  return (
    <form className="stack settings" onSubmit={submit}>
      <fieldset>
        <legend>Application</legend>
        <div className="grid-2">
          <FormRow label="Application name" htmlFor="set-app-name">
            <input id="set-app-name" value={s.meta?.appName ?? ''} onChange={(e) => set('meta', 'appName', e.target.value)} />
          </FormRow>
          <FormRow label="Application URL" htmlFor="set-app-url">
            <input id="set-app-url" value={s.meta?.appURL ?? ''} onChange={(e) => set('meta', 'appURL', e.target.value)} />
          </FormRow>
          <FormRow label="Sender name" htmlFor="set-sender-name">
            <input id="set-sender-name" value={s.meta?.senderName ?? ''} onChange={(e) => set('meta', 'senderName', e.target.value)} />
          </FormRow>
          <FormRow label="Sender address" htmlFor="set-sender-address">
            <input id="set-sender-address" type="email" value={s.meta?.senderAddress ?? ''} onChange={(e) => set('meta', 'senderAddress', e.target.value)} />
          </FormRow>
        </div>
      </fieldset>
      <fieldset>
        <legend>SMTP</legend>
        <label className="setting-check">
          <input type="checkbox" checked={!!s.smtp?.enabled} onChange={(e) => set('smtp', 'enabled', e.target.checked)} /> Send mail through SMTP
        </label>
        <div className="grid-2">
          <FormRow label="Host" htmlFor="set-smtp-host">
            <input id="set-smtp-host" value={s.smtp?.host ?? ''} onChange={(e) => set('smtp', 'host', e.target.value)} />
          </FormRow>
          <FormRow label="Port" htmlFor="set-smtp-port">
            <input id="set-smtp-port" type="number" value={s.smtp?.port ?? ''} onChange={(e) => set('smtp', 'port', Number(e.target.value))} />
          </FormRow>
          <FormRow label="Username" htmlFor="set-smtp-user">
            <input id="set-smtp-user" value={s.smtp?.username ?? ''} onChange={(e) => set('smtp', 'username', e.target.value)} />
          </FormRow>
          <FormRow label="Password" htmlFor="set-smtp-pass" hint="Leave empty to keep the stored one.">
            <input id="set-smtp-pass" type="password" value={s.smtp?.password ?? ''} onChange={(e) => set('smtp', 'password', e.target.value)} />
          </FormRow>
        </div>
        <div className="inline-inputs">
          <input aria-label="Test email recipient" type="email" placeholder="you@example.com" value={testTo} onChange={(e) => setTestTo(e.target.value)} />
          <button type="button" className="btn" disabled={!testTo || testEmail.isPending} onClick={() => testEmail.mutate(testTo)}>
            Send test email
          </button>
        </div>
        {testEmail.isSuccess && <p className="ok-text">Test email queued.</p>}
        {testEmail.isError && <p className="field-error">{errorMessage(testEmail.error)}</p>}
      </fieldset>
      {s.webhooks && (
        <fieldset>
          <legend>Webhooks</legend>
          <label className="setting-check">
            <input type="checkbox" checked={!!s.webhooks.allowPrivateTargets} onChange={(e) => set('webhooks', 'allowPrivateTargets', e.target.checked)} /> Allow private network
            targets (loopback, LAN)
          </label>
        </fieldset>
      )}
      {update.isError && <p className="field-error" role="alert">{errorMessage(update.error)}</p>}
      {update.isSuccess && <p className="ok-text">Saved.</p>}
      <div className="form-actions">
        <button className="btn btn-primary" disabled={update.isPending}>
          Save settings
        </button>
      </div>
    </form>
  );
}
