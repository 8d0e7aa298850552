/** Jobs and crons admin (Plinth's additions; superusers only). */
import type { PlinthClientCore } from './client-core.js';
import type { RequestOptions } from './record-service.js';

export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

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

export interface QueueCounts {
  name: string;
  counts: Record<JobState, number>;
}

export interface CronInfo {
  id: string;
  expression: string;
}

const q = (queue: string) => `/api/jobs/${encodeURIComponent(queue)}`;

export class JobService {
  private readonly client: PlinthClientCore;
  constructor(client: PlinthClientCore) {
    this.client = client;
  }

  /** Every queue with its job counts by state. */
  queues(opts: RequestOptions = {}): Promise<QueueCounts[]> {
    return this.client.transport.send('/api/jobs', opts);
  }

  /** Jobs of a queue in one state (default `failed`), newest first, with error and stack. */
  list(queue: string, opts: RequestOptions & { state?: JobState; page?: number; perPage?: number } = {}): Promise<{ page: number; perPage: number; state: JobState; items: JobInfo[] }> {
    return this.client.transport.send(q(queue), {
      signal: opts.signal,
      headers: opts.headers,
      query: { ...opts.query, state: opts.state, page: opts.page, perPage: opts.perPage },
    });
  }

  async retry(queue: string, id: string, opts: RequestOptions = {}): Promise<void> {
    await this.client.transport.send(`${q(queue)}/${encodeURIComponent(id)}/retry`, { ...opts, method: 'POST' });
  }

  async delete(queue: string, id: string, opts: RequestOptions = {}): Promise<void> {
    await this.client.transport.send(`${q(queue)}/${encodeURIComponent(id)}`, { ...opts, method: 'DELETE' });
  }
}

export class CronService {
  private readonly client: PlinthClientCore;
  constructor(client: PlinthClientCore) {
    this.client = client;
  }

  list(opts: RequestOptions = {}): Promise<CronInfo[]> {
    return this.client.transport.send('/api/crons', opts);
  }

  /** Runs a cron's job now (asynchronously on the server). */
  async run(id: string, opts: RequestOptions = {}): Promise<void> {
    await this.client.transport.send(`/api/crons/${encodeURIComponent(id)}`, { ...opts, method: 'POST' });
  }
}
