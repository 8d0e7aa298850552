/** `meta`: the application's name and URL, and the sender of its emails. */
import { TextRow, type SectionProps } from './settings-fields.js';

export function ApplicationSection({ value, onChange, errors }: SectionProps<'meta'>) {
  return (
    <fieldset>
      <legend>Application</legend>
      <div className="grid-2">
        <TextRow id="set-app-name" label="Application name" value={value.appName} error={errors.appName} onChange={(appName) => onChange({ appName })} />
        <TextRow id="set-app-url" label="Application URL" value={value.appURL} error={errors.appURL} onChange={(appURL) => onChange({ appURL })} />
        <TextRow id="set-sender-name" label="Sender name" value={value.senderName} error={errors.senderName} onChange={(senderName) => onChange({ senderName })} />
        <TextRow
          id="set-sender-address"
          type="email"
          label="Sender address"
          value={value.senderAddress}
          error={errors.senderAddress}
          onChange={(senderAddress) => onChange({ senderAddress })}
        />
      </div>
    </fieldset>
  );
}
