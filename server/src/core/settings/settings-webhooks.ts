/**
 * The `webhooks` settings section. The default retry schedule is the Standard Webhooks one (after the first
 * attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h); tests shorten it. Private targets are refused unless
 * explicitly allowed (SSRF).
 */
import { fieldError, type FieldErrors } from '../errors.js';

export interface WebhookSettings {
  allowPrivateTargets: boolean;
  /** Seconds to wait before each retry; its length is the number of retries. */
  retrySchedule: number[];
  /** Seconds per attempt. */
  timeout: number;
}

export const defaultWebhookSettings = (): WebhookSettings => ({
  allowPrivateTargets: false,
  retrySchedule: [5, 300, 1800, 7200, 18000, 36000, 36000],
  timeout: 15,
});

const MAX_RETRIES = 50;
const MAX_DELAY = 7 * 24 * 3600;
const MAX_TIMEOUT = 300;

export function validateWebhookSettings(section: unknown): FieldErrors | null {
  const s = (section ?? {}) as Partial<WebhookSettings>;
  const errors: FieldErrors = {};
  const schedule = s.retrySchedule ?? [];
  if (schedule.length > MAX_RETRIES) {
    errors.retrySchedule = fieldError('validation_length_too_long', `Must have at most ${MAX_RETRIES} items.`);
  } else {
    const items: FieldErrors = {};
    schedule.forEach((delay, i) => {
      if (typeof delay !== 'number' || !Number.isFinite(delay) || delay < 0 || delay > MAX_DELAY) {
        items[String(i)] = fieldError('validation_invalid_value', `Must be a number of seconds between 0 and ${MAX_DELAY}.`);
      }
    });
    if (Object.keys(items).length) errors.retrySchedule = items;
  }
  const timeout = s.timeout;
  if (typeof timeout !== 'number' || !(timeout > 0) || timeout > MAX_TIMEOUT) {
    errors.timeout = fieldError('validation_invalid_value', `Must be a number of seconds above 0 and at most ${MAX_TIMEOUT}.`);
  }
  return Object.keys(errors).length ? errors : null;
}
