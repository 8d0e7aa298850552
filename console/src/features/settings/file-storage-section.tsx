/**
 * `s3`: where uploaded files live, the local data dir or an S3-compatible bucket. The secret is write-only, like
 * the SMTP password; the connection test runs against the saved settings.
 */
import { useTestS3 } from '../../data/settings/settings-queries.js';
import { errorMessage } from '../../ui/error-message.js';
import { CheckRow, TextRow, type SectionProps } from './settings-fields.js';

export function FileStorageSection({ value, onChange, errors, dirty }: SectionProps<'s3'> & { dirty: boolean }) {
  const test = useTestS3();
  return (
    <fieldset>
      <legend>File storage</legend>
      <CheckRow label="Store files in S3-compatible storage (off: the local data directory)" checked={value.enabled} onChange={(enabled) => onChange({ enabled })} />
      {value.enabled && (
        <>
          <div className="grid-2">
            <TextRow id="set-s3-endpoint" label="Endpoint" placeholder="https://s3.example.com" value={value.endpoint} error={errors.endpoint} onChange={(endpoint) => onChange({ endpoint })} />
            <TextRow id="set-s3-bucket" label="Bucket" value={value.bucket} error={errors.bucket} onChange={(bucket) => onChange({ bucket })} />
            <TextRow id="set-s3-region" label="Region" value={value.region} error={errors.region} onChange={(region) => onChange({ region })} />
            <TextRow id="set-s3-access-key" label="Access key" value={value.accessKey} error={errors.accessKey} onChange={(accessKey) => onChange({ accessKey })} />
            <TextRow
              id="set-s3-secret"
              type="password"
              autoComplete="new-password"
              label="Secret"
              hint="Leave empty to keep the stored one."
              value={value.secret ?? ''}
              error={errors.secret}
              onChange={(secret) => onChange({ secret })}
            />
          </div>
          <CheckRow label="Force path-style addressing" checked={value.forcePathStyle} onChange={(forcePathStyle) => onChange({ forcePathStyle })} />
          <div className="inline-inputs">
            <button type="button" className="btn" disabled={test.isPending || dirty} onClick={() => test.mutate('storage')}>
              {test.isPending ? 'Testing…' : 'Test S3 connection'}
            </button>
            {dirty && <small className="hint">Save first: the test uses the saved settings.</small>}
          </div>
          {test.isSuccess && <p className="ok-text">S3 connection works.</p>}
          {test.isError && (
            <p className="field-error" role="alert">
              {errorMessage(test.error)}
            </p>
          )}
        </>
      )}
    </fieldset>
  );
}
