/** Validation of the `s3` and `backups.s3` settings sections: an enabled section needs every connection value. */
import { fieldError, type FieldErrors } from '../errors.js';

const isURL = (value: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

export function validateS3Settings(raw: unknown): FieldErrors | null {
  if (!raw || typeof raw !== 'object') return null;
  const s3 = raw as Record<string, unknown>;
  if (s3.enabled !== true) return null;
  const errors: FieldErrors = {};
  for (const key of ['endpoint', 'bucket', 'region', 'accessKey', 'secret']) {
    if (typeof s3[key] !== 'string' || s3[key] === '') errors[key] = fieldError('validation_required', 'Cannot be blank.');
  }
  if (!errors.endpoint && !isURL(String(s3.endpoint))) errors.endpoint = fieldError('validation_is_url', 'Must be a valid URL.');
  return Object.keys(errors).length ? errors : null;
}
