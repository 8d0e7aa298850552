/** `smtp`: the mail server (the password is write-only) and a test email to check it. */
import { useState } from 'react';
import { useTestEmail } from '../../data/settings/settings-queries.js';
import { errorMessage } from '../../ui/error-message.js';
import { CheckRow, NumberRow, TextRow, type SectionProps } from './settings-fields.js';

export function SmtpSection({ value, onChange, errors }: SectionProps<'smtp'>) {
  const [testTo, setTestTo] = useState('');
  const testEmail = useTestEmail();
  return (
    <fieldset>
      <legend>SMTP</legend>
      <CheckRow label="Send mail through SMTP" checked={value.enabled} onChange={(enabled) => onChange({ enabled })} />
      <div className="grid-2">
        <TextRow id="set-smtp-host" label="Host" value={value.host} error={errors.host} onChange={(host) => onChange({ host })} />
        <NumberRow id="set-smtp-port" label="Port" value={value.port} error={errors.port} onChange={(port) => onChange({ port })} />
        <TextRow id="set-smtp-user" label="Username" value={value.username} error={errors.username} onChange={(username) => onChange({ username })} />
        <TextRow
          id="set-smtp-pass"
          type="password"
          autoComplete="new-password"
          label="Password"
          hint="Leave empty to keep the stored one."
          value={value.password ?? ''}
          error={errors.password}
          onChange={(password) => onChange({ password })}
        />
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
  );
}
