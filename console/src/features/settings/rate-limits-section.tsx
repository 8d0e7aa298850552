/** `rateLimits`: rules by label (`*:auth`, `posts:create`, `/api/`, `POST /api/x`) and audience, plus exempt IPs. */
import type { ReactNode } from 'react';
import type { RateLimitAudience, RateLimitRule } from '../../data/settings/settings-model.js';
import { CheckRow, listError, ListRow, type SectionProps } from './settings-fields.js';

const AUDIENCES: { value: RateLimitAudience; label: string }[] = [
  { value: '', label: 'Everyone' },
  { value: '@guest', label: 'Guests' },
  { value: '@auth', label: 'Signed-in' },
];

const newRule = (): RateLimitRule => ({ label: '', audience: '', duration: 10, maxRequests: 100 });

export function RateLimitsSection({ value, onChange, errors }: SectionProps<'rateLimits'>) {
  const setRule = (i: number, patch: Partial<RateLimitRule>) => onChange({ rules: value.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const rulesError = errors.rules;
  return (
    <fieldset>
      <legend>Rate limits</legend>
      <CheckRow label="Enable rate limiting" checked={value.enabled} onChange={(enabled) => onChange({ enabled })} />
      <div className="table-wrap">
        <table className="table rate-limit-rules">
          <thead>
            <tr>
              <th>Label</th>
              <th>Audience</th>
              <th>Window (s)</th>
              <th>Max requests</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {value.rules.map((rule, i) => (
              <RuleRow key={i} index={i} rule={rule} errors={errors} onChange={(patch) => setRule(i, patch)} onRemove={() => onChange({ rules: value.rules.filter((_, j) => j !== i) })} />
            ))}
          </tbody>
        </table>
      </div>
      {rulesError && <p className="field-error">{rulesError}</p>}
      <div className="inline-inputs">
        <button type="button" className="btn btn-small" onClick={() => onChange({ rules: [...value.rules, newRule()] })}>
          + Add rule
        </button>
      </div>
      <ListRow
        id="set-rate-excluded-ips"
        label="Excluded IPs"
        placeholder="127.0.0.1, ::1"
        value={value.excludedIPs}
        error={listError(errors, 'excludedIPs')}
        onChange={(excludedIPs) => onChange({ excludedIPs })}
      />
    </fieldset>
  );
}

function RuleRow({ index, rule, errors, onChange, onRemove }: { index: number; rule: RateLimitRule; errors: Record<string, string>; onChange(patch: Partial<RateLimitRule>): void; onRemove(): void }) {
  const n = index + 1;
  const error = (key: keyof RateLimitRule) => errors[`rules.${index}.${key}`];
  const cell = (key: keyof RateLimitRule, input: ReactNode) => (
    <td className={error(key) ? 'has-error' : undefined}>
      {input}
      {error(key) && (
        <small className="field-error" role="alert">
          {error(key)}
        </small>
      )}
    </td>
  );
  const number = (key: 'duration' | 'maxRequests', label: string) => (
    <input aria-label={`Rule ${n} ${label}`} type="number" value={rule[key]} aria-invalid={!!error(key)} onChange={(e) => onChange({ [key]: e.target.value === '' ? 0 : Number(e.target.value) })} />
  );
  return (
    <tr>
      {cell('label', <input aria-label={`Rule ${n} label`} placeholder="/api/" value={rule.label} aria-invalid={!!error('label')} onChange={(e) => onChange({ label: e.target.value })} />)}
      {cell(
        'audience',
        <select aria-label={`Rule ${n} audience`} value={rule.audience} onChange={(e) => onChange({ audience: e.target.value as RateLimitAudience })}>
          {AUDIENCES.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>,
      )}
      {cell('duration', number('duration', 'window'))}
      {cell('maxRequests', number('maxRequests', 'max requests'))}
      <td className="actions">
        <button type="button" className="btn btn-small btn-ghost" aria-label={`Remove rule ${n}`} onClick={onRemove}>
          ✕
        </button>
      </td>
    </tr>
  );
}
