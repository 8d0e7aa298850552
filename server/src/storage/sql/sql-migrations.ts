/**
 * Plinth's own system schema, versioned. Each step runs once, in order, inside one transaction that holds a
 * transaction-scoped advisory lock, so several instances starting at once against the same database migrate
 * exactly once and the others simply find the work done.
 */
import type { Knex } from 'knex';

export const COLLECTIONS_TABLE = '_plinth_collections';
export const KV_TABLE = '_plinth_kv';
export const EVENTS_TABLE = '_plinth_events';
export const JOBS_TABLE = '_plinth_jobs';
const VERSION_TABLE = '_plinth_schema_version';

/** Arbitrary but fixed key for pg_advisory_xact_lock: "plinth" in ASCII. */
const MIGRATION_LOCK_KEY = 0x706c696e7468;

type Step = (trx: Knex.Transaction) => Promise<unknown>;

/** Append-only: never edit a released step, add a new one. */
const STEPS: Step[] = [
  async (trx) => {
    await trx.raw(
      `CREATE TABLE "${COLLECTIONS_TABLE}" (
        "id" text NOT NULL PRIMARY KEY,
        "document" jsonb NOT NULL,
        "position" bigint GENERATED ALWAYS AS IDENTITY
      )`,
    );
    await trx.raw(`CREATE TABLE "${KV_TABLE}" ("key" text NOT NULL PRIMARY KEY, "value" jsonb)`);
  },
  // 2: the outbox of domain events and the in-process job queue (events/README.md, jobs/local-queue.ts).
  async (trx) => {
    await trx.raw(
      `CREATE TABLE "${EVENTS_TABLE}" (
        "seq" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "id" text NOT NULL UNIQUE,
        "type" text NOT NULL,
        "data" jsonb NOT NULL,
        "occurred_at" timestamptz NOT NULL
      )`,
    );
    await trx.raw(
      `CREATE TABLE "${JOBS_TABLE}" (
        "id" text NOT NULL PRIMARY KEY,
        "queue" text NOT NULL,
        "state" text NOT NULL,
        "payload" jsonb,
        "attempts_made" integer NOT NULL DEFAULT 0,
        "max_attempts" integer NOT NULL,
        "run_at" bigint NOT NULL,
        "dedup_id" text,
        "lease_owner" text,
        "lease_until" bigint,
        "error" text,
        "stack" text,
        "created_at" bigint NOT NULL,
        "finished_at" bigint,
        UNIQUE ("queue", "dedup_id")
      )`,
    );
    await trx.raw(`CREATE INDEX "${JOBS_TABLE}_due" ON "${JOBS_TABLE}" ("queue", "state", "run_at")`);
  },
];

export const LATEST_SCHEMA_VERSION = STEPS.length;

export async function migrate(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
    await trx.raw(`CREATE TABLE IF NOT EXISTS "${VERSION_TABLE}" ("version" integer NOT NULL)`);
    const rows = (await trx.raw(`SELECT "version" FROM "${VERSION_TABLE}"`)).rows as { version: number }[];
    const current = rows[0]?.version ?? 0;
    if (current >= STEPS.length) return;
    for (let version = current; version < STEPS.length; version++) await STEPS[version](trx);
    if (rows.length === 0) await trx.raw(`INSERT INTO "${VERSION_TABLE}" ("version") VALUES (?)`, [STEPS.length]);
    else await trx.raw(`UPDATE "${VERSION_TABLE}" SET "version" = ?`, [STEPS.length]);
  });
}
