/** `webhooks`: SSRF guard, attempt timeout and the retry schedule of deliveries. */
import { CheckRow, listError, ListRow, NumberRow, type SectionProps } from './settings-fields.js';

export function WebhooksSection({ value, onChange, errors }: SectionProps<'webhooks'>) {
  return (
    <fieldset>
      <legend>Webhooks</legend>
      <CheckRow
        label="Allow private network targets (loopback, LAN)"
        checked={value.allowPrivateTargets}
        onChange={(allowPrivateTargets) => onChange({ allowPrivateTargets })}
      />
      <div className="grid-2">
        <NumberRow id="set-webhooks-timeout" label="Attempt timeout (seconds)" value={value.timeout} error={errors.timeout} onChange={(timeout) => onChange({ timeout })} />
        <ListRow
          id="set-webhooks-retries"
          label="Retry delays (seconds)"
          hint="Comma-separated; one retry per delay."
          value={(value.retrySchedule ?? []).map(String)}
          error={listError(errors, 'retrySchedule')}
          onChange={(delays) => onChange({ retrySchedule: delays.map(Number) })}
        />
      </div>
    </fieldset>
  );
}
