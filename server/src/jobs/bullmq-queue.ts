/**
 * The JobQueue on BullMQ (REDIS_URL set): one BullMQ queue per job name under a key prefix, shared by every
 * instance. BullMQ itself brings retries with backoff, delays, stalled-job recovery (a job whose worker died
 * goes back to wait once its lock expires) and job schedulers, whose each tick is created once across
 * instances. Job names map to queue names with ':' -> '.' (BullMQ keys use ':'); a dedupId becomes the
 * BullMQ jobId (percent-encoded, so it can hold ':' too).
 */
import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { badRequest } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { EnqueueOptions, JobDefinition, JobInfo, JobQueue, JobState, ScheduleInfo } from './job-queue.js';
import {
  assertJobName, attemptsOf, backoffOf, emptyCounts, isoTime, jobNotFound, JOB_STATES, KEEP_COMPLETED_MS, KEEP_FAILED_MS, runAttempt,
} from './job-run.js';
import { nextTick } from './local-cron.js';

export interface BullQueueOptions {
  /** Redis key prefix of every queue (default "plinth"). */
  prefix?: string;
  /** How long close() waits for running jobs (default 10 s). */
  closeTimeoutMs?: number;
  /** A running job's lock; a job whose lock lapsed (dead worker, lost Redis) is stalled and re-run (BullMQ: 30 s). */
  lockDurationMs?: number;
  /** How often workers look for stalled jobs (BullMQ: 30 s). */
  stalledIntervalMs?: number;
}

const queueName = (jobName: string) => jobName.replaceAll(':', '.');
const jobName = (queue: string) => queue.replaceAll('.', ':');
const jobIdOf = (dedupId: string) => `d-${encodeURIComponent(dedupId)}`;

export class BullJobQueue implements JobQueue {
  private readonly connection: Redis;
  private readonly definitions = new Map<string, JobDefinition<unknown>>();
  private readonly queues = new Map<string, Queue>();
  private readonly workers = new Map<string, Worker>();
  /** Schedules created through this instance: id -> job name (BullMQ finds them per queue). */
  private readonly scheduleQueues = new Map<string, string>();
  private readonly shutdown = new AbortController();
  private readonly prefix: string;
  private started = false;

  constructor(
    redisUrl: string,
    private readonly logger: Logger,
    private readonly options: BullQueueOptions = {},
  ) {
    this.prefix = options.prefix ?? 'plinth';
    // Workers need commands to wait for a reconnect rather than fail (BullMQ's requirement); no connection
    // is opened until a queue is used (the CLI boots the App without running jobs).
    this.connection = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
    this.connection.on('error', (err: Error) => this.logger.warn('redis connection error', { error: err.message }));
  }

  define<P>(definition: JobDefinition<P>): void {
    assertJobName(definition.name);
    this.definitions.set(definition.name, definition as JobDefinition<unknown>);
    if (this.started) this.startWorker(definition.name);
  }

  async enqueue<P>(name: string, payload: P, options: EnqueueOptions = {}): Promise<string> {
    assertJobName(name);
    const job = await this.queue(name).add(name, payload ?? null, this.addOptions(name, options));
    return String(job.id);
  }

  async enqueueMany<P>(name: string, jobs: Array<{ payload: P; options?: EnqueueOptions }>): Promise<void> {
    assertJobName(name);
    if (jobs.length === 0) return;
    await this.queue(name).addBulk(jobs.map((j) => ({ name, data: j.payload ?? null, opts: this.addOptions(name, j.options ?? {}) })));
  }

  private addOptions(name: string, options: EnqueueOptions) {
    return {
      ...this.jobOptions(name),
      ...(options.delayMs ? { delay: Math.max(0, options.delayMs) } : {}),
      ...(options.dedupId !== undefined ? { jobId: jobIdOf(options.dedupId) } : {}),
    };
  }

  async schedule(id: string, expression: string, name: string, payload?: unknown): Promise<void> {
    assertJobName(name);
    nextTick(expression, Date.now());
    await this.queue(name).upsertJobScheduler(id, { pattern: expression, tz: 'UTC' }, { name, data: payload ?? null, opts: this.jobOptions(name) });
    this.scheduleQueues.set(id, name);
  }

  async unschedule(id: string): Promise<void> {
    const found = await this.findSchedule(id);
    if (found) await this.queue(found.jobName).removeJobScheduler(id);
    this.scheduleQueues.delete(id);
  }

  async listSchedules(): Promise<ScheduleInfo[]> {
    const all: ScheduleInfo[] = [];
    for (const name of this.knownNames()) {
      for (const s of await this.queue(name).getJobSchedulers()) {
        all.push({ id: s.id ?? s.key, expression: s.pattern ?? '', jobName: name });
      }
    }
    return all.sort((a, b) => a.id.localeCompare(b.id));
  }

  async runSchedule(id: string): Promise<void> {
    const found = await this.findSchedule(id);
    if (!found) throw jobNotFound();
    const scheduler = await this.queue(found.jobName).getJobScheduler(id);
    await this.enqueue(found.jobName, scheduler?.template?.data ?? null);
  }

  async counts(): Promise<{ name: string; counts: Record<JobState, number> }[]> {
    const out: { name: string; counts: Record<JobState, number> }[] = [];
    for (const name of this.knownNames()) {
      const raw = await this.queue(name).getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed');
      const counts = emptyCounts();
      for (const state of JOB_STATES) counts[state] = raw[state] ?? 0;
      counts.waiting += raw.prioritized ?? 0;
      out.push({ name, counts });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async listJobs(name: string, state: JobState, page: number, perPage: number): Promise<JobInfo[]> {
    const start = (page - 1) * perPage;
    const jobs = await this.queue(name).getJobs([state], start, start + perPage - 1, false);
    return jobs.filter((j): j is Job => !!j).map((j) => toJobInfo(name, state, j));
  }

  async retry(name: string, id: string): Promise<void> {
    const job = await this.queue(name).getJob(id);
    if (!job) throw jobNotFound();
    const state = await job.getState();
    if (state !== 'failed' && state !== 'completed') throw jobNotFound();
    await job.retry(state);
  }

  async remove(name: string, id: string): Promise<void> {
    const job = await this.queue(name).getJob(id);
    if (!job) throw jobNotFound();
    // BullMQ refuses to remove a job a worker holds the lock of.
    if ((await job.getState()) === 'active') throw badRequest('The job is running; retry removing it once it has finished.');
    await job.remove();
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const name of this.definitions.keys()) this.startWorker(name);
  }

  async close(): Promise<void> {
    if (this.shutdown.signal.aborted) return;
    this.started = false;
    const timeout = setTimeout(() => this.shutdown.abort(new Error('job queue closing')), this.options.closeTimeoutMs ?? 10_000);
    timeout.unref();
    await Promise.all([...this.workers.values()].map((w) => w.close().catch(() => undefined)));
    clearTimeout(timeout);
    this.shutdown.abort(new Error('job queue closed'));
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    this.connection.disconnect();
  }

  private jobOptions(name: string) {
    const options = this.definitions.get(name)?.options;
    const backoff = backoffOf(options);
    return {
      attempts: attemptsOf(options),
      backoff: { type: backoff.type, delay: backoff.delayMs },
      removeOnComplete: { age: KEEP_COMPLETED_MS / 1000 },
      removeOnFail: { age: KEEP_FAILED_MS / 1000 },
    };
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(queueName(name), { connection: this.connection, prefix: this.prefix });
      queue.on('error', (err: Error) => this.logger.warn('job queue error', { queue: name, error: err.message }));
      this.queues.set(name, queue);
    }
    return queue;
  }

  private knownNames(): string[] {
    return [...new Set([...this.definitions.keys(), ...this.scheduleQueues.values()])].sort();
  }

  private async findSchedule(id: string): Promise<ScheduleInfo | undefined> {
    return (await this.listSchedules()).find((s) => s.id === id);
  }

  private startWorker(name: string): void {
    if (this.workers.has(name)) return;
    const definition = this.definitions.get(name)!;
    const worker = new Worker(
      queueName(name),
      async (job: Job) => {
        await runAttempt(definition, job.data, { id: String(job.id), attempt: job.attemptsMade + 1 }, this.shutdown.signal);
      },
      {
        connection: this.connection,
        prefix: this.prefix,
        concurrency: Math.max(1, definition.options?.concurrency ?? 1),
        ...(this.options.lockDurationMs ? { lockDuration: this.options.lockDurationMs } : {}),
        ...(this.options.stalledIntervalMs ? { stalledInterval: this.options.stalledIntervalMs } : {}),
      },
    );
    worker.on('error', (err: Error) => this.logger.warn('job worker error', { queue: name, error: err.message }));
    worker.on('failed', (job, err) => {
      if (job) this.logger.warn('job attempt failed', { queue: name, id: job.id, attempt: job.attemptsMade, error: err.message });
    });
    this.workers.set(name, worker);
  }
}

function toJobInfo(name: string, state: JobState, job: Job): JobInfo {
  const stack = job.stacktrace?.length ? job.stacktrace[job.stacktrace.length - 1] : undefined;
  return {
    id: String(job.id),
    name: jobName(queueName(name)),
    state,
    payload: job.data,
    attempts: job.attemptsMade,
    ...(job.failedReason ? { error: job.failedReason } : {}),
    ...(stack ? { stack } : {}),
    createdAt: isoTime(job.timestamp)!,
    ...(job.finishedOn ? { finishedAt: isoTime(job.finishedOn) } : {}),
  };
}
