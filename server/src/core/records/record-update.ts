/**
 * Partial update of one record. The updateRule is checked on the stored row with `@request.body` = the
 * submitted values after modifiers; failing it (or a missing record) is a 404. Auth records without manage
 * access need oldPassword to change the password and may not change email or verified.
 */
import type { FileUpload } from '../../files/port.js';
import type { RequestInfo } from '../../filter/request.js';
import type { FieldValueContext } from '../collections/field-type.js';
import { notFound, type FieldErrors } from '../errors.js';
import { hasManageAccess } from '../rules/manage-access.js';
import { findById, matchesCondition } from '../rules/rule-match.js';
import { accessCondition, assertNotLocked, requireWritable, toSingleResponse } from './record-access.js';
import { checkAuthInput, finalizeSecrets } from './record-auth-checks.js';
import { buildDraft, failure, rowForStorage, translateStorageErrors, validateDraft } from './record-draft.js';
import { mergeUploads, storeRecordFiles, withFileChanges } from './record-files.js';
import { actorOf, recordEvent } from './record-events.js';
import { writtenWriteOnly } from './record-fields.js';
import { readRecordInput } from './record-input.js';
import type { RecordJSON, RecordsContext } from './records-context.js';
import { hookResultMissing, runRecordHook } from '../hooks/record-hook-run.js';
import type { RecordUpdateEvent } from '../hooks/record-hook-events.js';

const failedMessage = 'Failed to update record.';

/** Update through the `recordUpdate` hook chain (core/hooks); the built-in update is its innermost handler. */
export async function updateRecord(
  ctx: RecordsContext,
  collectionName: string,
  id: string,
  body: Record<string, unknown>,
  opts: { expand?: string; files?: readonly FileUpload[] } = {},
): Promise<RecordJSON> {
  const collection = ctx.app.collections.require(collectionName);
  const init = { collection, caller: ctx.caller, id, body, files: opts.files ?? [], expand: opts.expand };
  const event = await runRecordHook<RecordUpdateEvent>(ctx, ctx.app.hooks?.recordUpdate, init, async (inner, e) => {
    e.record = await updateRecordBuiltin(inner, collection.name, e.id, e.body, { expand: e.expand, files: e.files });
  }, failedMessage);
  if (!event.record) throw hookResultMissing();
  return event.record;
}

export async function updateRecordBuiltin(
  ctx: RecordsContext,
  collectionName: string,
  id: string,
  body: Record<string, unknown>,
  opts: { expand?: string; files?: readonly FileUpload[] } = {},
): Promise<RecordJSON> {
  const { app, caller } = ctx;
  const collection = app.collections.require(collectionName);
  requireWritable(collection);
  assertNotLocked(ctx, collection, 'updateRule');
  const table = app.collections.table(collection);

  const uploads = mergeUploads(collection, body, opts.files);

  let revealed = new Set<string>();
  // No transaction of its own: everything before the write only reads (as a READ COMMITTED transaction would,
  // taking no locks), and the write commits the row with its event in one step (updateWithEvent). Inside a
  // caller's transaction (batch, hooks) all of it is part of that one.
  const tx = ctx.session;
  const row = await withFileChanges(ctx, async (files) => {
    const existing = await findById(tx, table, id);
    if (!existing) throw notFound();
    const valueContext: FieldValueContext = { collection, existing, isNew: false, now: app.now(), uploads: uploads.infos };
    const input = readRecordInput(uploads.body, { collection, isSuperuser: caller.isSuperuser, existing, valueContext });
    const request: RequestInfo = { ...caller.request, body: input.body };
    const condition = accessCondition({ ...ctx, caller: { ...caller, request } }, collection, 'updateRule');
    if (condition && !(await matchesCondition(tx, table, id, condition))) throw notFound();

    const manageAccess = caller.isSuperuser || (await hasManageAccess(app, tx, collection, request, id));
    const draft = buildDraft(collection, input.values, valueContext);
    const errors: FieldErrors = {
      ...(await checkAuthInput({ app, session: tx, collection, input, row: draft.row, existing, manageAccess })),
      ...(await validateDraft(app, tx, collection, draft, valueContext)),
    };
    if (Object.keys(errors).length > 0) throw failure(failedMessage, errors);

    const secrets = await finalizeSecrets(collection, draft.row, input, existing);
    const data = rowForStorage(draft, false, secrets);
    if (Object.keys(data).length === 0) return existing;
    await storeRecordFiles(app, collection, draft.row, uploads.pending, files, existing);
    const event = recordEvent(app, 'record.updated', collection, undefined, existing, actorOf(caller));
    const updated = await translateStorageErrors(failedMessage, () => tx.updateWithEvent(table, id, data, event));
    if (!updated) throw notFound();
    revealed = writtenWriteOnly(collection, data);
    return updated;
  });
  return toSingleResponse(ctx, collection, row, opts.expand, revealed);
}
