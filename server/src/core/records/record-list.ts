/**
 * List records: the listRule (null → 403 for non-superusers) is ANDed with the client filter; rows it rejects
 * simply disappear. The count query runs only when the page alone cannot tell the total.
 */
import type { Condition, SortTerm } from '../../filter/condition.js';
import { and } from '../rules/condition-build.js';
import { resolveExpression, resolveSortText } from '../rules/rule-condition.js';
import { accessCondition, toResponse } from './record-access.js';
import { parseListPaging } from './record-list-params.js';
import type { RecordJSON, RecordsContext } from './records-context.js';

export interface ListParams {
  page?: string;
  perPage?: string;
  sort?: string;
  filter?: string;
  expand?: string;
  skipTotal?: string;
}

export interface RecordsPage {
  page: number;
  perPage: number;
  totalItems: number;
  totalPages: number;
  items: RecordJSON[];
}

export async function listRecords(ctx: RecordsContext, collectionName: string, params: ListParams = {}): Promise<RecordsPage> {
  const collection = ctx.app.collections.require(collectionName);
  const { page, perPage, skipTotal } = parseListPaging(params);
  const ruleCondition = accessCondition(ctx, collection, 'listRule');
  const client = !ctx.caller.isSuperuser;
  const request = ctx.caller.request;

  let filterCondition: Condition | undefined;
  if (params.filter?.trim()) filterCondition = resolveExpression(ctx.app, collection, params.filter, request, client);
  let sort: SortTerm[] | undefined;
  if (params.sort?.trim()) sort = resolveSortText(ctx.app, collection, params.sort, request, client);

  const table = ctx.app.collections.table(collection);
  const where = and(ruleCondition, filterCondition);
  const offset = (page - 1) * perPage;
  const rows = await ctx.session.find({ table, where, sort, limit: perPage, offset });

  let totalItems = -1;
  if (!skipTotal) {
    // A partially filled page ends the result set, so its total is known without counting.
    totalItems = (rows.length > 0 || offset === 0) && rows.length < perPage ? offset + rows.length : await ctx.session.count({ table, where });
  }
  const totalPages = skipTotal ? -1 : Math.ceil(totalItems / perPage);
  const items = await toResponse(ctx, collection, rows, params.expand);
  return { page, perPage, totalItems, totalPages, items };
}
