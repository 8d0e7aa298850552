/** `logs`: how long request logs are kept and what they record. */
import { FormRow } from '../../ui/page.js';
import { CheckRow, NumberRow, type SectionProps } from './settings-fields.js';

/** PocketBase's log levels (slog's). */
const LEVELS = [
  { value: -4, label: 'Debug' },
  { value: 0, label: 'Info' },
  { value: 4, label: 'Warn' },
  { value: 8, label: 'Error' },
];

export function LogsSection({ value, onChange, errors }: SectionProps<'logs'>) {
  return (
    <fieldset>
      <legend>Logs</legend>
      <div className="grid-2">
        <NumberRow id="set-logs-max-days" label="Keep request logs (days)" hint="0 turns request logs off." value={value.maxDays} error={errors.maxDays} onChange={(maxDays) => onChange({ maxDays })} />
        <FormRow label="Minimum level" htmlFor="set-logs-min-level" error={errors.minLevel}>
          <select id="set-logs-min-level" value={value.minLevel} onChange={(e) => onChange({ minLevel: Number(e.target.value) })}>
            {LEVELS.map((l) => (
              <option key={l.value} value={l.value}>
                {l.label}
              </option>
            ))}
          </select>
        </FormRow>
      </div>
      <div className="inline-inputs">
        <CheckRow label="Record the client IP" checked={value.logIP} onChange={(logIP) => onChange({ logIP })} />
        <CheckRow label="Record the auth id" checked={value.logAuthId} onChange={(logAuthId) => onChange({ logAuthId })} />
      </div>
    </fieldset>
  );
}
