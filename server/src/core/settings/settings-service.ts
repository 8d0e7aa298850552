/**
 * The SettingsService: one settings document stored under the key 'settings' through the storage port and
 * cached in memory. Stored documents written by older versions are completed with today's defaults.
 */
import { badRequest } from '../errors.js';
import { randomUUID } from 'node:crypto';
import type { StorageSession } from '../../storage/port.js';
import type { Settings, SettingsService } from './settings.js';
import { defaultSettings } from './settings-defaults.js';
import { mergeSettings, validateSettings } from './settings-validate.js';

export const SETTINGS_KEY = 'settings';
/**
 * Changes with every update, in the same transaction as the document: other instances compare it to the
 * revision they loaded and reload on a difference (cluster/instance-sync.ts).
 */
export const SETTINGS_REVISION_KEY = 'settings.revision';

export function createSettingsService(): SettingsService {
  let current: Settings = defaultSettings();

  return {
    get: () => current,

    async load(session: StorageSession) {
      const stored = await session.getValue(SETTINGS_KEY);
      if (stored && typeof stored === 'object' && !Array.isArray(stored)) {
        // Wrong-typed stored keys keep their defaults rather than failing the start.
        current = mergeSettings(defaultSettings(), stored as Record<string, unknown>).merged;
      } else {
        current = defaultSettings();
      }
    },

    async update(session: StorageSession, patch: Record<string, unknown>) {
      const { merged, typeErrors } = mergeSettings(current, patch);
      if (typeErrors) throw badRequest('An error occurred while loading the submitted data.', typeErrors);
      const invalid = validateSettings(merged);
      if (invalid) throw badRequest('An error occurred while submitting the form.', invalid);
      await session.transaction(async (tx) => {
        await tx.setValue(SETTINGS_KEY, merged);
        await tx.setValue(SETTINGS_REVISION_KEY, randomUUID());
      });
      current = merged;
      return current;
    },
  };
}
