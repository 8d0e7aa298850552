import { isPlinthError } from '@plinth/sdk';

/** A human line for any error, with the first field error when the server sent some. */
export function errorMessage(error: unknown): string {
  if (isPlinthError(error)) {
    const fields = Object.entries(error.fieldErrors);
    if (fields.length) return `${error.message} ${fields.map(([k, v]) => `${k}: ${v.message}`).join('; ')}`;
    return error.status === 0 && !error.isAbort ? 'Cannot reach the server.' : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Field errors of a failed save, by field name (for inline display). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!isPlinthError(error)) return {};
  return Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [k, v.message]));
}
