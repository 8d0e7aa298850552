/**
 * Delete one record (with reference cascade) in one transaction. 403 for a locked deleteRule, 404 when
 * missing or rejected, 400 when a required non-cascading relation still needs it.
 */
import { notFound } from '../errors.js';
import { findById } from '../rules/rule-match.js';
import { accessCondition, requireWritable } from './record-access.js';
import { deleteWithCascade } from './record-cascade.js';
import { withFileChanges } from './record-files.js';
import type { RecordsContext } from './records-context.js';
import { actorOf } from './record-events.js';
import { runRecordHook } from '../hooks/record-hook-run.js';
import type { RecordDeleteEvent } from '../hooks/record-hook-events.js';

/** Delete through the `recordDelete` hook chain (core/hooks); the built-in delete is its innermost handler. */
export async function deleteRecord(ctx: RecordsContext, collectionName: string, id: string): Promise<void> {
  const collection = ctx.app.collections.require(collectionName);
  const init = { collection, caller: ctx.caller, id };
  await runRecordHook<RecordDeleteEvent>(ctx, ctx.app.hooks?.recordDelete, init, (inner, e) => deleteRecordBuiltin(inner, collection.name, e.id), 'Failed to delete record.');
}

export async function deleteRecordBuiltin(ctx: RecordsContext, collectionName: string, id: string): Promise<void> {
  const collection = ctx.app.collections.require(collectionName);
  requireWritable(collection);
  const condition = accessCondition(ctx, collection, 'deleteRule');
  const table = ctx.app.collections.table(collection);
  await withFileChanges(ctx, (files) =>
    ctx.session.transaction(async (tx) => {
      const row = await findById(tx, table, id, condition);
      if (!row) throw notFound();
      await deleteWithCascade(ctx.app, tx, collection, row, new Set(), files, actorOf(ctx.caller));
    }),
  );
}
