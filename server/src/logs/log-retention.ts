/**
 * Retention: request logs older than settings.logs.maxDays are deleted by an hourly cron job (one run per
 * tick across instances). Deletes go in bounded batches so a large backlog never holds one long transaction.
 */
import type { App } from '../core/app.js';
import { LOGS } from '../core/collections/collection-system-builtins.js';
import { formatDateTime } from '../core/datetime.js';
import { basePath } from '../core/rules/condition-build.js';

export const PRUNE_LOGS_JOB = 'logs:prune';
/** PocketBase's id for the same cron. */
export const PRUNE_LOGS_SCHEDULE = '__pbLogsCleanup__';
const BATCH = 500;
const DAY_MS = 86_400_000;

const createdLeaf = { name: 'created', type: 'autodate', storage: 'text', multiple: false } as const;

/** Deletes the records of a system collection created more than `days` ago; returns how many. */
export async function pruneCreatedBefore(app: App, collectionName: string, days: number): Promise<number> {
  const collection = app.collections.get(collectionName);
  if (!collection) return 0;
  const table = app.collections.table(collection);
  const cutoff = formatDateTime(new Date(app.now().getTime() - days * DAY_MS));
  const where = { kind: 'compare', op: 'lt', quantifier: 'all', left: basePath(createdLeaf), right: { kind: 'literal', value: cutoff } } as const;
  let deleted = 0;
  for (;;) {
    const rows = await app.storage.find({ table, where, limit: BATCH });
    if (rows.length === 0) return deleted;
    await app.storage.transaction(async (tx) => {
      for (const row of rows) if (await tx.delete(table, String(row.id))) deleted++;
    });
    if (rows.length < BATCH) return deleted;
  }
}

/** maxDays 0 means logs are off: whatever is left goes. */
export const pruneLogs = (app: App): Promise<number> => pruneCreatedBefore(app, LOGS, app.settings.get().logs.maxDays);

export async function registerLogRetention(app: App): Promise<void> {
  app.jobs.define({ name: PRUNE_LOGS_JOB, handle: async () => void (await pruneLogs(app)), options: { attempts: 3 } });
  await app.jobs.schedule(PRUNE_LOGS_SCHEDULE, '0 * * * *', PRUNE_LOGS_JOB);
}
