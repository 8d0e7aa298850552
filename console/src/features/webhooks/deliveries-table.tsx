/** One webhook's delivery log: status, timing, request body and response; replay any attempt. */
import { Fragment, useState } from 'react';
import type { WebhookRecord } from '@plinth/sdk';
import { useDeliveries } from '../../data/webhooks/webhook-queries.js';
import { useReplayDelivery } from '../../data/webhooks/webhook-mutations.js';
import { QueryState } from '../../ui/query-state.js';

/** The collection a record event is about (`data.collection` in the payload). */
const collectionOf = (payload: unknown): string => {
  const data = (payload as { data?: { collection?: unknown } } | null)?.data;
  return typeof data?.collection === 'string' ? data.collection : '';
};

const stateClass: Record<string, string> = { delivered: 'badge-on', failed: 'badge-err', retrying: 'badge-warn', disabled: 'badge-off' };

export function DeliveriesTable({ hook }: { hook: WebhookRecord }) {
  const query = useDeliveries(hook.id);
  const replay = useReplayDelivery(hook.id);
  const [open, setOpen] = useState('');
  return (
    <QueryState query={query} isEmpty={(d) => d.items.length === 0} empty="No deliveries yet. Send a test event.">
      {(data) => (
        <div className="table-wrap">
          <table className="table deliveries">
            <thead>
              <tr>
                <th>When</th>
                <th>Event</th>
                <th>State</th>
                <th>HTTP</th>
                <th>Time</th>
                <th>Attempt</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {data.items.map((d) => (
                <Fragment key={d.id}>
                  <tr className="clickable" onClick={() => setOpen(open === d.id ? '' : d.id)} aria-expanded={open === d.id}>
                    <td>{d.created.replace(/\.\d+Z$/, 'Z')}</td>
                    <td className="mono">
                      {d.type}
                      {collectionOf(d.payload) && <span className="muted"> · {collectionOf(d.payload)}</span>}
                    </td>
                    <td>
                      <span className={'badge ' + (stateClass[d.state] ?? '')}>{d.state}</span>
                      {d.error && <span className="muted"> {d.error}</span>}
                    </td>
                    <td>{d.status || '—'}</td>
                    <td>{d.duration} ms</td>
                    <td>{d.attempt}</td>
                    <td className="actions">
                      <button type="button" className="btn btn-small" onClick={(e) => (e.stopPropagation(), replay.mutate(d.id))} disabled={replay.isPending}>
                        Replay
                      </button>
                    </td>
                  </tr>
                  {open === d.id && (
                    <tr className="detail-row">
                      <td colSpan={7}>
                        <div className="grid-2">
                          <div>
                            <h4>Request body</h4>
                            <pre className="code">{JSON.stringify(d.payload, null, 2)}</pre>
                          </div>
                          <div>
                            <h4>Response</h4>
                            <pre className="code">{d.response || '(empty)'}</pre>
                          </div>
                        </div>
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </QueryState>
  );
}
