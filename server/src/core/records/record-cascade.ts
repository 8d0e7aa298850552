/**
 * Deleting a record and cleaning up the references to it, inside the caller's transaction: every record
 * pointing at it loses the id; when the relation becomes empty a cascadeDelete field deletes that record too
 * (recursively), a required field blocks the whole delete, and otherwise the shortened value is saved.
 */
import type { LeafField } from '../../filter/condition.js';
import type { RecordData, StorageSession } from '../../storage/port.js';
import type { App } from '../app.js';
import type { Collection, Field } from '../collections/model.js';
import { AppError } from '../errors.js';
import { referencesAny } from '../rules/condition-build.js';
import { buildDraft, rowForStorage } from './record-draft.js';
import { appendRecordEvent, type EventActor } from './record-events.js';
import { recordDeleted, type FileChangeLog } from './record-files.js';
import { relationTarget, valueList } from './record-fields.js';

export const requiredReferenceMessage =
  'Failed to delete record. Make sure that the record is not part of a required relation reference.';

export class RequiredReferenceError extends AppError {
  constructor(message = requiredReferenceMessage) {
    super('bad_request', message);
  }
}

interface Reference {
  collection: Collection;
  field: Field;
  leaf: LeafField;
}

function referencesTo(app: App, target: Collection): Reference[] {
  const out: Reference[] = [];
  for (const collection of app.collections.all()) {
    if (collection.type === 'view') continue;
    const schema = app.collections.schema.collection(collection.id);
    for (const field of collection.fields) {
      if (relationTarget(field) !== target.id) continue;
      const leaf = schema?.fields.find((f) => f.name === field.name);
      if (leaf) out.push({ collection, field, leaf: { name: leaf.name, type: leaf.type, storage: leaf.storage, multiple: leaf.multiple } });
    }
  }
  return out;
}

/** Deletes the stored `record` of `collection` with cascade. `deleting` guards against reference cycles. */
export async function deleteWithCascade(
  app: App,
  tx: StorageSession,
  collection: Collection,
  record: RecordData,
  deleting: Set<string> = new Set(),
  files?: FileChangeLog,
  /** Who asked for the delete; cascaded changes are attributed to them too. */
  actor?: EventActor | null,
): Promise<void> {
  const id = String(record.id);
  deleting.add(`${collection.id}/${id}`);
  for (const ref of referencesTo(app, collection)) {
    const table = app.collections.table(ref.collection);
    const rows = await tx.find({ table, where: referencesAny(ref.leaf, [id]) });
    for (const row of rows) {
      const rowId = String(row.id);
      if (deleting.has(`${ref.collection.id}/${rowId}`)) continue;
      await detachReference(app, tx, ref, row, id, deleting, files, actor);
    }
  }
  await app.recordDeleteWatcher?.beforeDelete(tx, collection, record).catch((err: unknown) => {
    app.logger.warn('record delete watcher failed', { collection: collection.name, error: String(err) });
  });
  if (await tx.delete(app.collections.table(collection), id)) {
    recordDeleted(files, collection, id);
    await appendRecordEvent(app, tx, 'record.deleted', collection, record, undefined, actor);
  }
}

async function detachReference(
  app: App,
  tx: StorageSession,
  ref: Reference,
  row: RecordData,
  id: string,
  deleting: Set<string>,
  files?: FileChangeLog,
  actor?: EventActor | null,
) {
  const remaining = valueList(row[ref.field.name]).filter((v) => v !== id);
  if (remaining.length === 0) {
    if (ref.field.cascadeDelete === true) return deleteWithCascade(app, tx, ref.collection, row, deleting, files, actor);
    if (ref.field.required === true) throw new RequiredReferenceError();
  }
  const value = ref.leaf.multiple ? remaining : (remaining[0] ?? '');
  const draft = buildDraft(ref.collection, { [ref.field.name]: value }, {
    collection: ref.collection,
    existing: row,
    isNew: false,
    now: app.now(),
  });
  const updated = await tx.update(app.collections.table(ref.collection), String(row.id), rowForStorage(draft, false));
  if (updated) await appendRecordEvent(app, tx, 'record.updated', ref.collection, updated, row, actor);
}
