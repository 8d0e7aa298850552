/**
 * File parts of a request -> the uploads records use cases take (content-sniffed), plus the extra body size a
 * record write may use for its files (contract 9: the body limit grows by the file fields' max sizes).
 */
import type { App } from '../../core/app.js';
import { fileMaxSize } from '../../core/collections/field-types/file.js';
import { intOption } from '../../core/collections/field-types/field-common.js';
import { toFileUpload } from '../../files/mime-sniff.js';
import type { FileUpload } from '../../files/port.js';
import type { UploadedFile } from '../http-state.js';

export function toUploads(files: readonly UploadedFile[]): Promise<FileUpload[]> {
  return Promise.all(files.map((f) => toFileUpload(f.field, f.filename, f.data)));
}

const BATCH_PART = /^requests(?:\.(\d+)|\[(\d+)\])\.(.+)$/;

/** Batch file parts are named `requests.<i>.<field>` (or `requests[<i>].<field>`): the uploads of sub-request i. */
export async function batchUploads(files: readonly UploadedFile[]): Promise<Map<number, FileUpload[]>> {
  const out = new Map<number, FileUpload[]>();
  for (const f of files) {
    const m = BATCH_PART.exec(f.field);
    if (!m) continue;
    const index = Number(m[1] ?? m[2]);
    out.set(index, [...(out.get(index) ?? []), await toFileUpload(m[3], f.filename, f.data)]);
  }
  return out;
}

const RECORD_WRITE = /^\/api\/collections\/([^/]+)\/records(?:\/[^/]+)?$/;

/** Bytes the files of a record write to `path` may add to the body limit (0 for other paths). */
export function uploadAllowance(app: App, path: string): number {
  const m = RECORD_WRITE.exec(path);
  if (!m) return 0;
  let name: string;
  try {
    name = decodeURIComponent(m[1]);
  } catch {
    return 0;
  }
  const collection = app.collections.get(name);
  if (!collection) return 0;
  return collection.fields
    .filter((f) => f.type === 'file')
    .reduce((sum, f) => sum + fileMaxSize(f) * Math.max(intOption(f, 'maxSelect'), 1), 0);
}
