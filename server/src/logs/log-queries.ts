/**
 * `/api/logs` use cases over the `_logs` system collection: list (the records list with its filter and sort
 * language over id, created, level, message and data.*), view, and hourly stats.
 */
import type { App } from '../core/app.js';
import { LOGS } from '../core/collections/collection-system-builtins.js';
import { notFound } from '../core/errors.js';
import { listRecords, type ListParams } from '../core/records/record-list.js';
import type { RecordsContext } from '../core/records/records-context.js';
import { resolveExpression, resolveSortText } from '../core/rules/rule-condition.js';
import { findById } from '../core/rules/rule-match.js';
import { emptyRequestInfo } from '../filter/request.js';
import { toLogJSON, type LogJSON } from './log-entry.js';

const superuserContext = (app: App): RecordsContext => ({
  app,
  session: app.storage,
  caller: { request: emptyRequestInfo(), isSuperuser: true },
});

/** PocketBase's console sorts logs by `@rowid`; creation time is the same order here. */
const sortOf = (sort: string | undefined) => (sort?.trim() ? sort.replace(/@rowid\b/g, 'created') : '-created');

export async function listLogs(app: App, params: Pick<ListParams, 'page' | 'perPage' | 'sort' | 'filter' | 'skipTotal'>) {
  const page = await listRecords(superuserContext(app), LOGS, { ...params, sort: sortOf(params.sort) });
  return { ...page, items: page.items.map(toLogJSON) };
}

export async function viewLog(app: App, id: string): Promise<LogJSON> {
  const collection = app.collections.require(LOGS);
  const row = await findById(app.storage, app.collections.table(collection), id);
  if (!row) throw notFound();
  return toLogJSON(row);
}

const STATS_PAGE = 5000;

/** Entries per hour (only hours that have some), oldest first: `[{date: "YYYY-MM-DD HH:00:00.000Z", total}]`. */
export async function logStats(app: App, filter: string | undefined): Promise<{ date: string; total: number }[]> {
  const collection = app.collections.require(LOGS);
  const table = app.collections.table(collection);
  const request = emptyRequestInfo();
  const where = filter?.trim() ? resolveExpression(app, collection, filter, request, false) : undefined;
  const sort = resolveSortText(app, collection, 'created', request, false);
  const totals = new Map<string, number>();
  for (let offset = 0; ; offset += STATS_PAGE) {
    const rows = await app.storage.find({ table, where, sort, limit: STATS_PAGE, offset });
    for (const row of rows) {
      const hour = String(row.created ?? '').slice(0, 13) + ':00:00.000Z';
      totals.set(hour, (totals.get(hour) ?? 0) + 1);
    }
    if (rows.length < STATS_PAGE) break;
  }
  return [...totals].map(([date, total]) => ({ date, total }));
}

export async function deleteAllLogs(app: App): Promise<void> {
  await app.storage.truncate(app.collections.table(app.collections.require(LOGS)));
}
