/** `batch`: the transactional batch API (`POST /api/batch`), off by default. */
import { CheckRow, NumberRow, type SectionProps } from './settings-fields.js';

export function BatchSection({ value, onChange, errors }: SectionProps<'batch'>) {
  return (
    <fieldset>
      <legend>Batch API</legend>
      <CheckRow label="Enable the batch API" checked={value.enabled} onChange={(enabled) => onChange({ enabled })} />
      <div className="grid-2">
        <NumberRow id="set-batch-max-requests" label="Max requests per batch" value={value.maxRequests} error={errors.maxRequests} onChange={(maxRequests) => onChange({ maxRequests })} />
        <NumberRow id="set-batch-timeout" label="Timeout (seconds)" value={value.timeout} error={errors.timeout} onChange={(timeout) => onChange({ timeout })} />
        <NumberRow
          id="set-batch-max-body"
          label="Max body size (bytes)"
          hint="0: the server's body limit."
          value={value.maxBodySize}
          error={errors.maxBodySize}
          onChange={(maxBodySize) => onChange({ maxBodySize })}
        />
      </div>
    </fieldset>
  );
}
