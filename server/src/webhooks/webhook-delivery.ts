/**
 * One delivery attempt, run as a job of the `webhooks:deliver` queue: sign, POST, log the attempt, and decide
 * what comes next. 2xx = delivered; 410 = the endpoint is gone, the webhook is disabled; anything else (other
 * statuses, timeouts, network errors, refused targets) is retried after the next delay of
 * settings.webhooks.retrySchedule, as a new delayed job, until the schedule is exhausted.
 *
 * The next attempt is enqueued before the attempt is logged: a crash in between repeats an attempt (the job
 * queue reruns the unfinished job) but never loses one. Receivers dedupe on `webhook-id` (the event id).
 */
import type { App } from '../core/app.js';
import type { RecordData } from '../storage/port.js';
import { sendAttempt, type AttemptResult } from './webhook-http.js';
import { signWebhook } from './webhook-signature.js';
import { disableWebhook, findWebhook, recordAttempt, type DeliveryAttempt, type DeliveryState, type Webhook } from './webhook-store.js';

export const DELIVERY_QUEUE = 'webhooks:deliver';

export interface DeliveryJob {
  webhookId: string;
  /** The committed event's id: the `webhook-id` header, the same on every attempt and replay. */
  eventId: string;
  type: string;
  /** The JSON body, kept as text so every attempt signs and sends the same bytes. */
  body: string;
  /** 1-based. */
  attempt: number;
  /** Dedup id of the chain's first job; attempt n > 1 is enqueued as `${chain}:${n}`. */
  chain: string;
}

/** Headers a webhook's own `headers` may not override. */
const RESERVED = new Set(['content-type', 'content-length', 'host', 'user-agent', 'webhook-id', 'webhook-timestamp', 'webhook-signature']);

export interface AttemptOptions {
  /** false for test sends: one attempt, never retried. */
  retry: boolean;
  /** Test sends go out even to a disabled webhook. */
  includeDisabled: boolean;
  /** Where the webhook is read from (default: storage; the delivery job passes its cache). */
  find?: (id: string) => Promise<Webhook | null>;
  /** How the attempt is logged (default: one insert; the delivery job passes its batched log). */
  record?: (attempt: DeliveryAttempt) => Promise<RecordData>;
}

/** Runs one attempt; returns the logged delivery row, or null when the webhook is gone or disabled. */
export async function runAttempt(app: App, job: DeliveryJob, opts: AttemptOptions): Promise<RecordData | null> {
  const webhook = await (opts.find ?? ((id: string) => findWebhook(app, id)))(job.webhookId);
  if (!webhook || (!webhook.enabled && !opts.includeDisabled)) return null;
  const settings = app.settings.get().webhooks;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(webhook.headers)) if (!RESERVED.has(name.toLowerCase())) headers[name] = value;
  Object.assign(headers, { 'content-type': 'application/json', 'user-agent': 'Plinth-Webhooks/1.0' }, signWebhook(webhook.secret, job.eventId, app.now(), job.body));

  const result = await sendAttempt({
    url: webhook.url,
    headers,
    body: job.body,
    timeoutMs: Math.round(settings.timeout * 1000),
    allowPrivateTargets: settings.allowPrivateTargets,
  });
  const delay = opts.retry ? settings.retrySchedule[job.attempt - 1] : undefined;
  const state = stateOf(result, delay !== undefined);
  let nextAttempt: Date | null = null;
  if (state === 'retrying') {
    nextAttempt = new Date(app.now().getTime() + delay! * 1000);
    const next: DeliveryJob = { ...job, attempt: job.attempt + 1 };
    await app.jobs.enqueue(DELIVERY_QUEUE, next, { delayMs: Math.round(delay! * 1000), dedupId: `${job.chain}:${next.attempt}` });
  }
  if (state === 'disabled') await disableWebhook(app, webhook.id);

  const result_ = result.error === 'refused' ? 'refused' : state;
  app.metrics.webhookDeliveries.inc({ result: result_ });
  app.metrics.webhookLatency.observe({ result: result_ }, result.durationMs / 1000);

  return (opts.record ?? ((attempt: DeliveryAttempt) => recordAttempt(app, attempt)))({
    webhook: webhook.id,
    eventId: job.eventId,
    type: job.type,
    attempt: job.attempt,
    status: result.status,
    duration: result.durationMs,
    response: result.excerpt,
    error: result.error ?? '',
    nextAttempt,
    state,
    payload: parseBody(job.body),
  });
}

function stateOf(result: AttemptResult, canRetry: boolean): DeliveryState {
  if (result.status >= 200 && result.status < 300) return 'delivered';
  if (result.status === 410) return 'disabled';
  return canRetry ? 'retrying' : 'failed';
}

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
