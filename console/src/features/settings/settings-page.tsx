/**
 * Settings: one form of small sections (application, SMTP, file storage, batch, rate limits, logs, trusted
 * proxy, webhooks) saved together; the server's field errors are shown next to their inputs.
 */
import { useState, type FormEvent } from 'react';
import type { Settings } from '@plinth/sdk';
import { editableSettings, errorsUnder, settingsPatch, type EditableSettings, type SectionName } from '../../data/settings/settings-model.js';
import { useSettings, useUpdateSettings } from '../../data/settings/settings-queries.js';
import { errorMessage, fieldErrorsOf } from '../../ui/error-message.js';
import { Page } from '../../ui/page.js';
import { QueryState } from '../../ui/query-state.js';
import { ApplicationSection } from './application-section.js';
import { BatchSection } from './batch-section.js';
import { FileStorageSection } from './file-storage-section.js';
import { LogsSection } from './logs-section.js';
import { RateLimitsSection } from './rate-limits-section.js';
import { SmtpSection } from './smtp-section.js';
import { TrustedProxySection } from './trusted-proxy-section.js';
import { WebhooksSection } from './webhooks-section.js';

export function SettingsPage() {
  const query = useSettings();
  return (
    <Page title="Settings">
      <QueryState query={query}>{(s) => <SettingsForm saved={s} />}</QueryState>
    </Page>
  );
}

function SettingsForm({ saved }: { saved: Settings }) {
  const [s, setS] = useState<EditableSettings>(() => editableSettings(saved));
  const update = useUpdateSettings();
  const errors = fieldErrorsOf(update.error);
  /** The props of one section: its slice, a patcher and its field errors. */
  const section = <K extends SectionName>(name: K) => ({
    value: s[name] as NonNullable<EditableSettings[K]>,
    onChange: (patch: Partial<NonNullable<EditableSettings[K]>>) => setS((cur) => ({ ...cur, [name]: { ...cur[name], ...patch } })),
    errors: errorsUnder(errors, name),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The answer has the write-only secrets blanked: the form follows it, so typed secrets do not linger.
    update.mutate(settingsPatch(s), { onSuccess: (next) => setS(editableSettings(next)) });
  };
  const s3Dirty = JSON.stringify(s.s3) !== JSON.stringify(editableSettings(saved).s3);
  return (
    <form className="stack settings" onSubmit={submit}>
      <ApplicationSection {...section('meta')} />
      <SmtpSection {...section('smtp')} />
      <FileStorageSection {...section('s3')} dirty={s3Dirty} />
      <BatchSection {...section('batch')} />
      <RateLimitsSection {...section('rateLimits')} />
      <LogsSection {...section('logs')} />
      <TrustedProxySection {...section('trustedProxy')} />
      {s.webhooks && <WebhooksSection {...section('webhooks')} />}
      {update.isError && (
        <p className="field-error" role="alert">
          {Object.keys(errors).length ? `${(update.error as Error).message} Check the fields marked in red.` : errorMessage(update.error)}
        </p>
      )}
      {update.isSuccess && <p className="ok-text">Saved.</p>}
      <div className="form-actions">
        <button className="btn btn-primary" disabled={update.isPending}>
          Save settings
        </button>
      </div>
    </form>
  );
}
