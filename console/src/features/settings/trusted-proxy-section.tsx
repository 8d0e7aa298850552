/** `trustedProxy`: client-IP headers set by a reverse proxy (ignored unless listed: they are spoofable). */
import { CheckRow, listError, ListRow, type SectionProps } from './settings-fields.js';

export function TrustedProxySection({ value, onChange, errors }: SectionProps<'trustedProxy'>) {
  return (
    <fieldset>
      <legend>Trusted proxy</legend>
      <ListRow
        id="set-proxy-headers"
        label="Client IP headers"
        placeholder="X-Forwarded-For, X-Real-IP"
        hint="Comma-separated; leave empty when Plinth is not behind a proxy."
        value={value.headers}
        error={listError(errors, 'headers')}
        onChange={(headers) => onChange({ headers })}
      />
      <CheckRow label="Use the leftmost IP (the original client) instead of the rightmost" checked={value.useLeftmostIP} onChange={(useLeftmostIP) => onChange({ useLeftmostIP })} />
    </fieldset>
  );
}
