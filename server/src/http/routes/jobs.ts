/**
 * Admin API over the job queue (superusers only): cron schedules as in the contract (`GET /api/crons`,
 * `POST /api/crons/{id}`), queues with counts by state, jobs of a queue by state with error and stack,
 * retry and remove. Thin: everything goes through the JobQueue contract, whichever driver runs.
 */
import type Router from '@koa/router';
import type { App } from '../../core/app.js';
import { badRequest, fieldError, notFound } from '../../core/errors.js';
import type { JobState } from '../../jobs/job-queue.js';
import { isJobName, JOB_STATES } from '../../jobs/job-run.js';
import type { PlinthRouterContext, PlinthState } from '../http-state.js';
import { queryParam, requireSuperuser } from '../route-guards.js';

const MAX_PER_PAGE = 500;

function queueParam(ctx: PlinthRouterContext): string {
  const queue = ctx.params.queue ?? '';
  if (!isJobName(queue)) throw notFound();
  return queue;
}

function positiveInt(ctx: PlinthRouterContext, name: string, fallback: number, max: number): number {
  const raw = queryParam(ctx, name);
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw badRequest('Invalid query parameters.', { [name]: fieldError('validation_invalid_value', 'Must be a positive integer.') });
  }
  return Math.min(value, max);
}

function stateParam(ctx: PlinthRouterContext): JobState {
  const raw = queryParam(ctx, 'state') || 'failed';
  if (!(JOB_STATES as readonly string[]).includes(raw)) {
    throw badRequest('Invalid query parameters.', {
      state: fieldError('validation_invalid_value', `Must be one of ${JOB_STATES.join(', ')}.`),
    });
  }
  return raw as JobState;
}

export function registerJobRoutes(router: Router<PlinthState>, app: App): void {
  const superuser = requireSuperuser();

  router.get('/api/crons', superuser, async (ctx) => {
    ctx.body = (await app.jobs.listSchedules()).map((s) => ({ id: s.id, expression: s.expression }));
  });

  router.post('/api/crons/:id', superuser, async (ctx) => {
    await app.jobs.runSchedule(ctx.params.id);
    ctx.status = 204;
  });

  router.get('/api/jobs', superuser, async (ctx) => {
    ctx.body = await app.jobs.counts();
  });

  router.get('/api/jobs/:queue', superuser, async (ctx) => {
    const queue = queueParam(ctx);
    const state = stateParam(ctx);
    const page = positiveInt(ctx, 'page', 1, Number.MAX_SAFE_INTEGER);
    const perPage = positiveInt(ctx, 'perPage', 30, MAX_PER_PAGE);
    ctx.body = { page, perPage, state, items: await app.jobs.listJobs(queue, state, page, perPage) };
  });

  router.post('/api/jobs/:queue/:id/retry', superuser, async (ctx) => {
    await app.jobs.retry(queueParam(ctx), ctx.params.id);
    ctx.status = 204;
  });

  router.delete('/api/jobs/:queue/:id', superuser, async (ctx) => {
    await app.jobs.remove(queueParam(ctx), ctx.params.id);
    ctx.status = 204;
  });
}
