/**
 * A plugin's namespaced settings section: stored through the storage port under `plugins.<name>.settings`,
 * merged and type-checked like the core settings (only keys of the defaults, same JSON types), then checked by
 * the plugin's own validator. Cached per instance; `reload()` re-reads it (GET /api/plugins does).
 */
import { badRequest } from '../core/errors.js';
import { mergeSettings } from '../core/settings/settings-validate.js';
import type { Settings } from '../core/settings/settings.js';
import type { StorageSession } from '../storage/port.js';
import type { PluginSettings, PluginSettingsSpec } from './plugin-api.js';

export interface PluginSettingsStore<S> extends PluginSettings<S> {
  readonly declared: boolean;
  reload(): Promise<S>;
}

const keyOf = (plugin: string) => `plugins.${plugin}.settings`;

// mergeSettings only walks plain JSON objects: any section shape goes through it unchanged.
const merge = (base: Record<string, unknown>, patch: Record<string, unknown>) =>
  mergeSettings(base as unknown as Settings, patch) as unknown as { merged: Record<string, unknown>; typeErrors: ReturnType<typeof mergeSettings>['typeErrors'] };

export function createPluginSettings<S extends Record<string, unknown>>(
  plugin: string,
  spec: PluginSettingsSpec<S> | undefined,
  storage: StorageSession,
): PluginSettingsStore<S> {
  const defaults = (spec?.defaults ?? {}) as S;
  let current: S = structuredClone(defaults);

  return {
    declared: spec !== undefined,
    get: () => current,
    async reload() {
      const stored = await storage.getValue(keyOf(plugin));
      // Keys written by an older version of the plugin, or of the wrong type, keep their defaults.
      const isObject = stored !== null && typeof stored === 'object' && !Array.isArray(stored);
      current = (isObject ? merge(structuredClone(defaults), stored as Record<string, unknown>).merged : structuredClone(defaults)) as S;
      return current;
    },
    async update(patch) {
      if (!spec) throw badRequest(`Plugin "${plugin}" has no settings.`);
      const { merged, typeErrors } = merge(current, patch);
      if (typeErrors) throw badRequest('An error occurred while loading the submitted data.', typeErrors);
      const invalid = spec.validate?.(merged as S) ?? null;
      if (invalid && Object.keys(invalid).length) throw badRequest('An error occurred while submitting the form.', invalid);
      await storage.setValue(keyOf(plugin), merged);
      current = merged as S;
      return current;
    },
  };
}
