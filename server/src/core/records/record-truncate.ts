/**
 * Delete every record of a collection (collections API, superusers only), each with the same reference
 * cascade as a single delete, all in one transaction.
 */
import { AppError, forbidden } from '../errors.js';
import { lockedMessage } from '../rules/rule-condition.js';
import { requireWritable } from './record-access.js';
import { deleteWithCascade, RequiredReferenceError } from './record-cascade.js';
import { withFileChanges } from './record-files.js';
import type { RecordsContext } from './records-context.js';

const batchSize = 500;

export async function truncateRecords(ctx: RecordsContext, collectionName: string): Promise<void> {
  if (!ctx.caller.isSuperuser) throw forbidden(lockedMessage);
  const collection = ctx.app.collections.require(collectionName);
  requireWritable(collection);
  const table = ctx.app.collections.table(collection);
  try {
    await withFileChanges(ctx, (files) =>
      ctx.session.transaction(async (tx) => {
        for (;;) {
          const rows = await tx.find({ table, limit: batchSize });
          if (rows.length === 0) return;
          const deleting = new Set<string>();
          for (const row of rows) {
            if (deleting.has(`${collection.id}/${String(row.id)}`)) continue;
            await deleteWithCascade(ctx.app, tx, collection, row, deleting, files);
          }
        }
      }),
    );
  } catch (err) {
    if (err instanceof RequiredReferenceError) {
      throw new AppError('bad_request', 'Failed to truncate collection (most likely due to required relation references).', {}, err);
    }
    throw err;
  }
}
