/**
 * The outbox table. Inside a transaction, appended events wait in a per-transaction buffer and are written by
 * one multi-row INSERT just before the outermost COMMIT: a write transaction pays one statement for its
 * events, a rolled-back savepoint simply drops its buffer, and the window between an event's seq being
 * assigned and its commit (the source of "gaps", see events/README.md) stays one round trip wide.
 */
import type { Knex } from 'knex';
import type { OutboxEvent, StoredOutboxEvent } from '../port.js';
import { EVENTS_TABLE } from './sql-migrations.js';
import { runSystemSql } from './sql-record-statements.js';

/** Events appended inside one (sub)transaction, not yet written. */
export type PendingEvents = OutboxEvent[];

/** PostgreSQL caps a statement at 65535 bindings (4 per event); only huge transactions (a truncate) split. */
const ROWS_PER_INSERT = 2_000;

export async function insertEvents(db: Knex, events: OutboxEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += ROWS_PER_INSERT) {
    await db(EVENTS_TABLE).insert(
      events.slice(i, i + ROWS_PER_INSERT).map((e) => ({
        id: e.id,
        type: e.type,
        data: db.raw('?::jsonb', [JSON.stringify(e.data ?? null)]),
        occurred_at: e.occurredAt,
      })),
    );
  }
}

interface EventRow {
  seq: number;
  id: string;
  type: string;
  data: unknown;
  occurred_at: Date | string;
}

/** Every consumer's read, many times a second under writes: a named statement, off knex's query builder. */
const READ_EVENTS = `SELECT "seq", "id", "type", "data", "occurred_at" FROM "${EVENTS_TABLE}" WHERE "seq" > ? ORDER BY "seq" LIMIT ?`;

export async function readEvents(db: Knex, afterSeq: number, limit: number): Promise<StoredOutboxEvent[]> {
  const rows = (await runSystemSql(db, READ_EVENTS, [afterSeq, Math.max(1, Math.floor(limit))])).rows as unknown as EventRow[];
  return rows.map((r) => ({
    seq: Number(r.seq),
    id: r.id,
    type: r.type,
    data: r.data,
    occurredAt: new Date(r.occurred_at).toISOString(),
  }));
}

export async function latestEventSeq(db: Knex): Promise<number> {
  const row = (await db(EVENTS_TABLE).max('seq as seq').first()) as { seq: number | string | null } | undefined;
  return row?.seq == null ? 0 : Number(row.seq);
}

export async function pruneEvents(db: Knex, upToSeq: number, occurredBefore: string): Promise<number> {
  return db(EVENTS_TABLE).where('seq', '<=', upToSeq).andWhere('occurred_at', '<', occurredBefore).del();
}
