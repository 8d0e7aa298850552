/**
 * Create a record. The createRule is checked on the submitted values: inside the transaction the record is
 * inserted, then counted with the rule condition; no match rolls everything back with 400 and empty data.
 * `verified` on auth records needs manage access, which is likewise judged on the inserted row. A create with
 * neither check needs no transaction: one atomic insert of the row with its event.
 */
import type { FileUpload } from '../../files/port.js';
import type { RequestInfo } from '../../filter/request.js';
import type { FieldValueContext } from '../collections/field-type.js';
import type { FieldErrors } from '../errors.js';
import { hasManageAccess } from '../rules/manage-access.js';
import { matchesCondition } from '../rules/rule-match.js';
import { accessCondition, assertNotLocked, requireWritable, toSingleResponse } from './record-access.js';
import { checkAuthInput, finalizeSecrets, verifiedMismatch } from './record-auth-checks.js';
import { buildDraft, type Draft, failure, rowForStorage, translateStorageErrors, validateDraft } from './record-draft.js';
import type { RecordData, StorageSession } from '../../storage/port.js';
import { type FileChangeLog, mergeUploads, storeRecordFiles, withFileChanges } from './record-files.js';
import { actorOf, appendRecordEvent, recordEvent } from './record-events.js';
import { writtenWriteOnly } from './record-fields.js';
import { readRecordInput } from './record-input.js';
import type { RecordJSON, RecordsContext } from './records-context.js';
import { hookResultMissing, runRecordHook } from '../hooks/record-hook-run.js';
import type { RecordCreateEvent } from '../hooks/record-hook-events.js';

const failedMessage = 'Failed to create record.';

/** Create through the `recordCreate` hook chain (core/hooks); the built-in create is its innermost handler. */
export async function createRecord(
  ctx: RecordsContext,
  collectionName: string,
  body: Record<string, unknown>,
  opts: { expand?: string; files?: readonly FileUpload[] } = {},
): Promise<RecordJSON> {
  const collection = ctx.app.collections.require(collectionName);
  const init = { collection, caller: ctx.caller, body, files: opts.files ?? [], expand: opts.expand };
  const event = await runRecordHook<RecordCreateEvent>(ctx, ctx.app.hooks?.recordCreate, init, async (inner, e) => {
    e.record = await createRecordBuiltin(inner, collection.name, e.body, { expand: e.expand, files: e.files });
  }, failedMessage);
  if (!event.record) throw hookResultMissing();
  return event.record;
}

export async function createRecordBuiltin(
  ctx: RecordsContext,
  collectionName: string,
  body: Record<string, unknown>,
  opts: { expand?: string; files?: readonly FileUpload[] } = {},
): Promise<RecordJSON> {
  const { app, caller } = ctx;
  const collection = app.collections.require(collectionName);
  requireWritable(collection);
  assertNotLocked(ctx, collection, 'createRule');
  const uploads = mergeUploads(collection, body, opts.files);
  const valueContext: FieldValueContext = { collection, isNew: true, now: app.now(), uploads: uploads.infos };
  const input = readRecordInput(uploads.body, { collection, isSuperuser: caller.isSuperuser, valueContext });
  const request: RequestInfo = { ...caller.request, body: input.body };
  const ruleCtx: RecordsContext = { ...ctx, caller: { ...caller, request } };
  const condition = accessCondition(ruleCtx, collection, 'createRule');

  const table = app.collections.table(collection);
  const row = await withFileChanges(ctx, async (files) => {
    const draft = buildDraft(collection, input.values, valueContext);
    // As in PocketBase, rules never see a self-granted `verified` on the new row.
    const wantsVerified = collection.type === 'auth' && !caller.isSuperuser && draft.row.verified === true;
    // Checks on the inserted row (the createRule, a self-granted `verified`) need a transaction to undo the
    // insert. Without them everything before the insert only reads, and the insert commits with its event in
    // one step (insertWithEvent); inside a caller's transaction (batch, hooks) it is all part of that one.
    const checksInserted = Boolean(condition) || wantsVerified;
    const write = (tx: StorageSession) => insertChecked(tx, draft, wantsVerified, checksInserted, files);
    return checksInserted ? ctx.session.transaction(write) : write(ctx.session);
  });
  return toSingleResponse(ctx, collection, row, opts.expand, writtenWriteOnly(collection, row));

  async function insertChecked(tx: StorageSession, draft: Draft, wantsVerified: boolean, checksInserted: boolean, files: FileChangeLog): Promise<RecordData> {
    const errors: FieldErrors = {
      ...(await checkAuthInput({ app, session: tx, collection, input, row: draft.row, manageAccess: caller.isSuperuser })),
      ...(await validateDraft(app, tx, collection, draft, valueContext)),
    };
    if (Object.keys(errors).length > 0) throw failure(failedMessage, errors);

    if (wantsVerified) draft.row.verified = false;
    await finalizeSecrets(collection, draft.row, input);

    await storeRecordFiles(app, collection, draft.row, uploads.pending, files);
    if (!checksInserted) {
      const event = recordEvent(app, 'record.created', collection, undefined, undefined, actorOf(caller));
      return translateStorageErrors(failedMessage, () => tx.insertWithEvent(table, rowForStorage(draft, true), event));
    }
    const stored = await translateStorageErrors(failedMessage, () => tx.insert(table, rowForStorage(draft, true)));
    const id = String(stored.id);
    if (condition && !(await matchesCondition(tx, table, id, condition))) throw failure(failedMessage);
    let created = stored;
    if (wantsVerified) {
      if (!(await hasManageAccess(app, tx, collection, request, id))) throw failure(failedMessage, verifiedMismatch());
      created = (await tx.update(table, id, { verified: true })) ?? stored;
    }
    await appendRecordEvent(app, tx, 'record.created', collection, created, undefined, actorOf(caller));
    return created;
  }
}
