import { describe, expect, it } from 'vitest';
import { defaultWebhookSettings, validateWebhookSettings } from './settings-webhooks.js';

describe('webhooks settings', () => {
  it('defaults to the Standard Webhooks schedule and refuses private targets', () => {
    expect(defaultWebhookSettings()).toEqual({ allowPrivateTargets: false, retrySchedule: [5, 300, 1800, 7200, 18000, 36000, 36000], timeout: 15 });
    expect(validateWebhookSettings(defaultWebhookSettings())).toBeNull();
  });

  it.each([
    [{ retrySchedule: [1, -1], timeout: 5 }, { retrySchedule: { '1': expect.anything() } }],
    [{ retrySchedule: ['5'], timeout: 5 }, { retrySchedule: { '0': expect.anything() } }],
    [{ retrySchedule: Array(51).fill(1), timeout: 5 }, { retrySchedule: expect.objectContaining({ code: 'validation_length_too_long' }) }],
    [{ retrySchedule: [], timeout: 0 }, { timeout: expect.objectContaining({ code: 'validation_invalid_value' }) }],
    [{ retrySchedule: [], timeout: 301 }, { timeout: expect.anything() }],
  ])('rejects %j', (section, errors) => {
    expect(validateWebhookSettings({ allowPrivateTargets: false, ...section })).toEqual(errors);
  });

  it('accepts fractions of a second and an empty schedule (no retries)', () => {
    expect(validateWebhookSettings({ allowPrivateTargets: true, retrySchedule: [0.2, 0], timeout: 0.5 })).toBeNull();
    expect(validateWebhookSettings({ allowPrivateTargets: true, retrySchedule: [], timeout: 1 })).toBeNull();
  });
});
