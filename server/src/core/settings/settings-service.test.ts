import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import type { StorageSession } from '../../storage/port.js';
import { redactSettings } from './settings-defaults.js';
import { createSettingsService } from './settings-service.js';

function memorySession(initial?: unknown) {
  const values = new Map<string, unknown>(initial === undefined ? [] : [['settings', initial]]);
  const session = {
    getValue: async (k: string) => structuredClone(values.get(k)),
    setValue: async (k: string, v: unknown) => void values.set(k, structuredClone(v)),
    transaction: async (fn: (tx: unknown) => Promise<unknown>) => fn(session),
  } as unknown as StorageSession;
  return { session, values };
}

describe('settings service', () => {
  it('starts from PocketBase defaults', async () => {
    const { session } = memorySession();
    const service = createSettingsService();
    await service.load(session);
    expect(service.get().meta).toMatchObject({ appName: 'Acme', appURL: 'http://localhost:8090' });
    expect(service.get().batch).toEqual({ enabled: false, maxRequests: 50, timeout: 3, maxBodySize: 0 });
  });

  it('merges a partial update, persists it and reloads it', async () => {
    const { session, values } = memorySession();
    const service = createSettingsService();
    await service.load(session);
    await service.update(session, { meta: { appName: 'Plinth' }, batch: { enabled: true }, unknownSection: 1 });
    expect(values.get('settings')).toMatchObject({ meta: { appName: 'Plinth', senderName: 'Support' }, batch: { enabled: true, maxRequests: 50 } });
    const again = createSettingsService();
    await again.load(session);
    expect(again.get().meta.appName).toBe('Plinth');
    expect(again.get()).not.toHaveProperty('unknownSection');
    // Other instances learn of the change from a new revision, written with the document.
    const revision = values.get('settings.revision');
    expect(typeof revision).toBe('string');
    await service.update(session, { meta: { appName: 'Plinth 2' } });
    expect(values.get('settings.revision')).not.toBe(revision);
  });

  it('rejects invalid values with field errors and keeps the old settings', async () => {
    const { session } = memorySession();
    const service = createSettingsService();
    await service.load(session);
    const err = await service.update(session, { meta: { appName: '', appURL: 'nope' }, batch: { maxRequests: -1 } }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(400);
    expect(err.data).toMatchObject({
      meta: { appName: { code: 'validation_required' }, appURL: { code: 'validation_is_url' } },
      batch: { maxRequests: { code: 'validation_min_greater_equal_than_required' } },
    });
    expect(service.get().meta.appName).toBe('Acme');
    const typed = await service.update(session, { batch: { enabled: 'yes' } }).catch((e) => e);
    expect(typed.data).toMatchObject({ batch: { enabled: { code: 'validation_invalid_value' } } });
  });

  it('never serialises secrets', async () => {
    const { session } = memorySession();
    const service = createSettingsService();
    await service.load(session);
    const saved = await service.update(session, { smtp: { password: 'p4ss' }, s3: { secret: 's3cret' } });
    expect((saved.smtp as { password: string }).password).toBe('p4ss');
    const shown = redactSettings(saved) as Record<string, Record<string, unknown>>;
    expect(shown.smtp).not.toHaveProperty('password');
    expect(shown.s3).not.toHaveProperty('secret');
  });
});
