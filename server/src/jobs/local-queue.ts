/**
 * The in-process JobQueue driver (no Redis): jobs live in the database (StorageAdapter's JobStore), so they
 * survive restarts and several instances on one PostgreSQL share the work. Each instance leases due jobs
 * (claimJobs) up to each queue's concurrency and renews the leases while they run; a job whose holder died
 * is claimed again once its lease expires. Retries, backoff, delay, dedup and timeouts follow job-run.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../core/logger.js';
import type { JobOutcome, NewJob, StorageAdapter, StoredJob } from '../storage/port.js';
import type { EnqueueOptions, JobDefinition, JobInfo, JobQueue, JobState, ScheduleInfo } from './job-queue.js';
import {
  assertJobName, attemptsOf, backoffDelay, emptyCounts, isoTime, jobNotFound, KEEP_COMPLETED_MS, KEEP_FAILED_MS, runAttempt,
} from './job-run.js';
import { LocalCron } from './local-cron.js';

export interface LocalQueueOptions {
  /** How often due jobs are looked for when nothing woke the queue (default 1 s). */
  pollIntervalMs?: number;
  /** A running job's lease; renewed every third of it; a dead holder's jobs are retried after it (default 30 s). */
  leaseMs?: number;
  /** How long close() waits for running jobs before aborting them and handing them back (default 10 s). */
  closeTimeoutMs?: number;
}

export class LocalJobQueue implements JobQueue {
  private readonly owner = randomUUID();
  private readonly definitions = new Map<string, JobDefinition<unknown>>();
  private readonly running = new Map<string, { queue: string; done: Promise<void> }>();
  private readonly pumping = new Map<string, Promise<void>>();
  private readonly pumpAgain = new Set<string>();
  private readonly shutdown = new AbortController();
  private readonly cron: LocalCron;
  private readonly opts: Required<LocalQueueOptions>;
  private timers: NodeJS.Timeout[] = [];
  private started = false;
  /**
   * Jobs whose attempt succeeded, per queue, not yet marked completed: the queue's next claim (which follows
   * every finished job) marks them in the same statement. Until then their lease keeps them from anyone else.
   */
  private readonly completed = new Map<string, string[]>();

  constructor(
    private readonly storage: StorageAdapter,
    private readonly logger: Logger,
    options: LocalQueueOptions = {},
  ) {
    this.opts = { pollIntervalMs: options.pollIntervalMs ?? 1_000, leaseMs: options.leaseMs ?? 30_000, closeTimeoutMs: options.closeTimeoutMs ?? 10_000 };
    this.cron = new LocalCron((s, tick) => this.enqueue(s.jobName, s.payload, { dedupId: `cron:${s.id}:${tick}` }).then(() => undefined), logger);
  }

  define<P>(definition: JobDefinition<P>): void {
    assertJobName(definition.name);
    this.definitions.set(definition.name, definition as JobDefinition<unknown>);
    if (this.started) this.pump(definition.name);
  }

  async enqueue<P>(name: string, payload: P, options: EnqueueOptions = {}): Promise<string> {
    const job = this.newJob(name, payload, options, Date.now());
    const id = await this.storage.addJob(job);
    this.wakeAt(name, job.runAt);
    return id;
  }

  async enqueueMany<P>(name: string, jobs: Array<{ payload: P; options?: EnqueueOptions }>): Promise<void> {
    if (jobs.length === 0) return;
    const now = Date.now();
    const list = jobs.map((j) => this.newJob(name, j.payload, j.options ?? {}, now));
    await this.storage.addJobs(list);
    this.wakeAt(name, Math.min(...list.map((j) => j.runAt)));
  }

  private newJob(name: string, payload: unknown, options: EnqueueOptions, now: number): NewJob {
    assertJobName(name);
    return {
      id: randomUUID(),
      queue: name,
      payload: payload ?? null,
      maxAttempts: attemptsOf(this.definitions.get(name)?.options),
      runAt: now + Math.max(0, options.delayMs ?? 0),
      dedupId: options.dedupId,
      createdAt: now,
    };
  }

  async schedule(id: string, expression: string, jobName: string, payload?: unknown): Promise<void> {
    this.cron.add(id, expression, jobName, payload ?? null);
  }

  async unschedule(id: string): Promise<void> {
    this.cron.remove(id);
  }

  async listSchedules(): Promise<ScheduleInfo[]> {
    return this.cron.list();
  }

  async runSchedule(id: string): Promise<void> {
    const schedule = this.cron.get(id);
    if (!schedule) throw jobNotFound();
    await this.enqueue(schedule.jobName, schedule.payload);
  }

  async counts(): Promise<{ name: string; counts: Record<JobState, number> }[]> {
    const byQueue = new Map<string, Record<JobState, number>>();
    for (const name of this.definitions.keys()) byQueue.set(name, emptyCounts());
    for (const row of await this.storage.countJobs()) {
      const counts = byQueue.get(row.queue) ?? emptyCounts();
      counts[row.state] += row.count;
      byQueue.set(row.queue, counts);
    }
    return [...byQueue.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, counts]) => ({ name, counts }));
  }

  async listJobs(name: string, state: JobState, page: number, perPage: number): Promise<JobInfo[]> {
    const jobs = await this.storage.listJobs(name, state, (page - 1) * perPage, perPage);
    return jobs.map(toJobInfo);
  }

  async retry(name: string, id: string): Promise<void> {
    if (!(await this.storage.retryJob(name, id, Date.now()))) throw jobNotFound();
    this.pump(name);
  }

  async remove(name: string, id: string): Promise<void> {
    if (!(await this.storage.removeJob(name, id))) throw jobNotFound();
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const every = (ms: number, fn: () => void) => {
      const timer = setInterval(fn, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.opts.pollIntervalMs, () => {
      for (const name of this.definitions.keys()) this.pump(name);
    });
    every(Math.max(50, Math.floor(this.opts.leaseMs / 3)), () => void this.renewLeases());
    every(60 * 60 * 1000, () => void this.prune());
    this.cron.start();
    for (const name of this.definitions.keys()) this.pump(name);
  }

  async close(): Promise<void> {
    if (this.shutdown.signal.aborted) return;
    this.started = false;
    this.cron.stop();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    const drained = Promise.all([...this.running.values()].map((r) => r.done));
    const deadline = new Promise((resolve) => setTimeout(resolve, this.opts.closeTimeoutMs).unref());
    await Promise.race([drained, deadline]);
    // Whatever still runs is told to stop and handed back uncounted, as BullMQ does with a stalled job: the
    // shutdown, not the job, ended the attempt, so it must not use up a retry or fail the job.
    this.shutdown.abort(new Error('job queue closing'));
    await this.release([...this.running.keys()]);
    await Promise.all(this.pumping.values());
    await Promise.all([...this.completed.keys()].map((name) => this.flushCompleted(name)));
  }

  /** Deletes finished jobs past their retention. */
  async prune(now = Date.now()): Promise<void> {
    try {
      await this.storage.pruneJobs('completed', now - KEEP_COMPLETED_MS);
      await this.storage.pruneJobs('failed', now - KEEP_FAILED_MS);
    } catch (err) {
      this.logger.warn('job prune failed', { error: errorText(err) });
    }
  }

  private wakeAt(name: string, at: number): void {
    if (!this.started || !this.definitions.has(name)) return;
    const wait = at - Date.now();
    if (wait <= 0) return this.pump(name);
    const timer = setTimeout(() => {
      this.timers = this.timers.filter((t) => t !== timer);
      this.pump(name);
    }, wait);
    timer.unref();
    this.timers.push(timer);
  }

  /** Leases as many due jobs as the queue has free slots, single-flight per queue. */
  private pump(name: string): void {
    if (!this.started) return;
    if (this.pumping.has(name)) {
      this.pumpAgain.add(name);
      return;
    }
    const run = (async () => {
      do {
        this.pumpAgain.delete(name);
        await this.claimAndRun(name);
      } while (this.pumpAgain.has(name) && this.started);
    })().finally(() => this.pumping.delete(name));
    this.pumping.set(name, run);
  }

  private async claimAndRun(name: string): Promise<void> {
    const definition = this.definitions.get(name);
    if (!definition) return;
    const active = [...this.running.values()].filter((r) => r.queue === name).length;
    const free = Math.max(1, definition.options?.concurrency ?? 1) - active;
    if (free <= 0) return this.flushCompleted(name);
    const now = Date.now();
    const completed = this.takeCompleted(name);
    let jobs: StoredJob[];
    try {
      const complete = completed.length ? { ids: completed, at: now } : undefined;
      jobs = await this.storage.claimJobs({ queue: name, owner: this.owner, now, leaseUntil: now + this.opts.leaseMs, limit: free, complete });
    } catch (err) {
      this.completed.set(name, [...completed, ...this.takeCompleted(name)]);
      this.logger.warn('could not claim jobs', { queue: name, error: errorText(err) });
      return;
    }
    // Claimed while close() ran: not ours to start any more.
    if (!this.started) return this.release(jobs.map((j) => j.id));
    for (const job of jobs) {
      const done = this.execute(definition, job).finally(() => {
        this.running.delete(job.id);
        this.pump(name);
      });
      this.running.set(job.id, { queue: name, done });
    }
    if (jobs.length === free) this.pumpAgain.add(name);
  }

  private async execute(definition: JobDefinition<unknown>, job: StoredJob): Promise<void> {
    const attempt = job.attemptsMade + 1;
    let outcome: JobOutcome;
    try {
      await runAttempt(definition, job.payload, { id: job.id, attempt }, this.shutdown.signal);
      outcome = { state: 'completed', at: Date.now() };
    } catch (err) {
      // close() has already handed the job back.
      if (this.shutdown.signal.aborted) return;
      const error = errorText(err);
      const stack = err instanceof Error ? (err.stack ?? null) : null;
      outcome =
        attempt < job.maxAttempts
          ? { state: 'delayed', runAt: Date.now() + backoffDelay(definition.options, attempt), error, stack }
          : { state: 'failed', at: Date.now(), error, stack };
      this.logger.warn('job attempt failed', { queue: job.queue, id: job.id, attempt, error });
    }
    if (outcome.state === 'completed') {
      const list = this.completed.get(job.queue);
      if (list) list.push(job.id);
      else this.completed.set(job.queue, [job.id]);
      return;
    }
    try {
      await this.storage.finishJob(job.id, this.owner, outcome);
      if (outcome.state === 'delayed') this.wakeAt(job.queue, outcome.runAt);
    } catch (err) {
      // The lease will lapse and the job run again: at-least-once.
      this.logger.error('could not record job outcome', { queue: job.queue, id: job.id, error: errorText(err) });
    }
  }

  private takeCompleted(name: string): string[] {
    const ids = this.completed.get(name) ?? [];
    this.completed.delete(name);
    return ids;
  }

  /** Marks the queue's completed jobs without claiming (no free slot, or closing). */
  private async flushCompleted(name: string): Promise<void> {
    const ids = this.takeCompleted(name);
    if (ids.length === 0) return;
    try {
      await this.storage.completeJobs(this.owner, ids, Date.now());
    } catch (err) {
      // Their leases lapse and they run again: at-least-once.
      this.logger.error('could not record completed jobs', { queue: name, ids, error: errorText(err) });
    }
  }

  private async release(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      await this.storage.releaseJobs(this.owner, ids);
    } catch (err) {
      // Their leases lapse instead, after which they are claimable all the same.
      this.logger.warn('could not release jobs on close', { ids, error: errorText(err) });
    }
  }

  private async renewLeases(): Promise<void> {
    const ids = [...this.running.keys()];
    if (ids.length === 0) return;
    try {
      await this.storage.extendJobLeases(this.owner, ids, Date.now() + this.opts.leaseMs);
    } catch (err) {
      this.logger.warn('could not renew job leases', { error: errorText(err) });
    }
  }
}

function toJobInfo(job: StoredJob): JobInfo {
  return {
    id: job.id,
    name: job.queue,
    state: job.state,
    payload: job.payload,
    attempts: job.attemptsMade,
    ...(job.error ? { error: job.error } : {}),
    ...(job.stack ? { stack: job.stack } : {}),
    createdAt: isoTime(job.createdAt)!,
    ...(job.finishedAt != null ? { finishedAt: isoTime(job.finishedAt) } : {}),
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
