/**
 * The signing secret of a webhook, shown once: the server returns it only in the response to the write that
 * set it (create or rotate) and never on a read, so this is the user's one chance to copy it.
 */
import { useState } from 'react';

export function SecretReveal({ secret, onDismiss }: { secret: string; onDismiss(): void }) {
  const [copied, setCopied] = useState(false);
  const copy = () => void navigator.clipboard?.writeText(secret).then(() => setCopied(true), () => setCopied(false));
  return (
    <section className="card stack" role="status" aria-label="Signing secret">
      <p>
        Signing secret (Standard Webhooks). Copy it now: it will not be shown again. Verify deliveries with it, e.g. with
        the <code>standardwebhooks</code> library.
      </p>
      <code className="mono secret-value" data-testid="webhook-secret">
        {secret}
      </code>
      <div className="page-actions">
        <button type="button" className="btn btn-small" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="btn btn-small" onClick={onDismiss}>
          Done
        </button>
      </div>
    </section>
  );
}
