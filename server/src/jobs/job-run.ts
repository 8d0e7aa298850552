/**
 * What both drivers share, so that they honour one set of semantics: defaults, job name validation, the
 * backoff formula (BullMQ's: fixed = delay, exponential = delay * 2^(attempt-1)) and a per-attempt run with
 * a timeout that aborts the handler's signal and fails the attempt.
 */
import { type AppError, notFound } from '../core/errors.js';
import type { JobContext, JobDefinition, JobInfo, JobOptions, JobState } from './job-queue.js';

export const DEFAULT_ATTEMPTS = 3;
export const DEFAULT_BACKOFF: NonNullable<JobOptions['backoff']> = { type: 'exponential', delayMs: 1_000 };
export const JOB_STATES: readonly JobState[] = ['waiting', 'delayed', 'active', 'completed', 'failed'];
/** Finished jobs are kept this long (it is also the dedup window of a dedupId). */
export const KEEP_COMPLETED_MS = 24 * 60 * 60 * 1000;
export const KEEP_FAILED_MS = 7 * 24 * 60 * 60 * 1000;

const JOB_NAME = /^[a-z0-9:_-]{1,100}$/;

export const isJobName = (name: string): boolean => JOB_NAME.test(name);

export function assertJobName(name: string): void {
  if (!isJobName(name)) throw new Error(`invalid job name "${name}": use [a-z0-9:_-]+`);
}

export function attemptsOf(options: JobOptions | undefined): number {
  const attempts = options?.attempts ?? DEFAULT_ATTEMPTS;
  return Number.isInteger(attempts) && attempts >= 1 ? attempts : DEFAULT_ATTEMPTS;
}

export function backoffOf(options: JobOptions | undefined): NonNullable<JobOptions['backoff']> {
  return options?.backoff ?? DEFAULT_BACKOFF;
}

/** Delay before the retry that follows failed attempt number `attempt` (1-based). */
export function backoffDelay(options: JobOptions | undefined, attempt: number): number {
  const { type, delayMs } = backoffOf(options);
  return type === 'fixed' ? delayMs : Math.round(delayMs * 2 ** (attempt - 1));
}

export class JobTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`job timed out after ${timeoutMs} ms`);
    this.name = 'JobTimeoutError';
  }
}

/**
 * Runs one attempt. With a timeout the signal is aborted when it expires and the attempt fails at once, even
 * if the handler ignores the signal. `outer` (shutdown) aborts the attempt too.
 */
export async function runAttempt<P>(
  definition: JobDefinition<P>,
  payload: P,
  ctx: { id: string; attempt: number },
  outer?: AbortSignal,
): Promise<void> {
  const controller = new AbortController();
  const onOuter = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onOuter, { once: true });
  const timeoutMs = definition.options?.timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  try {
    const context: JobContext = { ...ctx, signal: controller.signal };
    const work = definition.handle(payload, context);
    if (!timeoutMs) return await work;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new JobTimeoutError(timeoutMs);
        // Settle first: a handler that rejects on abort must not replace the timeout as the attempt's error.
        reject(error);
        controller.abort(error);
      }, timeoutMs);
    });
    work.catch(() => undefined);
    await Promise.race([work, timeout]);
  } finally {
    if (timer) clearTimeout(timer);
    outer?.removeEventListener('abort', onOuter);
  }
}

export function jobNotFound(): AppError {
  return notFound();
}

export function emptyCounts(): Record<JobState, number> {
  return { waiting: 0, delayed: 0, active: 0, completed: 0, failed: 0 };
}

export function isoTime(ms: number | null | undefined): string | undefined {
  return ms == null ? undefined : new Date(ms).toISOString();
}

export type { JobInfo };
