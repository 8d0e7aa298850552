/** Encoding of values for the wire: query strings, datetimes and record bodies (JSON or multipart). */

/** `YYYY-MM-DD HH:MM:SS.mmmZ`, the server's datetime format. */
export function formatDate(date: Date): string {
  return date.toISOString().replace('T', ' ');
}

export type QueryValue = string | number | boolean | Date | null | undefined | readonly unknown[] | object;
export type Query = Record<string, QueryValue>;

/** null/undefined are skipped, Dates formatted, arrays repeated, objects sent as JSON. */
export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  const scalar = (v: unknown): string =>
    v instanceof Date ? formatDate(v) : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, scalar(item));
    else params.append(key, scalar(value));
  }
  const text = params.toString();
  return text ? '?' + text : '';
}

const isBlob = (v: unknown): v is Blob => typeof Blob !== 'undefined' && v instanceof Blob;
const isBinary = (v: unknown): v is Uint8Array => v instanceof Uint8Array;
const isFileValue = (v: unknown) => isBlob(v) || isBinary(v);

/** True when the body holds files (Blob/File/Uint8Array/Buffer, directly or in an array) and must be multipart. */
export function hasFiles(body: Record<string, unknown>): boolean {
  return Object.values(body).some((v) => isFileValue(v) || (Array.isArray(v) && v.some(isFileValue)));
}

function appendFile(form: FormData, key: string, value: Blob | Uint8Array): void {
  if (isBlob(value)) form.append(key, value, (value as File).name || 'file');
  else form.append(key, new Blob([value as Uint8Array<ArrayBuffer>]), 'file');
}

/**
 * Multipart body as PocketBase's SDK sends it: files as file parts, filenames kept next to new files as text
 * parts of the same key, every other value in one `@jsonPayload` part (so types survive).
 */
export function toFormData(body: Record<string, unknown>, form: FormData = new FormData(), prefix = ''): FormData {
  const json: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    const name = prefix + key;
    if (isFileValue(value)) appendFile(form, name, value);
    else if (Array.isArray(value) && value.some(isFileValue)) {
      for (const item of value) {
        if (isFileValue(item)) appendFile(form, name, item);
        else form.append(name, String(item));
      }
    } else json[key] = value;
  }
  if (Object.keys(json).length) {
    if (prefix) for (const [k, v] of Object.entries(json)) form.append(prefix + k, JSON.stringify(v));
    else form.append('@jsonPayload', JSON.stringify(json));
  }
  return form;
}
