/** Impersonation of an auth record: a superuser gets a non-refreshable token to act as that user, and copies it. */
import { useState } from 'react';
import { useImpersonate } from '../../data/records/record-mutations.js';
import { errorMessage } from '../../ui/error-message.js';

const HOUR = 3600;

export function ImpersonateSection({ collection, id }: { collection: string; id: string }) {
  const impersonate = useImpersonate(collection);
  const [copied, setCopied] = useState(false);
  const token = impersonate.data;
  const copy = async () => {
    if (!token) return;
    await navigator.clipboard.writeText(token);
    setCopied(true);
  };
  return (
    <fieldset>
      <legend>Impersonate</legend>
      <div className="stack">
        <p className="muted">A token that acts as this user for one hour (it cannot be refreshed).</p>
        <div>
          <button type="button" className="btn" disabled={impersonate.isPending} onClick={() => impersonate.mutate({ id, duration: HOUR }, { onSuccess: () => setCopied(false) })}>
            {token ? 'New token' : 'Impersonate (1 hour token)'}
          </button>
        </div>
        {token && (
          <div className="token-box">
            <textarea className="mono" readOnly rows={4} value={token} aria-label="Impersonation token" onFocus={(e) => e.target.select()} />
            <button type="button" className="btn btn-small" onClick={() => void copy().catch(() => setCopied(false))}>
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
        )}
        {impersonate.isError && (
          <p className="field-error" role="alert">
            {errorMessage(impersonate.error)}
          </p>
        )}
      </div>
    </fieldset>
  );
}
