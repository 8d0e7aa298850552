/**
 * The in-process job queue's table. Claims use `FOR UPDATE SKIP LOCKED`, so several instances polling one
 * PostgreSQL never lease the same job twice, and a job whose lease expired (its holder died) is claimable again.
 */
import type { Knex } from 'knex';
import type { JobClaim, JobOutcome, NewJob, StoredJob, StoredJobState } from '../port.js';
import { textArrayLiteral } from './filter-values.js';
import { JOBS_TABLE } from './sql-migrations.js';

interface JobRow {
  id: string;
  queue: string;
  state: StoredJobState;
  payload: unknown;
  attempts_made: number;
  max_attempts: number;
  run_at: number | string;
  dedup_id: string | null;
  error: string | null;
  stack: string | null;
  created_at: number | string;
  finished_at: number | string | null;
}

const COLUMNS = [
  'id', 'queue', 'state', 'payload', 'attempts_made', 'max_attempts', 'run_at', 'dedup_id', 'error', 'stack', 'created_at', 'finished_at',
];

function toJob(row: JobRow): StoredJob {
  return {
    id: row.id,
    queue: row.queue,
    state: row.state,
    payload: row.payload,
    attemptsMade: Number(row.attempts_made),
    maxAttempts: Number(row.max_attempts),
    runAt: Number(row.run_at),
    dedupId: row.dedup_id,
    error: row.error,
    stack: row.stack,
    createdAt: Number(row.created_at),
    finishedAt: row.finished_at == null ? null : Number(row.finished_at),
  };
}

const json = (db: Knex, value: unknown) => db.raw('?::jsonb', [JSON.stringify(value ?? null)]);

const newJobRow = (db: Knex, job: NewJob) => ({
  id: job.id,
  queue: job.queue,
  state: job.runAt > job.createdAt ? 'delayed' : 'waiting',
  payload: json(db, job.payload),
  max_attempts: job.maxAttempts,
  run_at: job.runAt,
  dedup_id: job.dedupId ?? null,
  created_at: job.createdAt,
});

/** Jobs per INSERT: 8 bindings each, well under PostgreSQL's 65535. */
const JOBS_PER_INSERT = 1_000;

export async function addJobs(db: Knex, jobs: NewJob[]): Promise<void> {
  for (let i = 0; i < jobs.length; i += JOBS_PER_INSERT) {
    await db(JOBS_TABLE)
      .insert(jobs.slice(i, i + JOBS_PER_INSERT).map((job) => newJobRow(db, job)))
      .onConflict(['queue', 'dedup_id'])
      .ignore();
  }
}

export async function addJob(db: Knex, job: NewJob): Promise<string> {
  const inserted = (await db(JOBS_TABLE)
    .insert(newJobRow(db, job))
    .onConflict(['queue', 'dedup_id'])
    .ignore()
    .returning('id')) as { id: string }[];
  if (inserted.length > 0 || !job.dedupId) return job.id;
  const existing = (await db(JOBS_TABLE).where({ queue: job.queue, dedup_id: job.dedupId }).first('id')) as { id: string } | undefined;
  // Removed between the two statements: the dedup slot is free again, so try once more.
  return existing ? existing.id : addJob(db, job);
}

/** Marks jobs completed (see completeJobs) as a data-modifying WITH clause of the claim statement. */
function completingClause(claim: JobClaim): { sql: string; bindings: Knex.RawBinding[] } {
  const ids = claim.complete?.ids ?? [];
  if (ids.length === 0) return { sql: '', bindings: [] };
  return {
    sql: `WITH "completed" AS (
       UPDATE "${JOBS_TABLE}" SET "state" = 'completed', "lease_owner" = NULL, "lease_until" = NULL,
         "attempts_made" = "attempts_made" + 1, "finished_at" = ?, "error" = NULL, "stack" = NULL
       WHERE "id" = ANY(?::text[]) AND "state" = 'active' AND "lease_owner" = ?) `,
    bindings: [claim.complete!.at, textArrayLiteral(ids), claim.owner],
  };
}

export async function claimJobs(db: Knex, claim: JobClaim): Promise<StoredJob[]> {
  // The completed jobs are active and leased to this owner, so the claim below never picks them: the two
  // updates of one statement touch different rows.
  const completing = completingClause(claim);
  const result = await db.raw(
    `${completing.sql}UPDATE "${JOBS_TABLE}" SET "state" = 'active', "lease_owner" = ?, "lease_until" = ?
     WHERE "id" IN (
       SELECT "id" FROM "${JOBS_TABLE}"
       WHERE "queue" = ? AND (("state" IN ('waiting', 'delayed') AND "run_at" <= ?) OR ("state" = 'active' AND "lease_until" < ?))
       ORDER BY "run_at", "created_at" LIMIT ? FOR UPDATE SKIP LOCKED)
     RETURNING ${COLUMNS.map((c) => `"${c}"`).join(', ')}`,
    [...completing.bindings, claim.owner, claim.leaseUntil, claim.queue, claim.now, claim.now, Math.max(1, Math.floor(claim.limit))],
  );
  return ((result.rows ?? []) as JobRow[]).map(toJob).sort((a, b) => a.runAt - b.runAt || a.createdAt - b.createdAt);
}

export async function extendJobLeases(db: Knex, owner: string, ids: string[], leaseUntil: number): Promise<void> {
  if (ids.length === 0) return;
  await db(JOBS_TABLE).whereIn('id', ids).andWhere({ state: 'active', lease_owner: owner }).update({ lease_until: leaseUntil });
}

export async function releaseJobs(db: Knex, owner: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db(JOBS_TABLE)
    .whereIn('id', ids)
    .andWhere({ state: 'active', lease_owner: owner })
    .update({ state: 'waiting', lease_owner: null, lease_until: null });
}

export async function finishJob(db: Knex, id: string, owner: string, outcome: JobOutcome): Promise<boolean> {
  const common = { state: outcome.state, lease_owner: null, lease_until: null, attempts_made: db.raw('"attempts_made" + 1') };
  const changes =
    outcome.state === 'delayed'
      ? { ...common, run_at: outcome.runAt, error: outcome.error, stack: outcome.stack }
      : outcome.state === 'failed'
        ? { ...common, finished_at: outcome.at, error: outcome.error, stack: outcome.stack }
        : { ...common, finished_at: outcome.at, error: null, stack: null };
  const count = await db(JOBS_TABLE).where({ id, state: 'active', lease_owner: owner }).update(changes);
  return count > 0;
}

export async function completeJobs(db: Knex, owner: string, ids: string[], at: number): Promise<void> {
  if (ids.length === 0) return;
  await db(JOBS_TABLE)
    .whereIn('id', ids)
    .andWhere({ state: 'active', lease_owner: owner })
    .update({ state: 'completed', lease_owner: null, lease_until: null, attempts_made: db.raw('"attempts_made" + 1'), finished_at: at, error: null, stack: null });
}

export async function countJobs(db: Knex): Promise<{ queue: string; state: StoredJobState; count: number }[]> {
  const rows = (await db(JOBS_TABLE).select('queue', 'state').count('* as count').groupBy('queue', 'state')) as {
    queue: string;
    state: StoredJobState;
    count: number | string;
  }[];
  return rows.map((r) => ({ queue: r.queue, state: r.state, count: Number(r.count) }));
}

export async function listJobs(db: Knex, queue: string, state: StoredJobState, offset: number, limit: number): Promise<StoredJob[]> {
  const rows = (await db(JOBS_TABLE)
    .select(COLUMNS)
    .where({ queue, state })
    .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }])
    .offset(Math.max(0, Math.floor(offset)))
    .limit(Math.max(0, Math.floor(limit)))) as JobRow[];
  return rows.map(toJob);
}

export async function retryJob(db: Knex, queue: string, id: string, now: number): Promise<boolean> {
  const count = await db(JOBS_TABLE)
    .where({ queue, id })
    .whereIn('state', ['failed', 'completed'])
    .update({ state: 'waiting', attempts_made: 0, run_at: now, error: null, stack: null, finished_at: null });
  return count > 0;
}

export async function removeJob(db: Knex, queue: string, id: string): Promise<boolean> {
  return (await db(JOBS_TABLE).where({ queue, id }).del()) > 0;
}

export async function pruneJobs(db: Knex, state: 'completed' | 'failed', finishedBefore: number): Promise<number> {
  return db(JOBS_TABLE).where({ state }).andWhere('finished_at', '<', finishedBefore).del();
}
