import { describe, expect, it } from 'vitest';
import { editableSettings, errorsUnder, settingsPatch } from './settings-model.js';

const settings = editableSettings({
  meta: { appName: 'Acme', appURL: 'http://localhost:8090', senderName: 'Support', senderAddress: 'support@example.com' },
  smtp: { enabled: false, host: 'smtp.example.com', port: 587, username: '' },
  s3: { enabled: true, bucket: 'b', region: 'r', endpoint: 'http://127.0.0.1:9000', accessKey: 'k', forcePathStyle: true },
  batch: { enabled: true, maxRequests: 50, timeout: 3, maxBodySize: 0 },
  rateLimits: { enabled: false, rules: [{ label: '/api/', audience: '', duration: 10, maxRequests: 300 }], excludedIPs: [] },
  logs: { maxDays: 5, minLevel: 0, logIP: true, logAuthId: false },
  trustedProxy: { headers: [], useLeftmostIP: false },
  backups: { cron: '' },
});

describe('settingsPatch', () => {
  it('leaves out write-only secrets the user did not type, so the stored ones are kept', () => {
    const patch = settingsPatch({ ...settings, smtp: { ...settings.smtp, password: '' }, s3: { ...settings.s3, secret: '' } });
    expect(patch.smtp).not.toHaveProperty('password');
    expect(patch.s3).not.toHaveProperty('secret');
    expect(patch.s3).toMatchObject({ enabled: true, bucket: 'b', forcePathStyle: true });
  });
  it('sends secrets the user typed, and only the sections the console edits', () => {
    const patch = settingsPatch({ ...settings, smtp: { ...settings.smtp, password: 'p' }, s3: { ...settings.s3, secret: 's' } });
    expect(patch.smtp.password).toBe('p');
    expect(patch.s3.secret).toBe('s');
    expect(Object.keys(patch).sort()).toEqual(['batch', 'logs', 'meta', 'rateLimits', 's3', 'smtp', 'trustedProxy']);
    expect(settingsPatch({ ...settings, webhooks: { allowPrivateTargets: true, retrySchedule: [1], timeout: 5 } }).webhooks).toMatchObject({ allowPrivateTargets: true });
  });
});

describe('errorsUnder', () => {
  it('keys the flattened server errors of one section by their path inside it', () => {
    const errors = { 'rateLimits.rules.1.maxRequests': 'Must be no less than 1.', 'batch.timeout': 'Cannot be blank.', 'rateLimitsX.y': 'other' };
    expect(errorsUnder(errors, 'rateLimits')).toEqual({ 'rules.1.maxRequests': 'Must be no less than 1.' });
    expect(errorsUnder(errors, 'batch')).toEqual({ timeout: 'Cannot be blank.' });
    expect(errorsUnder(errors, 'meta')).toEqual({});
  });
});
