/**
 * The in-process job queue's collection (`_plinth_jobs`). Every lease of a job has a generation number; a
 * claimer wins generation g by inserting the token `<job id>#g` into `_plinth_job_leases`. A unique insert is
 * atomic on every MongoDB-compatible server (FerretDB v1 applies conditional updates and findAndModify as
 * read-then-write, so two claimers could both "win" those), hence concurrent claimers, in this process or
 * other instances, never lease the same job twice. Dedup ids are unique per queue through a sparse unique index on `dedupKey` (present only when
 * the job has a dedup id; FerretDB v1 has no partial indexes). Payloads are JSON text: any key survives.
 */
import type { Document } from 'mongodb';
import type { JobClaim, JobOutcome, NewJob, StoredJob, StoredJobState } from '../port.js';
import type { MongoScope } from './mongo-connection.js';
import { isDuplicateKey } from './mongo-errors.js';

export const JOBS = '_plinth_jobs';
export const LEASES = '_plinth_job_leases';

interface JobDoc {
  _id: string;
  queue: string;
  state: StoredJobState;
  payload: string;
  attemptsMade: number;
  maxAttempts: number;
  runAt: number;
  dedupId: string | null;
  dedupKey?: string;
  leaseOwner: string | null;
  leaseUntil: number | null;
  /** Leases handed out so far; the next claim competes for this generation's token. */
  leaseGen: number;
  error: string | null;
  stack: string | null;
  createdAt: number;
  finishedAt: number | null;
}

function toJob(doc: JobDoc): StoredJob {
  return {
    id: doc._id,
    queue: doc.queue,
    state: doc.state,
    payload: JSON.parse(doc.payload) as unknown,
    attemptsMade: doc.attemptsMade,
    maxAttempts: doc.maxAttempts,
    runAt: doc.runAt,
    dedupId: doc.dedupId,
    error: doc.error,
    stack: doc.stack,
    createdAt: doc.createdAt,
    finishedAt: doc.finishedAt,
  };
}

const jobs = (scope: MongoScope) => scope.db.collection<JobDoc>(JOBS);

/**
 * FerretDB v1 applies an update as read-modify-write of the whole document, so two concurrent updates of one
 * job (a lease extension and the attempt's end) can lose one of them. Updates of one job are serialised in
 * this process; on MongoDB they are atomic anyway.
 */
const oneJob = <T>(scope: MongoScope, id: string, fn: () => Promise<T>): Promise<T> => scope.serial.run(`job:${id}`, fn);
const leases = (scope: MongoScope) => scope.db.collection<{ _id: string; job: string }>(LEASES);

export async function migrateJobs(scope: MongoScope): Promise<void> {
  await jobs(scope).createIndex({ dedupKey: 1 }, { unique: true, sparse: true, name: 'dedup' });
  await jobs(scope).createIndex({ queue: 1, state: 1, runAt: 1 }, { name: 'due' });
  await leases(scope).createIndex({ job: 1 }, { name: 'job' });
}

export async function addJob(scope: MongoScope, job: NewJob): Promise<string> {
  const doc: JobDoc = {
    _id: job.id,
    queue: job.queue,
    state: job.runAt > job.createdAt ? 'delayed' : 'waiting',
    payload: JSON.stringify(job.payload ?? null),
    attemptsMade: 0,
    maxAttempts: job.maxAttempts,
    runAt: job.runAt,
    dedupId: job.dedupId ?? null,
    leaseOwner: null,
    leaseUntil: null,
    leaseGen: 0,
    error: null,
    stack: null,
    createdAt: job.createdAt,
    finishedAt: null,
  };
  if (job.dedupId) doc.dedupKey = JSON.stringify([job.queue, job.dedupId]);
  try {
    await jobs(scope).insertOne(doc);
    return job.id;
  } catch (err) {
    if (!isDuplicateKey(err) || !doc.dedupKey) throw err;
  }
  const existing = await jobs(scope).findOne({ dedupKey: doc.dedupKey }, { projection: { _id: 1 } });
  // Removed between the two statements: the dedup slot is free again, so try once more.
  return existing ? existing._id : addJob(scope, job);
}

/**
 * Wins the job's current lease generation, or learns that another claimer did. Tokens stay until the job is
 * removed or pruned: deleting an old one could let a claimer holding a stale read win it again.
 */
async function winLease(scope: MongoScope, doc: JobDoc): Promise<boolean> {
  try {
    await leases(scope).insertOne({ _id: `${doc._id}#${doc.leaseGen}`, job: doc._id });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

export async function claimJobs(scope: MongoScope, claim: JobClaim): Promise<StoredJob[]> {
  if (claim.complete) await completeJobs(scope, claim.owner, claim.complete.ids, claim.complete.at);
  const due: Document = {
    queue: claim.queue,
    $or: [
      { state: { $in: ['waiting', 'delayed'] }, runAt: { $lte: claim.now } },
      { state: 'active', leaseUntil: { $lt: claim.now } },
    ],
  };
  const limit = Math.max(1, Math.floor(claim.limit));
  const claimed: StoredJob[] = [];
  // Candidates beyond the limit stand in for those other claimers win meanwhile.
  const candidates = await jobs(scope).find(due).sort({ runAt: 1, createdAt: 1 }).limit(limit * 2 + 8).toArray();
  for (const doc of candidates) {
    if (claimed.length >= limit) break;
    if (!(await winLease(scope, doc))) continue;
    const lease = { state: 'active' as const, leaseOwner: claim.owner, leaseUntil: claim.leaseUntil, leaseGen: doc.leaseGen + 1 };
    await oneJob(scope, doc._id, () => jobs(scope).updateOne({ _id: doc._id }, { $set: lease }));
    claimed.push(toJob({ ...doc, ...lease }));
  }
  return claimed;
}

export async function extendJobLeases(scope: MongoScope, owner: string, ids: string[], leaseUntil: number): Promise<void> {
  for (const id of ids) {
    await oneJob(scope, id, () => jobs(scope).updateOne({ _id: id, state: 'active', leaseOwner: owner }, { $set: { leaseUntil } }));
  }
}

export async function releaseJobs(scope: MongoScope, owner: string, ids: string[]): Promise<void> {
  const set = { state: 'waiting' as const, leaseOwner: null, leaseUntil: null };
  for (const id of ids) {
    await oneJob(scope, id, () => jobs(scope).updateOne({ _id: id, state: 'active', leaseOwner: owner }, { $set: set }));
  }
}

export async function finishJob(scope: MongoScope, id: string, owner: string, outcome: JobOutcome): Promise<boolean> {
  const common = { state: outcome.state, leaseOwner: null, leaseUntil: null };
  const set =
    outcome.state === 'delayed'
      ? { ...common, runAt: outcome.runAt, error: outcome.error, stack: outcome.stack }
      : outcome.state === 'failed'
        ? { ...common, finishedAt: outcome.at, error: outcome.error, stack: outcome.stack }
        : { ...common, finishedAt: outcome.at, error: null, stack: null };
  const result = await oneJob(scope, id, () => jobs(scope).updateOne({ _id: id, state: 'active', leaseOwner: owner }, { $set: set, $inc: { attemptsMade: 1 } }));
  return result.matchedCount > 0;
}

export async function completeJobs(scope: MongoScope, owner: string, ids: string[], at: number): Promise<void> {
  for (const id of ids) await finishJob(scope, id, owner, { state: 'completed', at });
}

export async function countJobs(scope: MongoScope): Promise<{ queue: string; state: StoredJobState; count: number }[]> {
  const docs = await jobs(scope).find({}, { projection: { queue: 1, state: 1 } }).toArray();
  const counts = new Map<string, { queue: string; state: StoredJobState; count: number }>();
  for (const doc of docs) {
    const key = JSON.stringify([doc.queue, doc.state]);
    const entry = counts.get(key) ?? { queue: doc.queue, state: doc.state, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()];
}

export async function listJobs(scope: MongoScope, queue: string, state: StoredJobState, offset: number, limit: number): Promise<StoredJob[]> {
  const max = Math.max(0, Math.floor(limit));
  if (max === 0) return [];
  const docs = await jobs(scope)
    .find({ queue, state })
    .sort({ createdAt: -1, _id: -1 })
    .skip(Math.max(0, Math.floor(offset)))
    .limit(max)
    .toArray();
  return docs.map(toJob);
}

export async function retryJob(scope: MongoScope, queue: string, id: string, now: number): Promise<boolean> {
  const result = await oneJob(scope, id, () =>
    jobs(scope).updateOne(
      { _id: id, queue, state: { $in: ['failed', 'completed'] } },
      { $set: { state: 'waiting', attemptsMade: 0, runAt: now, error: null, stack: null, finishedAt: null } },
    ),
  );
  return result.matchedCount > 0;
}

export async function removeJob(scope: MongoScope, queue: string, id: string): Promise<boolean> {
  const removed = (await jobs(scope).deleteOne({ _id: id, queue })).deletedCount > 0;
  if (removed) await leases(scope).deleteMany({ job: id });
  return removed;
}

export async function pruneJobs(scope: MongoScope, state: 'completed' | 'failed', finishedBefore: number): Promise<number> {
  const filter = { state, finishedAt: { $lt: finishedBefore } };
  const ids = (await jobs(scope).find(filter, { projection: { _id: 1 } }).toArray()).map((d) => d._id);
  if (ids.length === 0) return 0;
  await leases(scope).deleteMany({ job: { $in: ids } });
  return (await jobs(scope).deleteMany({ _id: { $in: ids }, state })).deletedCount;
}
