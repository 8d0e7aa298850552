/**
 * Files in record writes (contract 2.6, 7). Uploads are merged into the body under their key (`field`,
 * `field+`, `+field`) as freshly generated stored names, so the ordinary modifier logic of record-input.ts
 * decides the final value; the field type then checks sizes and sniffed types (via FieldValueContext.uploads).
 * Uploaded bytes are written inside the write's transaction; files of removed values or records are deleted
 * only AFTER the outermost transaction commits, and on rollback the new uploads are deleted instead.
 */
import { fileKey, recordFilesPrefix, thumbsPrefix, type FileUpload } from '../../files/port.js';
import type { App } from '../app.js';
import type { UploadInfo } from '../collections/field-type.js';
import { toUniqueStrings } from '../collections/field-types/field-common.js';
import type { Collection } from '../collections/model.js';
import { randomString } from '../ids.js';
import { valueList } from './record-fields.js';
import type { RecordsContext } from './records-context.js';

/** What a write did to file storage, settled once the outermost transaction has ended. */
export interface FileChangeLog {
  /** Keys written by this unit of work: deleted again on rollback. */
  uploaded: string[];
  /** Keys and key prefixes to delete after commit. */
  removed: string[];
  removedPrefixes: string[];
}

export const newFileChangeLog = (): FileChangeLog => ({ uploaded: [], removed: [], removedPrefixes: [] });

export const hasFileFields = (collection: Collection): boolean => collection.fields.some((f) => f.type === 'file');

/** PocketBase's extension: the last one, or the last two (".tar.gz"); "" when the name has no dot. */
function extractExtension(name: string): string {
  const last = name.lastIndexOf('.');
  if (last === -1) return '';
  const previous = name.lastIndexOf('.', last - 1);
  return previous >= 0 ? name.slice(previous) : name.slice(last);
}

/** PocketBase's inflector.Snakecase: split on non-word ASCII and `_`, break camelCase, lower-case. */
function snakecase(text: string): string {
  const words = text.split(/[^0-9A-Za-z]+/).filter(Boolean);
  return words
    .map((word) => word.replace(/(?<=[^A-Z])([A-Z])/g, '_$1'))
    .join('_')
    .toLowerCase();
}

/**
 * The stored name of an upload: snake_cased base name (random 10 chars appended when shorter than 3, cut at 100)
 * + `_` + 10 random [a-z0-9] + the sanitised extension (≤ 20 chars, from the content when the name has none).
 * The result never contains a path separator.
 */
export function storedFileName(original: string, sniffedExtension = ''): string {
  const base = original.split(/[\\/]/).pop() ?? '';
  const ext = extractExtension(base);
  let cleanExt = ext.replace(/[^\w.*\-+=#]+/g, '');
  if (cleanExt === '') cleanExt = sniffedExtension.replace(/[^\w.*\-+=#]+/g, '');
  if (cleanExt.length > 20) cleanExt = '.' + cleanExt.slice(-20);
  let name = snakecase(ext ? base.slice(0, -ext.length) : base);
  if (name.length < 3) name += randomString(10);
  else if (name.length > 100) name = name.slice(0, 100);
  return `${name}_${randomString(10)}${cleanExt}`;
}

function fileFieldOfKey(collection: Collection, key: string) {
  const name = key.startsWith('+') ? key.slice(1) : key.endsWith('+') ? key.slice(0, -1) : key;
  const field = collection.fields.find((f) => f.name === name);
  return field?.type === 'file' ? field : undefined;
}

/**
 * Puts every upload's stored name into the body under the key it came with, after the names sent as text
 * under the same key (so `documents=old.png` + new parts keeps old.png). Uploads under other keys are ignored.
 */
export function mergeUploads(
  collection: Collection,
  body: Record<string, unknown>,
  uploads: readonly FileUpload[] = [],
): { body: Record<string, unknown>; pending: Map<string, FileUpload>; infos: Map<string, UploadInfo> } {
  const pending = new Map<string, FileUpload>();
  const infos = new Map<string, UploadInfo>();
  if (uploads.length === 0) return { body, pending, infos };
  const merged: Record<string, unknown> = { ...body };
  const added = new Map<string, string[]>();
  for (const upload of uploads) {
    if (!fileFieldOfKey(collection, upload.key)) continue;
    const stored = storedFileName(upload.filename, upload.extension);
    pending.set(stored, upload);
    infos.set(stored, { filename: upload.filename, size: upload.data.byteLength, mimeType: upload.mimeType });
    added.set(upload.key, [...(added.get(upload.key) ?? []), stored]);
  }
  for (const [key, names] of added) merged[key] = [...toUniqueStrings(body[key]), ...names];
  return { body: merged, pending, infos };
}

/**
 * Writes the uploads the saved row references and records which stored files the save drops. `existing` is the
 * row before an update (undefined on create).
 */
export async function storeRecordFiles(
  app: App,
  collection: Collection,
  row: Record<string, unknown>,
  pending: ReadonlyMap<string, FileUpload>,
  log: FileChangeLog,
  existing?: Record<string, unknown>,
): Promise<void> {
  const id = String(row.id);
  for (const field of collection.fields) {
    if (field.type !== 'file') continue;
    const names = valueList(row[field.name]);
    for (const name of names) {
      const upload = pending.get(name);
      if (!upload) continue;
      const key = fileKey(collection.id, id, name);
      log.uploaded.push(key);
      await app.files.put(key, upload.data, upload.mimeType);
    }
    for (const old of valueList(existing?.[field.name])) {
      if (names.includes(old)) continue;
      log.removed.push(fileKey(collection.id, id, old));
      log.removedPrefixes.push(thumbsPrefix(collection.id, id, old));
    }
  }
}

/** Marks a deleted record's whole file directory (originals and thumbs) for deletion after commit. */
export function recordDeleted(log: FileChangeLog | undefined, collection: Collection, id: string): void {
  if (log && hasFileFields(collection)) log.removedPrefixes.push(recordFilesPrefix(collection.id, id));
}

/** Applies a finished unit of work: after commit the dropped files go, after rollback the new uploads go. */
export async function settleFileChanges(app: App, log: FileChangeLog, committed: boolean): Promise<void> {
  const work = committed
    ? [...log.removed.map((key) => () => app.files.delete(key)), ...log.removedPrefixes.map((p) => () => app.files.deletePrefix(p))]
    : log.uploaded.map((key) => () => app.files.delete(key));
  for (const run of work) {
    // The database is already settled: a storage hiccup leaves an orphan file, never a failed request.
    await Promise.resolve()
      .then(run)
      .catch((err: unknown) => app.logger.warn('file cleanup failed', { error: String(err) }));
  }
}

/**
 * Runs a write with a file change log. Inside a caller-owned unit of work (batch) the caller's log is used and
 * settled by the caller after ITS transaction; otherwise this write's own transaction is the outermost one.
 */
export async function withFileChanges<T>(ctx: RecordsContext, write: (log: FileChangeLog) => Promise<T>): Promise<T> {
  if (ctx.fileChanges) return write(ctx.fileChanges);
  const log = newFileChangeLog();
  let result: T;
  try {
    result = await write(log);
  } catch (err) {
    await settleFileChanges(ctx.app, log, false);
    throw err;
  }
  await settleFileChanges(ctx.app, log, true);
  return result;
}
