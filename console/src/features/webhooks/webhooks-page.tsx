/** Webhooks: the list, the editor, and for the chosen one its deliveries and a "send test event" button. */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { WebhookRecord } from '@plinth/sdk';
import { useWebhooks } from '../../data/webhooks/webhook-queries.js';
import { useDeleteWebhook, useRotateWebhookSecret, useTestWebhook } from '../../data/webhooks/webhook-mutations.js';
import { ConfirmButton } from '../../ui/confirm-button.js';
import { errorMessage } from '../../ui/error-message.js';
import { Page } from '../../ui/page.js';
import { QueryState } from '../../ui/query-state.js';
import { DeliveriesTable } from './deliveries-table.js';
import { SecretReveal } from './secret-reveal.js';
import { WebhookForm } from './webhook-form.js';

export function WebhooksPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const query = useWebhooks();
  const [editing, setEditing] = useState<WebhookRecord | 'new' | null>(null);
  const test = useTestWebhook();
  const remove = useDeleteWebhook();
  const rotate = useRotateWebhookSecret();
  const [revealed, setRevealed] = useState<{ id: string; secret: string } | null>(null);
  const current = query.data?.find((h) => h.id === id);

  return (
    <Page
      title="Webhooks"
      actions={
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          New webhook
        </button>
      }
    >
      <QueryState query={query} isEmpty={(d) => d.length === 0} empty="No webhooks yet. Create one to POST record changes to another service.">
        {(hooks) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>URL</th>
                  <th>Events</th>
                  <th>Enabled</th>
                  <th aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {hooks.map((h) => (
                  <tr key={h.id} className={h.id === id ? 'selected' : undefined}>
                    <td>
                      <Link to={`/webhooks/${h.id}`}>{h.name}</Link>
                    </td>
                    <td className="mono ellipsis">{h.url}</td>
                    <td className="mono">{h.events.join(', ')}</td>
                    <td>
                      <span className={'badge ' + (h.enabled ? 'badge-on' : 'badge-off')}>{h.enabled ? 'on' : 'off'}</span>
                    </td>
                    <td className="actions">
                      <button type="button" className="btn btn-small" onClick={() => setEditing(h)}>
                        Edit
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>

      {revealed && revealed.id === id && <SecretReveal secret={revealed.secret} onDismiss={() => setRevealed(null)} />}
      {id && !current && query.isSuccess && <p className="field-error">This webhook does not exist.</p>}
      {current && (
        <section className="card stack">
          <header className="page-header">
            <h2>Deliveries of {current.name}</h2>
            <div className="page-actions">
              <button type="button" className="btn btn-primary" onClick={() => test.mutate(current.id)} disabled={test.isPending}>
                {test.isPending ? 'Sending…' : 'Send test event'}
              </button>
              <ConfirmButton onConfirm={() => rotate.mutate(current.id, { onSuccess: (hook) => setRevealed({ id: hook.id, secret: hook.secret }) })}>
                Rotate secret
              </ConfirmButton>
              <ConfirmButton onConfirm={() => remove.mutate(current.id, { onSuccess: () => navigate('/webhooks') })}>Delete webhook</ConfirmButton>
            </div>
          </header>
          {test.isError && <p className="field-error">{errorMessage(test.error)}</p>}
          {rotate.isError && <p className="field-error">{errorMessage(rotate.error)}</p>}
          <DeliveriesTable hook={current} />
        </section>
      )}
      {editing && (
        <WebhookForm
          hook={editing === 'new' ? undefined : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved?.secret) setRevealed({ id: saved.id, secret: saved.secret });
            if (saved) navigate(`/webhooks/${saved.id}`);
          }}
        />
      )}
    </Page>
  );
}
