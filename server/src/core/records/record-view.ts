/** View one record: 403 for a locked viewRule, 404 when missing or rejected by the rule (indistinguishable). */
import { notFound } from '../errors.js';
import { findById } from '../rules/rule-match.js';
import { accessCondition, toSingleResponse } from './record-access.js';
import type { RecordJSON, RecordsContext } from './records-context.js';

export async function viewRecord(
  ctx: RecordsContext,
  collectionName: string,
  id: string,
  opts: { expand?: string } = {},
): Promise<RecordJSON> {
  const collection = ctx.app.collections.require(collectionName);
  const condition = accessCondition(ctx, collection, 'viewRule');
  const row = await findById(ctx.session, ctx.app.collections.table(collection), id, condition);
  if (!row) throw notFound();
  return toSingleResponse(ctx, collection, row, opts.expand);
}
