/**
 * Cron for the in-process driver. Every instance arms a timer for each schedule's next tick (cron-parser, UTC);
 * when it fires, the instance enqueues the job with dedupId "cron:<id>:<tick time>". The (queue, dedupId)
 * uniqueness in the database is the per-tick claim: however many instances share the database, each tick
 * becomes exactly one job, and the claim and the enqueue are one atomic insert, so a crash between them
 * cannot lose the tick. Ticks missed while no instance ran are skipped, as BullMQ's job schedulers do.
 */
import { CronExpressionParser } from 'cron-parser';
import type { Logger } from '../core/logger.js';
import type { ScheduleInfo } from './job-queue.js';
import { assertJobName } from './job-run.js';

/** Long timers drift; re-check at least this often. */
const MAX_TIMER_MS = 60_000;

interface Schedule extends ScheduleInfo {
  payload: unknown;
  timer: NodeJS.Timeout | null;
}

export type TickHandler = (schedule: ScheduleInfo & { payload: unknown }, tickMs: number) => Promise<void>;

/** Throws on an invalid expression (5 fields, or 6 with seconds first). */
export function nextTick(expression: string, afterMs: number): number {
  return CronExpressionParser.parse(expression, { currentDate: new Date(afterMs), tz: 'UTC' }).next().getTime();
}

export class LocalCron {
  private readonly schedules = new Map<string, Schedule>();
  private running = false;

  constructor(
    private readonly onTick: TickHandler,
    private readonly logger: Logger,
  ) {}

  add(id: string, expression: string, jobName: string, payload: unknown): void {
    assertJobName(jobName);
    nextTick(expression, Date.now());
    this.remove(id);
    const schedule: Schedule = { id, expression, jobName, payload, timer: null };
    this.schedules.set(id, schedule);
    if (this.running) this.arm(schedule, Date.now());
  }

  remove(id: string): void {
    const existing = this.schedules.get(id);
    if (existing?.timer) clearTimeout(existing.timer);
    this.schedules.delete(id);
  }

  get(id: string): (ScheduleInfo & { payload: unknown }) | undefined {
    const s = this.schedules.get(id);
    return s && { id: s.id, expression: s.expression, jobName: s.jobName, payload: s.payload };
  }

  list(): ScheduleInfo[] {
    return [...this.schedules.values()].map((s) => ({ id: s.id, expression: s.expression, jobName: s.jobName }));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const schedule of this.schedules.values()) this.arm(schedule, Date.now());
  }

  stop(): void {
    this.running = false;
    for (const schedule of this.schedules.values()) {
      if (schedule.timer) clearTimeout(schedule.timer);
      schedule.timer = null;
    }
  }

  private arm(schedule: Schedule, afterMs: number): void {
    const tick = nextTick(schedule.expression, afterMs);
    const wait = () => {
      schedule.timer = setTimeout(() => {
        if (!this.running || this.schedules.get(schedule.id) !== schedule) return;
        if (Date.now() < tick) return wait();
        void this.onTick(this.get(schedule.id)!, tick)
          .catch((err: unknown) =>
            this.logger.error('cron tick could not be enqueued', { schedule: schedule.id, error: err instanceof Error ? err.message : String(err) }),
          )
          .finally(() => {
            // After a long stall, resume from now rather than replaying every missed tick.
            if (this.running && this.schedules.get(schedule.id) === schedule) this.arm(schedule, Math.max(tick, Date.now() - 1));
          });
      }, Math.min(MAX_TIMER_MS, Math.max(0, tick - Date.now())));
      schedule.timer.unref();
    };
    wait();
  }
}
