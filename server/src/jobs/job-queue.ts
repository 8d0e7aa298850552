/**
 * The job queue port: BullMQ on Redis when REDIS_URL is set, otherwise an in-process driver durable in the
 * database. Both honour the same semantics (attempts, backoff, delay, dedup, cron once per tick).
 */
export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

export interface JobOptions {
  /** Total tries including the first (default 3). */
  attempts?: number;
  backoff?: { type: 'fixed' | 'exponential'; delayMs: number };
  /** Per-attempt timeout. */
  timeoutMs?: number;
  concurrency?: number;
}

export interface JobContext {
  id: string;
  /** 1-based attempt number. */
  attempt: number;
  signal: AbortSignal;
}

export interface JobDefinition<P = unknown> {
  /** Queue name: `[a-z0-9:_-]+`, e.g. "mail:send", "webhooks:deliver". */
  name: string;
  handle(payload: P, ctx: JobContext): Promise<void>;
  options?: JobOptions;
}

export interface EnqueueOptions {
  delayMs?: number;
  /** Jobs with the same dedupId (per queue) are enqueued once. */
  dedupId?: string;
}

export interface JobInfo {
  id: string;
  name: string;
  state: JobState;
  payload: unknown;
  attempts: number;
  error?: string;
  stack?: string;
  createdAt: string;
  finishedAt?: string;
}

export interface ScheduleInfo {
  id: string;
  /** Cron expression (5 or 6 fields). */
  expression: string;
  jobName: string;
}

export interface JobQueue {
  define<P>(definition: JobDefinition<P>): void;
  enqueue<P>(name: string, payload: P, options?: EnqueueOptions): Promise<string>;
  /** Enqueues many jobs of one queue in as few round trips as the driver allows (same dedup rule). */
  enqueueMany<P>(name: string, jobs: Array<{ payload: P; options?: EnqueueOptions }>): Promise<void>;
  /** Cron schedule that fires once per tick across all instances. */
  schedule(id: string, expression: string, jobName: string, payload?: unknown): Promise<void>;
  unschedule(id: string): Promise<void>;
  listSchedules(): Promise<ScheduleInfo[]>;
  /** Runs a schedule's job now (POST /api/crons/{id}). */
  runSchedule(id: string): Promise<void>;
  counts(): Promise<{ name: string; counts: Record<JobState, number> }[]>;
  listJobs(name: string, state: JobState, page: number, perPage: number): Promise<JobInfo[]>;
  retry(name: string, id: string): Promise<void>;
  remove(name: string, id: string): Promise<void>;
  start(): Promise<void>;
  /** Stops taking new jobs, lets running ones finish (bounded), hands the rest back. */
  close(): Promise<void>;
}
