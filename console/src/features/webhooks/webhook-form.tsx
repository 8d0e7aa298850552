/** Create or edit a webhook: target URL, events (`<collection>.<action>`, `*` wildcards), filter, headers. */
import { useState, type FormEvent } from 'react';
import type { WebhookRecord } from '@plinth/sdk';
import { useSaveWebhook } from '../../data/webhooks/webhook-mutations.js';
import { splitList } from '../../fields/settings-inputs.js';
import { errorMessage, fieldErrorsOf } from '../../ui/error-message.js';
import { FormRow } from '../../ui/page.js';
import { Drawer } from '../../ui/drawer.js';

export function WebhookForm({ hook, onClose }: { hook?: WebhookRecord; onClose(saved?: WebhookRecord): void }) {
  const [name, setName] = useState(hook?.name ?? '');
  const [url, setUrl] = useState(hook?.url ?? '');
  const [events, setEvents] = useState((hook?.events ?? ['*.*']).join(', '));
  const [filter, setFilter] = useState(hook?.filter ?? '');
  const [headers, setHeaders] = useState(hook?.headers ? JSON.stringify(hook.headers, null, 2) : '');
  const [enabled, setEnabled] = useState(hook?.enabled ?? true);
  const [headersError, setHeadersError] = useState('');
  const save = useSaveWebhook();
  const errors = fieldErrorsOf(save.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    let parsed: Record<string, string> | null = null;
    if (headers.trim()) {
      try {
        parsed = JSON.parse(headers);
      } catch {
        return setHeadersError('Headers must be a JSON object, e.g. {"X-Token": "abc"}.');
      }
    }
    setHeadersError('');
    save.mutate({ id: hook?.id, data: { name, url, events: splitList(events), filter, headers: parsed, enabled } }, { onSuccess: (saved) => onClose(saved as WebhookRecord) });
  };

  return (
    <Drawer
      title={hook ? `Edit webhook ${hook.name}` : 'New webhook'}
      onClose={() => onClose()}
      footer={
        <>
          <span className="spacer" />
          <button type="button" className="btn" onClick={() => onClose()}>
            Cancel
          </button>
          <button type="submit" form="webhook-form" className="btn btn-primary" disabled={save.isPending}>
            {hook ? 'Save webhook' : 'Create webhook'}
          </button>
        </>
      }
    >
      <form id="webhook-form" className="stack" onSubmit={submit}>
        <FormRow label="Name" htmlFor="wh-name" error={errors.name}>
          <input id="wh-name" required value={name} onChange={(e) => setName(e.target.value)} />
        </FormRow>
        <FormRow label="URL" htmlFor="wh-url" error={errors.url}>
          <input id="wh-url" type="url" required value={url} placeholder="https://example.com/hooks/plinth" onChange={(e) => setUrl(e.target.value)} />
        </FormRow>
        <FormRow label="Events" htmlFor="wh-events" error={errors.events} hint="Comma-separated <collection>.<create|update|delete>, * for any part.">
          <input id="wh-events" className="mono" value={events} onChange={(e) => setEvents(e.target.value)} />
        </FormRow>
        <FormRow label="Filter (optional)" htmlFor="wh-filter" error={errors.filter}>
          <input id="wh-filter" className="mono" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </FormRow>
        <FormRow label="Extra headers (JSON)" htmlFor="wh-headers" error={headersError || errors.headers}>
          <textarea id="wh-headers" className="mono" rows={3} value={headers} onChange={(e) => setHeaders(e.target.value)} />
        </FormRow>
        <label className="setting-check">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Enabled
        </label>
        {save.isError && <p className="field-error" role="alert">{errorMessage(save.error)}</p>}
      </form>
    </Drawer>
  );
}
